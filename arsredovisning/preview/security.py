"""The gate in front of every request, and the one rule for which årsmapp files may be served.

- **Host**: only ``127.0.0.1:<port>`` and ``localhost:<port>`` — a page on another site whose name
  is made to resolve to 127.0.0.1 (DNS rebinding) sends its own name and is refused.
- **Token**: a random token is the first segment of every path (``/<token>/``, ``/<token>/rapport`` …):
  the page, the report, the events and the build all live under it, and the page's own links are
  relative. No cookie carries it — a cookie on 127.0.0.1 is sent to every port of the machine, so
  any other local server would receive it. ``/?token=<token>`` (the older form of the address)
  redirects to ``/<token>/``. A request without the token is refused.
- **Other sites**: a request the browser marks as coming from another site or another port
  (``Sec-Fetch-Site: same-site`` or ``cross-site`` — another port of 127.0.0.1 is "same-site") is
  refused, whatever its path. A request that changes something (``POST``) must also come from this
  page: its ``Origin`` is this server, and it carries the page's CSRF value in ``X-Granska-CSRF``
  (a form cannot set a header; a script on another origin cannot without a CORS preflight, which
  is refused).
- **Headers**: every response, refusals included, is ``nosniff``, ``no-store``, ``no-referrer``
  and ``Cross-Origin-Resource-Policy: same-origin`` (no other origin can embed it).
- **Files**: only images inside the årsmapp, decided by the report's own URL policy
  (``render.urls.UrlPolicy.image_path``): no ``..``, no absolute path, no symlink out of the folder;
  served with ``Content-Security-Policy: sandbox`` (see ``app.IMAGE_CSP``), so an SVG with a script
  runs nothing even when opened on its own.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import urlencode

from starlette.datastructures import URL, MutableHeaders
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..render.assets import Assets
from ..render.urls import UrlPolicy

HOST = "127.0.0.1"
CSRF_HEADER = "x-granska-csrf"
SAFE_METHODS = ("GET", "HEAD")
ALWAYS = {  # on every response
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}
DENIED = "Åtkomst nekad: öppna adressen med token som granska skrev ut i terminalen."


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Gate:
    """ASGI middleware: refuse a foreign Host header, a request from another site, any request
    without the token in its path, and a state-changing request without this page's Origin and
    CSRF value; the path is handed on without the token."""

    def __init__(self, app: ASGIApp, token: str, port: int, csrf: str):
        self.app = app
        self.token = token
        self.port = port
        self.csrf = csrf

    def allowed_hosts(self) -> set[str]:
        return {f"{HOST}:{self.port}", f"localhost:{self.port}"}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in ALWAYS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        refusal = self.refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        prefix = f"/{self.token}"
        rest = scope["path"][len(prefix):] or "/"
        inner = dict(scope, path=rest, raw_path=rest.encode("utf-8"))
        await self.app(inner, receive, send_with_headers)

    def refusal(self, scope: Scope):
        """The response that refuses this request, or None to let it through."""
        request = Request(scope)
        if request.headers.get("host", "") not in self.allowed_hosts():
            return PlainTextResponse("Okänd värd: förhandsvisningen svarar bara på adressen som granska skrev ut.",
                                     status_code=400)
        if request.headers.get("sec-fetch-site", "none") not in ("none", "same-origin"):
            return PlainTextResponse("Åtkomst nekad: förhandsvisningen svarar inte på anrop från andra sidor.", status_code=403)
        path = scope["path"]
        segment, _, _ = path[1:].partition("/")
        if not _same(segment, self.token):
            given = request.query_params.get("token")
            if path == "/" and request.method == "GET" and given is not None and _same(given, self.token):
                query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
                return RedirectResponse(str(URL(path=f"/{self.token}/", query=query)), status_code=303)
            return PlainTextResponse(DENIED, status_code=403)
        if path == f"/{self.token}":  # the page's relative links need the slash
            return RedirectResponse(f"/{self.token}/", status_code=303)
        if request.method not in SAFE_METHODS:
            origin = request.headers.get("origin")
            if origin not in {f"http://{h}" for h in self.allowed_hosts()}:
                return PlainTextResponse("Åtkomst nekad: bara förhandsvisningens egen sida kan starta ett bygge.",
                                         status_code=403)
            if not _same(request.headers.get(CSRF_HEADER, ""), self.csrf):
                return PlainTextResponse("Åtkomst nekad: sidan är inaktuell. Ladda om sidan och försök igen.",
                                         status_code=403)
        return None


def _same(given: str, token: str) -> bool:
    return secrets.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def folder_image(folder: Path, relative: str) -> Path | None:
    """The image ``relative`` inside the årsmapp, or None (the PDF's own URL policy decides)."""
    if not relative or "\\" in relative or relative.startswith("/") or ":" in relative:
        return None
    return UrlPolicy(Assets.create(), folder).image_path(relative)
