"""Render the report: view model → Jinja HTML → WeasyPrint PDF, both written atomically.

``build_outputs(result, out, progress=..., templates=None)`` writes ``<out>/arsredovisning-<år>.pdf``
(tagged PDF/UA-1) and ``.html`` and returns what it made and found (:class:`Rendered`: the files
written, its findings — refused URLs, template errors, an unreadable revisionsberättelse — and the
laid-out PDF's anchors → page numbers, for the kontrollrapport's page references); it reads
``result`` and never writes into it. The HTML adds ``css/screen.css`` and the Inter subset it uses;
``underlag``: the build writes the revision workbook and kontrollrapport beside it (the HTML links
them). ``report`` is the report to lay out (the published view from
``compute.published`` when small numbers are masked; default ``result.report``). With
``archive_json`` also ``arsredovisning-<år>-arkiv.pdf``: PDF/A-3a with indata.xlsx and the JSON
export embedded (``archive_json(findings) -> (file name, bytes)``, given by the pipeline so that
render does not depend on export). A template error is a ``fel`` finding (``MALL-FEL``; from
``render_html`` the :class:`TemplateFailed` that carries it) and nothing is written; the previous
files stay.

Render lays out what present/ prepared; it computes nothing. May import: present, checks,
compute, load, model, findings and the leaf modules — never export, pipeline or build.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, time
from pathlib import Path
from typing import Callable

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

from ..files import archive_pdf_name, report_html_name, report_pdf_name, write_all
from ..findings import Finding, Location, error
from ..load.stamp import Stamp, stamp as stamp_of
from ..present.control_report import control_report as control_report_view, section  # (render.control_report is the module)
from ..present.multi_year import multi_year_view
from ..present.view import build_document, document_date, downloads, placeholder_values
from ..timing import timed
from .assets import Assets
from .attachments import audit_report_pages
from .chart_cache import appendix_charts, in_cache, multi_year_chart
from .control_report import STYLESHEETS as CONTROL_REPORT_STYLESHEETS
from .environment import make_environment
from .html import inline_images, one_h1, page_html, standalone_html
from .markdown import MarkdownRenderer
from .pdf import Embedded, write_pdf_and_archive, write_pdf_bytes
from .svg import inline
from .urls import UrlPolicy, bytes_uri
from .webfonts import font_faces

ArchiveJson = Callable[[list[Finding]], tuple[str, bytes]]

STYLESHEETS = ("css/page.css", "css/report.css")
DRAFT_STYLESHEETS = ("css/utkast.css",)  # an utkast only: the draft marks
SCREEN_STYLESHEETS = ("css/screen.css",)  # the standalone HTML only: screen layout and the browser's print


@dataclass(frozen=True)
class RenderedHtml:
    """The report's HTML body (styles not yet placed) and what the PDF needs to lay it out."""

    body: str
    stylesheets: tuple[str, ...]  # names, linked for WeasyPrint
    styles: tuple[str, ...]  # their text and the screen stylesheets', inlined in the standalone HTML
    assets: Assets
    policy: UrlPolicy
    found: tuple[Finding, ...] = ()  # what rendering found before the layout (an unreadable revisionsberättelse)
    phone_drawings: tuple[str, ...] = ()  # the charts' phone drawings in ``body``: screen only
    complete: bool = True  # every phone drawing is in (False: granska's quick turn left some out)

    @property
    def print_body(self) -> str:
        """``body`` as the PDF lays it out: without the charts' phone drawings, which print never shows
        (``display: none``) but WeasyPrint would still parse and style element by element: the same
        PDF, sooner (bench/RESULTS.md)."""
        body = self.body
        for drawing in self.phone_drawings:
            body = body.replace(drawing, "", 1)
        return body

    def print_html(self) -> str:
        """The whole page the PDF lays out: :attr:`print_body` with the stylesheets linked."""
        return page_html(self.print_body, self.stylesheets)

    def standalone(self) -> str:
        """The ``.html`` that ``bygg`` writes (and ``granska`` shows): stylesheets and the Inter subset inlined."""
        return standalone_html(one_h1(self.body), list(self.styles), font_faces(self.assets, self.body))


class TemplateFailed(Exception):
    """A template could not be rendered: ``finding`` (``MALL-FEL``) says which and how to fix it."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


@dataclass(frozen=True)
class Rendered:
    """What :func:`build_outputs` made and found."""

    written: tuple[Path, ...] = ()
    findings: tuple[Finding, ...] = ()  # in the order found: before the layout, then the refused URLs
    pages: dict[str, int] = field(default_factory=dict)  # the laid-out report's anchors → PDF pages


def render_html(result, progress=None, *, templates: Path | None = None, with_control_report: bool = False,
                report=None, underlag: bool = False, phone_charts: bool = True, stamp: Stamp | None = None) -> RenderedHtml:
    """The report as HTML, before any layout. A template error raises :class:`TemplateFailed` with
    its ``MALL-FEL`` finding; what else it found is in the returned ``found``, the refused URLs in its
    ``policy``. ``result`` is read, never written (but for its timings).
    ``phone_charts=False`` leaves out the charts' phone drawings (``granska``'s quick turn, which
    the complete one follows) unless every one of them is in the chart cache: then the HTML is the
    complete one all the same (``complete``). ``stamp``: the build's version and state (default: an
    utkast of the input as loaded)."""
    report, inp = report if report is not None else result.report, result.inp
    stamp = stamp if stamp is not None else stamp_of(inp.folder, inp.inputs)

    def timer(stage: str):
        return timed(result.timings, progress, stage)

    assets = Assets.create(templates)
    policy = UrlPolicy(assets, Path(inp.folder))

    with timer("Förbereder innehåll"):
        texts = MarkdownRenderer(policy, placeholder_values(report))
        audit_pages, found = audit_report_pages(inp.audit_report)
        view = multi_year_view(report.history, report.inp.organisation.unit.value)
        phone_charts = phone_charts or _phone_drawings_cached(report.appendix, view)
        years_chart, brief_chart = _multi_year_charts(view, phone_charts)
        charts = _charts(report.appendix, phone_charts)
        phone = tuple(c.narrow_svg for c in (*charts, years_chart, brief_chart) if c is not None and c.narrow_svg)
        document = build_document(report, texts, logo=_logo(inp), charts=charts,
                                  stamp=str(stamp), draft=stamp.draft, multi_year_chart=years_chart, brief_chart=brief_chart,
                                  audit_report=audit_pages, files=downloads(inp.organisation.year, underlag=underlag))
        stylesheets: tuple[str, ...] = STYLESHEETS
        if with_control_report:
            document, stylesheets = _with_control_report(document, result, [*result.findings, *found], stamp)
        if stamp.draft:
            stylesheets = (*stylesheets, *_present(assets, DRAFT_STYLESHEETS))
    with timer("Skapar HTML"):
        env = make_environment(assets)
        try:
            body = inline_images(env.get_template("base.html.j2").render(doc=document), policy)
            styles = tuple(assets.read_text(name) for name in (*stylesheets, *_present(assets, SCREEN_STYLESHEETS)))
        except TemplateSyntaxError as exc:
            raise TemplateFailed(error("MALL-FEL", f"Mallen har ett syntaxfel: {exc.message}. Rätta mallen eller ta bort den ur mallmappen.", _template_location(exc))) from exc
        except TemplateNotFound as exc:
            raise TemplateFailed(error("MALL-FEL", f"Mallen ”{exc.name}” saknas. Lägg tillbaka filen eller kör utan --mallar.")) from exc
        except TemplateError as exc:
            raise TemplateFailed(error("MALL-FEL", f"Mallen kunde inte fyllas i: {exc}. Rätta mallen i mallmappen.")) from exc
    return RenderedHtml(body, stylesheets, styles, assets, policy, tuple(found), phone, phone_charts)


def build_outputs(result, out: Path, progress=None, *, templates: Path | None = None, with_control_report: bool = False,
                  report=None, archive_json: ArchiveJson | None = None,
                  before_layout: Callable[[list[Finding]], None] | None = None,
                  after_layout: Callable[[list[Finding], dict[str, int]], None] | None = None,
                  underlag: bool = False, stamp: Stamp | None = None) -> Rendered:
    """See the module docstring. ``before_layout(findings)`` is called just before the PDF layout
    with the findings known then (the build's plus the URLs refused so far): ``bygg`` starts the
    underlag beside the layout from there. ``after_layout(findings, pages)`` likewise once the layout
    is done, with its pages, before the PDF is written: the kontrollrapport."""
    inp = result.inp

    def timer(stage: str):
        return timed(result.timings, progress, stage)

    try:
        rendered = render_html(result, progress, templates=templates, with_control_report=with_control_report,
                               report=report, underlag=underlag, stamp=stamp)
    except TemplateFailed as exc:
        return Rendered(findings=(exc.finding,))
    assets, policy = rendered.assets, rendered.policy
    known = [*result.findings, *rendered.found]  # what the build knows before the layout adds refused URLs
    pages: dict[str, int] = {}
    if before_layout is not None:
        before_layout([*known, *policy.findings()])
    laid_out = (lambda: after_layout([*known, *policy.findings()], pages)) if after_layout is not None else None
    with timer("Skapar PDF"):
        if archive_json is not None:
            pdf, archive = write_pdf_and_archive(rendered.print_html(), assets, policy,
                                                 lambda: archive_files(result, [*known, *policy.findings()], archive_json),
                                                 pages, laid_out)
        else:
            pdf, archive = write_pdf_bytes(rendered.print_html(), assets, policy, pages, laid_out), None
    html = rendered.standalone()
    found = (*rendered.found, *policy.findings())
    year = inp.organisation.year
    targets = [(Path(out) / report_pdf_name(year), pdf), (Path(out) / report_html_name(year), html.encode("utf-8"))]
    if archive is not None:
        targets.append((Path(out) / archive_pdf_name(year), archive))
    with timer("Skriver filer"):
        try:
            write_all(targets)
        except OSError as exc:
            return Rendered(findings=(*found, error(
                "UT-SKRIVFEL",
                f"Årsredovisningen kunde inte skrivas ({exc.strerror or type(exc).__name__}). Kontrollera att mappen "
                "finns och är skrivbar och att filen inte är öppen i ett annat program, och bygg igen. "
                "Tidigare filer är orörda.",
                Location(str(getattr(exc, "filename", None) or out)),
            )), pages=pages)
    return Rendered(tuple(path for path, _ in targets), found, pages)


def archive_files(result, findings: list[Finding], archive_json: ArchiveJson) -> tuple:
    """What the archival PDF embeds: indata.xlsx (``/AFRelationship /Source``) and the JSON export
    (``/Data``), byte for byte the file ``bygg`` writes next to it: its findings are the build's,
    including the URLs this rendering refused."""
    inp = result.inp
    date = datetime.combine(document_date(inp), time())
    name, data = archive_json(findings)
    workbook = inp.workbook  # as load read it: render opens no input file
    if workbook is None:
        raise OSError(f"{Path(inp.folder)}: arbetsboken kunde inte läsas")
    return (
        Embedded(workbook.name, workbook.data, "Indata: arbetsboken som årsredovisningen är byggd från", "Source", date),
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


def _phone_drawings_cached(appendix, view) -> bool:
    """Whether every chart with its phone drawing (Bilaga 3's and the flerårsöversikt's of ``view``)
    comes from the chart cache without drawing."""
    return ((appendix is None or in_cache("appendix_charts", appendix))
            and (view is None or in_cache("multi_year_chart", view)))


def _multi_year_charts(view, narrow: bool = True):
    """The flerårsöversikt's chart of ``view`` (present/multi_year.py; None with fewer than two years
    known, then None, None): drawn once, inlined twice with its ids scoped apart, for the
    förvaltningsberättelse and for Året i korthet."""
    chart = multi_year_chart(view, narrow) if view is not None else None
    if chart is None:
        return None, None
    return (_inlined(chart, "diagram-flerarsoversikt"),
            _inlined(replace(chart, key=f"korthet-{chart.key}"), "diagram-korthet-flerarsoversikt"))


def _with_control_report(document, result, findings: list[Finding], stamp: Stamp | None = None):
    """The kontrollrapport (present/control_report.py) as the report's last section, with its stylesheet."""
    stamp = stamp if stamp is not None else stamp_of(result.inp.folder, result.inp.inputs)
    view = control_report_view(result.report, findings, stamp, embedded=True)
    return replace(document, sections=(*document.sections, section(view))), CONTROL_REPORT_STYLESHEETS


def _present(assets: Assets, names: tuple[str, ...]) -> tuple[str, ...]:
    """The stylesheets that exist (a --mallar folder may hold an older package layout)."""
    return tuple(name for name in names if assets.find(name) is not None)


def _logo(inp) -> str | None:
    """``logo.svg`` or ``logo.png`` (also .jpg/.jpeg) in the årsmapp (as ``load`` read it), as a data: URI."""
    return bytes_uri(inp.logo.name, inp.logo.data) if inp.logo is not None else None


def _template_location(exc):
    return Location(exc.filename or exc.name or "mall", line=exc.lineno) if (exc.filename or exc.name) else None


__all__ = ["Rendered", "RenderedHtml", "TemplateFailed", "build_outputs", "render_html", "STYLESHEETS"]
