"""Lay out the halvårsuppföljning (view model: ``present.py``) as HTML and tagged PDF (PDF/UA-1),
with the report's fonts, stylesheets, Jinja environment and restricted URL fetcher."""

from __future__ import annotations

from pathlib import Path

from ..files import write_all
from ..findings import Finding
from ..render.assets import Assets
from ..render.environment import make_environment
from ..render.html import page_html, standalone_html
from ..render.pdf import write_pdf_bytes
from ..render.urls import UrlPolicy
from .present import FollowUp

DOCUMENT_TEMPLATE = "halvarsuppfoljning/document.html.j2"
STYLESHEETS = ("css/page.css", "css/report.css", "halvarsuppfoljning/halvarsuppfoljning.css")


def names(view: FollowUp) -> tuple[str, str]:
    """(PDF, HTML) file names: ``uppfoljning-2025-01-01--2025-06-30.pdf``."""
    stem = "uppfoljning-" + view.period.replace("\u2013", "--")
    return f"{stem}.pdf", f"{stem}.html"


def render(view: FollowUp, folder: Path, templates: Path | None = None) -> tuple[str, bytes, list[Finding]]:
    assets = Assets.create(templates)
    stylesheets = tuple(name for name in STYLESHEETS if assets.find(name) is not None)
    body = make_environment(assets).get_template(DOCUMENT_TEMPLATE).render(doc=view)
    html = standalone_html(body, [assets.read_text(name) for name in stylesheets])
    policy = UrlPolicy(assets, Path(folder))
    pdf = write_pdf_bytes(page_html(body, stylesheets), assets, policy)
    return html, pdf, policy.findings()


def write_follow_up(view: FollowUp, folder: Path, out: Path) -> tuple[list[Path], list[Finding]]:
    html, pdf, findings = render(view, folder)
    pdf_name, html_name = names(view)
    paths = [Path(out) / pdf_name, Path(out) / html_name]
    write_all([(paths[0], pdf), (paths[1], html.encode("utf-8"))])
    return paths, findings
