"""Rounding to whole kr or tkr, once, so that every displayed table foots.

Principle (indata.md "Precisions"): a total is the half-up rounding of its exact value; its rows
are rounded half-up and, if they then do not add up to the rounded total, the difference is put on
the row(s) with the largest rounding residual (:func:`~arsredovisning.compute.allocate.allocate`).
Every adjusted figure is reported, so the renderer can print
"Beloppen är avrundade; avrundningsdifferens justerad i …" (:func:`rounding_footnote`).

Statements: the figures a revisor recomputes from the ledger keep their correctly rounded value.
Each total (Årets resultat, summa tillgångar, summa eget kapital, avsättningar och skulder) and each
statement line is the half-up rounding of its exact value; where the lines cannot then foot to
their total, the difference moves the fewest lines (largest remainder) and a footnote names them.
Subtotals are the sums of their displayed lines. The notes' rows absorb the difference to their
(half-up) statement line, so a footing difference lands in the most detailed rows first:

* Resultaträkning: Årets resultat → its lines (through the subtotals).
* Balansräkning: each side's total → its lines. Eget kapital is fixed to its half-up rounding (one
  printed figure per year, in every report) and split into opening equity (not printed) and "därav
  årets resultat", which is fixed to the resultaträkning's Årets resultat. The eget kapital tables
  open with last year's printed closing and show a footing difference as "Avrundning"
  (:func:`equity_changes`).
* Kassaflödesanalys: Likvida medel vid årets början and slut are the balansräkning's displayed
  figures (when they agree exactly), Årets resultat and the avskrivningar are the resultaträkning's;
  the remaining lines foot to Årets kassaflöde = slut − början; subtotals add the displayed lines.
* Noter foot to their statement line; the driftredovisning's utfall uses the resultaträkning's
  figures and its budget column is rounded like a resultaträkning.

With whole-krona input in kr nothing is ever adjusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Mapping, Sequence

from ..compute.allocate import allocate
from ..compute.financials import Financials
from ..compute.lines import StatementKey as K
from ..compute.notes import Note, NoteRow
from ..compute.operating import OperatingReport, OperatingRow
from ..compute.statements import RowKind, Statement, StatementRow
from ..model import Unit
from ..money import in_unit, round_half_up


# ---------------------------------------------------------------------------------------------------
# Plain tables


@dataclass(frozen=True)
class RoundedTable:
    values: tuple[int, ...]  # whole kr/tkr per row
    total: int  # the half-up rounded exact total (or ``target``) = sum of ``values``
    adjusted: tuple[int, ...]  # indices of rows that differ from their own half-up rounding


def round_table(
    values: Sequence[Decimal],
    unit="kr",
    total: Decimal | None = None,
    *,
    target: int | None = None,
    fixed: Mapping[int, int] | None = None,
) -> RoundedTable:
    """Round a column of kronor amounts (rows + total) to whole ``unit`` so that the rows foot.

    ``total`` is the exact total (default: the sum of ``values``); ``target`` overrides its rounded
    value (e.g. a figure fixed elsewhere); ``fixed`` pins rows (index → displayed value).
    """
    exact = [in_unit(Decimal(v), unit) for v in values]
    if target is None:
        whole = sum(exact, Decimal(0)) if total is None else in_unit(Decimal(total), unit)
        target = round_half_up(whole)
    shown = allocate(exact, target, fixed)
    adjusted = tuple(i for i, (s, x) in enumerate(zip(shown, exact)) if s != round_half_up(x))
    return RoundedTable(tuple(shown), sum(shown), adjusted)


def rounding_footnote(labels: Iterable[str]) -> str | None:
    """The footnote for a table with adjusted figures, or None if nothing was adjusted."""
    labels = list(dict.fromkeys(labels))
    if not labels:
        return None
    if len(labels) == 1:
        where = labels[0]
    else:
        where = ", ".join(labels[:-1]) + " och " + labels[-1]
    return f"Beloppen är avrundade; avrundningsdifferens justerad i {where}."


# ---------------------------------------------------------------------------------------------------
# Statements


@dataclass(frozen=True)
class DisplayedRow:
    """A statement or note row as printed."""

    row: StatementRow | NoteRow
    values: tuple[int | None, ...]  # whole kr/tkr per column; None for a statement's headings
    adjusted: tuple[bool, ...]  # per column: differs from the half-up rounding of its exact figure


@dataclass(frozen=True)
class DisplayedStatement:
    statement: Statement
    unit: Unit
    rows: tuple[DisplayedRow, ...]

    def value(self, key: str, column: int = 0) -> int:
        for r in self.rows:
            if getattr(r.row, "key", None) == key:  # a statement row (note rows have no key)
                v = r.values[column]
                return 0 if v is None else v
        return 0

    def has(self, key: str) -> bool:
        return any(getattr(r.row, "key", None) == key for r in self.rows)

    @property
    def adjusted_labels(self) -> tuple[str, ...]:
        return tuple(r.row.label for r in self.rows if any(r.adjusted))

    @property
    def footnote(self) -> str | None:
        return rounding_footnote(self.adjusted_labels)


def _exact(statement: Statement, column: int, unit) -> dict[str, Decimal]:
    ex = {k: in_unit(v[column], unit) for k, v in statement.components.items()}
    for r in statement.rows:
        if (exact := r.values[column]) is not None:
            ex[r.key] = in_unit(exact, unit)
    return ex


def _split_by_lines(statement: Statement, column: int, unit, fixed: Mapping[str, int]) -> dict[str, int]:
    """Roots (rows no sum refers to) are rounded half-up; each root's footing difference is split
    among the statement lines below it, through its subtotals, by largest remainder.

    The statement lines are the allocation units, not the subtotals: a line keeps the half-up
    rounding of its exact value unless the total cannot foot without moving it, and then the
    fewest lines move (a split level by level could move a subtotal and so a line that did not
    have to). Subtotals are the sums of their displayed parts. A line with parts of its own (Eget
    kapital = opening equity + the fixed "därav årets resultat") is then split among them; a fixed
    figure never absorbs a difference.
    """
    ex = _exact(statement, column, unit)
    parts = {r.key: r.parts for r in statement.rows if r.parts}
    lines = {r.key for r in statement.rows if r.line is not None}
    inner = {p for ps in parts.values() for p in ps}
    shown: dict[str, int] = {}

    def units(key: str) -> list[str]:
        """The allocation units below ``key``: its lines, fixed figures and rows without parts."""
        out: list[str] = []
        for p in parts.get(key, ()):
            out += [p] if p in fixed or p in lines or p not in parts else units(p)
        return out

    def add_up(key: str) -> int:
        if key not in shown:
            shown[key] = sum(add_up(p) for p in parts[key])
        return shown[key]

    def split(key: str) -> None:
        flat = units(key)
        if not flat:
            return
        pinned = {i: fixed[u] for i, u in enumerate(flat) if u in fixed}
        for u, v in zip(flat, allocate([ex[u] for u in flat], shown[key], pinned)):
            shown[u] = v
        for u in flat:
            if u in parts:
                split(u)
        for p in parts[key]:
            add_up(p)

    for r in statement.rows:
        if r.key in ex and r.key not in inner:
            shown[r.key] = fixed.get(r.key, round_half_up(ex[r.key]))
            if r.key in parts:
                split(r.key)
    return shown


def _split_by_level(statement: Statement, column: int, unit, fixed: Mapping[str, int]) -> dict[str, int]:
    """Top-down: roots (rows no sum refers to) are rounded half-up, each sum is split among its parts,
    so every subtotal stays within rounding of its exact value.

    A part that contains a fixed figure (e.g. Eget kapital = opening equity + the fixed "därav årets
    resultat") is not split on its own: its own parts join the allocation one level up, and its
    figure is the sum of theirs, so the fixed figure never has to absorb a rounding difference.
    """
    ex = _exact(statement, column, unit)
    parts = {r.key: r.parts for r in statement.rows if r.parts}
    inner = {p for ps in parts.values() for p in ps}
    shown: dict[str, int] = {}

    def has_fixed(key: str) -> bool:
        return any(p in fixed or has_fixed(p) for p in parts.get(key, ()))

    def units(key: str) -> list[str]:
        if key in fixed or not has_fixed(key):
            return [key]
        return [u for p in parts[key] for u in units(p)]

    def add_up(key: str) -> int:
        if key not in shown:
            shown[key] = sum(add_up(p) for p in parts[key])
        return shown[key]

    def split(key: str) -> None:
        children = parts.get(key, ())
        if not children:
            return
        flat = [u for c in children for u in units(c)]
        pinned = {i: fixed[u] for i, u in enumerate(flat) if u in fixed}
        for u, v in zip(flat, allocate([ex[u] for u in flat], shown[key], pinned)):
            shown[u] = v
        for c in children:
            add_up(c)
        for u in flat:
            split(u)

    for r in statement.rows:
        if r.key in ex and r.key not in inner:
            shown[r.key] = fixed.get(r.key, round_half_up(ex[r.key]))
            split(r.key)
    return shown


def _round_tree(statement: Statement, column: int, unit, fixed: Mapping[str, int]) -> dict[str, int]:
    """The rounding of one column that moves the fewest statement lines off their half-up value
    (:func:`_split_by_lines`); among equals the level-by-level split (:func:`_split_by_level`),
    which also keeps every subtotal within rounding of its exact value."""
    ex = _exact(statement, column, unit)
    lines = [r.key for r in statement.rows if r.line is not None and r.key in ex]

    def moved(shown: dict[str, int]) -> int:
        return sum(1 for k in lines if shown.get(k, round_half_up(ex[k])) != round_half_up(ex[k]))

    by_level = _split_by_level(statement, column, unit, fixed)
    by_lines = _split_by_lines(statement, column, unit, fixed)
    return by_lines if moved(by_lines) < moved(by_level) else by_level


def _displayed(statement: Statement, unit, columns: list[dict[str, int]]) -> DisplayedStatement:
    rows = []
    for r in statement.rows:
        values: list[int | None] = []
        adjusted: list[bool] = []
        for c, shown in enumerate(columns):
            if (exact := r.values[c]) is None:
                values.append(None)
                adjusted.append(False)
            else:
                values.append(shown[r.key])
                adjusted.append(shown[r.key] != round_half_up(in_unit(exact, unit)))
        rows.append(DisplayedRow(r, tuple(values), tuple(adjusted)))
    return DisplayedStatement(statement, Unit(getattr(unit, "value", unit)), tuple(rows))


def round_income_statement(rr: Statement, unit="kr") -> DisplayedStatement:
    return _displayed(rr, unit, [_round_tree(rr, c, unit, {}) for c in range(len(rr.years))])


OPENING_EQUITY = "ingaende_eget_kapital"  # Eget kapital's part before "därav årets resultat"
EQUITY_SIDE = "summa_eget_kapital_avsattningar_och_skulder"


def round_balance_sheet(br: Statement, rr: DisplayedStatement, unit="kr") -> DisplayedStatement:
    """Both sides foot; "därav årets resultat" is the resultaträkning's displayed Årets resultat.

    Eget kapital is printed as the half-up rounding of its exact value in every column (fixed: no
    footing difference of the side ever moves it), so a year's printed closing eget kapital is one
    figure wherever it stands: this report's columns, next year's prior-year column, the
    flerårsöversikt, Året i korthet. The printed opening is then last year's printed closing, and
    printed opening + printed result may differ from the printed closing by one krona/tkr: that
    is the line "Avrundning" of the eget kapital tables (:func:`equity_changes`). The other lines of
    the side always take the side's own footing difference within rounding."""
    columns: list[dict[str, int]] = []
    for c in range(len(br.years)):
        fixed: dict[str, int] = {K.DARAV_ARETS_RESULTAT: rr.value(K.ARETS_RESULTAT, c)}
        exact = br.value(K.EGET_KAPITAL, c) if br.has(K.EGET_KAPITAL) else None
        if exact is not None:
            fixed[K.EGET_KAPITAL] = round_half_up(in_unit(exact, unit))
        columns.append(_round_tree(br, c, unit, fixed))
    return _displayed(br, unit, columns)


@dataclass(frozen=True)
class EquityChange:
    """One year's eget kapital as every table prints it (the balansräkning, the eget kapital note,
    Förändring av eget kapital, the decisions page): the one definition of the printed opening.

    ``opening`` is the printed closing eget kapital of the year before (the prior-year column's
    figure; for the oldest column the half-up rounding of the same exact figure, which is what the
    year before printed); ``rounding`` = closing − opening − result of the printed figures, 0 or
    ±1 (the line "Avrundning"; never hidden in another figure)."""

    opening: int
    result: int
    rounding: int
    closing: int


def equity_changes(br: DisplayedStatement, rr: DisplayedStatement, unit="kr") -> tuple[EquityChange, ...]:
    """Per balansräkning column: the printed opening eget kapital, result, rounding and closing.

    A year's opening eget kapital (the eget kapital accounts, which hold the opening equity) is
    last year's closing when the ledger agrees (EK-UB checks it); it is then printed as last
    year's printed closing. When the ledger does not agree the opening is its own half-up rounding
    and the difference beyond rounding is the EK-UB finding's, not a printed line's."""
    st = br.statement
    n = len(st.years)
    out = []
    for c in range(n):
        closing = br.value(K.EGET_KAPITAL, c)
        result = rr.value(K.ARETS_RESULTAT, c)
        components = st.components.get(OPENING_EQUITY)
        if components is None:
            opening = closing - result
        elif c + 1 < n and components[c] == st.value(K.EGET_KAPITAL, c + 1):
            opening = br.value(K.EGET_KAPITAL, c + 1)
        else:
            opening = round_half_up(in_unit(components[c], unit))
        out.append(EquityChange(opening, result, closing - opening - result, closing))
    return tuple(out)


def _cash(br: DisplayedStatement, column: int) -> int:
    return br.value(K.KORTFRISTIGA_PLACERINGAR, column) + br.value(K.KASSA_OCH_BANK, column)


def round_cash_flow(fin: Financials, rr: DisplayedStatement, br: DisplayedStatement, unit="kr") -> DisplayedStatement:
    """The kassaflödesanalys of ``fin``; likvida medel that equal the ledger's (``fin.cash``) are
    printed as the balansräkning prints them."""
    kf = fin.cash_flow
    columns = []
    for c in range(len(kf.years)):
        ex = _exact(kf, c, unit)
        closing_exact = kf.value(K.LIKVIDA_MEDEL_UB, c)
        closing = _cash(br, c) if closing_exact == fin.cash(c) else round_half_up(ex[K.LIKVIDA_MEDEL_UB])
        if c + 1 < len(br.statement.years):  # this year's opening is the prior balance sheet's closing
            same = kf.value(K.LIKVIDA_MEDEL_IB, c) == fin.cash(c + 1)
            opening = _cash(br, c + 1) if same else round_half_up(ex[K.LIKVIDA_MEDEL_IB])
        else:
            opening = round_half_up(ex[K.LIKVIDA_MEDEL_IB])
        leaves = [r.key for r in kf.rows if r.kind is RowKind.LINE and not r.parts and r.key != K.LIKVIDA_MEDEL_IB]
        pins: dict[str, int] = {K.ARETS_RESULTAT: rr.value(K.ARETS_RESULTAT, c)}
        if rr.has(K.AVSKRIVNINGAR):
            pins[K.JUSTERING_AVSKRIVNINGAR] = -rr.value(K.AVSKRIVNINGAR, c)
        pinned = {i: pins[k] for i, k in enumerate(leaves) if k in pins}
        shown = dict(zip(leaves, allocate([ex[k] for k in leaves], closing - opening, pinned)))
        shown[K.LIKVIDA_MEDEL_IB] = opening
        parts = {r.key: r.parts for r in kf.rows if r.parts}

        def total(key: str) -> int:
            if key not in shown:
                shown[key] = sum(total(p) for p in parts[key])
            return shown[key]

        for r in kf.rows:
            if r.values[c] is not None:
                total(r.key)
        columns.append(shown)
    return _displayed(kf, unit, columns)


# ---------------------------------------------------------------------------------------------------
# Notes and driftredovisning


@dataclass(frozen=True)
class DisplayedNote:
    note: Note
    rows: tuple[DisplayedRow, ...]  # of NoteRow, every value an int
    total: tuple[int, ...]  # = the statement line as displayed

    @property
    def footnote(self) -> str | None:
        return rounding_footnote(r.row.label for r in self.rows if any(r.adjusted))


def round_note(note: Note, statement: DisplayedStatement, unit="kr", fixed_result: tuple[int, ...] = (),
               equity: tuple[EquityChange, ...] = ()) -> DisplayedNote:
    """Round a note so it foots to its (displayed) statement line; ``fixed_result`` pins the eget
    kapital note's "Årets resultat" row to the resultaträkning (one value per column).

    ``equity`` (the eget kapital note): its account rows, which hold the opening equity, foot to
    the printed opening eget kapital (last year's printed closing), and a row "Avrundning" takes
    the printed figures' footing difference when a column has one (:func:`equity_changes`)."""
    if note.key == K.EGET_KAPITAL and len(equity) == len(note.years):
        return _round_equity_note(note, statement, unit, equity)
    columns = []
    for c in range(len(note.years)):
        fixed = {i: fixed_result[c] for i, r in enumerate(note.rows) if r.is_result and fixed_result}
        columns.append(round_table([r.values[c] for r in note.rows], unit, target=statement.value(note.key, c), fixed=fixed))
    rows = tuple(
        DisplayedRow(r, tuple(col.values[i] for col in columns), tuple(i in col.adjusted for col in columns))
        for i, r in enumerate(note.rows)
    )
    return DisplayedNote(note, rows, tuple(statement.value(note.key, c) for c in range(len(note.years))))


ROUNDING_LABEL = "Avrundning"


def _round_equity_note(note: Note, statement: DisplayedStatement, unit, equity: tuple[EquityChange, ...]) -> DisplayedNote:
    years = range(len(note.years))
    opening = [i for i, r in enumerate(note.rows) if not r.is_result]
    tables = [round_table([note.rows[i].values[c] for i in opening], unit, target=equity[c].opening) for c in years]
    rows: list[DisplayedRow] = []
    for i, r in enumerate(note.rows):
        if r.is_result:
            rows.append(DisplayedRow(r, tuple(equity[c].result for c in years), tuple(False for _ in years)))
            if any(e.rounding for e in equity):  # after the result, as in Förändring av eget kapital
                line = NoteRow(ROUNDING_LABEL, tuple(Decimal(0) for _ in years), ())
                rows.append(DisplayedRow(line, tuple(equity[c].rounding for c in years), tuple(False for _ in years)))
        else:
            k = opening.index(i)
            rows.append(DisplayedRow(r, tuple(tables[c].values[k] for c in years), tuple(k in tables[c].adjusted for c in years)))
    return DisplayedNote(note, tuple(rows), tuple(statement.value(note.key, c) for c in years))


@dataclass(frozen=True)
class DisplayedOperatingRow:
    row: OperatingRow
    budget: int
    actual: int
    prior_actual: int
    variance: int  # Avvikelse = utfall − budget of the displayed figures, so the table foots
    adjusted: bool


@dataclass(frozen=True)
class DisplayedOperating:
    report: OperatingReport
    rows: tuple[DisplayedOperatingRow, ...]

    @property
    def footnote(self) -> str | None:
        return rounding_footnote(r.row.label for r in self.rows if r.adjusted)


def round_operating(report: OperatingReport, rr: DisplayedStatement, unit="kr") -> DisplayedOperating:
    """Budget rounded like a resultaträkning; utfall (and prior year) pinned to the resultaträkning."""
    fields = ("budget", "actual", "prior_actual")
    as_statement = {
        f: Statement(
            "Driftredovisning",
            (report.year,),
            ("",),
            tuple(StatementRow(r.key, r.label, r.kind, (getattr(r, f),), parts=r.parts) for r in report.rows),
        )
        for f in fields
    }
    shown = {}
    for f, st in as_statement.items():
        column = {"actual": 0, "prior_actual": 1}.get(f)
        fixed: dict[str, int] = {}
        if column is not None:
            fixed = {getattr(r.row, "key"): v for r in rr.rows if (v := r.values[column]) is not None}
        shown[f] = _round_tree(st, 0, unit, fixed)
    rows = []
    for r in report.rows:
        values = {f: shown[f][r.key] for f in fields}
        adjusted = any(values[f] != round_half_up(in_unit(getattr(r, f), unit)) for f in fields)
        budget, actual = values["budget"], values["actual"]
        rows.append(DisplayedOperatingRow(r, budget, actual, values["prior_actual"], actual - budget, adjusted))
    return DisplayedOperating(report, tuple(rows))


# ---------------------------------------------------------------------------------------------------
# Everything at once


@dataclass(frozen=True)
class DisplayedFinancials:
    unit: Unit
    income_statement: DisplayedStatement
    balance_sheet: DisplayedStatement
    cash_flow: DisplayedStatement
    notes: tuple[DisplayedNote, ...]
    operating: DisplayedOperating | None
    equity: tuple[EquityChange, ...] = ()  # per balansräkning column: the printed eget kapital's change


def round_financials(fin: Financials, unit="kr") -> DisplayedFinancials:
    """All statements, notes and the driftredovisning rounded consistently to ``unit``."""
    rr = round_income_statement(fin.income_statement, unit)
    br = round_balance_sheet(fin.balance_sheet, rr, unit)
    kf = round_cash_flow(fin, rr, br, unit)
    result = tuple(rr.value(K.ARETS_RESULTAT, c) for c in range(len(rr.statement.years)))
    equity = equity_changes(br, rr, unit) if br.has(K.EGET_KAPITAL) else ()
    notes = tuple(round_note(n, rr if n.is_result else br, unit, result, equity) for n in fin.notes)
    operating = None if fin.operating is None else round_operating(fin.operating, rr, unit)
    return DisplayedFinancials(Unit(getattr(unit, "value", unit)), rr, br, kf, notes, operating, equity)
