"""The second half of the pipeline (``bygg``): after ``pipeline.run_checks``, the report (render)
and revisorns underlag — the JSON export and the revision workbook (export) and the
kontrollrapport (view model in present/, layout in render/) — each file written atomically.

A build with a ``fel`` finding writes nothing, nor one that still has the example name or
organisationsnummer from ``ny`` (``BYGG-EXEMPEL``). A build is an *utkast* unless ``final``
(``bygg --slutlig``), which is refused — one ``fel`` per reason — while an avstämning has an open
difference that no Upplysning explains (``SLUTLIG-AVSTAMNING``) or a finding of :data:`BLOCKS_FINAL`
remains (``SLUTLIG-HINDER``). May import every layer below it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from jinja2 import TemplateError

from . import __version__, fmt
from .background import Background, Receive
from .checks import all_reconciliations
from .checks.disclosures import unexplained
from .checks.examples import NOT_PUBLISHED
from .compute import Report, published
from .compute.law import LKBR_FIRST_YEAR
from .export import json_bytes
from .export.workbook import build_workbook, workbook_bytes
from .files import (
    BUILD_LOG,
    READY,
    archive_pdf_name,
    check_publishable,
    control_report_names,
    json_name,
    manifest_name,
    publish,
    report_html_name,
    report_pdf_name,
    revision_workbook_name,
    staging_folder,
    write_all,
)
from .findings import Finding, Location, error, has_errors, warning
from .load.stamp import Stamp
from .pipeline import Result, quiet, run_checks
from .present.control_report import control_report
from .render import Rendered, build_outputs
from .render.version import version_stamp
from .render.control_report import render as render_control_report
from .timing import Progress


# The finding ids that stop ``bygg --slutlig`` (each one found becomes a ``SLUTLIG-HINDER`` fel that
# repeats its message): what ``ny`` wrote as an example and is still there, and parts the law
# requires that are missing. The one declaration: append new ids here. (EXEMPEL-NAMN and
# EXEMPEL-ORGNR stop every build: ``BYGG-EXEMPEL``.)
BLOCKS_FINAL: tuple[str, ...] = (
    "EXEMPEL-ORT",
    "EXEMPEL-MEDLEM",
    "EXEMPEL-TEXT",
)
# Parts LKBR (from the räkenskapsår 2019) requires (checks/report_parts.py): they stop ``--slutlig``
# in its years only; a year under the older law (1997:614) prints what it has, with the finding.
BLOCKS_FINAL_UNDER_LKBR: tuple[str, ...] = (
    "DRIFT-BUDGET-SAKNAS",  # a driftredovisning without a budget (LKBR 10 kap., R14)
    "MAL-SAKNAS",  # god ekonomisk hushållning cannot be assessed without goals (11 kap.)
    "FORVALTNING-DEL-SAKNAS",  # a part of the förvaltningsberättelse (11 kap., R15)
    "PANTER-SAKNAS",  # ställda panter och ansvarsförbindelser (9 kap.)
    "REVISION-KOSTNAD",  # the cost of räkenskapsrevision (9 kap.)
    "BALANSKRAV-BESLUT",  # the styrelse's decision on a negative balanskravsresultat (11 kap.)
)


@dataclass(frozen=True)
class BuildOptions:
    """What ``bygg`` is asked for besides the folders (a misspelt option is a TypeError, never ignored)."""

    mask_under: int | None = None  # --maskera-under: Bilaga 1–3 person counts below it hidden
    archive: bool = False  # --arkiv: also the PDF/A-3 archive file
    templates: Path | None = None  # --mallar: the user's templates first
    previous: Path | None = None  # --foregaende: last year's JSON export or årsmapp
    with_control_report: bool = False  # --med-kontrollrapport: the kontrollrapport as the report's last section
    final: bool = False  # --slutlig: the final report, refused while a reason in refuse_final holds


def checked_build(folder: Path, progress: Progress = quiet, options: BuildOptions = BuildOptions()) -> tuple[Result, Stamp | None]:
    """What ``bygg`` knows before it writes anything: the checks with bygg's own refusals (example
    values, ``--slutlig``'s reasons) and the build's stamp, which is None when a fel stops the build."""
    result = run_checks(folder, progress, options.previous)
    result.findings += _refuse_examples(result.findings)
    if options.final and result.report is not None and result.inp is not None:
        result.findings += refuse_final(result)
    if result.inp is None or result.report is None or has_errors(result.findings):
        return result, None
    return result, build_stamp(result, options)


def shown_report(report: Report, options: BuildOptions) -> Report:
    """The report as published: with ``--maskera-under`` its small counts masked."""
    return published(report, options.mask_under) if options.mask_under is not None else report


def run_build(folder: Path, out: Path, progress: Progress = quiet, options: BuildOptions = BuildOptions()) -> Result:
    result, stamp = checked_build(folder, progress, options)
    if stamp is None:
        return result
    assert result.inp is not None and result.report is not None  # a stamp is made of a computed report
    year = result.inp.organisation.year
    try:  # a read-only output folder, or a folder in the way of a file: said before any work
        check_publishable(out, output_names(year, options.archive))
        final_out, out = Path(out), staging_folder(out)
    except OSError as exc:
        result.findings.append(_write_error(exc, Path(out)))
        return result
    try:
        _make_set(result, out, progress, stamp, options)
        if has_errors(result.findings):  # nothing in the output folder has changed
            result.written = []
            result.findings = [_in_output_folder(f, out, final_out) for f in result.findings]
            return result
        publish_set(result, out, final_out, stamp)
    finally:
        if out.exists() and not (out / READY).exists():
            shutil.rmtree(out, ignore_errors=True)
    return result


def output_names(year: int, archive: bool) -> list[str]:
    """Every file of one build's set (the build log aside)."""
    html_name, pdf_name = control_report_names(year)
    names = [report_pdf_name(year), report_html_name(year), json_name(year), revision_workbook_name(year), pdf_name, html_name]
    if archive:
        names.append(archive_pdf_name(year))
    return [*names, manifest_name(year)]


def publish_set(result: Result, stage: Path, out: Path, stamp: Stamp) -> None:
    """Write the manifest into ``stage``, swap the set into ``out`` (files.publish) and log the build.
    ``result.written`` names the files in ``out``; a failure is a ``UT-SKRIVFEL`` and ``written`` is empty."""
    inp = result.inp
    assert inp is not None  # a set is published for a loaded årsmapp only
    names = [p.name for p in result.written]
    outputs = [(name, hashlib.sha256((stage / name).read_bytes()).hexdigest()) for name in names]
    manifest = {
        "verktyg": {"namn": "arsredovisning", "version": __version__},
        "version_id": stamp.version_id,
        "tillstand": stamp.state,
        "kontrollsumma": stamp.checksum,
        "forbund": inp.organisation.name,
        "rakenskapsar": inp.organisation.year,
        "indata": [{"fil": name, "sha256": sha} for name, sha in inp.inputs],
        "utdata": [{"fil": name, "sha256": sha} for name, sha in outputs],
    }
    name = manifest_name(inp.organisation.year)
    try:
        write_all([(stage / name, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))])
        publish(stage, out, [*names, name])
    except OSError as exc:
        result.written = []
        result.findings.append(_write_error(exc, out, stage))
        return
    result.written = [out / n for n in [*names, name]]
    line = "\t".join([datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), f"version {stamp.version_id}", stamp.state,
                      *(f"{n}={sha}" for n, sha in outputs)])
    try:
        with open(out / BUILD_LOG, "a", encoding="utf-8") as log:
            log.write(line + "\n")
    except OSError as exc:  # the set is in place; only the log line is missing
        result.findings.append(warning("UT-LOGG", f"Raden i byggloggen kunde inte skrivas ({exc.strerror or exc}). "
                                                  "Filerna är skrivna; kontrollera att bygglogg.txt är skrivbar.", Location(str(out / BUILD_LOG))))


def _in_output_folder(f: Finding, stage: Path, out: Path) -> Finding:
    """A finding that names a file of the staging folder names it in the output folder instead."""
    if f.location is None or str(stage) not in (f.location.file or ""):
        return f
    return replace(f, location=replace(f.location, file=f.location.file.replace(str(stage), str(out.resolve()))))


def _write_error(exc: OSError, out: Path, stage: Path | None = None) -> Finding:
    target = str(getattr(exc, "filename", None) or out)
    if stage is not None:
        target = target.replace(str(stage), str(out.resolve()))
    partly = stage is not None and (stage / READY).exists()
    return error(
        "UT-SKRIVFEL",
        f"Filerna kunde inte skrivas ({exc.strerror or type(exc).__name__}). "
        + ("En del av filerna hann bytas; nästa bygge gör klart bytet. " if partly else "Inga tidigare filer i utmappen har ändrats. ")
        + "Kontrollera att mappen finns och är skrivbar, att ingen mapp har samma namn som en fil och att ingen fil är "
        "öppen i ett annat program (t.ex. Excel), och bygg igen.",
        Location(target),
    )


def _make_set(result: Result, out: Path, progress: Progress, stamp: Stamp, options: BuildOptions) -> None:
    """The report and the underlag, written into ``out`` (the staging folder)."""
    report = result.report
    assert report is not None  # a build is made of a computed report

    def archive_json(findings: list[Finding]) -> tuple[str, bytes]:
        return json_name(report.inp.organisation.year), json_bytes(report, findings, stamp)

    # The underlag need the build's findings, which the report's layout may still add to (a URL
    # refused by a stylesheet): a child process makes them beside the report from the findings
    # known then, and write_underlag uses what it made only where those are still the findings.
    # The child makes the JSON export and the revision workbook beside the layout; the
    # kontrollrapport names the report pages where each side stands, so the child waits for the
    # layout to send them and makes it beside the writing of the PDF.
    workers: list[Background] = []

    def start_underlag(findings: list[Finding]) -> None:
        workers.append(Background(lambda receive: prepare_underlag(result, stamp, out, options.templates, findings, receive)))

    def send_pages(findings: list[Finding], pages: dict[str, int]) -> None:
        for worker in workers:
            worker.send((pages, findings))

    try:
        rendered = _render_report(result, out, progress, stamp, options, archive_json=archive_json if options.archive else None,
                                  before_layout=start_underlag, after_layout=send_pages)
    except BaseException:  # Ctrl-C, or a bug: the child is not left waiting for the pages
        for worker in workers:
            worker.cancel()
        raise
    result.findings += rendered.findings
    result.pages.update(rendered.pages)
    result.written += rendered.written
    if has_errors(result.findings):  # the report could not be rendered: no underlag either
        for worker in workers:
            worker.cancel()
        return
    write_underlag(result, stamp, out, progress, options.templates, prepared=workers[0].result() if workers else None)


def _render_report(result: Result, out: Path, progress: Progress, stamp: Stamp, options: BuildOptions, **hooks) -> Rendered:
    """The report's PDF and HTML (and with ``archive_json`` its archive file) written into ``out``:
    one call for ``bygg`` and ``verifiera``, so both lay out the same report."""
    assert result.report is not None
    return build_outputs(result, out, progress=progress, report=shown_report(result.report, options),
                         templates=options.templates, underlag=True, with_control_report=options.with_control_report,
                         stamp=stamp, **hooks)


def report_pdf(folder: Path, options: BuildOptions) -> tuple[Result, bytes | None]:
    """The report PDF that ``bygg`` with ``options`` writes, made alone (no underlag, no archive file,
    nothing published): ``verifiera``'s fresh build. None where bygg would write nothing (a ``fel``)."""
    result, stamp = checked_build(folder, quiet, options)
    if stamp is None:
        return result, None
    assert result.inp is not None  # a stamp is made of a loaded årsmapp
    with tempfile.TemporaryDirectory(prefix="verifiera-") as tmp:
        rendered = _render_report(result, Path(tmp), quiet, stamp, options)
        result.findings += rendered.findings
        if has_errors(result.findings):
            return result, None
        return result, (Path(tmp) / report_pdf_name(result.inp.organisation.year)).read_bytes()


def build_stamp(result: Result, options: BuildOptions = BuildOptions()) -> Stamp:
    """The build's version (render/version.py) for ``options``: every option that changes what the
    report says. ``--arkiv`` only adds a file (the same report as PDF/A), so a report built with it
    has the version of the one built without, and ``verifiera`` (which has no such option) accepts it."""
    assert result.inp is not None
    return version_stamp(result.inp, options.templates, final=options.final, mask_under=options.mask_under,
                         previous=options.previous, with_control_report=options.with_control_report)


def refuse_final(result: Result) -> list[Finding]:
    """One ``fel`` per reason that ``bygg --slutlig`` cannot make the final report (see the module docstring)."""
    out = []
    lkbr = result.inp is not None and result.inp.organisation.year >= LKBR_FIRST_YEAR
    for f in result.findings:
        if f.id in BLOCKS_FINAL or (lkbr and f.id in BLOCKS_FINAL_UNDER_LKBR):
            out.append(error("SLUTLIG-HINDER", f"Den slutliga årsredovisningen byggs inte: {f.message}", f.location))
    report = result.report
    assert report is not None  # called for a computed report only
    recs = all_reconciliations(report)
    by_key = {r.key: r for r in recs}
    for r in unexplained(recs, report.inp.disclosures):
        amount = fmt.kr(abs(r.difference)) if r.unit == "kr" else fmt.count(int(abs(r.difference))) if r.unit == "antal" else str(abs(r.difference))
        causes = list(dict.fromkeys(by_key[k].id for k in r.caused_by if k in by_key))
        cause = (f" Skillnaden följer av {', '.join(causes)}: en upplysning om den förklarar också den här." if causes else "")
        out.append(error(
            "SLUTLIG-AVSTAMNING",
            f"Den slutliga årsredovisningen byggs inte: avstämningen {r.id} ({r.description}) visar en skillnad på {amount} "
            f"som inte är förklarad.{cause} Rätta indata så att skillnaden försvinner, eller skriv förbundets upplysning om "
            f"den i bladet Upplysningar (Kontroll {r.id}, Text med förbundets egna ord: den trycks i årsredovisningen vid "
            "beloppen). Bygg utan --slutlig för ett utkast.",
            r.location,
        ))
    return out


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


Targets = list[tuple[Path, bytes]]
Step = Callable[[list[Finding]], tuple[Targets, list[Finding]]]
# Per step made in a child: its input findings, its files, the findings it added, seconds.
Prepared = dict[str, tuple[list[Finding], Targets, list[Finding], float]]


# The steps a child process makes beside the report's layout; the rest (the kontrollrapport, which
# cites the laid-out report's pages) once the layout is done, beside the writing of the PDF.
BEFORE_LAYOUT = ("Skriver JSON-export", "Skriver revisionsunderlag")


def underlag_steps(result: Result, stamp: Stamp, out: Path, templates: Path | None) -> tuple[tuple[str, Step], ...]:
    """The underlag as steps: each makes its files' bytes (and the findings it adds) from the build's
    findings so far, writing nothing."""
    report = result.report
    assert report is not None  # the underlag are made for a computed report
    year = report.inp.organisation.year

    def json_export(findings: list[Finding]) -> tuple[Targets, list[Finding]]:
        return [(Path(out) / json_name(year), json_bytes(report, findings, stamp))], []

    def revision_workbook(findings: list[Finding]) -> tuple[Targets, list[Finding]]:
        wb, _manifest = build_workbook(report, stamp)
        return [(Path(out) / revision_workbook_name(year), workbook_bytes(wb))], []

    def kontrollrapport(findings: list[Finding]) -> tuple[Targets, list[Finding]]:
        view = control_report(report, findings, stamp, result.pages)
        html, pdf, render_findings = render_control_report(view, Path(report.inp.folder), templates)
        html_name, pdf_name = control_report_names(year)
        return [(Path(out) / pdf_name, pdf), (Path(out) / html_name, html.encode("utf-8"))], render_findings

    return (
        ("Skriver JSON-export", json_export),
        ("Skriver revisionsunderlag", revision_workbook),
        ("Skapar kontrollrapport", kontrollrapport),
    )


def prepare_underlag(result: Result, stamp: Stamp, out: Path, templates: Path | None,
                     findings: list[Finding], receive: Receive) -> Prepared:
    """Every step made in turn, as write_underlag would if writing succeeds: those in BEFORE_LAYOUT
    from ``findings``; then, once ``receive()`` has given the laid-out report's pages and the
    findings known then, the rest from those. Each step also sees the findings that the steps
    before it added."""
    findings = list(findings)
    prepared: Prepared = {}
    waiting = True
    for stage, step in underlag_steps(result, stamp, out, templates):
        if stage not in BEFORE_LAYOUT and waiting:
            try:
                pages, laid_out = receive()
            except Exception:  # noqa: BLE001 - no layout was sent (the report failed): nothing more here
                break
            waiting = False
            result.pages.update(pages)
            findings = [*laid_out, *(f for _before, _targets, new, _seconds in prepared.values() for f in new)]
        t0 = time.perf_counter()
        before = list(findings)
        try:
            targets, new = step(before)
        except Exception:  # noqa: BLE001 - write_underlag makes it again and reports it
            break
        prepared[stage] = (before, targets, new, time.perf_counter() - t0)
        findings += new
    return prepared


def write_underlag(result: Result, stamp: Stamp, out: Path, progress: Progress | None = None,
                   templates: Path | None = None, prepared: Prepared | None = None) -> list[Path]:
    """Write ``arsredovisning-<år>.json``, ``arsredovisning-<år>-underlag.xlsx`` and
    ``kontrollrapport-<år>.html/.pdf`` into ``out``. Each step is timed (``result.timings``); a
    file that cannot be written, or a broken kontrollrapport template, becomes a finding.
    ``prepared`` (from :func:`prepare_underlag` in a child process) is used for a step only when it
    was made from exactly the findings the build has at that step; otherwise the step runs here."""
    written: list[Path] = []
    ready = prepared or {}
    for stage, step in underlag_steps(result, stamp, out, templates):
        t0 = time.perf_counter()
        try:
            if stage in ready and ready[stage][0] == result.findings:
                _before, targets, new, seconds = ready[stage]
                write_all(targets)
                seconds += time.perf_counter() - t0  # the child's time to make it, and the writing here
            else:
                targets, new = step(list(result.findings))
                write_all(targets)
                seconds = time.perf_counter() - t0
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
        result.findings.extend(new)
        result.timings[stage] = seconds
        if progress is not None:
            progress(stage, seconds)
        written += [path for path, _ in targets]
    result.written += written
    return written


FINDINGS: dict[str, str] = {
    "BYGG-EXEMPEL": "bygg publicerar inte exemplets namn eller organisationsnummer från ”arsredovisning ny”.",
    "UT-SKRIVFEL": "En fil kunde inte skrivas.",
    "UT-LOGG": "Raden i byggloggen (bygglogg.txt) kunde inte skrivas.",
    "SLUTLIG-AVSTAMNING": "bygg --slutlig: en avstämning har en skillnad som ingen rad i Upplysningar förklarar.",
    "SLUTLIG-HINDER": "bygg --slutlig: ett exempel från ”arsredovisning ny” finns kvar, eller en del som lagen kräver saknas.",
    "MALL-FEL": "Kontrollrapportens mall kunde inte fyllas i.",
}
