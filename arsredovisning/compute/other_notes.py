"""The notes LKBR 9 kap. asks for that are not notes to a statement line: ställda panter och
ansvarsförbindelser, beviljade men ej förbrukade insatsmedel (a commitment), and the cost of
räkenskapsrevision. Pure, exact (``Decimal``); rounded in present/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..model import AnnualInput, Intervention, StatementLine as L
from ..money import ZERO
from .ledger import Ledger, LedgerColumn, value

AUDIT_NAME = re.compile(r"revision", re.IGNORECASE)


@dataclass(frozen=True)
class UnspentGrant:
    """An insats running after the year with medel granted for its whole period."""

    name: str
    granted: Decimal  # Beviljat totalt
    used: Decimal  # Utfall tidigare år + Utfall: reported up to the end of the year
    end: date | None

    @property
    def remaining(self) -> Decimal:
        return max(self.granted - self.used, ZERO)


@dataclass(frozen=True)
class AuditCost:
    amount: Decimal  # positive kr
    accounts: tuple[tuple[int, str], ...]  # the Revision accounts it was read from (empty: Förbund's item)


def unspent_grants(inp: AnnualInput) -> tuple[tuple[UnspentGrant, ...], tuple[Intervention, ...]]:
    """Insatser that run past 31 December of the year (no Slut, or Slut after it) with Beviljat
    totalt: granted − reported so far. Utfall tidigare år blank counts as 0 when the insats started
    in the year; otherwise the insats is in the second tuple (it started before the year without
    Utfall tidigare år: its commitment cannot be told)."""
    year = inp.organisation.year
    year_end = date(year, 12, 31)
    out: list[UnspentGrant] = []
    unknown: list[Intervention] = []
    for i in inp.interventions:
        if i.granted_total is None or (i.end is not None and i.end <= year_end):
            continue
        before = i.actual_before
        if before is None:
            if i.start is not None and i.start.year >= year:
                before = ZERO
            else:
                unknown.append(i)
                continue
        out.append(UnspentGrant(i.name, i.granted_total, before + i.actual, i.end))
    return tuple(g for g in out if g.remaining > 0), tuple(unknown)


def audit_cost(inp: AnnualInput, ledger: Ledger) -> AuditCost | None:
    """The Förbund's Kostnad för räkenskapsrevision, else the year's cost on the Verksamhetens
    kostnader accounts whose Benämning says Revision; None when neither is there."""
    given = inp.organisation.audit_cost
    if given is not None:
        return AuditCost(abs(given), ())
    accounts = tuple(a for a in ledger.accounts_of(L.VERKSAMHETENS_KOSTNADER) if AUDIT_NAME.search(a.name))
    total = sum((value(a, LedgerColumn.CURRENT) for a in accounts), ZERO)
    if not accounts or not total:
        return None
    return AuditCost(total, tuple((a.number, a.name) for a in accounts))
