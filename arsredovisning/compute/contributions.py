"""Medlemsbidrag: the Finsam split of the year's total contribution (Finsam 5 §, lkbr.md §4).

Staten 50 %, regionen 25 %, kommunerna 25 % together. The kommun quarter is split by ``Andel``
(percent of the quarter) when any kommun has one, otherwise by ``Invånare``; a single kommun takes
the whole quarter. Amounts are rounded to whole kronor once, by largest remainder
(:func:`~arsredovisning.compute.allocate.allocate`): each member gets its exact share rounded
half-up, and if those do not add up to the total (rounded half-up) the difference goes to the
member(s) whose exact share was closest to rounding the other way. So the member amounts always
sum exactly to the total.

The total is ``Förbund › Medlemsbidrag totalt``; without it, the sum of what is booked on the
members' Konto (when every member has one); otherwise there is no split (info
``MEDLEM-TOTAL-SAKNAS``). Structural problems are findings: ``MEDLEM-TYP`` (not exactly one Stat
and one Region, or no Kommun) and ``MEDLEM-ANDELAR`` (shares missing or not 100 %), both fel.
The comparison booked vs computed (``MEDLEM-BOKFORT``) and eget kapital vs the riktvärde
(``EK-RIKTVARDE``) are checks in ``checks/contributions.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import cast
from enum import Enum

from ..files import WORKBOOK
from ..findings import Finding, Location, error, info
from ..model import AnnualInput, Member, MemberType
from ..fmt import percent
from ..money import round_half_up
from .allocate import allocate
from .ledger import ZERO, Ledger, LedgerColumn, value

HUNDRED = Decimal(100)
TYPE_SHARE = {MemberType.STAT: Decimal(50), MemberType.REGION: Decimal(25)}
KOMMUN_QUARTER = Decimal(25)
SHARE_TOLERANCE = Decimal("0.000001")  # percent points: absorbs float noise from percent-formatted cells


class Basis(str, Enum):
    """How the kommun quarter is split: by the kommuners' Andel (when any has one), else by
    Invånare; a single kommun without either takes all of it."""

    SHARE = "Andel"
    POPULATION = "Invånare"
    SINGLE = "En kommun"


class TotalSource(str, Enum):
    """Where the total that is split comes from: ``Förbund › Medlemsbidrag totalt``, or without it
    the sum booked on the members' Konto."""

    ORGANISATION = "Medlemsbidrag totalt"
    BOOKED = "Bokförda medlemsbidrag"


@dataclass(frozen=True)
class MemberShare:
    member: Member
    share_of_total: Decimal  # percent of the total (staten 50, regionen 25, a kommun its part of 25)
    share_of_quarter: Decimal | None  # kommuner: percent of the kommun quarter
    exact: Decimal  # kr, unrounded
    amount: int  # whole kr; the members' amounts sum exactly to the rounded total
    booked: Decimal | None  # this year's amount on member.account, as an intäkt (positive); None without Konto

    @property
    def difference(self) -> Decimal | None:
        """Booked − computed (exact), None without Konto."""
        return None if self.booked is None else self.booked - self.exact


@dataclass(frozen=True)
class Contributions:
    total: Decimal  # exact total that was split
    total_amount: int  # the total rounded half-up to whole kr (= sum of the member amounts)
    source: TotalSource
    basis: Basis
    members: tuple[MemberShare, ...]  # in the order of Medlemmar


def booked(ledger: Ledger, member: Member) -> Decimal | None:
    """What is booked on the member's Konto this year, intäkt sign (positive). None without Konto."""
    if member.account is None:
        return None
    return ZERO - sum((value(a, LedgerColumn.CURRENT) for a in ledger.accounts if a.number == member.account), ZERO)


def member_contributions(inp: AnnualInput, ledger: Ledger) -> tuple[Contributions | None, list[Finding]]:
    findings = check_member_types(inp) + _share_findings(inp)
    if findings:
        return None, findings
    total, source = inp.organisation.total_contribution, TotalSource.ORGANISATION
    if total is None:
        booked_all = [booked(ledger, m) for m in inp.members]
        if any(b is None for b in booked_all):
            return None, [
                info(
                    "MEDLEM-TOTAL-SAKNAS",
                    "Medlemsbidragens fördelning visas inte: Medlemsbidrag totalt saknas i bladet Förbund och "
                    "alla medlemmar har inte Konto i bladet Medlemmar. Fyll i Medlemsbidrag totalt för att få "
                    "fördelningen per medlem.",
                    inp.organisation.locations.get("Medlemsbidrag totalt"),
                )
            ]
        total, source = sum((cast(Decimal, b) for b in booked_all), ZERO), TotalSource.BOOKED
    quarter_shares, basis = _quarter_shares(inp.members)
    shares: list[tuple[Decimal, Decimal | None]] = []
    for m in inp.members:
        if m.type is MemberType.KOMMUN:
            q = quarter_shares[m.name]
            shares.append((KOMMUN_QUARTER * q / HUNDRED, q))
        else:
            shares.append((TYPE_SHARE[m.type], None))
    exact = [total * pct / HUNDRED for pct, _ in shares]
    total_amount = round_half_up(total)
    amounts = allocate(exact, total_amount)
    members = tuple(
        MemberShare(m, pct, q, e, a, booked(ledger, m)) for m, (pct, q), e, a in zip(inp.members, shares, exact, amounts)
    )
    return Contributions(total, total_amount, source, basis, members), []


def check_member_types(inp: AnnualInput) -> list[Finding]:
    """Exactly one Stat, exactly one Region, at least one Kommun (MEDLEM-TYP, fel)."""
    known = [m.location.file for m in inp.members] + [loc.file for loc in inp.organisation.locations.values()]
    sheet = Location(known[0] if known else WORKBOOK, "Medlemmar")
    out = []
    for typ, wanted in ((MemberType.STAT, "exakt en"), (MemberType.REGION, "exakt en")):
        rows = [m for m in inp.members if m.type is typ]
        if len(rows) != 1:
            names = ", ".join(m.name for m in rows) or "ingen"
            out.append(
                error(
                    "MEDLEM-TYP",
                    f"Bladet Medlemmar ska ha {wanted} medlem med Typ {typ.value}, men har {len(rows)} ({names}). "
                    "Finsam: staten 50 %, regionen 25 %, kommunerna 25 %. Rätta kolumnen Typ.",
                    rows[1].location if len(rows) > 1 else sheet,
                )
            )
    if not any(m.type is MemberType.KOMMUN for m in inp.members):
        out.append(
            error(
                "MEDLEM-TYP",
                "Bladet Medlemmar har ingen medlem med Typ Kommun; minst en kommun krävs. Rätta kolumnen Typ.",
                sheet,
            )
        )
    return out


def _kommuner(members) -> list[Member]:
    return [m for m in members if m.type is MemberType.KOMMUN]


def _quarter_shares(members) -> tuple[dict[str, Decimal], Basis]:
    """Each kommun's percent of the kommun quarter (assumes :func:`_share_findings` found nothing)."""
    kommuner = _kommuner(members)
    if any(m.share_pct is not None for m in kommuner):
        weights, basis = {m.name: cast(Decimal, m.share_pct) for m in kommuner}, Basis.SHARE
    elif len(kommuner) == 1 and kommuner[0].population is None:
        return {kommuner[0].name: HUNDRED}, Basis.SINGLE
    else:
        weights, basis = {m.name: Decimal(cast(int, m.population)) for m in kommuner}, Basis.POPULATION
    # Normalised, so that noise within SHARE_TOLERANCE never leaks into the split.
    whole = sum(weights.values(), ZERO)
    return {name: HUNDRED * w / whole for name, w in weights.items()}, basis


def _share_findings(inp: AnnualInput) -> list[Finding]:
    """MEDLEM-ANDELAR: every kommun needs an Andel (if any has one) or Invånare, and Andel sums to 100 %."""
    kommuner = _kommuner(inp.members)
    if not kommuner:
        return []
    if any(m.share_pct is not None for m in kommuner):
        missing = [m for m in kommuner if m.share_pct is None]
        if missing:
            return [
                error(
                    "MEDLEM-ANDELAR",
                    f"{m.name} saknar Andel, men andra kommuner har Andel. Ange Andel för alla kommuner "
                    "(procent av kommunernas fjärdedel) eller för ingen (då används Invånare).",
                    m.location,
                )
                for m in missing
            ]
        negative = [m for m in kommuner if cast(Decimal, m.share_pct) < 0]
        total = sum((cast(Decimal, m.share_pct) for m in kommuner), ZERO)
        if negative or abs(total - HUNDRED) > SHARE_TOLERANCE:
            parts = " + ".join(f"{m.name} {_pct(cast(Decimal, m.share_pct))}" for m in kommuner)
            return [
                error(
                    "MEDLEM-ANDELAR",
                    f"Kommunernas Andel ska vara minst 0 och summera till 100 %, men {parts} = {_pct(total)}. "
                    "Rätta kolumnen Andel i bladet Medlemmar.",
                    kommuner[0].location,
                )
            ]
        return []
    if len(kommuner) == 1 and kommuner[0].population is None:
        return []
    missing = [m for m in kommuner if m.population is None or m.population < 0]
    if missing:
        return [
            error(
                "MEDLEM-ANDELAR",
                f"{m.name} saknar Invånare (och ingen kommun har Andel), så kommunernas fjärdedel kan inte "
                "fördelas. Fyll i Invånare eller Andel för alla kommuner.",
                m.location,
            )
            for m in missing
        ]
    if sum(cast(int, m.population) for m in kommuner) <= 0:
        return [
            error(
                "MEDLEM-ANDELAR",
                "Kommunernas Invånare summerar till 0, så andelarna blir inte 100 %. Fyll i Invånare eller Andel.",
                kommuner[0].location,
            )
        ]
    return []


def _pct(value: Decimal) -> str:
    return percent(value, decimals=2 if value == value.quantize(Decimal("0.01")) else 4)
