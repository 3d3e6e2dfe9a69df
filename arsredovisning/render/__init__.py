"""Render the report: view model → Jinja HTML → WeasyPrint PDF, both written atomically.

``build_outputs(result, out, progress=..., mallar=None)`` writes ``<out>/arsredovisning-<år>.pdf``
(tagged PDF/UA-1) and ``.html`` and appends its findings (refused URLs, template errors) to
``result.findings``. With ``arkiv=True`` also ``arsredovisning-<år>-arkiv.pdf``: PDF/A-3a with
indata.xlsx and the JSON export embedded. A template error is a ``fel`` finding (``MALL-FEL``)
and nothing is written; the previous files stay.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..export.stamp import input_stamp
from ..files import WORKBOOK, archive_pdf_name, json_name, report_html_name, report_pdf_name, write_all
from ..findings import Location, fel
from ..timing import timed
from .assets import Assets

STYLESHEETS = ("css/page.css", "css/report.css")


def build_outputs(result, out: Path, progress=None, *, mallar: Path | None = None, med_kontrollrapport: bool = False,
                  maskera_under: int | None = None, arkiv: bool = False, **_options) -> list[Path]:
    report, inp = result.report, result.inp
    if maskera_under is not None:
        report = published(report, maskera_under)

    def timer(stage: str):
        return timed(result.timings, progress, stage)

    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

    from ..present.view import build_document, placeholder_values
    from .environment import make_environment
    from .html import inline_images, page_html, standalone_html
    from .markdown import MarkdownRenderer
    from .pdf import write_pdf_and_archive, write_pdf_bytes
    from .urls import UrlPolicy, data_uri

    assets = Assets.create(mallar)
    policy = UrlPolicy(assets, Path(inp.folder))

    with timer("Förbereder innehåll"):
        texts = MarkdownRenderer(policy, placeholder_values(report))
        document = build_document(report, texts, logo=_logo(policy, data_uri), charts=_charts(report.appendix),
                                  stamp=input_stamp(inp.folder))
        stylesheets = STYLESHEETS
        if med_kontrollrapport:
            document, stylesheets = _with_control_report(document, result)
    with timer("Skapar HTML"):
        env = make_environment(assets)
        try:
            body = inline_images(env.get_template("base.html.j2").render(doc=document), policy)
            styles = [assets.read_text(name) for name in stylesheets]
        except TemplateSyntaxError as exc:
            result.findings.append(fel("MALL-FEL", f"Mallen har ett syntaxfel: {exc.message}. Rätta mallen eller ta bort den ur mallmappen.", _template_location(exc)))
            return []
        except TemplateNotFound as exc:
            result.findings.append(fel("MALL-FEL", f"Mallen ”{exc.name}” saknas. Lägg tillbaka filen eller kör utan --mallar."))
            return []
        except TemplateError as exc:
            result.findings.append(fel("MALL-FEL", f"Mallen kunde inte fyllas i: {exc}. Rätta mallen i mallmappen."))
            return []
    with timer("Skapar PDF"):
        if arkiv:
            pdf, archive = write_pdf_and_archive(page_html(body, stylesheets), assets, policy,
                                                 lambda: archive_files(result, policy))
        else:
            pdf, archive = write_pdf_bytes(page_html(body, stylesheets), assets, policy), None
    html = standalone_html(body, styles)
    result.findings += policy.findings()
    year = inp.organisation.year
    targets = [(Path(out) / report_pdf_name(year), pdf), (Path(out) / report_html_name(year), html.encode("utf-8"))]
    if archive is not None:
        targets.append((Path(out) / archive_pdf_name(year), archive))
    with timer("Skriver filer"):
        try:
            write_all(targets)
        except OSError as exc:
            result.findings.append(fel(
                "UT-SKRIVFEL",
                f"Årsredovisningen kunde inte skrivas ({exc.strerror or type(exc).__name__}). Kontrollera att mappen "
                "finns och är skrivbar och att filen inte är öppen i ett annat program, och bygg igen. "
                "Tidigare filer är orörda.",
                Location(str(getattr(exc, "filename", None) or out)),
            ))
            return []
    written = [path for path, _ in targets]
    result.written += written
    return written


def archive_files(result, policy) -> tuple:
    """What the archival PDF embeds: indata.xlsx (``/AFRelationship /Source``) and the JSON export
    (``/Data``), byte for byte the file ``bygg`` writes next to it: its findings are the build's,
    including the URLs this rendering refused."""
    from datetime import datetime, time

    from ..export.json_export import document_text, export_document
    from ..export.stamp import stamp
    from ..present.view import document_date
    from .pdf import Embedded

    inp = result.inp
    date = datetime.combine(document_date(inp), time())
    findings = [*result.findings, *policy.findings()]
    data = document_text(export_document(result.report, findings, stamp(inp.folder))).encode("utf-8")
    return (
        Embedded(WORKBOOK, (Path(inp.folder) / WORKBOOK).read_bytes(),
                 "Indata: arbetsboken som årsredovisningen är byggd från", "Source", date),
        Embedded(json_name(inp.organisation.year), data,
                 "Alla beräknade belopp, avstämningar och fynd (JSON-export)", "Data", date),
    )


def _charts(appendix) -> tuple:
    """The Bilaga 3 charts, each SVG's ids prefixed so the charts can share one HTML document, each
    labelled with its alt text (HTML ``aria-label``, PDF ``/Alt``)."""
    if appendix is None:
        return ()
    from .charts import appendix_charts
    from .svg import labelled, scope_ids

    return tuple(replace(c, svg=labelled(scope_ids(c.svg, f"diagram-{c.key}"), c.alt_text)) for c in appendix_charts(appendix))


def published(report, under: int):
    """The report as published with small-number protection (Bilaga 1–3 person counts)."""
    from ..compute.appendices import intervention_pages, mask_appendix
    from ..model import InterventionKind

    return replace(
        report,
        appendix=mask_appendix(report.appendix, under) if report.appendix is not None else None,
        individual=intervention_pages(report.inp, InterventionKind.INDIVID, mask_under=under),
        structural=intervention_pages(report.inp, InterventionKind.STRUKTUR, mask_under=under),
    )


def _with_control_report(document, result):
    """The kontrollrapport (export/kontrollrapport.py) as the report's last section, with its stylesheet."""
    from ..export import kontrollrapport as kr
    from ..export.stamp import stamp
    from ..present.view import Section

    view = kr.control_report(result.report, result.findings, stamp(result.inp.folder))
    section = Section("kontrollrapport", "Kontrollrapport", kr.SECTION_TEMPLATE, view)
    return replace(document, sections=(*document.sections, section)), kr.STYLESHEETS


def _logo(policy, data_uri) -> str | None:
    """``logo.svg`` or ``logo.png`` (also .jpg/.jpeg) in the årsmapp, as a data: URI."""
    for name in ("logo.svg", "logo.png", "logo.jpg", "logo.jpeg"):
        path = policy.image_path(name)
        if path is not None:
            return data_uri(path)
    return None


def _template_location(exc):
    return Location(exc.filename or exc.name or "mall", line=exc.lineno) if (exc.filename or exc.name) else None


__all__ = ["build_outputs", "STYLESHEETS"]
