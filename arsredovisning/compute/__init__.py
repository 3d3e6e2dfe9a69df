"""Pure computations on an AnnualInput: statements, notes, appendices, key figures.

``compute_report`` gathers everything the report, the exports and the checks need, in one pass;
``published`` is the report as published with small-number protection (``bygg --maskera-under``).
May import: load, model, findings and the leaf modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..findings import Finding
from ..model import AnnualInput, InterventionKind
from .appendix_tables import AppendixTables, appendix_tables
from .financials import Financials, compute_financials
from .intervention_pages import InterventionPage, intervention_pages
from .key_figures import key_figures
from .masking import mask_appendix
from .years import History


@dataclass(frozen=True)
class Report:
    """Everything computed from one årsmapp (immutable: a changed report is ``dataclasses.replace``)."""

    inp: AnnualInput
    financials: Financials | None = None
    appendix: AppendixTables | None = None  # Bilaga 3: Tabell 1–8, kommun shares
    individual: tuple[InterventionPage, ...] = ()  # Bilaga 1
    structural: tuple[InterventionPage, ...] = ()  # Bilaga 2
    key_figures: dict = field(default_factory=dict)  # placeholder name → key figure (display, description)
    history: History | None = None  # this year and the earlier years found (history.py), for the flerårsöversikt


def compute_report(inp: AnnualInput) -> tuple[Report, list[Finding]]:
    financials, findings = compute_financials(inp)
    report = Report(
        inp,
        financials=financials,
        appendix=appendix_tables(inp),
        individual=intervention_pages(inp, InterventionKind.INDIVID),
        structural=intervention_pages(inp, InterventionKind.STRUKTUR),
        key_figures=key_figures(inp, financials),
    )
    return report, findings


def published(report: Report, under: int) -> Report:
    """The report as published with small-number protection: Bilaga 1–3 person counts below
    ``under`` hidden (and whatever would reveal them)."""
    return replace(
        report,
        appendix=mask_appendix(report.appendix, under) if report.appendix is not None else None,
        individual=intervention_pages(report.inp, InterventionKind.INDIVID, mask_under=under),
        structural=intervention_pages(report.inp, InterventionKind.STRUKTUR, mask_under=under),
    )
