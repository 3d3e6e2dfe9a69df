"""The accounting law of a räkenskapsår, and the default texts that must name it.

Lag (2018:597) om kommunal bokföring och redovisning (LKBR) applies from the räkenskapsår 2019
(in force 1 January 2019); before that, lag (1997:614) om kommunal redovisning (KRL). A
samordningsförbund applies them in the parts that fit a förbund (finsam.se; revisors review
förbund against LKBR). Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

LKBR_FIRST_YEAR = 2019


@dataclass(frozen=True)
class Law:
    sfs: str  # "2018:597"
    name: str  # "lagen (2018:597) om kommunal bokföring och redovisning"
    short: str  # "LKBR"


LKBR = Law("2018:597", "lagen (2018:597) om kommunal bokföring och redovisning", "LKBR")
KRL = Law("1997:614", "lagen (1997:614) om kommunal redovisning", "KRL")


def accounting_law(year: int) -> Law:
    """The law the årsredovisning of ``year`` is made under."""
    return LKBR if year >= LKBR_FIRST_YEAR else KRL


def other_law(year: int) -> Law:
    """The law that does *not* apply to ``year`` (a text naming it names the wrong law)."""
    return KRL if year >= LKBR_FIRST_YEAR else LKBR


def default_accounting_principles(year: int) -> str:
    """The default Redovisningsprinciper (Markdown) for ``year``: the law of the year, god
    redovisningssed and RKR's recommendations, valuation, periodisering, medlemsbidrag and
    villkorade statliga medel, likvida medel. ``texter/redovisningsprinciper.md`` replaces it."""
    law = accounting_law(year)
    return f"""\
Årsredovisningen är upprättad enligt {law.name} och god redovisningssed, i de delar som är
tillämpliga för ett samordningsförbund. Förbundet följer Rådet för kommunal redovisnings (RKR)
rekommendationer i de delar som är tillämpliga; förbundet avviker inte från någon rekommendation.

Resultaträkningen visar årets intäkter och kostnader samt årets resultat. Balansräkningen visar
samordningsförbundets ställning på balansdagen. Kassaflödesanalysen visar hur likvida medel har
förändrats under året.

Tillgångar och skulder har värderats till anskaffningsvärdet om inget annat anges. Fordringar är
upptagna till de belopp varmed de beräknas inflyta.

Intäkter och kostnader är periodiserade till det räkenskapsår de avser: kostnader för insatser
och köpta tjänster som avser året men fakturerats efter årets slut är bokförda som upplupna
kostnader. Medlemsbidragen redovisas som verksamhetens intäkter det år de avser.

Statliga medel som är förenade med villkor (villkorade statliga medel) intäktsförs i takt med att
villkoren uppfylls. Medel som inte har förbrukats vid årets slut redovisas som skuld
(förutbetalda intäkter).

Som likvida medel räknas kassa och disponibla banktillgodohavanden samt kortfristiga placeringar
som utan risk kan omvandlas till kontanter.
"""
