"""Print layout read back from the laid-out PDF (pdfium through tests/layout.py, pikepdf): the proofreader's faults.

On the example and on a second förbund (Ådalen, tkr, with a signed revisionsberättelse):
a heading in the bottom fifth of a page with fewer than three body lines after it; a unit (%, kr,
tkr) starting a line; a page less than a third full that does not end a section; a footnote whose
text is on another page than its marker (issue 25:) a page that ends below three quarters of its text
area while its section goes on, although the block opening the next page would have fitted; a word
hyphenated or a figure torn from its month, magnitude or unit across a page break or a line; a table's
notes apart from their table (a kept-whole block measured from its marks). And the report's last pages are the signed
revisionsberättelse, listed last in Innehåll with the right page.
"""

from __future__ import annotations

import re

import pytest

from .layout import (early_ends, early_pages, footnotes_apart, hyphenated_lines, kept_blocks, notes_apart_from_table,
                     open_pages, overflowing_words, read_pages, short_pages, stranded_headings, torn_across_pages,
                     torn_figures, units_at_line_start)

CASES = ("exempel", "adalen")


@pytest.fixture(scope="module", params=CASES)
def report_pdf(request, example_build, adalen_build):
    out = example_build if request.param == "exempel" else adalen_build
    return next(p for p in out.iterdir() if re.fullmatch(r"arsredovisning-\d{4}\.pdf", p.name))


@pytest.fixture(scope="module")
def document(report_pdf):
    """The report's pages read once for every check (characters and drawings: the costly part)."""
    return open_pages(report_pdf)


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


def test_no_page_ends_early_while_its_section_goes_on(pages, report_pdf):
    """A page may end below three quarters mid-section only before a block that truly cannot fit in
    the space left (issue 25): a Bilaga 3 table kept whole with its caption and notes (marked in the
    PDF by its ``…-block`` and ``…-block-slut`` anchors, measured exactly), or an insats's heading with
    its fact box (read from the gaps); and at most one page per report does so. Each explained end is
    printed with its heights (``pytest -s``)."""
    ends = early_ends(pages, kept_blocks(report_pdf))
    for end in ends:
        print(end)
    assert [str(e) for e in ends if e.fits] == []
    assert len(ends) <= 1, [str(e) for e in ends]


def test_kept_blocks_are_measured_from_the_marks(report_pdf, pages):
    """Every Bilaga 3 table of up to twelve rows is marked as kept whole; each mark lies on one page
    around its table's caption and rows (the block's height covers them)."""
    blocks = kept_blocks(report_pdf)
    tables = [b for b in blocks if re.fullmatch(r"bilaga-3-t\d+-block", b.name)]
    assert len(tables) >= 3
    for b in tables:
        page = pages[b.page - 1]
        inside = [x for x in page.lines if b.top - 2 <= x.top and x.bottom <= b.end + 1]
        assert inside[0].text.startswith("Tabell") and len(inside) >= 3, (b, inside[:3])


def test_nothing_torn_across_a_page_break(pages):
    assert torn_across_pages(pages) == []


def test_no_figure_torn_from_its_month_magnitude_or_unit(document):
    assert torn_figures(document) == []


def test_no_word_split_across_a_line_or_past_its_cell(document):
    """Hyphenation is off (report.css: pyphen's Swedish patterns split syllables, not compounds), so
    no line ends in an inserted hyphen; and no long compound runs out of its table cell (a fact box's
    label, a Bilaga table's row) into the next or past the text area (issue 25 point 2)."""
    assert hyphenated_lines(document) == []
    assert overflowing_words(document) == []


LONG = "Arbetsmarknadsförvaltningsutbildningsenheten"  # a compound wider than a fact box's value column


def test_a_long_compound_breaks_inside_its_cell_and_the_reader_sees_it_otherwise(tmp_path):
    """The report's stylesheets on a fact box and a resultaträkning whose texts hold compounds longer
    than their fixed-width cells: they break at the cell's edge; without report.css's overflow-wrap
    they print over the next cell, which the reader finds."""
    import weasyprint

    from .conftest import ROOT

    body = (f'<table class="facts"><tbody><tr><th scope="row">Huvudman</th><td>{LONG}</td>'
            '<th scope="row" class="second">Period</th><td class="period">2016-01-01–2016-12-31</td></tr>'
            '<tr><th scope="row">Volyminsats</th><td>Ja</td><th scope="row" class="second">Sysselsättningsmöjligheter</th>'
            '<td>Ja</td></tr></tbody></table><table class="statement"><thead><tr><th class="label">Resultaträkning</th>'
            f'<th class="num">2016</th><th class="num">2015</th></tr></thead><tbody><tr class="line"><th class="label">'
            f'{LONG}kostnaderna</th><td class="num">−1 234 567</td><td class="num">1 234 567</td></tr></tbody></table>')

    def laid_out(extra_css: str):
        html = ('<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><link rel="stylesheet" href="css/page.css">'
                f'<link rel="stylesheet" href="css/report.css"><style>{extra_css}</style></head><body><p>x</p>'
                f'<section class="section"><h1 class="section-title">Bilaga</h1>{body}</section></body></html>')
        out = tmp_path / f"{len(extra_css)}.pdf"
        weasyprint.HTML(string=html, base_url=str(ROOT / "templates") + "/").write_pdf(out)
        return out

    assert overflowing_words(laid_out("")) == []
    unguarded = overflowing_words(laid_out("th, td { overflow-wrap: normal !important; }"))
    # the value runs over "Period", the label over its "Ja"
    assert len(unguarded) == 2 and "Huvudman" in unguarded[0] and "Volyminsats" in unguarded[1], unguarded


def test_the_reader_finds_an_inserted_hyphen_not_a_compounds_own(tmp_path):
    """With automatic hyphenation a word split across lines ends in WeasyPrint's inserted hyphen
    (U+2010), which the reader reports; a compound's own hyphen at a line's end ("Finsam-", which
    pdfium reads as U+0002) is a place to break, not a fault."""
    import weasyprint

    words = "Arbetsmarknadsutbildningarna samordningsförbundens rehabiliteringsinsatser " * 6
    html = ('<html lang="sv"><body><p style="break-after: page">Framsida</p>'
            f'<p style="hyphens: auto; width: 60mm; margin-top: 40mm">{words}</p>'
            '<p style="width: 30mm">Finsam-medlen Finsam-medlen Finsam-medlen Finsam-medlen</p></body></html>')
    weasyprint.HTML(string=html).write_pdf(tmp_path / "avstavat.pdf")
    found = hyphenated_lines(tmp_path / "avstavat.pdf")
    assert found and all(f.startswith("page 2: ") and f.endswith("\u2010” ends a line") for f in found), found


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
    # the next page opens with a block kept whole: read from its marks, not from the text's gaps
    # (rows 15 pt apart would read as one block of two lines)
    from .layout import KeptBlock
    rows = page(3, ["Tabell 9: x", "Insats", *["rad"] * 20, "efter"])
    tall = KeptBlock("t9-block", 3, top, top + 15 * 22)  # 22 lines, 330 pt: more than the ≈ 340 − 23 pt left
    short = KeptBlock("t9-block", 3, top, top + 15 * 3)
    ends = early_ends([page(1, ["a"]), half, rows, section], [tall])
    assert [(e.page, e.block, e.fits) for e in ends] == [(2, "t9-block", False)]
    assert round(ends[0].need) == 15 * 21 + 10  # from the caption's top to the last row's bottom
    assert [e.fits for e in early_ends([page(1, ["a"]), half, rows, section], [short])] == [True]


def test_the_signed_revisionsberattelse_closes_the_report(adalen_build):
    """(The pages' text through pdfium, in content order: the running header follows the body.)"""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(adalen_build / "arsredovisning-2016.pdf")
    texts = [page.get_textpage().get_text_range().replace("\r\n", "\n") for page in pdf]
    last_two = [len(list(pdf[i].get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)))) for i in (len(pdf) - 2, len(pdf) - 1)]
    toc = next(t for t in texts if t.splitlines()[:1] == ["Innehåll"])
    numbered = [(line, re.search(r" (\d+)$", line)) for line in toc.splitlines()[1:] if "Sida" not in line]
    entries = [line for line, m in numbered if m and int(m[1]) <= len(texts)]  # not the running header's year
    assert entries[-1].startswith("Revisionsberättelsen")
    page = int(entries[-1].rsplit(" ", 1)[1])
    assert page == len(texts) - 1 and "Revisionsberättelsen" in texts[page - 1]
    assert last_two == [1, 1]  # one scanned page each
    assert "Styrelsen beslutade i budgeten" in "\n".join(texts)  # texter/balanskrav.md under the utredning
