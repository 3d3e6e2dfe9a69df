"""Checks (avstämningar): one module per family, each reading the computed figures (compute.Report).

``all_reconciliations`` gives the avstämningar as records with both sides (for the
kontrollrapport and the exports); ``run_all`` gives every check's findings. Checks never
recompute a figure: they take ``compute.Report`` / ``Financials`` as input.
May import: compute, load, model, findings and the leaf modules.
"""

from __future__ import annotations

from ..compute import Report
from ..compute.key_figures import INTERVENTION_FIGURES
from ..compute.slugs import slugify
from ..findings import Finding, Reconciliation
from ..load.schema import BALANSKRAVSJUSTERINGAR, INSATSER, SALDOBALANS
from . import coverage
from .appendix import appendix_reconciliations
from .balance_requirement import check_adjustment_signs, requirement_reconciliations
from .budget import check_budget_signs
from .consequences import link_findings, link_reconciliations
from .contributions import contribution_reconciliations
from .disclosures import check_disclosures
from .examples import check_examples
from .income import income_reconciliations
from .intervention_period import check_intervention_periods
from .intervention_texts import check_intervention_texts
from .interventions import check_cost_per_participant, check_interventions
from .ledger import reconciliations
from .report_parts import check_report_parts
from .statements import statement_reconciliations
from .text_figures import check_text_figures
from .texts import check_html, check_placeholders
from .years import check_years


def all_reconciliations(report: Report) -> list[Reconciliation]:
    """Every avstämning whose input cells could be read, in the kontrollrapport's order (none when
    nothing was computed)."""
    fin, inp = report.financials, report.inp
    if fin is None:
        return []
    out = []
    if not coverage.ledger_blockers(inp):
        out += [r for r in reconciliations(inp, fin) if r.id != "INS-PROJEKTMEDEL" or not coverage.intervention_cost_blockers(inp)]
        out += statement_reconciliations(fin)
        out += income_reconciliations(fin)
    if not coverage.requirement_blockers(inp):
        out += requirement_reconciliations(fin)
    if not coverage.contribution_blockers(inp):
        out += contribution_reconciliations(inp, fin)
    out += appendix_reconciliations(report)
    return link_reconciliations(out, fin)


def not_run(report: Report) -> list[Finding]:
    """One ``info`` per group of avstämningar left out because cells it reads could not be read."""
    inp = report.inp
    groups = (
        (coverage.LEDGER_CHECKS, coverage.ledger_blockers(inp)),
        (coverage.CONTRIBUTION_CHECKS, coverage.contribution_blockers(inp)),
        (coverage.INTERVENTION_COST_CHECK, coverage.intervention_cost_blockers(inp)),
        (coverage.REQUIREMENT_CHECK, _requirement_blockers(inp)),
    )
    by_cells: dict[tuple, tuple[list[str], tuple]] = {}  # one info per set of unreadable cells
    for what, blockers in groups:
        if blockers:
            by_cells.setdefault(tuple(sorted({b.location for b in blockers})), ([], blockers))[0].append(what)
    return [coverage.not_run(" samt ".join(whats), blockers) for whats, blockers in by_cells.values()]


def _requirement_blockers(inp) -> tuple:
    """Only a workbook with adjustments (or an unreadable row of them) has the avstämning to leave out."""
    if not inp.balance_adjustments and not inp.unusable_in(BALANSKRAVSJUSTERINGAR):
        return ()
    return coverage.requirement_blockers(inp)


def run_all(report: Report) -> list[Finding]:
    recs = all_reconciliations(report)
    findings = [f for r in recs if (f := r.finding()) is not None]
    findings += not_run(report)
    findings += check_examples(report.inp)
    if report.financials is not None and not report.inp.unusable_in(SALDOBALANS, ("Budget",)):
        findings += check_budget_signs(report.financials.ledger)
    findings += check_adjustment_signs(report.inp)
    findings += check_interventions(report.inp)
    findings += check_cost_per_participant(report.individual)
    pages = (*report.individual, *report.structural)
    insats_names = tuple(name for name, _, _ in INTERVENTION_FIGURES)
    per_text = {f"insatser/{slugify(u.row_name)}": insats_names for u in report.inp.unusable_in(INSATSER) if u.row_name}
    per_text |= {p.text_key: insats_names for p in pages}  # a row not read yet (its own fel says why) keeps its text's names
    findings += check_placeholders(report.inp, report.key_figures, per_text)
    findings += check_html(report.inp)
    findings += check_intervention_texts(pages, report.inp.organisation.year)
    findings += check_text_figures(report)
    findings += check_intervention_periods(report.inp)
    findings += check_years(report)
    findings += check_disclosures(recs, report.inp.disclosures)
    findings += check_report_parts(report)
    return link_findings(findings)
