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
    "BILAGA-TABELLSUMMA": ("bilaga-3",),
}
CAUSES_ONLY = frozenset({"SB-BALANS"})  # disclosed through the differences it causes
# Disclosed elsewhere: outcomes above deltagare get a sentence under the insats's outcome table
# (appendix_views._outcomes).
ELSEWHERE = frozenset({"INS-RESULTAT-SUMMA"})
DEFAULT_PLACE = ("balansrakning",)

_CAUSE = re.compile(r"Orsak: (.*?)(?:$|(?<=\.)\s)", re.S)
_FINDING_REF = re.compile(r";?\s*se [A-ZÅÄÖ]+(?:-[A-ZÅÄÖ]+)+")


def note(r: Reconciliation, causes: tuple[Reconciliation, ...] = ()) -> str:
    """``Avstämningen ”Balansräkningen balanserar 2015-12-31” visar en skillnad på 1 kr: summa tillgångar
    2 427 277 kr mot summa eget kapital, avsättningar och skulder 2 427 276 kr. Orsak: …``. ``causes``:
    the avstämningar whose difference explains this one (``Reconciliation.caused_by``)."""
    amount = fmt.kr if r.unit == "kr" else (lambda v: fmt.count(int(v)))
    title = r.description if r.description.startswith("”") else f"”{r.description}”"
    text = (f"Avstämningen {title} visar en skillnad på {amount(abs(r.difference))}: "
            f"{_lower(r.left_label)} {amount(r.left)} mot {_lower(r.right_label)} {amount(r.right)}.")
    cause = _CAUSE.search(r.message)
    if causes:  # the cause's own first sentence, e.g. "Saldobalansens kolumn Föregående år (2015) summerar till 1 kr, inte 0."
        text += " Orsak: " + " ".join(_first_sentence(c.message) for c in causes)
    elif cause:
        text += " Orsak: " + _FINDING_REF.sub("", cause.group(1)).strip()
        text += "" if text.endswith(".") else "."
    else:
        text += " Skillnaden är inte utredd och redovisas i kontrollrapporten."
    return text


def _first_sentence(message: str) -> str:
    head = re.split(r"(?<=[.!?])\s", message.strip(), maxsplit=1)[0]
    return _FINDING_REF.sub("", head).strip()


def _lower(label: str) -> str:
    return label[:1].lower() + label[1:]


def disclosures(reconciliations: list[Reconciliation]) -> dict[str, tuple[str, ...]]:
    """Section id → the notes to print under it, in the kontrollrapport's order."""
    out: dict[str, list[str]] = {}
    by_key = {r.key: r for r in reconciliations if r.level is not None}
    for r in reconciliations:
        if r.level is not Level.WARNING or r.id in CAUSES_ONLY or r.id in ELSEWHERE:
            continue
        causes = tuple(by_key[k] for k in r.caused_by if k in by_key)
        for place in PLACES.get(r.id, DEFAULT_PLACE):
            out.setdefault(place, []).append(note(r, causes))
    return {k: tuple(v) for k, v in out.items()}
