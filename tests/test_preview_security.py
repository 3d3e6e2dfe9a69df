"""granska's gate, against the real server: only 127.0.0.1, only with the token (the first segment
of every path, never a cookie: a cookie on 127.0.0.1 reaches every port), only a local Host header,
nothing from another site or port, a build only from the page itself (Origin and its CSRF value),
``nosniff`` on every response, and from the årsmapp only its images, sandboxed — no ``..``, no
absolute path, no symlink out of the folder, no script in an SVG. Raw requests (http.client), so no
client normalises the paths first; and one Chromium test with a page on another 127.0.0.1 port."""

from __future__ import annotations

import http.client
import http.server
import json
import os
import threading

import pytest

from tests import granska_server
from tests.browser import chromium

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\0" * 20
EVIL_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>
document.documentElement.setAttribute("data-ran", "1");
fetch("../bygg", {method: "POST", headers: {"X-Granska-CSRF": "x"}});
</script><rect width="10" height="10"/></svg>"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("granska")
    (tmp / "utanfor.png").write_bytes(PNG)  # beside the årsmapp, never to be served
    running = granska_server.start(tmp)
    (running.folder / "logo.png").write_bytes(PNG)
    (running.folder / "ond.svg").write_bytes(EVIL_SVG)
    os.symlink(tmp / "utanfor.png", running.folder / "lank.png")
    yield running
    assert running.stop() == 0, "".join(running.stderr)
    assert "Traceback" not in "".join(running.stderr)


def request(server, path: str, *, host: str | None = None, method: str = "GET", headers: dict | None = None,
            token: bool = True):
    """``path`` under the token (``token=False``: as given)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
    conn.putrequest(method, f"/{server.token}{path}" if token else path, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", f"127.0.0.1:{server.port}" if host is None else host)
    for name, value in (headers or {}).items():
        conn.putheader(name, value)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def build_children(server) -> list[str]:
    """The processes granska started (a build is ``python -m arsredovisning bygg``)."""
    pid = server.process.pid
    children = open(f"/proc/{pid}/task/{pid}/children").read().split()
    return [open(f"/proc/{c}/cmdline", "rb").read().replace(b"\0", b" ").decode() for c in children]


def test_listens_on_127_0_0_1_only(server):
    assert server.address.startswith("http://127.0.0.1:")
    lines = open(f"/proc/{server.process.pid}/net/tcp").read().splitlines()[1:]
    listening = [line.split()[1] for line in lines if line.split()[3] == "0A"]  # state LISTEN
    ours = [a for a in listening if int(a.split(":")[1], 16) == server.port]
    assert ours == ["0100007F:" + f"{server.port:04X}"]


def test_without_the_token_every_path_is_refused(server):
    for path in ("/", "/panel", "/rapport", "/handelser", "/granska.js", "/arsmapp/logo.png", "/?token=fel",
                 "/fel-token/", "/fel-token/rapport", f"/{server.token[:-1]}/", f"/x{server.token}/"):
        response, body = request(server, path, token=False)
        assert response.status == 403, path
        assert "Åtkomst nekad" in body.decode()
        assert response.getheader("X-Content-Type-Options") == "nosniff"
    response, _ = request(server, "/bygg", method="POST", token=False)
    assert response.status == 403


def test_the_token_is_in_the_path_never_in_a_cookie(server):
    response, _ = request(server, f"/?token={server.token}", token=False)  # the older form of the address
    assert response.status == 303
    assert response.getheader("Location") == f"/{server.token}/"
    assert response.getheader("Set-Cookie") is None
    response, body = request(server, "/")
    assert response.status == 200 and response.getheader("Set-Cookie") is None
    page = body.decode()
    assert "Granska" in page and 'name="granska-csrf"' in page
    assert "script-src 'self'" in response.getheader("Content-Security-Policy")
    assert server.address == f"http://127.0.0.1:{server.port}/{server.token}/"


def test_every_response_is_nosniff_and_not_embeddable_elsewhere(server):
    for path in ("/", "/panel", "/rapport", "/granska.js", "/granska.css", "/arsmapp/logo.png", "/finns-inte"):
        response, _ = request(server, path)
        assert response.getheader("X-Content-Type-Options") == "nosniff", path
        assert response.getheader("Cross-Origin-Resource-Policy") == "same-origin", path
        assert response.getheader("Referrer-Policy") == "no-referrer", path
    response, _ = request(server, "/", host="evil.example")
    assert response.status == 400 and response.getheader("X-Content-Type-Options") == "nosniff"


def test_a_foreign_host_header_is_refused_even_with_the_token(server):
    for host in ("evil.example", f"evil.example:{server.port}", f"127.0.0.1:{server.port + 1}", "127.0.0.1", ""):
        response, body = request(server, "/", host=host)
        assert response.status == 400, host
        assert "Okänd värd" in body.decode()
    response, _ = request(server, "/", host=f"localhost:{server.port}")
    assert response.status == 200


def test_a_request_from_another_site_or_port_is_refused(server):
    for site in ("same-site", "cross-site"):  # another port of 127.0.0.1 is "same-site"
        for path in ("/", "/rapport", "/panel"):
            response, _ = request(server, path, headers={"Sec-Fetch-Site": site})
            assert response.status == 403, (site, path)
    response, _ = request(server, "/rapport", headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status == 200


def test_a_build_starts_only_from_the_page_itself(server):
    own = f"http://127.0.0.1:{server.port}"
    attempts = [
        {},  # a form or script without an Origin
        {"Origin": f"http://127.0.0.1:{server.port + 1}", "X-Granska-CSRF": "gissning"},
        {"Origin": "null"},
        {"Origin": own},  # right origin, no CSRF value
        {"Origin": own, "X-Granska-CSRF": "gissning"},
        {"Origin": own, "X-Granska-CSRF": "x", "Sec-Fetch-Site": "same-site"},
    ]
    for headers in attempts:
        response, body = request(server, "/bygg", method="POST", headers=headers)
        assert response.status == 403, headers
        assert "Åtkomst nekad" in body.decode()
    assert build_children(server) == []
    response, _ = request(server, "/bygg", method="OPTIONS", headers={"Origin": f"http://127.0.0.1:{server.port + 1}"})
    assert response.getheader("Access-Control-Allow-Origin") is None


def test_only_the_arsmapp_images_are_served_sandboxed(server):
    response, body = request(server, "/arsmapp/logo.png")
    assert response.status == 200 and body == PNG
    assert response.getheader("Content-Type") == "image/png"
    for name in ("logo.png", "ond.svg"):
        response, _ = request(server, f"/arsmapp/{name}")
        assert response.status == 200
        csp = response.getheader("Content-Security-Policy")
        assert csp.startswith("sandbox;") and "default-src 'none'" in csp and "script" not in csp, name
    refused = [
        "/arsmapp/../utanfor.png", "/arsmapp/%2e%2e/utanfor.png", "/arsmapp/..%2futanfor.png",
        "/arsmapp/texter/../../utanfor.png", f"/arsmapp/{server.folder.parent}/utanfor.png",
        f"/arsmapp//{server.folder.parent}/utanfor.png", "/arsmapp/%2fetc%2fpasswd", "/arsmapp/lank.png",
        "/arsmapp/indata.xlsx", "/arsmapp/texter/uppdraget.md", "/etc/passwd", "/../../etc/passwd",
        "/arsmapp/file:%2f%2f%2fetc%2fpasswd", "/arsmapp/..\\utanfor.png", "/static/granska.js",
    ]
    for path in refused:
        response, body = request(server, path)
        assert response.status in (403, 404), path
        assert b"\x89PNG" not in body and b"root:" not in body, path


ATTACK = """<!doctype html><html><body><iframe name="mal" id="mal"></iframe>
<form id="f" method="POST" action="{base}bygg" target="mal"></form>
<pre id="ut"></pre>
<script>
const out = document.getElementById("ut");
async function tryFetch(path, init) {{
  try {{ const r = await fetch("{base}" + path, init); return r.type + ":" + r.status + ":" + (await r.text()).length; }}
  catch (e) {{ return "blockerad"; }}
}}
(async () => {{
  const results = [];
  results.push(await tryFetch("rapport", {{credentials: "include"}}));
  results.push(await tryFetch("bygg", {{method: "POST", credentials: "include", headers: {{"X-Granska-CSRF": "x"}}}}));
  results.push(await tryFetch("bygg", {{method: "POST", mode: "no-cors", credentials: "include"}}));
  out.textContent = JSON.stringify(results);
  document.getElementById("mal").onload = () => {{ document.body.dataset.klar = "ja"; }};
  document.getElementById("f").submit();
}})();
</script></body></html>"""


@pytest.mark.browser
def test_another_local_port_can_neither_build_nor_read_and_an_svg_runs_nothing(server):
    """The worst case: a page on another 127.0.0.1 port that even knows the address. Its form and
    its fetch start no build and read nothing; a server on that port receives no token; the SVG
    with a script in the årsmapp, opened on its own, runs nothing."""
    seen: list[str] = []

    class Attacker(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            seen.append(str(self.headers))
            body = ATTACK.format(base=server.address).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    attacker = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Attacker)
    threading.Thread(target=attacker.serve_forever, daemon=True).start()
    try:
        with chromium() as browser:
            page = browser.new_page()
            page.goto(server.address)  # the ekonom's tab: whatever granska gives a browser, it has now
            page.wait_for_selector("#panel")
            other = browser.new_page()
            other.goto(f"http://127.0.0.1:{attacker.server_address[1]}/")
            other.wait_for_selector('body[data-klar="ja"]', timeout=30_000)
            results = other.locator("#ut").inner_text()
            assert all(r in ("blockerad", "opaque:0:0") for r in json.loads(results)), results  # nothing read
            form_answer = other.frame("mal").content()
            assert "Åtkomst nekad" in form_answer, form_answer
            # The SVG opened on its own: sandboxed, its script does not run.
            svg = browser.new_page()
            svg.goto(f"{server.address}arsmapp/ond.svg")
            assert svg.evaluate("() => document.documentElement.getAttribute('data-ran')") is None
    finally:
        attacker.shutdown()
    assert seen and not any(server.token in headers for headers in seen), seen
    assert build_children(server) == []
    assert not server.out.exists()
