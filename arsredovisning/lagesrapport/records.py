"""The records of a read lägesrapport: as written (``RawReport``, text with Locations) and typed
(``ProgressReport``). Pure data; the meaning of each field is in ``fields.py``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..findings import Location
from .fields import BY_KEY, Group, Measure, Money, Role


@dataclass(frozen=True)
class Raw:
    text: str
    where: Location


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
    fields: dict[str, Raw]
    figures: dict[tuple[Measure, Role, Group], Raw]
    money: dict[Money, Raw]
    sections: tuple[Section, ...]
    economy_text: str  # text under an Ekonomi heading: the reason for a deviation (seed 003)
    measure_guessed: bool  # participant figures with no question or header saying what they count


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

    def where(self, key: str) -> Location:
        return self.locations.get(key) or Location(self.file)

    def answer(self, key: str) -> str | None:
        return next((a.text for a in self.answers if a.key == key), None)

    @property
    def deviation_pct(self) -> Decimal | None:
        """(prognos, else fakturerat) − beviljat, in % of beviljat; None when not both given."""
        spent = self.forecast if self.forecast is not None else self.invoiced
        if self.granted is None or spent is None or self.granted == 0:
            return None
        return (spent - self.granted) * 100 / self.granted
