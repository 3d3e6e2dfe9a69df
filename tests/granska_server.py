"""A real ``arsredovisning granska`` process on a copy of the example, for the preview's tests and
the benchmark: started through the entry point, its first stdout line read as the address."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "input" / "2016"


@dataclass
class Server:
    process: subprocess.Popen
    address: str  # http://127.0.0.1:<port>/<token>/
    folder: Path  # the copy of the example it watches
    out: Path
    stderr: list[str]
    env: dict[str, str]  # the environment it started with (its cache, where it remembers its address)

    @property
    def port(self) -> int:
        return urlsplit(self.address).port

    @property
    def token(self) -> str:
        return urlsplit(self.address).path.strip("/")

    def stop(self) -> int:
        """Ctrl-C, as in a terminal; the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def start(tmp: Path, *extra: str) -> Server:
    folder = tmp / "2016"
    shutil.copytree(EXAMPLE, folder)
    return launch(folder, tmp / "output", *extra)


def restart(server: Server, *extra: str) -> Server:
    """granska again on the same årsmapp (after :meth:`Server.stop`), as the ekonom would."""
    return launch(server.folder, server.out, *extra, env=server.env)


def launch(folder: Path, out: Path, *extra: str, env: dict[str, str] | None = None) -> Server:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"} if env is None else env
    process = subprocess.Popen(
        [sys.executable, "-m", "arsredovisning", "granska", str(folder), "--ingen-webblasare", "--ut", str(out), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=folder.parent, env=env)
    address = process.stdout.readline().strip()
    stderr: list[str] = []
    threading.Thread(target=lambda: stderr.extend(process.stderr), daemon=True).start()
    threading.Thread(target=lambda: process.stdout.read(), daemon=True).start()
    if not address.startswith("http://127.0.0.1:"):
        process.kill()
        raise RuntimeError(f"granska printed {address!r} first; stderr: {''.join(stderr)}")
    return Server(process, address, folder, out, stderr, env)
