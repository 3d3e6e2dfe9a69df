"""The earlier years of a report: this year's :class:`History` for the checks and the flerårsöversikt.

Starting from the årsmapp being built, each earlier year is found by ``load/previous.py`` and read
from its published JSON export when there is one (what was signed), otherwise from its årsmapp,
loaded and computed now. At most five years in all; the walk stops at the first year that is not
found or cannot be read (a year that cannot be read is a ``varning``; none found is the normal case).
May import: compute, load and below (called by pipeline.py).
"""

from __future__ import annotations

from typing import cast
from dataclasses import replace
from pathlib import Path

from .compute.financials import Financials
from .compute import Report, compute_report
from .compute.years import History, YearFigures, from_export, from_report
from .files import WORKBOOK
from .findings import Finding, Level, Location, has_errors, warning
from .load import load_annual_input
from .load.previous import YearSource, previous_source, read_export, sibling_export

MAX_YEARS = 5

FINDINGS: dict[str, str] = {
    "AR-FOREG-LASFEL": "ett tidigare års årsmapp kan inte läsas; åren jämförs inte",
    "AR-FOREG-AR": "den angivna föregående årsmappen eller exporten gäller ett annat år",
}


def gather_history(report: Report, given: Path | None = None) -> tuple[History, list[Finding]]:
    inp = report.inp
    folder = Path(inp.folder)
    years = [from_report(inp, cast(Financials, report.financials), report.key_figures, str(folder / WORKBOOK))]
    source, findings = previous_source(folder, inp.organisation, given)
    seen = {folder.resolve()}
    while source is not None and len(years) < MAX_YEARS:
        here = cast(Path, source.export or source.folder).resolve()
        if here in seen:
            break
        seen.add(here)
        figures, next_source, found = _read(source)
        findings += found
        if figures is None:
            break
        if figures.year != source.year:
            findings.append(warning("AR-FOREG-AR", f"{figures.source} gäller {figures.year}, men året före "
                                    f"{years[-1].year} är {source.year}. Ange rätt årsmapp eller export för {source.year}.",
                                    Location(figures.source)))
            break
        years.append(figures)
        source = next_source
    return History(tuple(years)), findings


def _read(source: YearSource) -> tuple[YearFigures | None, YearSource | None, list[Finding]]:
    """The year's figures (the published export first), where the year before it is, and findings."""
    inp, loaded = load_annual_input(source.folder) if source.folder is not None else (None, [])
    usable = inp if inp is not None and not has_errors(loaded) else None
    findings: list[Finding] = []
    if source.export is not None:
        doc, findings = read_export(source.export)
        if doc is not None:
            try:
                figures = from_export(doc, str(source.export))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                findings = [warning("AR-FOREG-JSON", f"{source.export} är en ofullständig eller ändrad JSON-export "
                                    f"({type(exc).__name__}: {exc}); förra årets siffror jämförs inte.",
                                    Location(str(source.export)))]
            else:
                if usable is not None:  # to say in the flerårsöversikt when the workbook now gives other figures
                    report, _ = compute_report(usable)
                    today = from_report(usable, cast(Financials, report.financials), report.key_figures, str(cast(Path, source.folder) / WORKBOOK))
                    # schema 1.0 exports have no saldobalans: the per-account checks use the workbook's
                    figures = replace(figures, workbook=today.figures, accounts=figures.accounts or today.accounts,
                                      texts=today.texts)
                return figures, _before(source, usable), findings
    if usable is None:
        if source.folder is not None:
            errors = sum(1 for f in loaded if f.level is Level.ERROR)
            findings.append(warning(
                "AR-FOREG-LASFEL",
                f"Årsmappen {source.folder} för {source.year} kan inte läsas ({errors} fel); åren jämförs inte. "
                f"Kör ”arsredovisning kontrollera {source.folder}” och rätta felen där, eller ange årets "
                "JSON-export med --foregaende.", Location(str(source.folder / WORKBOOK))))
        return None, None, findings
    report, _ = compute_report(usable)
    figures = from_report(usable, cast(Financials, report.financials), report.key_figures, str(cast(Path, source.folder) / WORKBOOK))
    return figures, _before(source, usable), findings


def _before(source: YearSource, inp) -> YearSource | None:
    if inp is not None and source.folder is not None:
        return previous_source(source.folder, inp.organisation)[0]
    return sibling_export(cast(Path, source.export), source.year - 1)
