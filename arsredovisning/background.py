"""Run one function beside the caller, in a forked child process (the machines have two cores).

``Background(fn)`` forks at once; ``result()`` waits and returns ``fn()``'s value, or None when it
could not run there (no ``fork`` on the platform, threads running in this process — forking them
is unsafe —, the child failed or its value could not be pickled). Callers treat None as "do it
yourself", so a result never depends on whether the child ran. The child leaves with ``os._exit``
(not the parent's exit handlers), so finalizers do not run there: its temporary files (WeasyPrint's
font folders) go into a folder of its own, removed when it leaves and again when it is reaped (a
killed child). A leaf module.
"""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
from typing import Callable, Generic, TypeVar

T = TypeVar("T")
# The child's priority. Measured: at nice 10 on the shared machine the child was starved by other
# processes and finished after the layout (ratio 1.19 against 0.99 at nice 0), so it stays at 0.
NICE = 0


class Background(Generic[T]):
    def __init__(self, fn: Callable[[], T]):
        self._pid: int | None = None
        self._read: int | None = None
        self._temporary = ""
        if not hasattr(os, "fork") or threading.active_count() > 1:
            return
        try:
            temporary = tempfile.mkdtemp(prefix="arsredovisning-")
        except OSError:
            return
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            read, write = os.pipe()
        except OSError:
            shutil.rmtree(temporary, ignore_errors=True)
            return
        try:
            pid = os.fork()
        except OSError:  # no memory or process left for a child: the caller does the work
            os.close(read)
            os.close(write)
            shutil.rmtree(temporary, ignore_errors=True)
            return
        if pid == 0:  # the child: compute, send, leave without running the parent's exit handlers
            os.close(read)
            try:
                os.nice(NICE)
            except OSError:
                pass
            tempfile.tempdir = temporary
            try:
                data = pickle.dumps(fn(), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:  # noqa: BLE001 - the parent computes it again and sees the error itself
                data = b""
            try:
                shutil.rmtree(temporary, ignore_errors=True)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(data)
            finally:
                os._exit(0)
        os.close(write)
        self._pid, self._read, self._temporary = pid, read, temporary

    def result(self) -> T | None:
        if self._pid is None:
            return None
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()
        self._reap()
        if not data:
            return None
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001
            return None

    def cancel(self) -> None:
        """Stop the child (its value is not needed)."""
        if self._pid is None:
            return
        try:
            os.kill(self._pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(self._read)
        self._reap()

    def _reap(self) -> None:
        os.waitpid(self._pid, 0)
        shutil.rmtree(self._temporary, ignore_errors=True)  # what a killed child left
        self._pid = None
