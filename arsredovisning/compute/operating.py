"""Driftredovisning (LKBR 10 kap., RKR R14): budget, utfall and avvikelse per result line.

Produced when ``Saldobalans`` has a ``Budget`` column. Its rows and subtotals are the
resultaträkning's (declared in ``compute/lines.py``). Figures carry the resultaträkning's sign
(intäkter +, kostnader −) in all three columns, so

    avvikelse = utfall − budget

is positive when the outcome is better than budgeted (more intäkter or less kostnader) and
negative when it is worse. A blank budget cell of a result account counts as 0. Budget figures on
balance accounts are ignored. Each result line is followed by its accounts grouped by Benämning
(``DETAIL`` rows, same grouping as the notes); rows that are 0 in budget, utfall and prior year
are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from ..model import StatementLine as L
from . import lines
from .ledger import ZERO, Ledger, LedgerColumn, line_key, value
from .lines import Ref, RowKind

COLUMNS = (LedgerColumn.BUDGET, LedgerColumn.CURRENT, LedgerColumn.PRIOR)
ALWAYS = (L.VERKSAMHETENS_INTAKTER, L.VERKSAMHETENS_KOSTNADER)


@dataclass(frozen=True)
class OperatingRow:
    key: str  # result lines and sums use the resultaträkning's keys; details "<line key>.<n>"
    label: str
    kind: RowKind  # LINE, DETAIL, SUM or TOTAL
    budget: Decimal
    actual: Decimal  # utfall this year
    prior_actual: Decimal  # utfall prior year
    accounts: tuple[int, ...] = ()
    line: L | None = None
    parent: str | None = None  # DETAIL rows: the key of their line
    parts: tuple[str, ...] = ()  # LINE (its details), SUM and TOTAL rows: the rows they add up
    level: int = 0

    @property
    def variance(self) -> Decimal:
        """Avvikelse = utfall − budget (positive = better than budget)."""
        return self.actual - self.budget


@dataclass(frozen=True)
class OperatingReport:
    year: int
    rows: tuple[OperatingRow, ...]

    def row(self, key: str) -> OperatingRow:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)


def operating_report(ledger: Ledger) -> OperatingReport | None:
    """The driftredovisning, or None without a Budget column."""
    if not ledger.has_budget:
        return None
    rows: list[OperatingRow] = []
    shown: dict[str, OperatingRow] = {}
    for decl in lines.INCOME_STATEMENT.lines():  # the resultaträkning's rows and subtotals, in order
        if decl.line is not None:
            if decl.line in ALWAYS or ledger.is_used(decl.line, COLUMNS):
                block = _block(ledger, decl.line)
                rows += block
                shown[decl.key] = block[0]
        else:  # a subtotal: what its declaration adds up, as far as it is shown
            parts = [shown[t.key] for t in cast(lines.Sum, decl.expr).terms if isinstance(t, Ref) and t.key in shown]
            shown[decl.key] = _sum(decl.key.value, decl.label, parts, decl.kind)
            rows.append(shown[decl.key])
    return OperatingReport(ledger.year, tuple(rows))


def _block(ledger: Ledger, line: L) -> list[OperatingRow]:
    """The line's row followed by its Benämning rows."""
    key = line_key(line)
    details: list[OperatingRow] = []
    for name, accs in ledger.by_name(line).items():
        budget, actual, prior = (ZERO - sum((value(a, c) for a in accs), ZERO) for c in COLUMNS)
        if budget or actual or prior:
            details.append(
                OperatingRow(
                    f"{key}.{len(details) + 1}",
                    name,
                    RowKind.DETAIL,
                    budget,
                    actual,
                    prior,
                    accounts=tuple(a.number for a in accs),
                    line=line,
                    parent=key,
                    level=1,
                )
            )
    budget, actual, prior = (ZERO - ledger.total(line, c) for c in COLUMNS)
    head = OperatingRow(
        key,
        line.value,
        RowKind.LINE,
        budget,
        actual,
        prior,
        accounts=tuple(a.number for a in ledger.accounts_of(line)),
        line=line,
        parts=tuple(d.key for d in details),
    )
    return [head, *details]


def _sum(key: str, label: str, parts: list[OperatingRow], kind: RowKind = RowKind.SUM) -> OperatingRow:
    def add(attr: str) -> Decimal:
        return sum((getattr(p, attr) for p in parts), ZERO)

    return OperatingRow(
        key, label, kind, add("budget"), add("actual"), add("prior_actual"), parts=tuple(p.key for p in parts)
    )
