"""Run one function beside the caller, in a forked child process (the machines have two cores).

``Background(fn)`` forks at once and calls ``fn(receive)`` in the child; ``result()`` waits and
returns its value, or None when it could not run there (no ``fork`` on the platform, threads
running in this process — forking them is unsafe —, the child failed or its value could not be
pickled). Callers treat None as "do it yourself", so a result never depends on whether the child
ran. ``send(value)`` gives the child one value that the parent knows only later: ``receive()``
waits for it (and raises ``EOFError`` when the parent calls ``result()`` or ``cancel()`` without
having sent it), so the child can start early and still use it — forked early, the child shares
only the parent's smaller early memory. The child leaves with ``os._exit`` (not the parent's exit
handlers), so finalizers do not run there: its temporary files (WeasyPrint's font folders) go into
a folder of its own, removed when it leaves and again when it is reaped (a killed child). A leaf
module.
"""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
from typing import Any, Callable, Generic, TypeVar

T = TypeVar("T")
# The child's priority. Measured: at nice 10 on the shared machine the child was starved by other
# processes and finished after the layout (ratio 1.19 against 0.99 at nice 0), so it stays at 0.
NICE = 0

Receive = Callable[[], Any]
# The parent's ends of the pipes of the children running: a child forked later closes its copies,
# so that each child sees the end of its inbox when the parent closes it.
_OPEN: set[int] = set()


def _roomy(pipe: int) -> None:
    """Let the pipe hold 1 MiB (Linux; the default is 64 KiB), so that send() can write the value
    and go on while the child is still busy before it reads it."""
    try:
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError):
        pass


class Background(Generic[T]):
    def __init__(self, fn: Callable[[Receive], T]):
        self._pid: int | None = None
        self._read: int | None = None  # the child's value
        self._inbox: int | None = None  # the value sent to the child
        self._temporary = ""
        if not hasattr(os, "fork") or threading.active_count() > 1:
            return
        pipes: list[int] = []
        try:
            temporary = tempfile.mkdtemp(prefix="arsredovisning-")
        except OSError:
            return
        try:
            read, write = os.pipe()
            pipes += [read, write]
            inbox_read, inbox = os.pipe()
            pipes += [inbox_read, inbox]
            _roomy(inbox)
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
        except OSError:  # no pipe, memory or process left for a child: the caller does the work
            for fd in pipes:
                os.close(fd)
            shutil.rmtree(temporary, ignore_errors=True)
            return
        if pid == 0:  # the child: compute, send, leave without running the parent's exit handlers
            for fd in (read, inbox, *_OPEN):  # another child's pipes: its parent's ends stay the parent's
                os.close(fd)
            _OPEN.clear()
            try:
                os.nice(NICE)
            except OSError:
                pass
            tempfile.tempdir = temporary

            inbox_file = os.fdopen(inbox_read, "rb")

            def receive() -> Any:
                with inbox_file:
                    return pickle.loads(inbox_file.read())  # b"": the parent sent nothing (EOFError)

            try:
                data = pickle.dumps(fn(receive), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:  # noqa: BLE001 - the parent computes it again and sees the error itself
                data = b""
            try:
                inbox_file.close()  # not received: the parent's send() ends at once instead of waiting for it
                shutil.rmtree(temporary, ignore_errors=True)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(data)
            finally:
                os._exit(0)
        os.close(write)
        os.close(inbox_read)
        self._pid, self._read, self._inbox, self._temporary = pid, read, inbox, temporary
        _OPEN.update((read, inbox))

    def send(self, value: Any) -> None:
        """Give the child its one later value (nothing happens when no child runs or it has died)."""
        if self._inbox is None:
            return
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - the child gets nothing (EOFError) and the parent does the work
            data = b""
        inbox, self._inbox = self._inbox, None
        _OPEN.discard(inbox)
        try:
            with os.fdopen(inbox, "wb") as pipe:
                pipe.write(data)
        except OSError:  # the child has died: result() sees it
            pass

    def result(self) -> T | None:
        if self._pid is None:
            return None
        self._close_inbox()
        assert self._read is not None  # open while the child runs
        _OPEN.discard(self._read)
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
        self._close_inbox()
        assert self._read is not None
        _OPEN.discard(self._read)
        os.close(self._read)
        self._reap()

    def _close_inbox(self) -> None:
        if self._inbox is not None:
            _OPEN.discard(self._inbox)
            os.close(self._inbox)
            self._inbox = None

    def _reap(self) -> None:
        assert self._pid is not None
        os.waitpid(self._pid, 0)
        shutil.rmtree(self._temporary, ignore_errors=True)  # what a killed child left
        self._pid = None
