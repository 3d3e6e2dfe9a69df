"""Findings: problems as values (id, level, Swedish message, location), and the avstämning record.

A :class:`Reconciliation` (both sides of an avstämning) has a ``level``: None when the sides agree
(status "ok"), otherwise the :class:`Level` of the finding it gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Iterable


class Level(str, Enum):
    """Severity of a finding. `fel` stops the build."""

    ERROR = "fel"
    WARNING = "varning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"fel": 0, "varning": 1, "info": 2}[self.value]


LEVEL_TITLES = {Level.ERROR: "Fel", Level.WARNING: "Varningar", Level.INFO: "Info"}  # headings of grouped findings
OK = "ok"  # the status of a reconciliation whose sides agree (it gives no finding)


@dataclass(frozen=True, order=True)
class Location:
    """Where a value came from: file, optional sheet, cell (``C17``) or row, or text line."""

    file: str
    sheet: str | None = None
    cell: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(self.sheet)
        if self.cell:
            parts.append(self.cell)
        text = " › ".join(parts)
        if self.line is not None:
            text += f", rad {self.line}"
        return text

    def at(self, cell: str) -> "Location":
        """The same file and sheet, another cell."""
        return Location(self.file, self.sheet, cell, self.line)


@dataclass(frozen=True)
class Finding:
    """One problem or observation. ``id`` is stable across versions (e.g. ``BR-BALANS``)."""

    id: str
    level: Level
    message: str
    location: Location | None = None

    def render(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.message}"

    def as_dict(self) -> dict:
        loc = self.location
        return {
            "id": self.id,
            "niva": self.level.value,
            "meddelande": self.message,
            "plats": None
            if loc is None
            else {"fil": loc.file, "blad": loc.sheet, "cell": loc.cell, "rad": loc.line, "text": str(loc)},
        }


@dataclass(frozen=True)
class Reconciliation:
    """One avstämning: ``left`` should equal ``right``."""

    id: str
    description: str  # Swedish, e.g. "Saldobalansen balanserar, kolumn Belopp (2016)"
    left_label: str
    left: Decimal
    right_label: str
    right: Decimal
    level: Level | None  # None: the sides agree (OK); otherwise the level of its finding
    message: str  # Swedish; when not OK: what, where, how to fix
    location: Location | None = None
    year: int | None = None
    # For the revisor's working paper (all optional, so every check can be extended one at a time):
    tolerance: str = ""  # Swedish, e.g. "godtar ±1 kr avrundning"
    unit: str = "kr"  # "kr", "antal" (person counts) or "procent": how the sides are printed
    left_source: str = ""  # the cell or sheet a side comes from, e.g. "indata.xlsx › Saldobalans, kolumn Belopp"
    right_source: str = ""
    left_printed: tuple[str, ...] = ()  # the report's anchors (HTML ids) where a side is printed
    right_printed: tuple[str, ...] = ()
    parts: tuple[tuple[str, Decimal], ...] = ()  # the named parts of the right side, when it is a sum

    @property
    def difference(self) -> Decimal:
        return self.left - self.right

    @property
    def status(self) -> str:
        """``"ok"``, ``"varning"``, ``"fel"`` or ``"info"`` (as exported)."""
        return OK if self.level is None else self.level.value

    def finding(self) -> Finding | None:
        if self.level is None:
            return None
        return Finding(self.id, self.level, self.message, self.location)


def error(id: str, message: str, location: Location | None = None) -> Finding:
    return Finding(id, Level.ERROR, message, location)


def warning(id: str, message: str, location: Location | None = None) -> Finding:
    return Finding(id, Level.WARNING, message, location)


def info(id: str, message: str, location: Location | None = None) -> Finding:
    return Finding(id, Level.INFO, message, location)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.level is Level.ERROR for f in findings)


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Stable presentation order: level, then location, then id."""

    def key(f: Finding):
        loc = f.location
        return (
            f.level.rank,
            (loc.file, loc.sheet or "", _cell_key(loc.cell), loc.line or 0) if loc else ("", "", (0, ""), 0),
            f.id,
            f.message,
        )

    return sorted(findings, key=key)


def _cell_key(cell: str | None) -> tuple[int, str]:
    """Sort ``B10`` after ``B9``: by row number, then column letters."""
    if not cell:
        return (0, "")
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell if ch.isdigit())
    return (int(digits) if digits else 0, letters)
