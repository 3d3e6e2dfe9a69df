"""Checks (avstämningar): one module per family, each reading the computed figures (compute.Report).

``all_reconciliations`` gives the avstämningar as records with both sides (for the
kontrollrapport and the exports); ``run_all`` gives every check's findings. Checks never
recompute a figure: they take ``compute.Report`` / ``Financials`` as input.
May import: compute, load, model, findings and the leaf modules.
"""

from __future__ import annotations

from ..compute import Report
from ..compute.key_figures import INTERVENTION_FIGURES
from ..findings import Finding, Reconciliation
from .appendix import appendix_reconciliations
from .contributions import contribution_reconciliations
from .income import income_reconciliations
from .intervention_texts import check_intervention_texts
from .interventions import check_cost_per_participant, check_interventions
from .ledger import reconciliations
from .statements import statement_reconciliations
from .texts import check_placeholders


def all_reconciliations(report: Report) -> list[Reconciliation]:
    """Every avstämning, in the kontrollrapport's order (none when nothing was computed)."""
    fin = report.financials
    if fin is None:
        return []
    return [
        *reconciliations(report.inp, fin),
        *statement_reconciliations(fin),
        *income_reconciliations(fin),
        *contribution_reconciliations(report.inp, fin),
        *appendix_reconciliations(report),
    ]


def run_all(report: Report) -> list[Finding]:
    findings = [f for r in all_reconciliations(report) if (f := r.finding()) is not None]
    findings += check_interventions(report.inp)
    findings += check_cost_per_participant(report.individual)
    pages = (*report.individual, *report.structural)
    insats_names = tuple(name for name, _, _ in INTERVENTION_FIGURES)
    findings += check_placeholders(report.inp, report.key_figures, {p.text_key: insats_names for p in pages})
    findings += check_intervention_texts(pages, report.inp.organisation.year)
    return findings
