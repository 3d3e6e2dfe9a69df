"""The one-direction pipeline: load → checks → compute → render → atomic write.

Each stage is timed for the progress display and the benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .findings import Finding, has_errors
from .load import load_annual_input
from .model import AnnualInput
from .timing import Progress, timed


def _quiet(stage: str, seconds: float) -> None:
    pass


@dataclass
class Result:
    inp: AnnualInput | None
    findings: list[Finding]
    report: object | None = None  # compute.Report when computed
    key_figures: dict = field(default_factory=dict)
    text_files: list[tuple[str, str, bool]] = field(default_factory=list)  # (insats, file, exists)
    written: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def run_checks(folder: Path, progress: Progress = _quiet) -> Result:
    """Load, check and compute; never raises for bad input."""
    result = Result(None, [])

    def stage(name: str):
        return timed(result.timings, progress, name)

    with stage("Läser arbetsbok och texter"):
        inp, findings = load_annual_input(folder)
    result.inp, result.findings = inp, findings
    if inp is None:
        return result
    from .checks import run_all
    from .compute import compute_report

    with stage("Beräknar och stämmer av"):
        report, compute_findings = compute_report(inp)
        result.report = report
        result.findings += compute_findings
        result.findings += run_all(inp, report)
    result.key_figures = report.key_figures if report is not None else {}
    result.text_files = _text_files(inp)
    return result


def _text_files(inp: AnnualInput) -> list[tuple[str, str, bool]]:
    from .compute.appendices import slugify

    keys = {t.key for t in inp.texts}
    return [(i.name, f"{slugify(i.name)}.md", f"insatser/{slugify(i.name)}" in keys) for i in inp.interventions]


def run_build(folder: Path, out: Path, progress: Progress = _quiet, **options) -> Result:
    result = run_checks(folder, progress)
    if result.inp is None or has_errors(result.findings):
        return result
    from .render import build_outputs

    build_outputs(result, out, progress=progress, **options)
    if has_errors(result.findings):  # the report could not be rendered: no underlag either
        return result
    from .export import write_exports

    write_exports(result, out, progress=progress, **options)
    return result
