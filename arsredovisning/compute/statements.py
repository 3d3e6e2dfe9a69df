"""Resultaträkning and balansräkning for both years, in LKBR order (lkbr.md §1.1–1.2), and the
evaluation of any statement declared in ``compute/lines.py`` (the kassaflödesanalys too).

A :class:`Statement` is a list of rows with exact ``Decimal`` figures in the printed sign
(intäkter +, kostnader −; tillgångar, eget kapital, skulder +). Sum rows name the rows they add up
(``parts``), so ``present/rounding.py`` can round the statement and keep it footing. A row is
addressed by its :class:`~.lines.StatementKey` key; a key the statement does not declare raises KeyError,
a declared row that is left out (e.g. Summa skulder without skulder) reads as 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..model import StatementLine as L
from . import lines
from .ledger import ZERO, Ledger
from .lines import Change, Clamp, Expr, Gross, Group, Layout, Line, Neg, Ref, StatementKey, RowKind, Show, Shown, Sum, column
from .notes import equity_used, note_numbers

__all__ = ["StatementKey", "RowKind", "Statement", "StatementRow", "balance_sheet", "evaluate", "income_statement"]


@dataclass(frozen=True)
class StatementRow:
    key: str  # stable id (a :class:`~.lines.StatementKey`), e.g. "kassa_och_bank", "summa_tillgangar"
    label: str  # Swedish text as printed
    kind: RowKind
    values: tuple[Decimal | None, ...]  # one per column; None for headings
    note: int | None = None
    accounts: tuple[int, ...] = ()  # source accounts (traceability for revisorer)
    line: L | None = None
    parts: tuple[str, ...] = ()  # SUM/TOTAL (and composed lines): keys of the rows it adds up
    level: int = 0  # indentation depth


@dataclass(frozen=True)
class Statement:
    title: str  # "Resultaträkning"
    years: tuple[int, ...]  # one per column, this year first
    column_labels: tuple[str, ...]  # "2016-01-01–2016-12-31", "2016-12-31" or "2016"
    rows: tuple[StatementRow, ...]
    # Exact figures that are not printed but take part in a sum (e.g. opening equity), key → values.
    components: dict[str, tuple[Decimal, ...]] = field(default_factory=dict, compare=False, hash=False)
    # The declaration the statement was evaluated from (compute/lines.py); None for ad-hoc statements.
    layout: Layout | None = field(default=None, compare=False, hash=False)

    def _check(self, key: str) -> None:
        """An unknown key is a bug (a typo would otherwise read as 0): raise."""
        if self.layout is not None:
            self.layout.declared(key)
        elif key not in self.components and not any(r.key == key for r in self.rows):
            raise KeyError(f"{self.title} har ingen rad {key!r}")

    def row(self, key: str) -> StatementRow:
        for r in self.rows:
            if r.key == key:
                return r
        self._check(key)
        raise KeyError(f"{self.title}: raden {key!r} visas inte")

    def has(self, key: str) -> bool:
        """True when the declared row ``key`` is shown; an undeclared key raises KeyError."""
        self._check(key)
        return any(r.key == key for r in self.rows)

    def value(self, key: str, column: int = 0) -> Decimal:
        """Exact figure of a row (or component); 0 for a declared row that was left out."""
        if key in self.components:
            return self.components[key][column]
        if not self.has(key):
            return ZERO
        v = self.row(key).values[column]
        return ZERO if v is None else v


def period_label(year: int) -> str:
    return f"{year}-01-01–{year}-12-31"


def line_used(ledger: Ledger, line: L) -> bool:
    """A line is shown (and gets a note) when it has a non-zero account in either year; eget kapital
    also when there is a result."""
    return equity_used(ledger) if line is L.EGET_KAPITAL else ledger.is_used(line)


class _Evaluation:
    """One layout evaluated over a ledger: which rows are shown and their exact figures."""

    def __init__(self, layout: Layout, ledger: Ledger, n: int):
        self.layout = layout
        self.ledger = ledger
        self.n = n
        self.lines = layout.lines()
        self.components = {c.key: c for c in layout.components}
        self.by_key = {x.key: x for x in self.lines}
        self.above = {x.key: prev.key for prev, x in zip(self.lines, self.lines[1:])}
        # a group's heading and total are shown with its rows
        self.group = {
            x.key: item for item in layout.items if isinstance(item, Group) for x in (item.heading, item.total) if x
        }
        self._values: dict[str, tuple[Decimal, ...]] = {}
        self._shown: dict[str, bool] = {}
        self._others: dict[str, Statement] = {}

    def values(self, key: StatementKey) -> tuple[Decimal, ...]:
        if key not in self._values:
            decl = self.components.get(key) or self.by_key[key]
            if decl.expr is None:
                raise TypeError(f"{key!r} is a heading: it has no figures")
            self._values[key] = tuple(self.value(decl.expr, i) for i in range(self.n))
        return self._values[key]

    def shown(self, key: StatementKey) -> bool:
        if key not in self._shown:
            self._shown[key] = self._is_shown(self.by_key[key])
        return self._shown[key]

    def _is_shown(self, decl: Line) -> bool:
        group = self.group.get(decl.key)
        if group is not None:
            return any(self.shown(r.key) for r in group.rows)
        if decl.show is Show.USED:
            return decl.line is not None and line_used(self.ledger, decl.line)
        if decl.show is Show.NONZERO:
            return any(self.values(decl.key))
        if decl.show is Show.WITH_ABOVE:
            return self.shown(self.above[decl.key])
        return True

    def available(self, key: StatementKey) -> bool:
        return key in self.components or self.shown(key)

    def value(self, expr: Expr, i: int) -> Decimal:
        """Exact figure of ``expr`` in column ``i``; a row that is left out adds nothing (reads as 0)."""
        ledger = self.ledger
        match expr:
            case Shown(line, at, booked):
                return (ledger.total if booked else ledger.shown)(line, column(at, i))
            case Change(line):
                return ledger.shown(line, column(lines.At.END, i)) - ledger.shown(line, column(lines.At.START, i))
            case Ref(key, None):
                return self.values(key)[i] if self.available(key) else ZERO
            case Ref(key, str(title)):
                return self.other(title).value(key, i)
            case Sum(terms):
                return sum((self.value(t, i) for t in terms), ZERO)
            case Neg(term):
                return ZERO - self.value(term, i)
            case Clamp(term, below):
                return (min if below else max)(self.value(term, i), ZERO)
            case Gross():
                return self.value(expr.expand(ledger), i)
        raise TypeError(f"unknown expression {expr!r}")

    def other(self, title: str) -> Statement:
        if title not in self._others:
            self._others[title] = evaluate(lines.layout(title), self.ledger, 2, (), ())
        return self._others[title]

    def parts(self, decl: Line) -> tuple[str, ...]:
        if not isinstance(decl.expr, Sum):
            return ()
        return tuple(t.key for t in decl.expr.terms if isinstance(t, Ref) and t.statement is None and self.available(t.key))

    def row(self, decl: Line, notes: dict[L, int]) -> StatementRow:
        if decl.kind is RowKind.HEADING:
            return StatementRow(decl.key.value, decl.label, decl.kind, (None,) * self.n, level=decl.level)
        line = decl.line
        return StatementRow(
            decl.key.value,
            decl.label,
            decl.kind,
            self.values(decl.key),
            note=notes.get(line) if line else None,
            accounts=tuple(a.number for a in self.ledger.accounts_of(line)) if line else (),
            line=line,
            parts=self.parts(decl),
            level=decl.level,
        )


def evaluate(layout: Layout, ledger: Ledger, n: int, years: tuple[int, ...], labels: tuple[str, ...]) -> Statement:
    """The statement ``layout`` declares, over ``n`` columns (this year first): the rows that are
    shown, each with its exact figures."""
    ev = _Evaluation(layout, ledger, n)
    notes = note_numbers(ledger)
    rows = tuple(ev.row(decl, notes) for decl in ev.lines if ev.shown(decl.key))
    components = {c.key.value: ev.values(c.key) for c in layout.components}
    return Statement(layout.title, years, labels, rows, components=components, layout=layout)


def income_statement(ledger: Ledger) -> Statement:
    """Resultaträkning, this year and prior year. Avskrivningar only when used in either year."""
    years = (ledger.year, ledger.year - 1)
    return evaluate(lines.INCOME_STATEMENT, ledger, 2, years, tuple(period_label(y) for y in years))


def balance_sheet(ledger: Ledger) -> Statement:
    """Balansräkning at this and the prior year end. Empty lines and empty groups are left out."""
    years = (ledger.year, ledger.year - 1)
    return evaluate(lines.BALANCE_SHEET, ledger, 2, years, tuple(f"{y}-12-31" for y in years))
