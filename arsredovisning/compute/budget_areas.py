"""Driftredovisning per budgetområde (LKBR 10 kap., RKR R14): budget, utfall and avvikelse per
area, at least the areas finsam.se suggests (styrelse, kansli/administration, revision, insatser).

The areas come from the optional sheet ``Budget`` (Budgetområde, Konton, Budget); without it the
result accounts are divided into default areas: intäkter, Insatser (Förbund › Insatskonton),
Revision and Styrelse (by the account's Benämning), Kansli och administration (the other
kostnader) and Finansiella poster. Figures carry the resultaträkning's sign (intäkter +,
kostnader −), so avvikelse = utfall − budget is positive when the outcome is better. An area's
budget is its Budget cell, else the Saldobalans Budget column over its accounts. Pure, exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..model import Account, AnnualInput, StatementLine as L
from ..money import ZERO
from .ledger import Ledger, LedgerColumn, value

REVISION = re.compile(r"revision", re.IGNORECASE)
BOARD = re.compile(r"styrelse|arvode|förlorad arbetsförtjänst|sammanträde|ledamot|presidi", re.IGNORECASE)
OTHER = "Övrigt"


@dataclass(frozen=True)
class AreaRow:
    name: str
    budget: Decimal | None  # None: no budget for the area
    actual: Decimal
    prior: Decimal
    accounts: tuple[int, ...]

    @property
    def variance(self) -> Decimal | None:
        return None if self.budget is None else self.actual - self.budget


@dataclass(frozen=True)
class AreaReport:
    year: int
    rows: tuple[AreaRow, ...]
    from_sheet: bool  # the areas are the Budget sheet's (else the default division)

    @property
    def has_budget(self) -> bool:
        return any(r.budget is not None for r in self.rows)


def _rr(amount: Decimal) -> Decimal:
    return ZERO - amount  # ledger sign (debit +) → the resultaträkning's sign


def area_report(inp: AnnualInput, ledger: Ledger) -> AreaReport:
    results = [a for a in ledger.accounts if (mapped := ledger.lines.get(a.number)) is not None and mapped.is_result]
    groups: list[tuple[str, list[Account], Decimal | None]] = []
    if inp.budget_areas:
        taken: set[int] = set()
        for area in inp.budget_areas:
            accs = [a for a in results if area.covers(a.number) and a.number not in taken]
            taken |= {a.number for a in accs}
            groups.append((area.name, accs, area.budget))
        rest = [a for a in results if a.number not in taken]
        if rest:
            groups.append((OTHER, rest, None))
    else:
        ranges = inp.organisation.intervention_accounts or ()

        def insats(a: Account) -> bool:
            return any(r.start <= a.number <= r.end for r in ranges)

        def line(a: Account) -> L | None:
            return ledger.lines.get(a.number)

        income = [a for a in results if line(a) is L.VERKSAMHETENS_INTAKTER]
        costs = [a for a in results if line(a) in (L.VERKSAMHETENS_KOSTNADER, L.AVSKRIVNINGAR)]
        financial = [a for a in results if line(a) in (L.FINANSIELLA_INTAKTER, L.FINANSIELLA_KOSTNADER)]
        interventions = [a for a in costs if insats(a)]
        revision = [a for a in costs if not insats(a) and REVISION.search(a.name)]
        board = [a for a in costs if not insats(a) and not REVISION.search(a.name) and BOARD.search(a.name)]
        used = {a.number for a in interventions + revision + board}
        office = [a for a in costs if a.number not in used]
        groups = [("Medlemsbidrag och övriga intäkter", income, None), ("Styrelse", board, None),
                  ("Kansli och administration", office, None), ("Revision", revision, None),
                  ("Insatser", interventions, None), ("Finansiella poster", financial, None)]
    rows = []
    for name, accs, budget in groups:
        if budget is None and ledger.has_budget:
            budget = _rr(sum((value(a, LedgerColumn.BUDGET) for a in accs), ZERO))
        actual = _rr(sum((value(a, LedgerColumn.CURRENT) for a in accs), ZERO))
        prior = _rr(sum((value(a, LedgerColumn.PRIOR) for a in accs), ZERO))
        if not accs and not budget and name not in ("Styrelse", "Kansli och administration", "Revision", "Insatser"):
            continue
        rows.append(AreaRow(name, budget, actual, prior, tuple(a.number for a in accs)))
    return AreaReport(ledger.year, tuple(rows), bool(inp.budget_areas))
