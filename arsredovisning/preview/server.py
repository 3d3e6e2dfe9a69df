"""Bind 127.0.0.1, print the address (with its token) as the first line on stdout, open the browser
and run uvicorn until Ctrl-C, which stops the watcher, a running build and the server cleanly."""

from __future__ import annotations

import socket
import sys
import threading
import webbrowser
from pathlib import Path

import uvicorn

from .app import Preview, create_app
from .security import HOST, new_token


class PortTaken(OSError):
    """The port asked for is in use (the CLI says so in Swedish)."""


def serve(folder: Path, out: Path, *, port: int = 0, open_browser: bool = True, templates: Path | None = None) -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise PortTaken(exc.errno, exc.strerror) from exc
    sock.listen(64)
    port = sock.getsockname()[1]
    token = new_token()
    address = f"http://{HOST}:{port}/?token={token}"
    print(address, flush=True)
    print("Förhandsvisningen uppdateras när du sparar arbetsboken eller en text. Avsluta med Ctrl-C.",
          file=sys.stderr, flush=True)
    preview = Preview(folder, out, templates)
    app = create_app(preview, token, port)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                            timeout_graceful_shutdown=1, server_header=False)
    server = uvicorn.Server(config)
    if open_browser:
        threading.Thread(target=webbrowser.open, args=(address,), daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn shut down cleanly, then passes Ctrl-C on: that is the normal end
        pass
    finally:
        sock.close()
    print("Förhandsvisningen avslutad.", file=sys.stderr, flush=True)
