"""The records of a read lägesrapport: as written (``RawReport``, text with Locations) and typed
(``ProgressReport``). Pure data; the meaning of each field is in ``fields.py``."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from datetime import date
from decimal import Decimal

from .. import fmt
from ..findings import Location, Written
from .fields import BY_KEY, Group, Measure, Money, Role


@dataclass(frozen=True)
class Section:
    """A free section under a heading (seed 002/003) or the lead-in before the first heading (None)."""

    heading: str | None
    text: str
    where: Location


@dataclass(frozen=True)
class RawReport:
    file: str
    own_form: bool
    fields: dict[str, Written]
    figures: dict[tuple[Measure, Role, Group], Written]
    money: dict[Money, Written]
    sections: tuple[Section, ...]
    economy_text: str  # text under an Ekonomi heading: the reason for a deviation (seed 003)
    measure_guessed: bool  # participant figures with no question or header saying what they count
    form_period: tuple[date, date] | None = None  # the follow-up period of the tool's own form


@dataclass(frozen=True)
class Participants:
    """Participant figures of one meaning (under perioden / sedan start); None = not reported."""

    planned_women: int | None = None
    planned_men: int | None = None
    planned_other: int | None = None
    planned_total: int | None = None
    women: int | None = None
    men: int | None = None
    other: int | None = None
    total: int | None = None

    @property
    def planned(self) -> int | None:
        return _total(self.planned_total, self.planned_women, self.planned_men, self.planned_other)

    @property
    def actual(self) -> int | None:
        return _total(self.total, self.women, self.men, self.other)

    @property
    def empty(self) -> bool:
        return all(v is None for v in vars(self).values())


def _total(total, *parts):
    if total is not None:
        return total
    given = [p for p in parts if p is not None]
    return sum(given) if given else None


@dataclass(frozen=True)
class Answer:
    key: str
    text: str

    @property
    def label(self) -> str:
        return BY_KEY[self.key].label


@dataclass(frozen=True)
class ProgressReport:
    """One lägesrapport, typed. ``locations`` maps a field key (or a figure's name) to where it was read."""

    file: str
    own_form: bool
    intervention: str | None
    total_period: tuple[date, date] | None
    period: tuple[date, date] | None
    number: int | None
    of: int | None
    participants: dict[Measure, Participants]
    granted: Decimal | None
    invoiced: Decimal | None
    forecast: Decimal | None
    economy_ok: bool | None
    economy_reason: str | None
    answers: tuple[Answer, ...]
    sections: tuple[Section, ...]
    signed_by: str | None
    signed_on: date | None
    locations: dict[str, Location] = field(default_factory=dict, compare=False, hash=False)
    form_period: tuple[date, date] | None = None  # the follow-up period ``skapa`` was asked for (own form)

    def where(self, key: str) -> Location:
        return self.locations.get(key) or Location(self.file)

    def answer(self, key: str) -> str | None:
        return next((a.text for a in self.answers if a.key == key), None)

    def deviations(self, year_budget: Decimal | None = None) -> tuple[Deviation, ...]:
        """The report's money compared like with like. The form's grant is the period's: the period's
        invoiced costs are compared with it, and the year's forecast with the year's budget for the
        insats (``year_budget``, Insatser › Budget, when known). A report laid out otherwise gives one
        grant without saying its time: its forecast for the year (else its invoiced costs) is compared
        with that grant, and the comparison says so."""
        out = []
        if self.own_form:
            if self.invoiced is not None and self.granted:
                out.append(Deviation(Scope.PERIOD, "periodens fakturerade kostnader", self.invoiced, "periodens beviljade medel", self.granted))
            if self.forecast is not None and year_budget:
                out.append(Deviation(Scope.YEAR, "prognosen för året", self.forecast, "årets budget för insatsen", year_budget))
        elif self.granted:
            if self.forecast is not None:
                out.append(Deviation(Scope.YEAR, "prognosen för året", self.forecast, "beviljade medel", self.granted))
            elif self.invoiced is not None:
                out.append(Deviation(Scope.PERIOD, "fakturerade kostnader", self.invoiced, "beviljade medel", self.granted))
        return tuple(out)

    @property
    def deviation_pct(self) -> Decimal | None:
        """The first of :meth:`deviations` without the workbook, in %; None when there is none."""
        found = self.deviations()
        return found[0].pct if found else None


class Scope(str, Enum):
    """What a cost comparison covers."""

    PERIOD = "perioden"
    YEAR = "året"


@dataclass(frozen=True)
class Deviation:
    """``spent`` against ``base``, both named (Swedish, lower case) so a message says which comparison."""

    scope: Scope
    spent_label: str
    spent: Decimal
    base_label: str
    base: Decimal

    @property
    def pct(self) -> Decimal:
        return (self.spent - self.base) * 100 / self.base

    def text(self) -> str:
        """``Periodens fakturerade kostnader 598 400 kr är 7,9 % under periodens beviljade medel 650 000 kr``."""
        side = "över" if self.pct > 0 else "under"
        return (f"{self.spent_label[0].upper()}{self.spent_label[1:]} {fmt.whole_kr(self.spent)} är "
                f"{fmt.decimal(abs(self.pct), 1)} % {side} {self.base_label} {fmt.whole_kr(self.base)}")
