"""The gate in front of every request, and the one rule for which årsmapp files may be served.

- **Host**: only ``127.0.0.1:<port>`` and ``localhost:<port>`` — a page on another site whose name
  is made to resolve to 127.0.0.1 (DNS rebinding) sends its own name and is refused.
- **Token**: a random token in the printed address; the first visit with ``?token=`` sets it as a
  cookie (``HttpOnly``, ``SameSite=Strict``) and redirects to the address without it. Every request
  without the token (cookie or query) is refused.
- **Files**: only images inside the årsmapp, decided by the report's own URL policy
  (``render.urls.UrlPolicy.image_path``): no ``..``, no absolute path, no symlink out of the folder.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import urlencode

from starlette.datastructures import URL
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from ..render.assets import Assets
from ..render.urls import UrlPolicy

COOKIE = "granska"
HOST = "127.0.0.1"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Gate:
    """ASGI middleware: refuse a foreign Host header, then any request without the token."""

    def __init__(self, app: ASGIApp, token: str, port: int):
        self.app = app
        self.token = token
        self.port = port

    def allowed_hosts(self) -> set[str]:
        return {f"{HOST}:{self.port}", f"localhost:{self.port}"}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        host = request.headers.get("host", "")
        if host not in self.allowed_hosts():
            await PlainTextResponse("Okänd värd: förhandsvisningen svarar bara på adressen som granska skrev ut.",
                                    status_code=400)(scope, receive, send)
            return
        given = request.query_params.get("token")
        if given is not None and _same(given, self.token):
            if request.method == "GET":  # first visit: the token into a cookie, out of the address bar
                query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
                target = URL(path=request.url.path, query=query)
                response = RedirectResponse(str(target), status_code=303)
                response.set_cookie(COOKIE, self.token, httponly=True, samesite="strict", path="/")
                await response(scope, receive, send)
                return
        elif not _same(request.cookies.get(COOKIE, ""), self.token):
            await PlainTextResponse("Åtkomst nekad: öppna adressen med token som granska skrev ut i terminalen.",
                                    status_code=403)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _same(given: str, token: str) -> bool:
    return secrets.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def folder_image(folder: Path, relative: str) -> Path | None:
    """The image ``relative`` inside the årsmapp, or None (the PDF's own URL policy decides)."""
    if not relative or "\\" in relative or relative.startswith("/") or ":" in relative:
        return None
    return UrlPolicy(Assets.create(), folder).image_path(relative)
