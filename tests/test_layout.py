"""Print layout read back from the laid-out PDF (pdfplumber, pikepdf): the proofreader's faults.

On the example and on a second förbund (Ådalen, tkr, with a signed revisionsberättelse):
a heading in the bottom fifth of a page with fewer than three body lines after it; a unit (%, kr,
tkr) starting a line; a page less than a third full that does not end a section; a footnote whose
text is on another page than its marker (issue 25:) a page that ends below three quarters of its text
area while its section goes on, although the block opening the next page would have fitted; a word
hyphenated or a figure torn from its month, magnitude or unit across a page break or a line; a table's
notes apart from their table. And the report's last pages are the signed
revisionsberättelse, listed last in Innehåll with the right page.
"""

from __future__ import annotations

import re

import pdfplumber
import pytest

from .layout import (early_pages, footnotes_apart, notes_apart_from_table, read_pages, short_pages, stranded_headings,
                     torn_across_pages, torn_figures, units_at_line_start)

CASES = ("exempel", "adalen")


@pytest.fixture(scope="module", params=CASES)
def report_pdf(request, example_build, adalen_build):
    out = example_build if request.param == "exempel" else adalen_build
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


def test_no_page_ends_early_while_its_section_goes_on(pages):
    """At most one page of a report ends early mid-section (issue 25). The reader measures the next
    page's first block from the text's gaps and cannot see a block kept whole by the stylesheet (a
    Bilaga 3 table with its caption and notes, ``.table-block``), so it may report one such page: the
    example's page before Tabell 6, whose ten rows kept together do not fit in the space left."""
    faults = early_pages(pages)
    assert len(faults) <= 1, faults


def test_nothing_torn_across_a_page_break(pages):
    assert torn_across_pages(pages) == []


def test_no_figure_torn_from_its_month_magnitude_or_unit(report_pdf):
    assert torn_figures(report_pdf) == []


def test_notes_directly_under_their_own_table(report_pdf):
    assert notes_apart_from_table(report_pdf) == []


def test_the_rules_find_the_faults_they_name():
    """The readers on pages made to show each fault: a page ending at half while the next opens with
    two lines; a word hyphenated across the break; "den 1 | september" at a page break."""
    from .layout import MM, Line, Page

    h = 297 * 72 / 25.4
    top = 24 * MM

    def page(n, texts, start=top):
        return Page(n, h, tuple(Line(start + 15 * i, start + 15 * i + 10, 9.6, False, t) for i, t in enumerate(texts)))

    half = page(2, ["x"] * 25)  # 25 lines ≈ 375 pt of about 710: half full
    nxt = page(3, ["fortsatt text och inlär‐", "ningsstilar"])
    full = page(4, ["y"] * 46 + ["den 1"])
    after = page(5, ["september 2015 startade"])
    section = Page(6, h, (Line(top, top + 20, 20, True, "Bilaga 3"),))
    pages = [page(1, ["a"]), half, nxt, full, after, section]
    assert [f.split(":")[0] for f in early_pages(pages)] == ["page 2"]
    assert [f.split(":")[0] for f in torn_across_pages(pages)] == ["page 4"]
    assert torn_across_pages([page(8, ["bland annat inlär‐"]), page(9, ["ningsstilar med mera"])])


def test_the_signed_revisionsberattelse_closes_the_report(adalen_build):
    pdf = adalen_build / "arsredovisning-2016.pdf"
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
