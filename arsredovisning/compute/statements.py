"""Resultaträkning and balansräkning for both years, in LKBR order (lkbr.md §1.1–1.2).

A :class:`Statement` is a list of rows with exact ``Decimal`` figures in the printed sign
(intäkter +, kostnader −; tillgångar, eget kapital, skulder +). Sum rows name the rows they add up
(``parts``), so ``present/rounding.py`` can round the statement and keep it footing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from ..model import StatementLine as L
from .ledger import CURRENT_ASSETS, FIXED_ASSETS, LIABILITIES, RESULT_ORDER, ZERO, Ledger, line_key
from .notes import YEAR_COLUMNS, equity_used, note_numbers


class RowKind(str, Enum):
    HEADING = "heading"  # a caption without figures ("Omsättningstillgångar")
    LINE = "line"  # a statement line fed by accounts (has ``accounts``, usually a note)
    DETAIL = "detail"  # a line inside another one ("därav årets resultat")
    SUM = "sum"  # a subtotal ("Summa omsättningstillgångar", "Verksamhetens nettokostnader")
    TOTAL = "total"  # a main total ("Summa tillgångar", "Årets resultat", "Årets kassaflöde")


@dataclass(frozen=True)
class StatementRow:
    key: str  # stable id, e.g. "kassa_och_bank", "summa_tillgangar"
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

    def row(self, key: str) -> StatementRow:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    def has(self, key: str) -> bool:
        return any(r.key == key for r in self.rows)

    def value(self, key: str, column: int = 0) -> Decimal:
        """Exact figure of a row (or component); 0 for a row that was left out."""
        if key in self.components:
            return self.components[key][column]
        if not self.has(key):
            return ZERO
        v = self.row(key).values[column]
        return ZERO if v is None else v


def period_label(year: int) -> str:
    return f"{year}-01-01–{year}-12-31"


def _line_row(ledger: Ledger, line: L, notes: dict[L, int], columns=YEAR_COLUMNS, level: int = 1) -> StatementRow:
    return StatementRow(
        key=line_key(line),
        label=line.value,
        kind=RowKind.LINE,
        values=tuple(ledger.shown(line, c) for c in columns),
        note=notes.get(line),
        accounts=tuple(a.number for a in ledger.accounts_of(line)),
        line=line,
        level=level,
    )


def _sum_row(key: str, label: str, parts: list[StatementRow], kind=RowKind.SUM, level: int = 0, n: int = 2):
    values = tuple(sum((p.values[i] for p in parts), ZERO) for i in range(n))
    return StatementRow(key, label, kind, values, parts=tuple(p.key for p in parts), level=level)


def income_statement(ledger: Ledger) -> Statement:
    """Resultaträkning, this year and prior year. Avskrivningar only when used in either year."""
    notes = note_numbers(ledger)
    lines = {line: _line_row(ledger, line, notes, level=0) for line in RESULT_ORDER}
    operating = [lines[L.VERKSAMHETENS_INTAKTER], lines[L.VERKSAMHETENS_KOSTNADER]]
    if ledger.is_used(L.AVSKRIVNINGAR):
        operating.append(lines[L.AVSKRIVNINGAR])
    net = _sum_row("verksamhetens_nettokostnader", "Verksamhetens nettokostnader", operating)
    financial = [lines[L.FINANSIELLA_INTAKTER], lines[L.FINANSIELLA_KOSTNADER]]
    after = _sum_row("resultat_efter_finansiella_poster", "Resultat efter finansiella poster", [net, *financial])
    result = _sum_row("arets_resultat", "Årets resultat", [after], kind=RowKind.TOTAL)
    years = (ledger.year, ledger.year - 1)
    return Statement(
        "Resultaträkning",
        years,
        tuple(period_label(y) for y in years),
        (*operating, net, *financial, after, result),
    )


def balance_sheet(ledger: Ledger) -> Statement:
    """Balansräkning at this and the prior year end. Empty lines and empty groups are left out."""
    notes = note_numbers(ledger)
    years = (ledger.year, ledger.year - 1)
    rows: list[StatementRow] = [StatementRow("tillgangar", "Tillgångar", RowKind.HEADING, (None, None))]

    asset_sums = []
    for key, label, group in (
        ("anlaggningstillgangar", "Anläggningstillgångar", FIXED_ASSETS),
        ("omsattningstillgangar", "Omsättningstillgångar", CURRENT_ASSETS),
    ):
        lines = [_line_row(ledger, line, notes) for line in group if ledger.is_used(line)]
        if lines:
            total = _sum_row(f"summa_{key}", f"Summa {label.lower()}", lines)
            rows += [StatementRow(key, label, RowKind.HEADING, (None, None)), *lines, total]
            asset_sums.append(total)
    rows.append(_sum_row("summa_tillgangar", "Summa tillgångar", asset_sums, kind=RowKind.TOTAL))

    rows.append(
        StatementRow(
            "eget_kapital_avsattningar_och_skulder", "Eget kapital, avsättningar och skulder", RowKind.HEADING, (None, None)
        )
    )
    opening = tuple(ledger.opening_equity(c) for c in YEAR_COLUMNS)
    result = tuple(ledger.result(c) for c in YEAR_COLUMNS)
    side = []
    if equity_used(ledger):
        equity = StatementRow(
            key="eget_kapital",
            label="Eget kapital",
            kind=RowKind.LINE,
            values=tuple(o + r for o, r in zip(opening, result)),
            note=notes.get(L.EGET_KAPITAL),
            accounts=tuple(a.number for a in ledger.accounts_of(L.EGET_KAPITAL)),
            line=L.EGET_KAPITAL,
            parts=("ingaende_eget_kapital", "darav_arets_resultat"),
        )
        rows += [equity, StatementRow("darav_arets_resultat", "därav årets resultat", RowKind.DETAIL, result, level=1)]
        side.append(equity)
    if ledger.is_used(L.AVSATTNINGAR):
        provisions = _line_row(ledger, L.AVSATTNINGAR, notes, level=0)
        rows.append(provisions)
        side.append(provisions)
    debts = [_line_row(ledger, line, notes) for line in LIABILITIES if ledger.is_used(line)]
    if debts:
        total = _sum_row("summa_skulder", "Summa skulder", debts)
        rows += [StatementRow("skulder", "Skulder", RowKind.HEADING, (None, None)), *debts, total]
        side.append(total)
    rows.append(
        _sum_row(
            "summa_eget_kapital_avsattningar_och_skulder",
            "Summa eget kapital, avsättningar och skulder",
            side,
            kind=RowKind.TOTAL,
        )
    )
    return Statement(
        "Balansräkning",
        years,
        tuple(f"{y}-12-31" for y in years),
        tuple(rows),
        components={"ingaende_eget_kapital": opening},
    )
