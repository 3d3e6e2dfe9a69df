"""The förbund's Upplysningar (its own words on a difference an avstämning shows) as ordinary notes
beside the figures they concern.

The published report never prints the tool's reconciliation messages: open differences live in the
kontrollrapport. What the report says about a remaining difference is what the förbund wrote in the
sheet Upplysningar, printed under the section where that avstämning's figures stand.
"""

from __future__ import annotations

from ..model import Disclosure

# Where each avstämning's figures stand: the section ids of the report (present/view.py), the first
# one the report has. An id not listed (or a section the report lacks) is printed at the balansräkning.
PLACES: dict[str, tuple[str, ...]] = {
    "SB-BALANS": ("balansrakning",),
    "BR-BALANS": ("balansrakning",),
    "EK-UB": ("balansrakning",),
    "KF-LIKVIDA": ("kassaflodesanalys",),
    "KF-IB": ("kassaflodesanalys",),
    "RR-BR-RESULTAT": ("resultatrakning",),
    "RR-INTAKTER": ("resultatrakning",),
    "NOT-SUMMA": ("noter",),
    "INS-PROJEKTMEDEL": ("bilaga-3", "noter"),
    "MEDLEM-BOKFORT": ("finansiell-oversikt",),
    "BILAGA-TABELLSUMMA": ("bilaga-3",),
    "INS-RESULTAT-SUMMA": ("bilaga-1", "bilaga-2"),
    "BALANSKRAV-RESULTAT": ("forvaltningsberattelse",),
}
DEFAULT_PLACE = "balansrakning"


def disclosures(rows: tuple[Disclosure, ...], sections: set[str]) -> dict[str, tuple[str, ...]]:
    """Section id → the förbund's texts to print under it, in the sheet's order; ``sections``: the
    ids of the sections the report has."""
    out: dict[str, list[str]] = {}
    for d in rows:
        place = next((p for p in PLACES.get(d.check, ()) if p in sections), DEFAULT_PLACE)
        out.setdefault(place, []).append(d.text)
    return {k: tuple(v) for k, v in out.items()}
