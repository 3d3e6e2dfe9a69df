"""Bind 127.0.0.1, print the address (with its token), run uvicorn until Ctrl-C — which stops the
watcher, a running build and the server cleanly.

The port and token are remembered per årsmapp (``<cache>/granska/<hash>.json``, readable only by the
user): started again, granska takes the same port (``SO_REUSEADDR``, so at once, not after the
system's minute of ``TIME_WAIT``) and the same token, so a tab left open reconnects by itself. When
that port is taken, a free one is used and the open tab says to open the new address."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import sys
import threading
import webbrowser
from pathlib import Path

import uvicorn

from ..render.chart_cache import cache_folder
from .app import Preview, create_app
from .security import HOST, new_token


class PortTaken(OSError):
    """The port asked for is in use (the CLI says so in Swedish)."""


def _memory_file(folder: Path) -> Path:
    digest = hashlib.sha256(str(Path(folder).resolve()).encode("utf-8")).hexdigest()[:24]
    return cache_folder() / "granska" / f"{digest}.json"


def remembered(folder: Path) -> tuple[int, str | None]:
    """The port and token granska last used for this årsmapp, else (0, None)."""
    try:
        data = json.loads(_memory_file(folder).read_text(encoding="utf-8"))
        port, token = int(data["port"]), str(data["token"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0, None
    if not (0 < port < 65536) or len(token) < 24 or not token.replace("-", "").replace("_", "").isalnum():
        return 0, None
    return port, token


def remember(folder: Path, port: int, token: str) -> None:
    path = _memory_file(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"port": port, "token": token}, fh)
        os.replace(tmp, path)
    except OSError:  # a read-only cache: the next start gets a new address, nothing worse
        pass


def _bind(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # restart at once after Ctrl-C
    try:
        sock.bind((HOST, port))
    except OSError:
        sock.close()
        raise
    return sock


class _Server(uvicorn.Server):
    """uvicorn, which on Ctrl-C first ends the page's event streams (else it waits for them)."""

    def __init__(self, config: uvicorn.Config, preview: Preview):
        super().__init__(config)
        self.preview = preview

    def handle_exit(self, sig, frame) -> None:
        loop = self.preview.loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.preview.closing)
        super().handle_exit(sig, frame)


def serve(folder: Path, out: Path, *, port: int = 0, open_browser: bool = True, templates: Path | None = None) -> None:
    last_port, last_token = remembered(folder)
    sock = None
    if port == 0 and last_port:
        try:
            sock = _bind(last_port)
        except OSError:
            sock = None
    if sock is None:
        try:
            sock = _bind(port)
        except OSError as exc:
            raise PortTaken(exc.errno, exc.strerror) from exc
    sock.listen(64)
    port = sock.getsockname()[1]
    token = last_token or new_token()
    remember(folder, port, token)
    address = f"http://{HOST}:{port}/{token}/"
    print(address, flush=True)
    print("Förhandsvisningen uppdateras när du sparar arbetsboken eller en text. Avsluta med Ctrl-C.",
          file=sys.stderr, flush=True)
    preview = Preview(folder, out, templates)
    app = create_app(preview, token, port, new_token())
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                            timeout_graceful_shutdown=1, server_header=False)
    server = _Server(config, preview)
    if open_browser:
        threading.Thread(target=webbrowser.open, args=(address,), daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn shut down cleanly, then passes Ctrl-C on: that is the normal end
        pass
    finally:
        sock.close()
    print("Förhandsvisningen avslutad.", file=sys.stderr, flush=True)
