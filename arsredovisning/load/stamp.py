"""The version stamp: a short checksum of the årsmapp's input plus the tool's version.

Printed on the report's last page, in the kontrollrapport and in the revision workbook, so that a
reader can tell which input a document was built from: the same indata.xlsx and texts always give
the same checksum, any changed byte gives another.

The checksum is the first 12 hex digits of SHA-256 over ``indata.xlsx`` (or ``indata.ods``) and every
``texter/**/*.md`` (the files the loader reads), sorted by their path below the årsmapp. Each file
enters as ``path NUL length NUL bytes`` so that moving bytes between files changes the sum.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..files import TEXT_DIR, workbook_path

LENGTH = 12


@dataclass(frozen=True)
class Stamp:
    checksum: str  # 12 hex digits
    version: str  # the tool's version

    def __str__(self) -> str:
        return f"Kontrollsumma indata {self.checksum} · arsredovisning {self.version}"


def input_files(folder: str | Path) -> list[Path]:
    """indata.xlsx and the texts, in checksum order (relative paths, sorted)."""
    folder = Path(folder)
    book = workbook_path(folder)
    files = [book] if book.is_file() else []
    root = folder / TEXT_DIR
    if root.is_dir():
        files += [p for p in root.rglob("*.md") if p.is_file()]
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


def input_checksum(folder: str | Path) -> str:
    folder = Path(folder)
    digest = hashlib.sha256()
    for path in input_files(folder):
        data = path.read_bytes()
        digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        digest.update(str(len(data)).encode("ascii") + b"\0")
        digest.update(data)
    return digest.hexdigest()[:LENGTH]


def stamp(folder: str | Path) -> Stamp:
    return Stamp(input_checksum(folder), __version__)


def input_stamp(folder: str | Path) -> str:
    """The one line to print: ``Kontrollsumma indata 3f2a9c0b1d4e · arsredovisning 0.1.0``."""
    return str(stamp(folder))
