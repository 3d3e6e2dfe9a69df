"""View models of the single-page sections: framsida, kontaktinformation, beslut och underskrifter,
revisorernas påteckning."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..model import AnnualInput
from . import people


@dataclass(frozen=True)
class Cover:
    name: str
    year: int
    org_number: str
    city: str
    logo: str | None  # data: URI
    address: str | None
    phone: str | None
    email: str | None
    web: str | None

    @property
    def web_href(self) -> str | None:
        return web_href(self.web)


def web_href(web: str | None) -> str | None:
    """The Webbplats as a link target: ``https://`` added to a bare address (``www.sydnarke.se``)."""
    if not web or not web.strip():
        return None
    web = web.strip()
    return web if "://" in web else f"https://{web}"


@dataclass(frozen=True)
class ContactPage:
    contacts: tuple[people.Contact, ...]
    name: str
    org_number: str
    address: str | None
    phone: str | None
    email: str | None
    web: str | None

    @property
    def web_href(self) -> str | None:
        return web_href(self.web)


def cover(inp: AnnualInput, logo: str | None) -> Cover:
    o = inp.organisation
    return Cover(o.name, o.year, o.org_number, o.city, logo, o.address, o.phone, o.email, o.web)


def contact_page(inp: AnnualInput) -> ContactPage | None:
    o = inp.organisation
    found = people.contacts(inp.persons)
    if not found and not any((o.address, o.phone, o.email, o.web)):
        return None
    return ContactPage(found, o.name, o.org_number, o.address, o.phone, o.email, o.web)


@dataclass(frozen=True)
class Decision:
    year: int
    unit: str
    result: int
    opening_equity: int
    closing_equity: int
    city: str
    date: date | None
    text: Markup | None  # texter/beslut.md (optional)
    signatories: tuple[people.Signatory, ...]


@dataclass(frozen=True)
class AuditorsPage:
    year: int
    auditors: tuple[people.Auditor, ...]
