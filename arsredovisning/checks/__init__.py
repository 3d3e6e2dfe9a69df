"""Checks (avstämningar): each family module exposes functions returning findings.

``all_reconciliations`` gives the avstämningar as records with both sides (for the
kontrollrapport and the exports); ``run_all`` gives every check's findings.
"""

from __future__ import annotations

from ..findings import Finding
from ..model import AnnualInput
from .contributions import contribution_reconciliations
from .interventions import check_interventions
from .ledger import Reconciliation, reconciliations
from .texts import check_placeholders


def all_reconciliations(inp: AnnualInput, report) -> list[Reconciliation]:
    fin = getattr(report, "financials", None)
    return [*reconciliations(inp, fin), *contribution_reconciliations(inp, fin)]


def run_all(inp: AnnualInput, report) -> list[Finding]:
    findings = [f for r in all_reconciliations(inp, report) if (f := r.finding()) is not None]
    findings += check_interventions(inp)
    findings += check_placeholders(inp, getattr(report, "key_figures", None) or {})
    return findings
