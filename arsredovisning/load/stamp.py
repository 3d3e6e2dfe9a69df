"""The version of a build: the input checksum, read once at load, and the version id over everything
that determines the output.

* **Input files** (:func:`input_files`): the workbook (``indata.xlsx`` or ``indata.ods``), every file
  below ``texter/`` (texts and the images they show), every image anywhere in the årsmapp (the logo,
  pictures a text names) and the signed ``revisionsberattelse.pdf``. Each is hashed once, when the
  årsmapp is loaded (:func:`input_hashes`, carried on ``AnnualInput.inputs``); the manifest lists
  them.
* **Input checksum** (:func:`checksum_of`): the first 12 hex digits of SHA-256 over every input file
  as ``path NUL sha256 NUL``, sorted by path below the årsmapp. The same files always give the same
  checksum, any changed byte gives another.
* **Version id** (:func:`version_id`): the first 12 hex digits of SHA-256 over the input files, every
  template, stylesheet and font in use (the package's and a ``--mallar`` folder's), the options of the
  build (the state among them), the tool's version and its code (every file of the package). Printed
  in every page footer of the report and the kontrollrapport as ``Version 3f9c0a1b22de · utkast``, and
  in the JSON export, the revision workbook, the HTML and the manifest.

The environment variable ``ARSREDOVISNING_KOD`` replaces the code's digest (only the byte-identity
test sets it, so that its recorded digests change with what a build prints, not with every edit of
the code).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..files import AUDIT_REPORT, TEXT_DIR, workbook_path

LENGTH = 12
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")  # what a text or the cover may show (render/urls.py)
CODE_ENV = "ARSREDOVISNING_KOD"

DRAFT = "utkast"
FINAL = "slutlig"


@dataclass(frozen=True)
class Stamp:
    checksum: str  # 12 hex digits over the input files
    version: str  # the tool's version
    version_id: str = ""  # 12 hex digits over everything that determines the output
    state: str = DRAFT  # "utkast" or "slutlig"

    @property
    def draft(self) -> bool:
        return self.state != FINAL

    def __str__(self) -> str:
        """``Version 3f9c0a1b22de · utkast``: what every page footer prints."""
        return f"Version {self.version_id or self.checksum} · {self.state}"


def _skipped(rel: Path) -> bool:
    """Hidden files, Office lock files (``~$indata.xlsx``) and backups are not input."""
    return any(part.startswith((".", "~$")) for part in rel.parts) or rel.parts[0] in ("säkerhetskopior", "output")


def input_files(folder: str | Path) -> list[Path]:
    """The årsmapp's input files (see the module docstring), sorted by their path below it."""
    folder = Path(folder)
    book = workbook_path(folder)
    files = {book} if book.is_file() else set()
    root = folder / TEXT_DIR
    if root.is_dir():
        files |= {p for p in root.rglob("*") if p.is_file()}
    if folder.is_dir():
        files |= {p for p in folder.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()}
    if (folder / AUDIT_REPORT).is_file():
        files.add(folder / AUDIT_REPORT)
    files = {p for p in files if not _skipped(p.relative_to(folder))}
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


def input_hashes(folder: str | Path, read: Mapping[str, bytes] | None = None) -> tuple[tuple[str, str], ...]:
    """``(path below the årsmapp, SHA-256 hex)`` of every input file. ``read``: files the loader has
    read already (path below the årsmapp → bytes), hashed from those bytes instead of read again, so
    the hash is of exactly what the report carries (the archive's workbook, the logo)."""
    folder = Path(folder)
    known = read or {}

    def data(p: Path) -> bytes:
        got = known.get(p.relative_to(folder).as_posix())
        return got if got is not None else p.read_bytes()

    return tuple((p.relative_to(folder).as_posix(), hashlib.sha256(data(p)).hexdigest()) for p in input_files(folder))


def _digest(pairs) -> hashlib._Hash:
    digest = hashlib.sha256()
    for name, sha in pairs:
        digest.update(name.encode("utf-8") + b"\0" + sha.encode("ascii") + b"\0")
    return digest


def checksum_of(hashes: tuple[tuple[str, str], ...]) -> str:
    """The input checksum (12 hex digits) of the hashes :func:`input_hashes` gave."""
    return _digest(hashes).hexdigest()[:LENGTH]


def input_checksum(folder: str | Path) -> str:
    """The input checksum of an årsmapp as it is on disk now (``jamfor``; a build uses ``AnnualInput.inputs``)."""
    return checksum_of(input_hashes(folder))


# Template folders that make no file a version id stamps: granska's own page (the live preview's
# panel and script).
NOT_IN_VERSION = frozenset({"granska"})


def _tree(root: Path, suffixes: tuple[str, ...] | None = None, skip: frozenset[str] = frozenset()) -> tuple[tuple[str, str], ...]:
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                   and not skip.intersection(p.relative_to(root).parts[:-1])
                   and (suffixes is None or p.suffix in suffixes))
    return tuple((p.relative_to(root).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest()) for p in files)


def code_digest() -> str:
    """SHA-256 over the package's code and data files (read once per process), or ``ARSREDOVISNING_KOD``
    when set (read at each call: a process that sets it later gets it)."""
    return os.environ.get(CODE_ENV) or _package_digest()


@lru_cache(maxsize=1)
def _package_digest() -> str:
    return _digest(_tree(Path(__file__).resolve().parents[1], (".py", ".json"))).hexdigest()


@lru_cache(maxsize=8)
def _templates_digest(root: Path, _signature: tuple) -> str:
    return _digest(_tree(root, skip=NOT_IN_VERSION)).hexdigest()


def _signature(root: Path) -> tuple:
    """Every file's name, size and time: a folder read again only when one of them changed."""
    return tuple(sorted((p.as_posix(), s.st_size, s.st_mtime_ns) for p in root.rglob("*") if (s := p.stat()) and p.is_file()))


def templates_digest(roots: tuple[Path, ...]) -> str:
    """SHA-256 over every file of the template folders in use (``--mallar`` first, then the package),
    but for :data:`NOT_IN_VERSION`."""
    parts = []
    for i, root in enumerate(roots):
        root = Path(root)
        parts.append((str(i), _templates_digest(root, _signature(root)) if root.is_dir() else "-"))
    return _digest(parts).hexdigest()


def version_id(inputs: tuple[tuple[str, str], ...], template_roots: tuple[Path, ...], options: dict[str, object]) -> str:
    """The version id (12 hex digits): input files, templates, options, the tool's version and code."""
    parts = [(f"indata/{name}", sha) for name, sha in inputs]
    parts.append(("mallar", templates_digest(template_roots)))
    parts += [(f"val/{key}", hashlib.sha256(repr(options[key]).encode("utf-8")).hexdigest()) for key in sorted(options)]
    parts += [("verktyg", hashlib.sha256(__version__.encode("utf-8")).hexdigest()), ("kod", code_digest())]
    return _digest(parts).hexdigest()[:LENGTH]


def stamp(folder: str | Path, inputs: tuple[tuple[str, str], ...] | None = None, *, version_id: str = "",
          state: str = DRAFT) -> Stamp:
    """The stamp of a build: ``inputs`` as loaded (``AnnualInput.inputs``; read from ``folder`` when None)."""
    hashes = inputs if inputs is not None else input_hashes(folder)
    return Stamp(checksum_of(hashes), __version__, version_id, state)


def input_stamp(folder: str | Path) -> str:
    """The one line a document without a build prints (``Version <checksum> · utkast``)."""
    return str(stamp(folder))
