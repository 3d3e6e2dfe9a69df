"""HTML → PDF with WeasyPrint, deterministic: metadata from the HTML, no clock, no random ids."""

from __future__ import annotations

import logging

from weasyprint import HTML

from .assets import Assets
from .urls import RestrictedFetcher, UrlPolicy


def write_pdf_bytes(html: str, assets: Assets, policy: UrlPolicy) -> bytes:
    """The PDF of ``html``. Relative URLs resolve against the package templates folder and are
    served by :class:`RestrictedFetcher` (``--mallar`` first). The PDF's title, author, language and
    dates come from ``<title>``, ``<html lang>`` and ``<meta name="author|dcterms.created|dcterms.modified">``;
    the file identifier is a hash of the content, so the same input gives the same bytes."""
    fetcher = RestrictedFetcher(policy)
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # refused URLs become findings; WeasyPrint's own messages are noise here
    try:
        document = HTML(string=html, base_url=assets.base.as_uri() + "/", url_fetcher=fetcher).render()
        return document.write_pdf(pdf_identifier=True)
    finally:
        logger.setLevel(level)
