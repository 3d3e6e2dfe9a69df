"""The second half of the pipeline (``bygg``): after ``pipeline.run_checks``, the report (render)
and revisorns underlag — the JSON export and the revision workbook (export) and the
kontrollrapport (view model in present/, layout in render/) — each file written atomically.

A build with a ``fel`` finding writes nothing, nor one that still has the example name or
organisationsnummer from ``ny`` (``BYGG-EXEMPEL``). May import every layer below it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from jinja2 import TemplateError

from .checks.examples import NOT_PUBLISHED
from .compute import published
from .export import json_bytes, write_json, write_workbook
from .files import json_name
from .findings import Finding, Location, error, has_errors
from .load.stamp import Stamp, stamp as input_stamp
from .pipeline import Result, quiet, run_checks
from .present.control_report import control_report
from .render import build_outputs
from .render.control_report import write_control_report
from .timing import Progress, timed


def run_build(folder: Path, out: Path, progress: Progress = quiet, *, mask_under: int | None = None,
              archive: bool = False, templates: Path | None = None, previous: Path | None = None,
              **options) -> Result:
    result = run_checks(folder, progress, previous)
    result.findings += _refuse_examples(result.findings)
    if result.inp is None or has_errors(result.findings):
        return result
    stamp = input_stamp(result.inp.folder)
    report = result.report
    shown = published(report, mask_under) if mask_under is not None else report

    def archive_json(findings: list[Finding]) -> tuple[str, bytes]:
        return json_name(result.inp.organisation.year), json_bytes(report, findings, stamp)

    build_outputs(result, out, progress=progress, report=shown, templates=templates,
                  archive_json=archive_json if archive else None, underlag=True, **options)
    if has_errors(result.findings):  # the report could not be rendered: no underlag either
        return result
    write_underlag(result, stamp, out, progress, templates)
    return result


def _refuse_examples(findings: list[Finding]) -> list[Finding]:
    """``bygg`` does not publish the example name or organisationsnummer that ``ny`` wrote."""
    examples = [f for f in findings if f.id in NOT_PUBLISHED]
    if not examples:
        return []
    what = " och ".join(dict.fromkeys({"EXEMPEL-NAMN": "namn", "EXEMPEL-ORGNR": "organisationsnummer"}[f.id] for f in examples))
    return [error(
        "BYGG-EXEMPEL",
        f"Årsredovisningen byggs inte: förbundets {what} i bladet Förbund är fortfarande exemplet som "
        "”arsredovisning ny” skrev. Skriv förbundets riktiga uppgifter och bygg igen.",
        examples[0].location,
    )]


def write_underlag(result: Result, stamp: Stamp, out: Path, progress: Progress | None = None,
                   templates: Path | None = None) -> list[Path]:
    """Write ``arsredovisning-<år>.json``, ``arsredovisning-<år>-underlag.xlsx`` and
    ``kontrollrapport-<år>.html/.pdf`` into ``out``. Each step is timed (``result.timings``); a
    file that cannot be written, or a broken kontrollrapport template, becomes a finding."""
    report = result.report

    def kontrollrapport() -> list[Path]:
        view = control_report(report, result.findings, stamp, result.pages)
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

FINDINGS: dict[str, str] = {
    "BYGG-EXEMPEL": "bygg publicerar inte exemplets namn eller organisationsnummer från ”arsredovisning ny”.",
    "UT-SKRIVFEL": "En fil kunde inte skrivas.",
    "MALL-FEL": "Kontrollrapportens mall kunde inte fyllas i.",
}
