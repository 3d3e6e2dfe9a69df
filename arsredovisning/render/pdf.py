"""HTML → PDF with WeasyPrint, deterministic: metadata from the HTML, no clock, no random ids."""

from __future__ import annotations

import gc
import io
import logging
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Sequence

from weasyprint import HTML, Attachment

from .assets import Assets
from .tagging import finish
from .urls import RestrictedFetcher, UrlPolicy

# Tagged and accessible (PDF/UA-1): structure tree, /Lang, /DisplayDocTitle, /MarkInfo.
PDF_OPTIONS = {"pdf_identifier": True, "pdf_variant": "pdf/ua-1"}
# The archival file (bygg --arkiv): PDF/A-3a, tagged as well, with its sources embedded
# (WeasyPrint sets /AF and each file's /AFRelationship from the attachment).
ARCHIVE_OPTIONS = {"pdf_identifier": True, "pdf_variant": "pdf/a-3a"}


@dataclass(frozen=True)
class Embedded:
    """A file embedded in the archival PDF as an associated file (``/AF``)."""

    name: str  # the file name shown by a PDF reader, e.g. "indata.xlsx"
    data: bytes
    description: str
    relationship: str  # PDF/A-3 /AFRelationship: "Source", "Data", …
    date: datetime  # creation and modification date in the PDF (the report's date: same bytes every build)


def anchor_pages(document) -> dict[str, int]:
    """Each anchor (HTML id) of a laid-out WeasyPrint document → the 1-based page it starts on (the
    page number the report prints: "Sida N av M" counts every page)."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for name in page.anchors:
            pages.setdefault(name, number)
    return pages


def write_pdf_bytes(html: str, assets: Assets, policy: UrlPolicy, pages: dict[str, int] | None = None,
                    after_layout: Callable[[], None] | None = None) -> bytes:
    """The tagged PDF/UA-1 of ``html``. Relative URLs resolve against the package templates folder
    and are served by :class:`RestrictedFetcher` (``--mallar`` first). The PDF's title, author,
    language and dates come from ``<title>``, ``<html lang>`` and
    ``<meta name="author|dcterms.created|dcterms.modified">``; the file identifier is a hash of the
    content, so the same input gives the same bytes. :func:`tagging.finish` completes WeasyPrint's
    tagging (artifacts, table scopes, link texts). ``pages``, when given, receives
    :func:`anchor_pages` of the layout (the kontrollrapport's page references), and
    ``after_layout()`` is called once they are known, before the PDF is written (about 40 % of the
    time): there ``bygg`` sends them to its child, which makes the kontrollrapport beside the writing."""
    with _quiet_weasyprint(), _fewer_collections():
        document = _laid_out(html, assets, policy, pages, after_layout)
        return document.write_pdf(finisher=finish, **PDF_OPTIONS)


def write_pdf_and_archive(html: str, assets: Assets, policy: UrlPolicy, embedded: Callable[[], Sequence[Embedded]],
                          pages: dict[str, int] | None = None,
                          after_layout: Callable[[], None] | None = None) -> tuple[bytes, bytes]:
    """The PDF/UA-1 of :func:`write_pdf_bytes` and, from the same layout, the PDF/A-3a archival file
    with ``embedded()`` attached as associated files. ``embedded`` is called after the layout, when
    every URL the rendering refused is known (they are findings inside the JSON export)."""
    with _quiet_weasyprint(), _fewer_collections():
        document = _laid_out(html, assets, policy, pages, after_layout)
        pdf = document.write_pdf(finisher=finish, **PDF_OPTIONS)
        attachments = [_attachment(e) for e in embedded()]
        return pdf, document.write_pdf(finisher=_finish_archive, attachments=attachments, **ARCHIVE_OPTIONS)


def _laid_out(html: str, assets: Assets, policy: UrlPolicy, pages: dict[str, int] | None,
              after_layout: Callable[[], None] | None):
    document = _layout(html, assets, policy)
    if pages is not None:
        pages.update(anchor_pages(document))
    if after_layout is not None:
        after_layout()
    return document


def _layout(html: str, assets: Assets, policy: UrlPolicy):
    fetcher = RestrictedFetcher(policy)
    return HTML(string=html, base_url=assets.base.as_uri() + "/", url_fetcher=fetcher).render()


def _finish_archive(document, pdf) -> None:
    """The tagging finisher, and each associated file named once in the catalog's /AF (WeasyPrint 70
    lists every embedded file twice: from the name tree and from the file specifications)."""
    finish(document, pdf)
    if "AF" in pdf.catalog:
        unique = list(dict.fromkeys(pdf.catalog["AF"]))
        pdf.catalog["AF"].clear()
        pdf.catalog["AF"].extend(unique)


def _attachment(e: Embedded) -> Attachment:
    return Attachment(file_obj=io.BytesIO(e.data), name=e.name, description=e.description,
                      relationship=e.relationship, created=e.date, modified=e.date)


@contextmanager
def _quiet_weasyprint():
    """Refused URLs become findings; WeasyPrint's own log lines would only repeat them."""
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


@contextmanager
def _fewer_collections():
    """Layout allocates millions of short-lived objects; with the loaded workbook, pandas and
    matplotlib in memory every cyclic-GC pass walks them all again. Freezing what exists and
    collecting the young generation less often cuts ~15 % of the render time at no memory cost
    (measured on the example). Restored afterwards."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
