"""Bilaga 1 and 2: one page per insats (figures, Kön/Kommuner/Bakgrund, Resultat, text)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import cast

from ..findings import Location
from ..model import AnnualInput, InterventionKind, Text
from .appendix_tables import appendix_tables
from .intervention_rows import cost_per_participant, first_rows, interventions_by_name, kommun_members
from .masking import mask, mask_line
from .slugs import slugify
from .tables import AppendixTable, Masked


@dataclass(frozen=True)
class GenderCounts:
    women: int | Masked
    men: int | Masked
    other: int | Masked  # Annat/ej angivet
    location: Location


@dataclass(frozen=True)
class BackgroundCounts:
    swedish: int | Masked
    other: int | Masked
    unreported: int | Masked  # Ej redovisad
    location: Location


@dataclass(frozen=True)
class MunicipalityCount:
    member: str  # Medlem name
    short_name: str  # Kortnamn (the header)
    count: int | Masked


@dataclass(frozen=True)
class Outcome:
    outcome: str  # Resultat.Utfall, e.g. "Redo för arbete"
    count: int | Masked
    location: Location


@dataclass(frozen=True)
class InterventionPage:
    """Everything a Bilaga 1/2 page shows about one insats; ``text`` is texter/insatser/<slug>.md."""

    number: int  # 1-based within its Bilaga
    name: str
    slug: str
    kind: InterventionKind
    lead_organisation: str | None  # huvudman
    start: date | None
    end: date | None
    budget: Decimal  # beviljat
    actual: Decimal  # utfall
    variance: Decimal  # budget − utfall
    participants: int
    planned_participants: int | None
    volume: bool | None
    gender: GenderCounts | None  # None: no Kön row
    municipalities: tuple[MunicipalityCount, ...] | None  # None: no Kommuner row; member order
    municipality_other: int | Masked  # Övriga
    background: BackgroundCounts | None
    outcomes: tuple[Outcome, ...]  # Resultat rows in workbook order
    outcomes_total: int  # sum of the Resultat counts (shown also when some rows are masked)
    comment: str | None
    cost_per_participant: Decimal | None  # whole kr; Individ only
    cost_per_participant_reason: str | None
    text: Text | None
    location: Location
    since_start: int | None = None  # deltagare sedan start, from the year's latest Lägesrapporter row
    since_start_until: date | None = None  # that row's Till
    granted_total: Decimal | None = None  # Beviljat totalt: over the insats's whole period (not given: None)

    @property
    def text_key(self) -> str:
        return f"insatser/{self.slug}"


def intervention_pages(inp: AnnualInput, kind: InterventionKind, mask_under: int | None = None) -> tuple[InterventionPage, ...]:
    """Bilaga 1 (``InterventionKind.INDIVID``) or Bilaga 2 (``STRUKTUR``), in workbook order.

    Kön/Kommuner/Bakgrund are taken only for Individ insatser (for Struktur they are a warning).
    With ``mask_under``, the person counts are those of the masked Tabell 5–7 (so a page never
    shows what a table hides) and each insats' Resultat counts are masked as one row."""
    by_name = interventions_by_name(inp)
    genders = first_rows(inp.genders, by_name)
    munis = first_rows(inp.municipalities, by_name)
    backs = first_rows(inp.backgrounds, by_name)
    kommuner = kommun_members(inp)
    shown = _masked_person_rows(inp, mask_under) if mask_under else None
    pages: list[InterventionPage] = []
    for i in (i for i in inp.interventions if i.kind is kind):
        g, m, b = genders.get(i.name), munis.get(i.name), backs.get(i.name)
        if shown is not None:
            g, m, b = (shown[k](i.name, r) for k, r in zip(("t5", "t6", "t7"), (g, m, b)))
        counts = dict(m.counts) if m else {}
        cpp, reason = cost_per_participant(i) if kind is InterventionKind.INDIVID else (None, None)
        slug = slugify(i.name)
        outcomes = [o for o in inp.outcomes if o.intervention == i.name]
        counted = [cast(int, o.count) for o in outcomes]  # the loaded counts (masked below, when asked)
        outcome_counts: list[int | Masked] = list(mask_line(counted, mask_under) if mask_under else counted)
        pages.append(
            InterventionPage(
                number=len(pages) + 1,
                name=i.name,
                slug=slug,
                kind=i.kind,
                lead_organisation=i.lead_organisation,
                start=i.start,
                end=i.end,
                budget=i.budget,
                actual=i.actual,
                variance=i.budget - i.actual,
                participants=i.participants,
                planned_participants=i.planned_participants,
                volume=i.volume,
                gender=GenderCounts(g.women, g.men, g.other, g.location) if g else None,
                municipalities=tuple(MunicipalityCount(k.name, k.short_name, counts.get(k.name, 0)) for k in kommuner)
                if m
                else None,
                municipality_other=m.other if m else 0,
                background=BackgroundCounts(b.swedish, b.other, b.unreported, b.location) if b else None,
                outcomes=tuple(Outcome(o.outcome, n, o.location) for o, n in zip(outcomes, outcome_counts)),
                outcomes_total=sum(o.count for o in outcomes),
                comment=i.comment.strip() if i.comment and i.comment.strip() else None,
                cost_per_participant=cpp,
                cost_per_participant_reason=reason,
                text=inp.text(f"insatser/{slug}"),
                location=i.location,
                **_since_start(inp, i.name, mask_under),
                granted_total=i.granted_total,
            )
        )
    return tuple(pages)


def _since_start(inp: AnnualInput, name: str, mask_under: int | None) -> dict:
    """Deltagare sedan start of the latest lägesrapport ending within the year; none when a
    small-number protection would have to hide it."""
    year = inp.organisation.year
    rows = [r for r in inp.progress_reports if r.intervention == name and r.since_start is not None and r.end.year == year]
    if not rows:
        return {}
    latest = max(rows, key=lambda r: r.end)
    if mask_under and 0 < cast(int, latest.since_start) < mask_under:
        return {}
    return {"since_start": latest.since_start, "since_start_until": latest.end}


def _masked_person_rows(inp: AnnualInput, under: int) -> dict:
    """Per table, a function (insats, source row) → the source row with the masked table's cells."""
    tables = appendix_tables(inp)

    def from_table(table: AppendixTable | None, rebuild):
        masked = mask(table, under) if table else None

        def pick(name, src):
            if src is None or masked is None:
                return src
            row = masked.row(name)
            get = lambda key: row.cell(masked, key) if any(c.key == key for c in masked.columns) else 0  # noqa: E731
            return rebuild(src, get)

        return pick

    return {
        "t5": from_table(tables.t5, lambda r, get: replace(r, women=get("women"), men=get("men"), other=get("other"))),
        "t6": from_table(tables.t6, lambda r, get: replace(
            r, counts=tuple((name, get(name)) for name, _ in r.counts), other=get("other"))),
        "t7": from_table(tables.t7, lambda r, get: replace(
            r, swedish=get("swedish"), other=get("other"), unreported=get("unreported"))),
    }
