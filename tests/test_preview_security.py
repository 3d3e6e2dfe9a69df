"""granska's gate, against the real server: only 127.0.0.1, only with the token (then as a cookie),
only a local Host header, and from the årsmapp only its images — no ``..``, no absolute path, no
symlink out of the folder. Raw requests (http.client), so no client normalises the paths first."""

from __future__ import annotations

import http.client
import os

import pytest

from tests import granska_server

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\0" * 20


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("granska")
    (tmp / "utanfor.png").write_bytes(PNG)  # beside the årsmapp, never to be served
    running = granska_server.start(tmp)
    (running.folder / "logo.png").write_bytes(PNG)
    os.symlink(tmp / "utanfor.png", running.folder / "lank.png")
    yield running
    assert running.stop() == 0, "".join(running.stderr)
    assert "Traceback" not in "".join(running.stderr)


def request(server, path: str, *, host: str | None = None, cookie: str | None = None, method: str = "GET"):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
    conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", f"127.0.0.1:{server.port}" if host is None else host)
    if cookie is not None:
        conn.putheader("Cookie", f"granska={cookie}")
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def test_listens_on_127_0_0_1_only(server):
    assert server.address.startswith("http://127.0.0.1:")
    lines = open(f"/proc/{server.process.pid}/net/tcp").read().splitlines()[1:]
    listening = [line.split()[1] for line in lines if line.split()[3] == "0A"]  # state LISTEN
    ours = [a for a in listening if int(a.split(":")[1], 16) == server.port]
    assert ours == ["0100007F:" + f"{server.port:04X}"]


def test_without_the_token_every_path_is_refused(server):
    for path in ("/", "/panel", "/rapport", "/handelser", "/granska.js", "/arsmapp/logo.png", "/?token=fel"):
        response, body = request(server, path)
        assert response.status == 403, path
        assert "Åtkomst nekad" in body.decode()
    response, _ = request(server, "/bygg", method="POST")
    assert response.status == 403
    response, _ = request(server, "/", cookie="fel-token")
    assert response.status == 403


def test_the_token_becomes_a_cookie(server):
    response, _ = request(server, f"/?token={server.token}")
    assert response.status == 303
    assert response.getheader("Location") == "/"
    cookie = response.getheader("Set-Cookie")
    assert cookie.startswith(f"granska={server.token};") and "HttpOnly" in cookie and "SameSite=strict" in cookie
    response, body = request(server, "/", cookie=server.token)
    assert response.status == 200
    assert "Granska" in body.decode()
    assert "script-src 'self'" in response.getheader("Content-Security-Policy")


def test_a_foreign_host_header_is_refused_even_with_the_token(server):
    for host in ("evil.example", f"evil.example:{server.port}", f"127.0.0.1:{server.port + 1}", "127.0.0.1", ""):
        response, body = request(server, "/", host=host, cookie=server.token)
        assert response.status == 400, host
        assert "Okänd värd" in body.decode()
    response, _ = request(server, "/", host=f"localhost:{server.port}", cookie=server.token)
    assert response.status == 200


def test_only_the_arsmapp_images_are_served(server):
    response, body = request(server, "/arsmapp/logo.png", cookie=server.token)
    assert response.status == 200 and body == PNG
    assert response.getheader("Content-Type") == "image/png"
    refused = [
        "/arsmapp/../utanfor.png", "/arsmapp/%2e%2e/utanfor.png", "/arsmapp/..%2futanfor.png",
        "/arsmapp/texter/../../utanfor.png", f"/arsmapp/{server.folder.parent}/utanfor.png",
        f"/arsmapp//{server.folder.parent}/utanfor.png", "/arsmapp/%2fetc%2fpasswd", "/arsmapp/lank.png",
        "/arsmapp/indata.xlsx", "/arsmapp/texter/uppdraget.md", "/etc/passwd", "/../../etc/passwd",
        "/arsmapp/file:%2f%2f%2fetc%2fpasswd", "/arsmapp/..\\utanfor.png", "/static/granska.js",
    ]
    for path in refused:
        response, body = request(server, path, cookie=server.token)
        assert response.status == 404, path
        assert b"\x89PNG" not in body and b"root:" not in body, path
        assert "Finns inte" in body.decode(), path
