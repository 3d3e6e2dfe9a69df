"""Lookups of insats rows shared by Bilaga 1–3 and checks/interventions.py: kommun members, insats
by name, the first Kön/Kommuner/Bakgrund row per Individ insats, kostnad/deltagare.

Rows that name an unknown insats, or a Struktur insats, are left out; duplicates use the first row.
``checks/interventions.py`` reports all of these. kostnad/deltagare is the one rounding done in
compute for the appendices: half-up to whole kr, once, of the exact utfall (indata.md, Precisions).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable

from ..model import AnnualInput, Intervention, InterventionKind, Member, MemberType

KR = Decimal(1)


def kommun_members(inp: AnnualInput) -> tuple[Member, ...]:
    return tuple(m for m in inp.members if m.type is MemberType.KOMMUN)


def interventions_by_name(inp: AnnualInput) -> dict[str, Intervention]:
    """Name → insats; the first one if a name repeats (the loader reports that as a fel)."""
    out: dict[str, Intervention] = {}
    for i in inp.interventions:
        out.setdefault(i.name, i)
    return out


def first_rows(rows: Iterable, interventions: dict[str, Intervention]) -> dict:
    """The first row per known Individ insats (unknown, Struktur and duplicate rows are findings)."""
    out: dict = {}
    for r in rows:
        i = interventions.get(r.intervention)
        if i is not None and i.kind is InterventionKind.INDIVID and r.intervention not in out:
            out[r.intervention] = r
    return out


def cost_per_participant(i: Intervention) -> tuple[Decimal | None, str | None]:
    """Utfall / deltagare, half-up to whole kr, only where both are > 0; else (None, reason)."""
    reasons = []
    if i.actual == 0:
        reasons.append("inget utfall")
    elif i.actual < 0:
        reasons.append("negativt utfall")
    if i.participants <= 0:
        reasons.append("inga deltagare")
    if reasons:
        return None, "kostnad/deltagare kan ej beräknas: " + " och ".join(reasons)
    return (i.actual / i.participants).quantize(KR, rounding=ROUND_HALF_UP), None


def sheet_used(inp: AnnualInput, sheet: str, rows: tuple) -> bool:
    return bool(rows) or any(s.strip().casefold() == sheet.casefold() for s in inp.sheets_present)
