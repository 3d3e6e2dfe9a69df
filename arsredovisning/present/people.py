"""Personer and Möten as the report shows them: organs, changes during the year, signatures, contacts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import Body, Meeting, Person


@dataclass(frozen=True)
class PersonLine:
    """One person in a list: ``since``/``until`` only when the change falls inside the year."""

    name: str
    represents: str | None
    role: str | None
    since: date | None  # fr.o.m.
    until: date | None  # t.o.m.
    vacant: bool = False  # a seat without a person (Namn "Vakant"): listed, never signs


@dataclass(frozen=True)
class Organ:
    """A group of persons under one heading (``Ordinarie ledamöter``, ``Ersättare`` …)."""

    title: str
    persons: tuple[PersonLine, ...]


@dataclass(frozen=True)
class MeetingGroup:
    """One organ's meetings of the year, under a line that says how many (Förvaltningsberättelse)."""

    body: str  # Möten.Organ, as written
    dates: tuple[Meeting, ...]  # in date order

    @property
    def count(self) -> int:
        return len(self.dates)

    @property
    def lead(self) -> str:
        """The line above the dates, grammatical for any Organ as written (:func:`meeting_lead`)."""
        return meeting_lead(self.body, self.count)


# Organs as a förbund writes them (indefinite or definite) → their definite form, the subject of
# "… har genomfört N möten". Any other Organ gets the neutral "Organ (N tillfällen):".
DEFINITE = {
    "styrelse": "Styrelsen", "styrelsen": "Styrelsen", "förbundsstyrelse": "Förbundsstyrelsen",
    "förbundsstyrelsen": "Förbundsstyrelsen", "beredningsgrupp": "Beredningsgruppen",
    "beredningsgruppen": "Beredningsgruppen", "presidium": "Presidiet", "presidiet": "Presidiet",
    "arbetsutskott": "Arbetsutskottet", "arbetsutskottet": "Arbetsutskottet", "kansli": "Kansliet",
    "kansliet": "Kansliet", "styrgrupp": "Styrgruppen", "styrgruppen": "Styrgruppen",
    "ledningsgrupp": "Ledningsgruppen", "ledningsgruppen": "Ledningsgruppen",
}


def meeting_lead(body: str, count: int) -> str:
    """``Styrelse``, 6 → "Styrelsen har genomfört 6 möten:"; ``Planeringsdagar``, 2 → "Planeringsdagar
    (2 tillfällen):" — a name the tool cannot inflect is never made the subject of a verb."""
    name = " ".join(body.split())
    definite = DEFINITE.get(name.lower())
    if definite is not None:
        return f"{definite} har genomfört {count} {'möte' if count == 1 else 'möten'}:"
    return f"{name[:1].upper()}{name[1:]} ({count} {'tillfälle' if count == 1 else 'tillfällen'}):"


@dataclass(frozen=True)
class Signatory:
    name: str
    role: str | None


@dataclass(frozen=True)
class Auditor:
    name: str
    role: str | None
    represents: str | None


@dataclass(frozen=True)
class Contact:
    name: str
    role: str | None
    phone: str | None
    email: str | None


def in_year(p: Person, year: int) -> bool:
    """True when the person's period overlaps the calendar year."""
    return (p.start is None or p.start <= date(year, 12, 31)) and (p.end is None or p.end >= date(year, 1, 1))


def in_office(p: Person, on: date) -> bool:
    return (p.start is None or p.start <= on) and (p.end is None or p.end >= on)


def is_vacant(p: Person) -> bool:
    """A vacant seat: Personer.Namn "Vakant" (any case), kept so that the organ's seats are all listed."""
    return p.name.strip().casefold() == "vakant"


# Roles that only repeat the heading they are listed under.
GROUP_ROLES = frozenset({"ersättare", "ordinarie"})


def person_line(p: Person, year: int) -> PersonLine:
    since = p.start if p.start is not None and p.start > date(year, 1, 1) else None
    until = p.end if p.end is not None and p.end < date(year, 12, 31) else None
    role = None if (p.role or "").strip().casefold() in GROUP_ROLES else p.role
    return PersonLine("Vakant" if is_vacant(p) else p.name, p.represents, role, since, until, is_vacant(p))


def _is_substitute(p: Person) -> bool:
    return (p.role or "").strip().casefold().startswith("ersättare")


def _lines(persons, year: int) -> tuple[PersonLine, ...]:
    return tuple(person_line(p, year) for p in persons if in_year(p, year))


def board(persons: tuple[Person, ...], year: int) -> tuple[Organ, ...]:
    """Styrelsen: ordinarie ledamöter (Organ Styrelse) and ersättare (Organ Ersättare)."""
    groups = (
        ("Ordinarie ledamöter", [p for p in persons if p.body is Body.STYRELSE]),
        ("Ersättare", [p for p in persons if p.body is Body.ERSATTARE]),
    )
    return tuple(Organ(title, _lines(ps, year)) for title, ps in groups if _lines(ps, year))


def preparatory_group(persons: tuple[Person, ...], year: int) -> tuple[Organ, ...]:
    """Beredningsgruppen: ordinarie and ersättare, by Roll."""
    members = [p for p in persons if p.body is Body.BEREDNINGSGRUPP]
    groups = (
        ("Ordinarie", [p for p in members if not _is_substitute(p)]),
        ("Ersättare", [p for p in members if _is_substitute(p)]),
    )
    return tuple(Organ(title, _lines(ps, year)) for title, ps in groups if _lines(ps, year))


def staff(persons: tuple[Person, ...], year: int) -> tuple[PersonLine, ...]:
    return _lines([p for p in persons if p.body is Body.PERSONAL], year)


def auditors(persons: tuple[Person, ...], year: int) -> tuple[PersonLine, ...]:
    return _lines([p for p in persons if p.body is Body.REVISOR], year)


def meeting_groups(meetings: tuple[Meeting, ...]) -> tuple[MeetingGroup, ...]:
    """Möten grouped by Organ as written, in order of first appearance; dates sorted."""
    order: dict[str, list[Meeting]] = {}
    for m in meetings:
        order.setdefault(m.body.strip(), []).append(m)
    return tuple(MeetingGroup(body, tuple(sorted(ms, key=lambda m: m.date))) for body, ms in order.items())


def signatories(persons: tuple[Person, ...], year: int, decision_date: date | None) -> tuple[Signatory, ...]:
    """Styrelse members in office on Beslutsdatum (without one: those in office at the year's end)."""
    on = decision_date or date(year, 12, 31)
    return tuple(Signatory(p.name, p.role) for p in persons if p.body is Body.STYRELSE and in_office(p, on) and not is_vacant(p))


def signing_auditors(persons: tuple[Person, ...], year: int) -> tuple[Auditor, ...]:
    """Revisorer who served during the year (they sign for the year they audited)."""
    return tuple(Auditor(p.name, p.role, p.represents) for p in persons if p.body is Body.REVISOR and in_year(p, year) and not is_vacant(p))


def contacts(persons: tuple[Person, ...]) -> tuple[Contact, ...]:
    """Everyone with a Telefon or E-post, once per name (the first row's role), in sheet order."""
    seen: dict[str, Contact] = {}
    for p in persons:
        if (p.phone or p.email) and p.name not in seen and not is_vacant(p):
            seen[p.name] = Contact(p.name, p.role, p.phone, p.email)
    return tuple(seen.values())
