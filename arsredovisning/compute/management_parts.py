"""The parts of the förvaltningsberättelse LKBR 11 kap. and RKR R15 ask for, each a text slot
(``texter/<key>.md``) with a default only where the default is a true statement read off the
figures. Balanskravsresultat and god ekonomisk hushållning are generated elsewhere
(present/management_report.py). Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import fmt
from ..model import AnnualInput
from .lines import StatementKey as K

HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.M)


@dataclass(frozen=True)
class ManagementPart:
    key: str  # texter/<key>.md
    heading: str  # R15's heading, for a förbund
    pattern: str  # a heading of the förbund's own texts that already holds the part (case-insensitive)


PARTS: tuple[ManagementPart, ...] = (
    ManagementPart("oversikt", "Översikt över verksamhetens utveckling", r"översikt över verksamhet|verksamhetens utveckling"),
    ManagementPart("viktiga_forhallanden", "Viktiga förhållanden för resultat och ekonomisk ställning", r"viktiga förhållanden"),
    ManagementPart("vasentliga_handelser", "Händelser av väsentlig betydelse", r"väsentliga händelser|händelser av väsentlig|händelser under"),
    ManagementPart("handelser_efter_arets_slut", "Händelser efter räkenskapsårets slut", r"efter (räkenskaps)?årets (slut|utgång)"),
    ManagementPart("styrning_och_uppfoljning", "Styrning och uppföljning av förbundets verksamhet", r"styrning|uppföljning|intern kontroll"),
    ManagementPart("personalforhallanden", "Väsentliga personalförhållanden", r"personal"),
    ManagementPart("forvantad_utveckling", "Förväntad utveckling", r"förväntad utveckling|framtid"),
)

# The texts whose headings count as holding a part (the förvaltningsberättelse and Organisation,
# where a förbund describes its personal).
OWN_TEXTS = ("forvaltningsberattelse", "organisation")


def written_in_texts(inp: AnnualInput, part: ManagementPart) -> bool:
    """The förbund's own texts already have a heading for the part."""
    for key in OWN_TEXTS:
        text = inp.text(key)
        if text is not None and any(re.search(part.pattern, h, re.I) for h in HEADING.findall(text.content)):
            return True
    return False


def has_own(inp: AnnualInput, key: str) -> bool:
    text = inp.text(key)
    return text is not None and bool(text.content.strip())


def default_text(inp: AnnualInput, part: ManagementPart, fin, key_figures: dict) -> str | None:
    """The default of ``part`` when it is a true statement from the figures; None otherwise."""
    year = inp.organisation.year
    unit = inp.organisation.unit.value

    def amount(value) -> str:
        from ..money import to_unit
        return fmt.with_unit(fmt.shown(to_unit(value, unit)), unit)

    if part.key == "handelser_efter_arets_slut":
        return "Inga väsentliga händelser har inträffat efter räkenskapsårets slut."
    if fin is None:
        return None
    rr = fin.income_statement
    if part.key == "oversikt":
        income, cost = rr.value(K.VERKSAMHETENS_INTAKTER, 0), rr.value(K.VERKSAMHETENS_KOSTNADER, 0)
        text = f"Verksamhetens intäkter var {amount(income)} och verksamhetens kostnader {amount(-cost)} under {year}"
        if len(rr.years) > 1:
            text += (f" ({amount(rr.value('verksamhetens_intakter', 1))} och "
                     f"{amount(-rr.value('verksamhetens_kostnader', 1))} året före)")
        count = key_figures.get("antal_insatser")
        text += "." + (f" Förbundet finansierade {count.value} insatser." if count is not None and count.value else "")
        return text
    if part.key == "viktiga_forhallanden":
        text = ("Förbundets verksamhet finansieras med medlemmarnas medlemsbidrag enligt lagen (2003:1210) om finansiell "
                "samordning av rehabiliteringsinsatser: staten bidrar med hälften, regionen med en fjärdedel och "
                "kommunerna tillsammans med en fjärdedel.")
        c = fin.contributions
        if c is not None and c.total:
            text += f" Medlemsbidragen för {year} var {amount(c.total)}."
        ranges = inp.organisation.intervention_accounts
        if ranges:
            from ..model import StatementLine as L
            from .ledger import LedgerColumn, value
            spent = sum(value(a, LedgerColumn.CURRENT) for a in fin.ledger.accounts_of(L.VERKSAMHETENS_KOSTNADER)
                        if any(r.start <= a.number <= r.end for r in ranges))
            if spent:
                text += (f" Av verksamhetens kostnader, {amount(-rr.value('verksamhetens_kostnader', 0))}, avsåg "
                         f"{amount(spent)} de insatser som förbundet finansierar.")
        return text
    if part.key == "styrning_och_uppfoljning":
        board = [m for m in inp.meetings if re.fullmatch(r"(förbunds)?styrelsen?", m.body.strip(), re.I)]
        if not board:
            return None
        return (f"Styrelsen har haft {len(board)} {'sammanträde' if len(board) == 1 else 'sammanträden'} under {year}. "
                "Förbundets räkenskaper och förvaltning granskas av de revisorer som medlemmarna har utsett.")
    return None
