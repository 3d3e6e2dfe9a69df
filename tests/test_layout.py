"""Print layout read back from the laid-out PDF (pdfplumber, pikepdf): the proofreader's faults.

On the example and on a second förbund (Ådalen, tkr, with a signed revisionsberättelse):
a heading in the bottom fifth of a page with fewer than three body lines after it; a unit (%, kr,
tkr) starting a line; a page less than a third full that does not end a section; a footnote whose
text is on another page than its marker. And the report's last pages are the signed
revisionsberättelse, listed last in Innehåll with the right page.
"""

from __future__ import annotations

import re

import pdfplumber
import pytest

from .layout import footnotes_apart, read_pages, short_pages, stranded_headings, units_at_line_start

CASES = ("exempel", "adalen")


@pytest.fixture(scope="module", params=CASES)
def report_pdf(request, arkiv_build, adalen_signed_build):
    out = arkiv_build if request.param == "exempel" else adalen_signed_build
    return next(p for p in out.iterdir() if re.fullmatch(r"arsredovisning-\d{4}\.pdf", p.name))


@pytest.fixture(scope="module")
def document(report_pdf):
    """The report opened once with pdfplumber for every check (its pages' layout is read once)."""
    with pdfplumber.open(report_pdf) as doc:
        yield doc


@pytest.fixture(scope="module")
def pages(document):
    return read_pages(document)


def test_no_heading_stranded_at_a_page_foot(pages):
    assert stranded_headings(pages) == []


def test_no_unit_starts_a_line(document):
    assert units_at_line_start(document) == []


def test_no_page_is_mostly_empty_unless_a_section_ends(pages):
    assert short_pages(pages) == []


# Footnotes are numbered per table and printed under it (issue 12 point 2, issue 19 point 5).
def test_footnote_text_on_the_page_of_its_marker(report_pdf):
    assert footnotes_apart(report_pdf) == []


def test_the_signed_revisionsberattelse_closes_the_report(adalen_signed_build):
    pdf = adalen_signed_build / "arsredovisning-2016.pdf"
    with pdfplumber.open(pdf) as doc:
        texts = [page.extract_text() or "" for page in doc.pages]
        last_two = [len(page.images) for page in doc.pages[-2:]]
    toc = next(t for t in texts if t.splitlines()[1:2] == ["Innehåll"])
    entries = [line for line in toc.splitlines()[2:] if re.search(r"\d+$", line) and "Sida" not in line]
    assert entries[-1].startswith("Revisionsberättelsen")
    page = int(entries[-1].rsplit(" ", 1)[1])
    assert page == len(texts) - 1 and "Revisionsberättelsen" in texts[page - 1]
    assert last_two == [1, 1]  # one scanned page each
    assert "Styrelsen beslutade i budgeten" in "\n".join(texts)  # texter/balanskrav.md under the utredning
