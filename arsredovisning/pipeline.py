"""The first half of the one-direction pipeline: load → compute → checks (``kontrollera``).

``run_checks`` loads, computes and checks; the checks read the computed figures. ``build.py`` adds
the report and the underlag. Kept apart so that ``kontrollera`` does not import WeasyPrint,
matplotlib or the exports. Each stage is timed for the progress display and the benchmark.
May import: checks, compute, load and below — never present, render or export.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .checks import run_all
from .compute import Report, compute_report
from .compute.slugs import slugify
from .findings import Finding
from .history import gather_history
from .load import InputCache, load_annual_input
from .model import AnnualInput
from .timing import Progress, timed


def quiet(stage: str, seconds: float) -> None:
    """A progress callback that shows nothing."""
    pass


@dataclass
class Result:
    inp: AnnualInput | None
    findings: list[Finding]
    report: Report | None = None
    key_figures: dict = field(default_factory=dict)
    text_files: list[tuple[str, str, bool]] = field(default_factory=list)  # (insats, file, exists)
    written: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)  # after bygg: the report's anchors → its PDF pages


def run_checks(folder: Path, progress: Progress = quiet, previous: Path | None = None,
               cache: InputCache | None = None) -> Result:
    """Load, compute and check; never raises for bad input. ``previous``: last year's JSON export or
    årsmapp (``--foregaende``); without it last year is looked for as ``history.py`` says. ``cache``
    (the live preview) keeps the files read last time, so only a changed workbook or text is read again."""
    result = Result(None, [])

    def stage(name: str):
        return timed(result.timings, progress, name)

    with stage("Läser arbetsbok och texter"):
        inp, findings = load_annual_input(folder, cache)
    result.inp, result.findings = inp, findings
    if inp is None:
        return result
    with stage("Beräknar och stämmer av"):
        report, compute_findings = compute_report(inp)
        result.findings += compute_findings
        history, history_findings = gather_history(report, previous)
        report = replace(report, history=history)
        result.report = report
        result.findings += history_findings
        result.findings += run_all(report)
    result.key_figures = report.key_figures
    result.text_files = _text_files(inp)
    return result


def _text_files(inp: AnnualInput) -> list[tuple[str, str, bool]]:
    keys = {t.key for t in inp.texts}
    return [(i.name, f"{slugify(i.name)}.md", f"insatser/{slugify(i.name)}" in keys) for i in inp.interventions]
