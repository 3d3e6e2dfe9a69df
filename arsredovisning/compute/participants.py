"""Deltagare, defined once: persons in the insatser, apart from the counts of Volyminsatser.

A Volyminsats (Insatser › Volyminsats = Ja) reports visits, views or attendances – deltaganden –
not persons, so its Deltagare are never added to deltagare: they are their own unit. Every place
that prints a number of deltagare (the key figures and their placeholders, the flerårsöversikt,
Året i korthet, kostnad per deltagare) takes it from :func:`participation`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from ..model import Intervention, InterventionKind


@dataclass(frozen=True)
class Participation:
    """Deltagare as persons, apart from the counts of Volyminsatser (visits, views, attendances),
    which are their own unit and never added to deltagare."""

    individual: int  # Deltagare of individinriktade insatser that are not Volyminsatser
    structural: int  # the same for strukturövergripande
    volume: int  # Deltagare (deltaganden) of every Volyminsats (Ja)
    volume_insatser: int
    individual_actual: Decimal = Decimal(0)  # Utfall of the individinriktade insatser that are not Volyminsatser

    @property
    def cost_per_participant(self) -> Decimal | None:
        """Kostnad per deltagare (individinriktade insatser): their Utfall over their persons."""
        return per_participant(self.individual_actual, self.individual)


def per_participant(actual: Decimal, persons: int) -> Decimal | None:
    """Kostnad per deltagare: ``actual`` over ``persons`` (None without persons). Also for a year read
    from its JSON export (compute/years.py), whose insatser are not records."""
    return actual / persons if persons > 0 else None


def participation(interventions: Iterable[Intervention]) -> Participation:
    interventions = tuple(interventions)
    persons = [i for i in interventions if not i.volume]
    volume = [i for i in interventions if i.volume]
    return Participation(sum(i.participants for i in persons if i.kind is InterventionKind.INDIVID),
                         sum(i.participants for i in persons if i.kind is InterventionKind.STRUKTUR),
                         sum(i.participants for i in volume), len(volume),
                         sum((i.actual for i in persons if i.kind is InterventionKind.INDIVID), Decimal(0)))
