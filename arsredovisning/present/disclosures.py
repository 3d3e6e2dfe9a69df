"""Upplysningar om avvikelser: every open difference of an avstämning (level ``varning``) as a short
Swedish note beside the figures it concerns.

The notes come from the same ``Reconciliation`` records the kontrollrapport shows
(``checks.all_reconciliations``), so the published report never keeps quiet about a difference the
revisor sees. A difference that only causes others (``SB-BALANS``: the saldobalans that does not sum
to 0) is told through its consequences, each of which names it as the cause.
"""

from __future__ import annotations

import re

from .. import fmt
from ..findings import Level, Reconciliation

# Where each avstämning's figures stand: the section ids of the report (present/view.py).
PLACES: dict[str, tuple[str, ...]] = {
    "BR-BALANS": ("balansrakning",),
    "EK-UB": ("balansrakning",),
    "KF-LIKVIDA": ("kassaflodesanalys",),
    "KF-IB": ("kassaflodesanalys",),
    "INS-PROJEKTMEDEL": ("noter", "bilaga-3"),
    "MEDLEM-BOKFORT": ("finansiell-oversikt",),
}
CAUSES_ONLY = frozenset({"SB-BALANS"})  # disclosed through the differences it causes
DEFAULT_PLACE = ("balansrakning",)

_CAUSE = re.compile(r"Orsak: (.*?)(?:$|(?<=\.)\s)", re.S)
_FINDING_REF = re.compile(r";?\s*se [A-ZÅÄÖ]+(?:-[A-ZÅÄÖ]+)+")


def note(r: Reconciliation) -> str:
    """``Avstämningen ”Balansräkningen balanserar 2015-12-31” visar en skillnad på 1 kr: summa tillgångar
    2 427 277 kr mot summa eget kapital, avsättningar och skulder 2 427 276 kr. Orsak: …``"""
    text = (f"Avstämningen ”{r.description}” visar en skillnad på {fmt.kr(abs(r.difference))}: "
            f"{_lower(r.left_label)} {fmt.kr(r.left)} mot {_lower(r.right_label)} {fmt.kr(r.right)}.")
    cause = _CAUSE.search(r.message)
    if cause:
        text += " Orsak: " + _FINDING_REF.sub("", cause.group(1)).strip()
        text += "" if text.endswith(".") else "."
    else:
        text += " Skillnaden är inte utredd och redovisas i kontrollrapporten."
    return text


def _lower(label: str) -> str:
    return label[:1].lower() + label[1:]


def disclosures(reconciliations: list[Reconciliation]) -> dict[str, tuple[str, ...]]:
    """Section id → the notes to print under it, in the kontrollrapport's order."""
    out: dict[str, list[str]] = {}
    for r in reconciliations:
        if r.level is not Level.WARNING or r.id in CAUSES_ONLY:
            continue
        for place in PLACES.get(r.id, DEFAULT_PLACE):
            out.setdefault(place, []).append(note(r))
    return {k: tuple(v) for k, v in out.items()}
