"""View models of the single-page sections: framsida, kontaktinformation, beslut och underskrifter,
revisorernas påteckning."""

from __future__ import annotations

from dataclasses import dataclass
import datetime as dt

from markupsafe import Markup

from .. import fmt
from ..model import AnnualInput
from . import people


@dataclass(frozen=True)
class Reach:
    """How the förbund is reached, as the cover and the contact page print it (Förbund sheet)."""

    address: str | None
    phone: str | None
    email: str | None
    web: str | None

    @property
    def web_href(self) -> str | None:
        return web_href(self.web)

    @staticmethod
    def of(inp: AnnualInput) -> dict[str, str | None]:
        o = inp.organisation
        return {"address": o.address, "phone": o.phone, "email": o.email, "web": o.web}


@dataclass(frozen=True)
class Cover(Reach):
    name: str
    year: int
    org_number: str
    city: str
    logo: str | None  # data: URI
    tagline: str | None


def web_href(web: str | None) -> str | None:
    """The Webbplats as a link target: ``https://`` added to a bare address (``www.sydnarke.se``)."""
    if not web or not web.strip():
        return None
    web = web.strip()
    return web if "://" in web else f"https://{web}"


@dataclass(frozen=True)
class ContactPage(Reach):
    contacts: tuple[people.Contact, ...]
    name: str
    org_number: str


def cover(inp: AnnualInput, logo: str | None) -> Cover:
    o = inp.organisation
    return Cover(**Reach.of(inp), name=o.name, year=o.year, org_number=o.org_number, city=o.city, logo=logo, tagline=o.tagline)


def contact_page(inp: AnnualInput) -> ContactPage | None:
    o = inp.organisation
    found = people.contacts(inp.persons)
    reach = Reach.of(inp)
    if not found and not any(reach.values()):
        return None
    return ContactPage(**reach, contacts=found, name=o.name, org_number=o.org_number)


@dataclass(frozen=True)
class Decision:
    year: int
    unit: str
    result: int
    opening_equity: int  # the printed closing eget kapital of the year before (balansräkningen's prior column)
    closing_equity: int
    city: str
    date: dt.date | None
    text: Markup | None  # texter/beslut.md (optional): replaces the decisions
    signatories: tuple[people.Signatory, ...]
    proposals: tuple[str, ...] = ()  # "Styrelsen beslutar att" – one decision a line
    footing: int = 0  # closing − opening − result of the printed figures (an Avrundning line only when ≠ 0)


def proposals(year: int, unit: str, closing_equity: int) -> tuple[str, ...]:
    """The default decisions, in the styrelse's own voice ("Styrelsen beslutar att …"): approve the
    report, and what the eget kapital at the year's end is used for (a positive one for the
    verksamhet of the coming year; a negative one restored by a plan in the coming budget)."""
    out = [f"godkänna årsredovisningen för år {year} och lämna den till förbundets revisorer och medlemmar"]
    amount = fmt.with_unit(fmt.shown(abs(closing_equity)), unit)
    if closing_equity > 0:
        out.append(f"det egna kapitalet vid årets slut, {amount}, ska användas för förbundets verksamhet "
                   f"enligt verksamhetsplanen och budgeten för {year + 1}")
    elif closing_equity < 0:
        out.append(f"det negativa egna kapitalet vid årets slut, {amount}, ska återställas enligt en plan "
                   f"som styrelsen beslutar i budgeten för {year + 1}")
    return tuple(out)


@dataclass(frozen=True)
class AuditorsPage:
    year: int
    auditors: tuple[people.Auditor, ...]
    date: dt.date | None = None  # Revisionsdatum
    attached: bool = False  # the signed revisionsberättelse follows as the report's last pages
    draft: bool = True  # an utkast: blank date and signature lines marked as draft (the date only in slutlig)


@dataclass(frozen=True)
class AuditReport:
    """The signed revisionsberättelse (revisionsberattelse.pdf), one image per page."""

    pages: tuple[str, ...]  # data: URIs
    name: str  # the förbund, for the text alternative

    def alt(self, number: int) -> str:
        return (f"Revisionsberättelsen för {self.name}, undertecknad av revisorerna, sida {number} av "
                f"{len(self.pages)} (inskannat dokument)")
