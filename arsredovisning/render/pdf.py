"""HTML → PDF with WeasyPrint, deterministic: metadata from the HTML, no clock, no random ids."""

from __future__ import annotations

import gc
import logging
from contextlib import contextmanager

from weasyprint import HTML

from .assets import Assets
from .urls import RestrictedFetcher, UrlPolicy


def write_pdf_bytes(html: str, assets: Assets, policy: UrlPolicy) -> bytes:
    """The PDF of ``html``. Relative URLs resolve against the package templates folder and are
    served by :class:`RestrictedFetcher` (``--mallar`` first). The PDF's title, author, language and
    dates come from ``<title>``, ``<html lang>`` and ``<meta name="author|dcterms.created|dcterms.modified">``;
    the file identifier is a hash of the content, so the same input gives the same bytes."""
    fetcher = RestrictedFetcher(policy)
    with _quiet_weasyprint(), _fewer_collections():
        document = HTML(string=html, base_url=assets.base.as_uri() + "/", url_fetcher=fetcher).render()
        return document.write_pdf(pdf_identifier=True)


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
