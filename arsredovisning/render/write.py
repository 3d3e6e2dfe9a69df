"""Atomic writes: every file goes to a temporary file in its own folder, then ``os.replace``.

A build that fails before or while writing leaves the previous files as they were and no temporary
files behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_files(targets: list[tuple[Path, bytes]]) -> None:
    """Write all ``(path, data)`` pairs, each atomically; the renames happen only after every
    temporary file is complete."""
    temps: list[tuple[str, Path]] = []
    try:
        for path, data in targets:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temps.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
        for tmp, path in temps:
            os.replace(tmp, path)
    finally:
        for tmp, _ in temps:
            if os.path.exists(tmp):
                os.unlink(tmp)
