"""The signed revisionsberättelse (``revisionsberattelse.pdf`` in the årsmapp) as page images.

The revisors' report is a scanned or signed PDF that the förbund receives; the årsredovisning
carries it as its last pages. Each page becomes a PNG (150 dpi, PDFium) placed as a figure with a
text alternative, so the tagged PDF stays PDF/UA and the archival file PDF/A: a page copied in as
PDF content would bring its own untagged structure. Same file in, same bytes out.
"""

from __future__ import annotations

import base64
import io

import pypdfium2

from ..files import AUDIT_REPORT
from ..findings import Finding, Location, warning
from ..model import FolderAttachment

FINDINGS: dict[str, str] = {
    "REVISIONSBERATTELSE-LASFEL": "revisionsberattelse.pdf i årsmappen kunde inte läsas och läggs inte till",
}

DPI = 150
MAX_PAGES = 20  # a revisionsberättelse is a few pages; more is certainly the wrong file


def audit_report_pages(audit_report: FolderAttachment | None) -> tuple[tuple[str, ...], list[Finding]]:
    """The pages of the årsmapp's ``revisionsberattelse.pdf`` (as ``load`` read it) as PNG data:
    URIs; () when there is none."""
    if audit_report is None:
        return (), []
    try:
        document = pypdfium2.PdfDocument(audit_report.data)
        try:
            if len(document) > MAX_PAGES:
                raise ValueError(f"{len(document)} sidor")
            return tuple(_png(document[i]) for i in range(len(document))), []
        finally:
            document.close()
    except (pypdfium2.PdfiumError, ValueError, OSError) as exc:
        return (), [warning(
            "REVISIONSBERATTELSE-LASFEL",
            f"Revisionsberättelsen kunde inte läsas ({exc}) och finns inte med i årsredovisningen. "
            f"Spara den som en vanlig PDF med högst {MAX_PAGES} sidor och bygg igen.",
            Location(AUDIT_REPORT),
        )]


def _png(page) -> str:
    image = page.render(scale=DPI / 72).to_pil().convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
