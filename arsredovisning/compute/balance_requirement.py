"""The balanskravsresultat (LKBR 11 kap.): årets resultat adjusted by the rows of Balanskravsjusteringar.

``balance_requirement(result, adjustments) -> BalanceRequirement``, pure and exact (``Decimal``):
balanskravsresultat = årets resultat + Σ justeringar, each adjustment signed as it changes the
result. The adjustments are put in the order of a kommunal balanskravsutredning (by post; rows of one
post in sheet order), the resultatutjämningsreserv posts last, after "Årets resultat efter
balanskravsjusteringar". Rounding to kr/tkr is the presentation's (``present/management_report.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import AdjustmentPost, BalanceAdjustment

ZERO = Decimal(0)
_ORDER = {post: n for n, post in enumerate(AdjustmentPost)}


@dataclass(frozen=True)
class BalanceRequirement:
    result: Decimal  # årets resultat (resultaträkningen)
    adjustments: tuple[BalanceAdjustment, ...]  # in the utredning's order

    @property
    def adjustment_total(self) -> Decimal:
        return sum((a.amount for a in self.adjustments), ZERO)

    @property
    def before_reserve(self) -> Decimal:
        """Årets resultat efter balanskravsjusteringar (before the resultatutjämningsreserv posts)."""
        return self.result + sum((a.amount for a in self.adjustments if not a.post.is_reserve), ZERO)

    @property
    def balance_result(self) -> Decimal:
        """Årets balanskravsresultat."""
        return self.result + self.adjustment_total

    @property
    def met(self) -> bool:
        """Balanskravet: the balanskravsresultat is not negative."""
        return self.balance_result >= 0


def balance_requirement(result: Decimal, adjustments: tuple[BalanceAdjustment, ...]) -> BalanceRequirement:
    ordered = sorted(adjustments, key=lambda a: _ORDER[a.post])  # stable: sheet order within a post
    return BalanceRequirement(result, tuple(ordered))
