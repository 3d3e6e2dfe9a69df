"""Findings: problems as values (id, level, Swedish message, location), and the avstämning record.

A :class:`Reconciliation` (both sides of an avstämning) has a ``level``: None when the sides agree
(status "ok"), otherwise the :class:`Level` of the finding it gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from enum import Enum
from typing import Iterable

from . import fmt


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
class Written:
    """A text as it stands in a file, and where: a line of a returned lägesrapport, or the value of
    one of its fields before it is typed."""

    text: str
    where: Location


@dataclass(frozen=True)
class Finding:
    """One problem or observation. ``id`` is stable across versions (e.g. ``BR-BALANS``)."""

    id: str
    level: Level
    message: str
    location: Location | None = None
    caused_by: tuple[str, ...] = ()  # keys of the findings this one follows from (shown under them)
    about: str = ""  # what it is about when id and location do not tell apart (a year, a column)

    @cached_property
    def key(self) -> str:
        """Names this finding within one run: ``SB-BALANS/Föregående år``,
        ``KONTO-EJ-MAPPAT/Saldobalans!A12``, ``BR-BALANS/2015``."""
        return key_of(self.id, self.location, self.about)

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
            "nyckel": self.key,
            "foljer_av": list(self.caused_by),
        }


def key_of(id: str, location: Location | None = None, about: str = "") -> str:
    """The :attr:`Finding.key` of a finding with this id, location and ``about``."""
    about = about or _short(location)
    return f"{id}/{about}" if about else id


def key_label(key: str) -> str:
    """A finding key as a reader sees it: ``SB-BALANS/Föregående år`` → ``SB-BALANS (Föregående år)``,
    ``KONTO-EJ-MAPPAT/Saldobalans!A21`` → ``KONTO-EJ-MAPPAT (Saldobalans › A21)``."""
    id, _, about = key.partition("/")
    return f"{id} ({about.replace('!', ' › ')})" if about else id


def _short(loc: Location | None) -> str:
    if loc is None:
        return ""
    if loc.sheet:
        return f"{loc.sheet}!{loc.cell}" if loc.cell else loc.sheet
    return f"{loc.file}:{loc.line}" if loc.line is not None else loc.file


ORE = Decimal("0.01")


@dataclass(frozen=True)
class Tolerance:
    """How an avstämning's status follows from its two sides, declared once with the avstämning
    (``checks/declaration.Check``): :meth:`level` gives the finding's level in Python, and the revision
    workbook writes the same rule as the status cell's formula (``export/reconciliations.status_formula``).

    Two-sided (the default): the difference rounded to öre, in absolute value, at most ``ok`` is OK;
    at most ``warning`` (when given) is a varning; beyond that the level is ``beyond``. One-sided
    (``at_most``): the left side may be at most the right (exactly, unrounded); above it is ``beyond``.
    """

    text: str  # Swedish, for the revisor: "ska vara 0; ±1 kr avrundning godtas som varning, mer är fel"
    ok: Decimal = Decimal(0)
    warning: Decimal | None = None
    beyond: Level = Level.WARNING
    at_most: bool = False

    def level(self, left: Decimal, right: Decimal) -> Level | None:
        if self.at_most:
            return self.beyond if left - right > self.ok else None
        difference = abs((left - right).quantize(ORE, ROUND_HALF_UP))
        if difference <= self.ok:
            return None
        if self.warning is not None and difference <= self.warning:
            return Level.WARNING
        return self.beyond


class Side:
    """Where one side of an avstämning is computed in the revision workbook: the expressions are
    declared in ``checks/declaration.py`` and written as formulas by ``export/reconciliations.py``."""


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
    caused_by: tuple[str, ...] = ()  # keys of the findings that explain the difference
    about: str = ""  # tells apart two records of one id and year (SB-BALANS: the column)

    @property
    def key(self) -> str:
        """The key of the finding it gives (see :attr:`Finding.key`)."""
        return key_of(self.id, None, self.about or str(self.year or "")) if self.about or self.year else key_of(self.id, self.location)
    # For the revisor's working paper (all optional, so every check can be extended one at a time):
    tolerance: str = ""  # Swedish, e.g. "godtar ±1 kr avrundning"
    unit: str = "kr"  # "kr", "antal" (person counts) or "procent": how the sides are printed
    left_source: str = ""  # the cell or sheet a side comes from, e.g. "indata.xlsx › Saldobalans, kolumn Belopp"
    right_source: str = ""
    left_printed: tuple[str, ...] = ()  # the report's anchors (HTML ids) where a side is printed
    right_printed: tuple[str, ...] = ()
    parts: tuple[tuple[str, Decimal], ...] = ()  # the named parts of the right side, when it is a sum
    rule: Tolerance | None = None  # the declared rule its level follows (None: a record made by hand)
    left_at: Side | None = None  # where each side is computed in the revision workbook (None: a constant)
    right_at: Side | None = None

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
        return Finding(self.id, self.level, self.message, self.location, self.caused_by, self.about or str(self.year or ""))


def error(id: str, message: str, location: Location | None = None, *, caused_by: tuple[str, ...] = (), about: str = "") -> Finding:
    return Finding(id, Level.ERROR, message, location, caused_by, about)


def warning(id: str, message: str, location: Location | None = None, *, caused_by: tuple[str, ...] = (), about: str = "") -> Finding:
    return Finding(id, Level.WARNING, message, location, caused_by, about)


def info(id: str, message: str, location: Location | None = None, *, caused_by: tuple[str, ...] = (), about: str = "") -> Finding:
    return Finding(id, Level.INFO, message, location, caused_by, about)


LEVEL_WORDS = {Level.ERROR: ("fel", "fel"), Level.WARNING: ("varning", "varningar"), Level.INFO: ("info", "info")}


def count_text(findings: Iterable[Finding]) -> str:
    """``3 fel, 1 varning, 0 info`` — Swedish singular and plural."""
    findings = list(findings)
    parts = []
    for level, (one, many) in LEVEL_WORDS.items():
        n = sum(1 for f in findings if f.level is level)
        parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.level is Level.ERROR for f in findings)


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Presentation order: causes first (by level, then location, then id); a finding that follows
    from others comes right after the last of its causes, so every cause is listed before it. A
    consequence whose causes are all absent stands on its own. Linear in the number of findings and
    causes (a workbook with 20 000 bad rows is sorted at once)."""
    ordered = _plain_order(findings)
    keys = {f.key for f in ordered}
    causes = {id(f): [k for k in f.caused_by if k in keys and k != f.key] for f in ordered}
    waiting = [f for f in ordered if causes[id(f)]]
    pending = {id(f) for f in waiting}
    dependents: dict[str, list[Finding]] = {}  # key → the waiting findings caused by it, in order
    for f in waiting:
        for k in dict.fromkeys(causes[id(f)]):
            dependents.setdefault(k, []).append(f)
    out: list[Finding] = []
    placed_keys: set[str] = set()

    def place(first: Finding) -> None:
        """Place ``first``, then, depth first, every waiting finding whose last cause it placed (the
        order of a recursive walk, without its depth limit)."""
        out.append(first)
        placed_keys.add(first.key)
        stack = [iter(dependents.get(first.key, ()))]
        while stack:
            g = next(stack[-1], None)
            if g is None:
                stack.pop()
            elif id(g) in pending and all(k in placed_keys for k in causes[id(g)]):
                pending.discard(id(g))
                out.append(g)
                placed_keys.add(g.key)
                stack.append(iter(dependents.get(g.key, ())))

    for f in ordered:
        if not causes[id(f)]:
            place(f)
    out += [f for f in waiting if id(f) in pending]  # a cycle of causes: shown as is
    return out


LISTED_PER_KIND = 50  # findings of one id listed per level; the rest are counted ("… och 19 950 till")


def listed(group: list[Finding], per_kind: int = LISTED_PER_KIND) -> tuple[list[Finding], dict[str, int]]:
    """The findings of ``group`` to list (the first ``per_kind`` of each id, in order) and, per id,
    how many more there are: a workbook with 20 000 bad rows gets a readable list."""
    seen: dict[str, int] = {}
    shown = []
    for f in group:
        seen[f.id] = seen.get(f.id, 0) + 1
        if seen[f.id] <= per_kind:
            shown.append(f)
    return shown, {id: n - per_kind for id, n in seen.items() if n > per_kind}


def more_of_the_kind(n: int) -> str:
    """``… och 19 950 till av samma slag`` (Swedish digit grouping)."""
    return f"… och {fmt.integer(n)} till av samma slag"


def consequence_positions(ordered: list[Finding]) -> dict[str, int]:
    """Each key's last position in ``ordered``, for :func:`consequence_of`."""
    return {g.key: i for i, g in enumerate(ordered)}


_POSITIONS: tuple = (None, -1, {})  # the last list given to consequence_of, its length, its positions


def consequence_of(f: Finding, ordered: list[Finding], position: dict[str, int] | None = None) -> str | None:
    """The key of the finding ``f`` is shown under in ``ordered`` (a :func:`sorted_findings` list):
    the last of its causes there; None for a cause. ``position``: :func:`consequence_positions` of
    ``ordered``, else computed once per list (calls for every finding of one list stay linear)."""
    global _POSITIONS
    if position is None:
        cached = _POSITIONS  # one read: another thread may replace it meanwhile
        if cached[0] is not ordered or cached[1] != len(ordered):
            cached = _POSITIONS = (ordered, len(ordered), consequence_positions(ordered))
        position = cached[2]
    present = [k for k in f.caused_by if k in position and k != f.key]
    return max(present, key=position.__getitem__) if present else None


def _plain_order(findings: Iterable[Finding]) -> list[Finding]:
    """Level, then location, then id."""

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
