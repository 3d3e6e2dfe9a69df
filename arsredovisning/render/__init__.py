"""Render the report: view model → Jinja HTML → WeasyPrint PDF, both written atomically.

``build_outputs(result, out, progress=..., templates=None)`` writes ``<out>/arsredovisning-<år>.pdf``
(tagged PDF/UA-1) and ``.html`` and appends its findings (refused URLs, template errors) to
``result.findings``. The laid-out PDF's anchors → page numbers go into ``result.pages`` (for the
kontrollrapport's page references). The HTML adds ``css/screen.css`` and the Inter subset it uses;
``underlag``: the build writes the revision workbook and kontrollrapport beside it (the HTML links
them). ``report`` is the report to lay out (the published view from
``compute.published`` when small numbers are masked; default ``result.report``). With
``archive_json`` also ``arsredovisning-<år>-arkiv.pdf``: PDF/A-3a with indata.xlsx and the JSON
export embedded (``archive_json(findings) -> (file name, bytes)``, given by the pipeline so that
render does not depend on export). A template error is a ``fel`` finding (``MALL-FEL``) and
nothing is written; the previous files stay.

Render lays out what present/ prepared; it computes nothing. May import: present, checks,
compute, load, model, findings and the leaf modules — never export, pipeline or build.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time
from pathlib import Path
from typing import Callable

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

from ..files import archive_pdf_name, report_html_name, report_pdf_name, workbook_path, write_all
from ..findings import Finding, Location, error
from ..load.stamp import input_stamp, stamp
from ..present.control_report import control_report as control_report_view, section  # (render.control_report is the module)
from ..present.multi_year import multi_year_view
from ..present.view import build_document, document_date, downloads, placeholder_values
from ..timing import timed
from .assets import Assets
from .attachments import audit_report_pages
from .chart_cache import appendix_charts, multi_year_chart
from .control_report import STYLESHEETS as CONTROL_REPORT_STYLESHEETS
from .environment import make_environment
from .html import inline_images, one_h1, page_html, standalone_html
from .markdown import MarkdownRenderer
from .pdf import Embedded, write_pdf_and_archive, write_pdf_bytes
from .svg import inline
from .urls import UrlPolicy, data_uri
from .webfonts import font_faces

ArchiveJson = Callable[[list[Finding]], tuple[str, bytes]]

STYLESHEETS = ("css/page.css", "css/report.css")
SCREEN_STYLESHEETS = ("css/screen.css",)  # the standalone HTML only: screen layout and the browser's print


@dataclass(frozen=True)
class RenderedHtml:
    """The report's HTML body (styles not yet placed) and what the PDF needs to lay it out."""

    body: str
    stylesheets: tuple[str, ...]  # names, linked for WeasyPrint
    styles: tuple[str, ...]  # their text and the screen stylesheets', inlined in the standalone HTML
    assets: Assets
    policy: UrlPolicy

    def standalone(self) -> str:
        """The ``.html`` that ``bygg`` writes (and ``granska`` shows): stylesheets and the Inter subset inlined."""
        return standalone_html(one_h1(self.body), list(self.styles), font_faces(self.assets, self.body))


def render_html(result, progress=None, *, templates: Path | None = None, with_control_report: bool = False,
                report=None, underlag: bool = False, phone_charts: bool = True) -> RenderedHtml | None:
    """The report as HTML, before any layout. A template error is a ``MALL-FEL`` finding in
    ``result.findings`` and None is returned; refused URLs stay in the returned ``policy``.
    ``phone_charts=False`` leaves out the charts' phone drawings (``granska``'s quick turn, which
    the complete one follows)."""
    report, inp = report if report is not None else result.report, result.inp

    def timer(stage: str):
        return timed(result.timings, progress, stage)

    assets = Assets.create(templates)
    policy = UrlPolicy(assets, Path(inp.folder))

    with timer("Förbereder innehåll"):
        texts = MarkdownRenderer(policy, placeholder_values(report))
        audit_pages, found = audit_report_pages(Path(inp.folder))
        result.findings += found
        document = build_document(report, texts, logo=_logo(policy, data_uri), charts=_charts(report.appendix, phone_charts),
                                  stamp=input_stamp(inp.folder), multi_year_chart=_multi_year_chart(report, phone_charts),
                                  audit_report=audit_pages, files=downloads(inp.organisation.year, underlag=underlag))
        stylesheets = STYLESHEETS
        if with_control_report:
            document, stylesheets = _with_control_report(document, result)
    with timer("Skapar HTML"):
        env = make_environment(assets)
        try:
            body = inline_images(env.get_template("base.html.j2").render(doc=document), policy)
            styles = tuple(assets.read_text(name) for name in (*stylesheets, *_present(assets, SCREEN_STYLESHEETS)))
        except TemplateSyntaxError as exc:
            result.findings.append(error("MALL-FEL", f"Mallen har ett syntaxfel: {exc.message}. Rätta mallen eller ta bort den ur mallmappen.", _template_location(exc)))
            return None
        except TemplateNotFound as exc:
            result.findings.append(error("MALL-FEL", f"Mallen ”{exc.name}” saknas. Lägg tillbaka filen eller kör utan --mallar."))
            return None
        except TemplateError as exc:
            result.findings.append(error("MALL-FEL", f"Mallen kunde inte fyllas i: {exc}. Rätta mallen i mallmappen."))
            return None
    return RenderedHtml(body, stylesheets, styles, assets, policy)


def build_outputs(result, out: Path, progress=None, *, templates: Path | None = None, with_control_report: bool = False,
                  report=None, archive_json: ArchiveJson | None = None,
                  before_layout: Callable[[list[Finding]], None] | None = None,
                  after_layout: Callable[[list[Finding]], None] | None = None, underlag: bool = False,
                  **_options) -> list[Path]:
    """See the module docstring. ``before_layout(findings)`` is called just before the PDF layout
    with the findings known then (the build's plus the URLs refused so far): ``bygg`` starts the
    underlag beside the layout from there. ``after_layout(findings)`` likewise once the layout is
    done and ``result.pages`` is filled, before the PDF is written: the kontrollrapport."""
    inp = result.inp

    def timer(stage: str):
        return timed(result.timings, progress, stage)

    rendered = render_html(result, progress, templates=templates, with_control_report=with_control_report, report=report,
                           underlag=underlag)
    if rendered is None:
        return []
    assets, policy, stylesheets = rendered.assets, rendered.policy, rendered.stylesheets
    if before_layout is not None:
        before_layout([*result.findings, *policy.findings()])
    laid_out = (lambda: after_layout([*result.findings, *policy.findings()])) if after_layout is not None else None
    with timer("Skapar PDF"):
        if archive_json is not None:
            pdf, archive = write_pdf_and_archive(page_html(rendered.body, stylesheets), assets, policy,
                                                 lambda: archive_files(result, policy, archive_json), result.pages, laid_out)
        else:
            pdf, archive = write_pdf_bytes(page_html(rendered.body, stylesheets), assets, policy, result.pages, laid_out), None
    html = rendered.standalone()
    result.findings += policy.findings()
    year = inp.organisation.year
    targets = [(Path(out) / report_pdf_name(year), pdf), (Path(out) / report_html_name(year), html.encode("utf-8"))]
    if archive is not None:
        targets.append((Path(out) / archive_pdf_name(year), archive))
    with timer("Skriver filer"):
        try:
            write_all(targets)
        except OSError as exc:
            result.findings.append(error(
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


def archive_files(result, policy, archive_json: ArchiveJson) -> tuple:
    """What the archival PDF embeds: indata.xlsx (``/AFRelationship /Source``) and the JSON export
    (``/Data``), byte for byte the file ``bygg`` writes next to it: its findings are the build's,
    including the URLs this rendering refused."""
    inp = result.inp
    date = datetime.combine(document_date(inp), time())
    name, data = archive_json([*result.findings, *policy.findings()])
    return (
        Embedded(workbook_path(Path(inp.folder)).name, workbook_path(Path(inp.folder)).read_bytes(),
                 "Indata: arbetsboken som årsredovisningen är byggd från", "Source", date),
        Embedded(name, data, "Alla beräknade belopp, avstämningar och fynd (JSON-export)", "Data", date),
    )


def _charts(appendix, narrow: bool = True) -> tuple:
    """The Bilaga 3 charts, each SVG's ids prefixed so the charts can share one HTML document, each
    labelled with its alt text (HTML ``aria-label``, PDF ``/Alt``)."""
    if appendix is None:
        return ()
    return tuple(_inlined(c, f"diagram-{c.key}") for c in appendix_charts(appendix, narrow))


def _inlined(chart, prefix: str):
    """Both drawings of ``chart`` ready for the HTML (render/svg.py ``inline``)."""
    narrow = inline(chart.narrow_svg, prefix, chart.alt_text, narrow=True) if chart.narrow_svg else ""
    return replace(chart, svg=inline(chart.svg, prefix, chart.alt_text), narrow_svg=narrow)


def _multi_year_chart(report, narrow: bool = True):
    """The flerårsöversikt's chart, when at least two years are known (else None)."""
    view = multi_year_view(report.history, report.inp.organisation.unit.value)
    chart = multi_year_chart(view, narrow) if view is not None else None
    if chart is None:
        return None
    return _inlined(chart, "diagram-flerarsoversikt")


def _with_control_report(document, result):
    """The kontrollrapport (present/control_report.py) as the report's last section, with its stylesheet."""
    view = control_report_view(result.report, result.findings, stamp(result.inp.folder), embedded=True)
    return replace(document, sections=(*document.sections, section(view))), CONTROL_REPORT_STYLESHEETS


def _present(assets: Assets, names: tuple[str, ...]) -> tuple[str, ...]:
    """The stylesheets that exist (a --mallar folder may hold an older package layout)."""
    return tuple(name for name in names if assets.find(name) is not None)


def _logo(policy, data_uri) -> str | None:
    """``logo.svg`` or ``logo.png`` (also .jpg/.jpeg) in the årsmapp, as a data: URI."""
    for name in ("logo.svg", "logo.png", "logo.jpg", "logo.jpeg"):
        path = policy.image_path(name)
        if path is not None:
            return data_uri(path)
    return None


def _template_location(exc):
    return Location(exc.filename or exc.name or "mall", line=exc.lineno) if (exc.filename or exc.name) else None


__all__ = ["RenderedHtml", "build_outputs", "render_html", "STYLESHEETS"]
