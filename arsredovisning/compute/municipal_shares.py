"""Kommuntillhörighet against population: each kommun's share of the participants next to its
share of invånarna (Andel, else Invånare)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..findings import Location
from ..model import AnnualInput
from ..money import ZERO
from .intervention_rows import first_rows, interventions_by_name, kommun_members
from .tables import Masked

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class MunicipalityShare:
    """One kommun: its share of all participants (Individ insatser, Kommuner) and of invånarna."""

    member: str
    short_name: str
    participants: int | Masked  # Masked only after mask_appendix
    participant_pct: Decimal | None  # None when no participant has a known kommun (or masked)
    population: int | None
    population_pct: Decimal | None  # from Andel, else Invånare; None when neither allows it
    location: Location

    @property
    def difference_pp(self) -> Decimal | None:
        """Participant share minus population share, in percentage points."""
        if self.participant_pct is None or self.population_pct is None:
            return None
        return self.participant_pct - self.population_pct


@dataclass(frozen=True)
class MunicipalityShares:
    rows: tuple[MunicipalityShare, ...]  # kommun members in member order
    other: int | Masked  # "Övriga" (Masked only after mask_appendix)
    total: int  # all participants with a Kommuner row, Övriga included
    basis: str | None  # "Andel", "Invånare", "Andel och Invånare" or None (no population data)

    def by_population(self) -> tuple[MunicipalityShare, ...]:
        """Largest population share first ("Åby 40 %, Bby 30 % …"); ties keep member order."""
        return tuple(sorted(self.rows, key=lambda r: -(r.population_pct if r.population_pct is not None else -1)))


def population_shares(inp: AnnualInput) -> tuple[dict[str, Decimal | None], str | None]:
    """Each kommun member's share of invånarna (percent of the kommun quarter).

    Andel wins where given; the rest of 100 % is split by Invånare among the members without Andel.
    A member with neither gets None. Returns (member name → percent, basis)."""
    kommuner = kommun_members(inp)
    given = {m.name: m.share_pct for m in kommuner if m.share_pct is not None}
    rest = [m for m in kommuner if m.share_pct is None]
    out: dict[str, Decimal | None] = {m.name: given.get(m.name) for m in kommuner}
    with_pop = [m for m in rest if m.population is not None and m.population > 0]
    pop_total = sum(m.population or 0 for m in with_pop)
    remaining = HUNDRED - sum(given.values(), ZERO)
    if rest and len(with_pop) == len(rest) and pop_total > 0 and remaining > 0:
        for m in rest:
            out[m.name] = remaining * Decimal(m.population or 0) / Decimal(pop_total)
    basis = {(True, False): "Andel", (False, True): "Invånare", (True, True): "Andel och Invånare"}.get(
        (bool(given), any(out[m.name] is not None for m in rest))
    )
    return out, basis


def municipality_shares(inp: AnnualInput) -> MunicipalityShares:
    """Participants per kommun over all Individ insatser (their Kommuner rows) next to invånare shares."""
    by_name = interventions_by_name(inp)
    rows = first_rows(inp.municipalities, by_name).values()
    kommuner = kommun_members(inp)
    counts = {m.name: 0 for m in kommuner}
    for r in rows:
        for name, n in r.counts:
            if name in counts:
                counts[name] += n
    other = sum(r.other for r in rows)
    total = sum(counts.values()) + other
    pop, basis = population_shares(inp)
    shares = tuple(
        MunicipalityShare(
            member=m.name,
            short_name=m.short_name,
            participants=counts[m.name],
            participant_pct=Decimal(counts[m.name]) * HUNDRED / Decimal(total) if total else None,
            population=m.population,
            population_pct=pop[m.name],
            location=m.location,
        )
        for m in kommuner
    )
    return MunicipalityShares(shares, other, total, basis)
