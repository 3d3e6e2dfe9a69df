"""Lay out the kontrollrapport (view model: ``present/control_report.py``) as HTML and PDF.

The PDF reuses the report's fonts, stylesheets, Jinja environment and restricted URL fetcher.
"""

from __future__ import annotations

from pathlib import Path

from ..files import control_report_names, write_all
from ..findings import Finding
from ..present.control_report import ControlReport, section
from .assets import Assets
from .environment import make_environment
from .html import page_html, standalone_html
from .pdf import write_pdf_bytes
from .urls import UrlPolicy
from .webfonts import font_faces

DOCUMENT_TEMPLATE = "kontrollrapport/document.html.j2"
STYLESHEETS = ("css/page.css", "css/report.css", "kontrollrapport/kontrollrapport.css")
SCREEN_STYLESHEETS = ("css/screen.css",)  # the HTML only
DRAFT_STYLESHEETS = ("css/utkast.css",)  # an utkast only: the draft marks


def render(view: ControlReport, folder: Path, templates: Path | None = None) -> tuple[str, bytes, list[Finding]]:
    """(standalone HTML, PDF, findings of refused URLs). A broken user template raises
    ``jinja2.TemplateError``; the caller turns it into a finding."""
    assets = Assets.create(templates)
    names = (*STYLESHEETS, *(DRAFT_STYLESHEETS if view.draft else ()))
    stylesheets = tuple(name for name in names if assets.find(name) is not None)
    body = make_environment(assets).get_template(DOCUMENT_TEMPLATE).render(doc=view, section=section(view))
    screen = tuple(name for name in SCREEN_STYLESHEETS if assets.find(name) is not None)
    html = standalone_html(body, [assets.read_text(name) for name in (*stylesheets, *screen)], font_faces(assets, body))
    policy = UrlPolicy(assets, folder)
    pdf = write_pdf_bytes(page_html(body, stylesheets), assets, policy)
    return html, pdf, policy.findings()


def write_control_report(view: ControlReport, folder: Path, out: Path,
                         templates: Path | None = None) -> tuple[list[Path], list[Finding]]:
    """Write ``kontrollrapport-<år>.html`` and ``.pdf`` atomically; return the paths and the
    rendering's findings (refused URLs)."""
    html, pdf, render_findings = render(view, folder, templates)
    html_name, pdf_name = control_report_names(view.year)
    paths = [Path(out) / pdf_name, Path(out) / html_name]
    write_all([(paths[0], pdf), (paths[1], html.encode("utf-8"))])
    return paths, render_findings
