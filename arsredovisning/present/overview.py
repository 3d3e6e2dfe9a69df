"""View model of Finansiell översikt: medlemsbidrag per member and the equity position."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..compute.contributions import Basis
from ..compute.financials import Financials
from ..compute.lines import StatementKey as K
from ..model import AnnualInput




@dataclass(frozen=True)
class ContributionRow:
    name: str
    share_of_total: Decimal
    share_of_quarter: Decimal | None
    amount: int  # computed, whole kr
    booked: Decimal | None
    difference: Decimal | None  # booked − computed (whole kr)


@dataclass(frozen=True)
class Overview:
    year: int
    rows: tuple[ContributionRow, ...]
    total_amount: int
    total_booked: Decimal | None
    total_difference: Decimal | None
    basis: str  # the sentence saying how the kommun quarter was split
    from_booked: bool  # the total is the sum of the booked contributions (no Medlemsbidrag totalt)
    equity: Decimal  # exact, kr
    equity_pct: Decimal | None
    target_pct: Decimal | None
    above_target: bool


BASIS_TEXT = {
    Basis.POPULATION: "Kommunernas fjärdedel är fördelad i proportion till invånarantalet.",
    Basis.SHARE: "Kommunernas fjärdedel är fördelad enligt de andelar som medlemmarna kommit överens om.",
    Basis.SINGLE: "Kommunen står för hela kommunernas fjärdedel.",
}


def overview(inp: AnnualInput, fin: Financials) -> Overview | None:
    c = fin.contributions
    if c is None:
        return None
    equity = fin.balance_sheet.value(K.EGET_KAPITAL, 0)
    rows = []
    for s in c.members:
        booked = s.booked
        rows.append(
            ContributionRow(
                s.member.name,
                s.share_of_total,
                s.share_of_quarter,
                s.amount,
                booked,
                None if booked is None else booked - s.amount,
            )
        )
    all_booked = all(r.booked is not None for r in rows)
    total_booked = sum((r.booked for r in rows if r.booked is not None), Decimal(0)) if all_booked else None
    pct = fin.equity_pct
    target = inp.organisation.equity_target_pct
    return Overview(
        year=inp.organisation.year,
        rows=tuple(rows),
        total_amount=c.total_amount,
        total_booked=total_booked,
        total_difference=None if total_booked is None else total_booked - c.total_amount,
        basis=BASIS_TEXT[c.basis],
        from_booked=c.source.name == "BOOKED",
        equity=equity,
        equity_pct=pct,
        target_pct=target,
        above_target=pct is not None and target is not None and pct > target,
    )
