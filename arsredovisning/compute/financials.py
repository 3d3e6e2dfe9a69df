"""Every statement of one årsmapp in one pass: ``compute_financials(inp) -> (Financials, findings)``.

The findings here are the ones computing itself discovers (account mapping, missing prior-year
cash flow, member structure). The avstämningar are in ``checks/ledger.py`` and
``checks/contributions.py`` and take the :class:`Financials` as input.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..findings import Finding
from ..load.schema import SALDOBALANS
from ..model import AnnualInput
from .balance_requirement import BalanceRequirement, balance_requirement
from .cash_flow import cash_flow
from .contributions import Contributions, member_contributions
from .ledger import Ledger, map_accounts
from .lines import StatementKey as K
from .notes import YEAR_COLUMNS, Note, notes
from .operating import OperatingReport, operating_report
from .statements import Statement, balance_sheet, income_statement


@dataclass(frozen=True)
class Financials:
    ledger: Ledger
    income_statement: Statement  # Resultaträkning, columns (year, year − 1)
    balance_sheet: Statement  # Balansräkning, columns (year, year − 1)
    cash_flow: Statement  # Kassaflödesanalys, columns (year[, year − 1])
    notes: tuple[Note, ...]
    operating: OperatingReport | None  # Driftredovisning, when Saldobalans has Budget
    contributions: Contributions | None  # Finsam split, None when it cannot be made
    requirement: BalanceRequirement  # the balanskravsresultat: årets resultat + Balanskravsjusteringar

    @property
    def year(self) -> int:
        return self.ledger.year

    def cash(self, column: int = 0) -> Decimal:
        """Likvida medel (kassa och bank + kortfristiga placeringar) at the end of the balance sheet's
        ``column`` (0 this year, 1 the year before)."""
        return self.ledger.cash(YEAR_COLUMNS[column])

    @property
    def equity_pct(self) -> Decimal | None:
        """Eget kapital at the end of the year in percent of the year's medlemsbidrag; None without
        a contributions total (or when it is 0)."""
        total = self.contributions.total if self.contributions else None
        return self.balance_sheet.value(K.EGET_KAPITAL, 0) * 100 / total if total else None


def compute_financials(inp: AnnualInput) -> tuple[Financials, list[Finding]]:
    ledger, findings = map_accounts(inp)
    flow, flow_findings = cash_flow(ledger)
    if inp.unusable_in(SALDOBALANS) and _has_column(inp, "Saldobalans", "Ingående föregående år"):
        # the column is there but its rows were left out (an empty Belopp): their own fel says why
        flow_findings = [f for f in flow_findings if f.id != "KF-FOREG-SAKNAS"]
    contributions, member_findings = member_contributions(inp, ledger)
    rr = income_statement(ledger)
    fin = Financials(
        ledger=ledger,
        income_statement=rr,
        balance_sheet=balance_sheet(ledger),
        cash_flow=flow,
        notes=notes(ledger, frozenset(m.account for m in inp.members if m.account is not None)),
        operating=operating_report(ledger),
        contributions=contributions,
        requirement=balance_requirement(rr.value(K.ARETS_RESULTAT, 0), inp.balance_adjustments),
    )
    return fin, findings + flow_findings + member_findings


def _has_column(inp: AnnualInput, sheet: str, column: str) -> bool:
    copy = next((c for c in inp.sheet_copies if c.name == sheet), None)
    return copy is not None and column in copy.columns
