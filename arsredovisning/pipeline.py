"""The one-direction pipeline: load → compute → checks → render → underlag, each write atomic.

``run_checks`` loads, computes and checks; the checks read the computed figures. ``run_build``
then renders the report (the published view when small numbers are masked) and writes the
revisorns underlag: the JSON export and the revision workbook (``export/``) and the
kontrollrapport (view model in ``present/``, layout in ``render/``). Each stage is timed for the
progress display and the benchmark. May import every layer below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from jinja2 import TemplateError

from .checks import run_all
from .compute import Report, compute_report, published
from .compute.slugs import slugify
from .export import json_bytes, write_json, write_workbook
from .files import json_name
from .findings import Finding, Location, error, has_errors
from .load import load_annual_input
from .load.stamp import Stamp, stamp as input_stamp
from .model import AnnualInput
from .present.control_report import control_report
from .render import build_outputs
from .render.control_report import write_control_report
from .timing import Progress, timed


def _quiet(stage: str, seconds: float) -> None:
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


def run_checks(folder: Path, progress: Progress = _quiet) -> Result:
    """Load, compute and check; never raises for bad input."""
    result = Result(None, [])

    def stage(name: str):
        return timed(result.timings, progress, name)

    with stage("Läser arbetsbok och texter"):
        inp, findings = load_annual_input(folder)
    result.inp, result.findings = inp, findings
    if inp is None:
        return result
    with stage("Beräknar och stämmer av"):
        report, compute_findings = compute_report(inp)
        result.report = report
        result.findings += compute_findings
        result.findings += run_all(report)
    result.key_figures = report.key_figures
    result.text_files = _text_files(inp)
    return result


def _text_files(inp: AnnualInput) -> list[tuple[str, str, bool]]:
    keys = {t.key for t in inp.texts}
    return [(i.name, f"{slugify(i.name)}.md", f"insatser/{slugify(i.name)}" in keys) for i in inp.interventions]


def run_build(folder: Path, out: Path, progress: Progress = _quiet, *, mask_under: int | None = None,
              archive: bool = False, templates: Path | None = None, **options) -> Result:
    result = run_checks(folder, progress)
    if result.inp is None or has_errors(result.findings):
        return result
    stamp = input_stamp(result.inp.folder)
    report = result.report
    shown = published(report, mask_under) if mask_under is not None else report

    def archive_json(findings: list[Finding]) -> tuple[str, bytes]:
        return json_name(result.inp.organisation.year), json_bytes(report, findings, stamp)

    build_outputs(result, out, progress=progress, report=shown, templates=templates,
                  archive_json=archive_json if archive else None, **options)
    if has_errors(result.findings):  # the report could not be rendered: no underlag either
        return result
    write_underlag(result, stamp, out, progress, templates)
    return result


def write_underlag(result: Result, stamp: Stamp, out: Path, progress: Progress | None = None,
                   templates: Path | None = None) -> list[Path]:
    """Write ``arsredovisning-<år>.json``, ``arsredovisning-<år>-underlag.xlsx`` and
    ``kontrollrapport-<år>.html/.pdf`` into ``out``. Each step is timed (``result.timings``); a
    file that cannot be written, or a broken kontrollrapport template, becomes a finding."""
    report = result.report

    def kontrollrapport() -> list[Path]:
        view = control_report(report, result.findings, stamp)
        paths, findings = write_control_report(view, Path(report.inp.folder), out, templates)
        result.findings.extend(findings)
        return paths

    steps: tuple[tuple[str, Callable[[], list[Path]]], ...] = (
        ("Skriver JSON-export", lambda: [write_json(report, result.findings, stamp, out)]),
        ("Skriver revisionsunderlag", lambda: [write_workbook(report, stamp, out)[0]]),
        ("Skapar kontrollrapport", kontrollrapport),
    )
    written: list[Path] = []
    for stage, step in steps:
        try:
            with timed(result.timings, progress, stage):
                paths = step()
        except OSError as exc:
            target = getattr(exc, "filename", None) or out
            result.findings.append(error(
                "UT-SKRIVFEL",
                f"Filen kunde inte skrivas ({exc.strerror or type(exc).__name__}). Kontrollera att mappen finns och "
                "är skrivbar och att filen inte är öppen i ett annat program (t.ex. Excel), och bygg igen.",
                Location(str(target)),
            ))
            continue
        except TemplateError as exc:
            result.findings.append(error(
                "MALL-FEL",
                f"Kontrollrapportens mall kunde inte fyllas i: {exc}. Rätta mallen i mallmappen eller kör utan --mallar.",
            ))
            continue
        written += paths
    result.written += written
    return written
