"""What a previous load read, so that a repeated load (``granska``'s live preview) re-reads only the
file that changed: the workbook, or one text.

A file counts as unchanged while its size, modification time and inode are the same; its cached
result is then returned as read before (the findings as a fresh list, since callers extend it).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
Stamp = tuple[int, int, int]


def file_stamp(path: Path) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


class InputCache:
    """Results of reading one file each, keyed by (what, path); see the module docstring."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[Stamp, object]] = {}
        self.reads: list[str] = []  # what was actually read from disk, for tests and timing

    def get(self, what: str, path: Path, read: Callable[[], T]) -> T:
        key = (what, str(path))
        stamp = file_stamp(path)
        hit = self._entries.get(key)
        if stamp is not None and hit is not None and hit[0] == stamp:
            return hit[1]  # type: ignore[return-value]
        value = read()
        self.reads.append(f"{what}:{path}")
        if stamp is not None and stamp == file_stamp(path):  # not changed while reading
            self._entries[key] = (stamp, value)
        else:
            self._entries.pop(key, None)
        return value
