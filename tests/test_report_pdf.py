"""The example report, built once through the real command: headings, innehåll page numbers, every
statement and Bilaga figure, metadata, determinism, and that a failed build keeps the old PDF."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest

from arsredovisning.files import control_report_names, report_pdf_name, revision_workbook_name

from arsredovisning.findings import Level
from arsredovisning.build import BuildOptions, output_names, run_build
from arsredovisning.pipeline import run_checks
from arsredovisning import fmt
from arsredovisning.present.rounding import round_financials
from arsredovisning.render.environment import FILTERS

from .builders import minimal_sheets, report_files, workbook
from .conftest import EXAMPLE, build_log

SEED_HEADINGS = (
    "Innehåll",
    "Året i korthet",  # not in the seed: the key figures page Swedish municipal reports open with
    "Presidiet har ordet",
    "Förvaltningsberättelse",
    "Organisation",
    "Uppdraget",
    "Finansiell översikt",
    "Redovisningsprinciper",
    "Resultaträkning",
    "Kassaflödesanalys",
    "Balansräkning",
    "Noter",
    "Drift- och investeringsredovisning",  # not in the seed: LKBR 4 kap. 1 § (issue 24)
    "Beslut och underskrifter",
    "Revisorernas påteckning",
    "Bilaga 1",
    "Bilaga 2",
    "Bilaga 3",
    "Kontaktinformation",
)
# Short sections that flow on after the one before instead of starting a page (page.css).
FLOWING = ("Finansiell översikt", "Redovisningsprinciper", "Kassaflödesanalys")

# Figures printed in the seed (Årsredovisning 2016) that the example reproduces.
SEED_FIGURES = (
    "6 249 712", "-6 281 011", "-31 299", "-1 024", "-32 323",  # resultaträkning
    "326 943", "2 203 537", "2 530 480", "1 410 799", "1 443 122", "1 119 681", "984 154",  # balansräkning
    "-78 171", "135 527", "25 033", "2 178 505",  # kassaflödesanalys
    "2 897 694", "454 324", "-5 091 880", "279 798", "1 003 428",  # noter
    "2 897 694", "1 448 847", "302 344", "420 302", "572 424", "153 777", "5 795 388",  # medlemsbidrag
    "5 156 000", "510 558", "546 000", "446 709", "99 291", "4 645 442", "151 441", "10 242", "214", "208", "110",
)


def normalize(text: str) -> str:
    """pdftotext gives thin spaces, no-break spaces and true minus signs back as they are."""
    for ch in ("\u202f", "\u00a0", "\u2009", "\u2007"):
        text = text.replace(ch, " ")
    return text.replace("\u2212", "-")


@dataclass
class Built:
    out: Path
    pdf: Path
    html: Path
    pages: list[str]  # normalized text per page (pdftotext -layout)
    stderr: str

    def lines(self, n: int) -> list[str]:
        """Non-empty lines of page ``n`` (1-based)."""
        return [line.strip() for line in self.pages[n - 1].splitlines() if line.strip()]

    def section_text(self, title: str) -> str:
        """The text of the pages of the section whose first content line is ``title``."""
        start = self.first_page(title)
        following = [self.first_page(t) for t in SEED_HEADINGS if self.first_page(t) > start]
        end = min(following, default=len(self.pages) + 1)
        return "\n".join(self.pages[start - 1 : end - 1])

    def first_page(self, title: str) -> int:
        """The page a section starts on: its heading first under the running header, or for a section
        that flows on (``FLOWING``), a line that is the heading alone, past the Innehåll."""
        for n in range(1, len(self.pages) + 1):
            lines = self.lines(n)
            if len(lines) > 1 and heading_line(lines) == title:
                return n
        if title in FLOWING:
            for n in range(3, len(self.pages) + 1):
                if title in self.lines(n)[1:-1]:
                    return n
        return 0


def heading_line(lines: list[str]) -> str:
    """The first line under the running header (the section heading on a section's first page)."""
    return re.split(r"\s{2,}", lines[1])[0]


def pdf_pages(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [normalize(p) for p in out.split("\f")][:-1]


@pytest.fixture(scope="session")
def built(example_build) -> Built:
    pdf = example_build / "arsredovisning-2016.pdf"
    return Built(example_build, pdf, example_build / "arsredovisning-2016.html", pdf_pages(pdf),
                 build_log(example_build)["stderr"])


@pytest.fixture(scope="session")
def checked():
    result = run_checks(EXAMPLE)
    assert result.report is not None
    return result


def test_bygg_writes_pdf_and_html(built):
    assert built.pdf.read_bytes().startswith(b"%PDF-")
    html = built.html.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="sv-SE">' in html
    assert "<style>" in html and "<svg" in html and 'rel="stylesheet"' not in html
    # It needs nothing beside it; it only links (href) to the files bygg writes next to it.
    beside = {report_pdf_name(2016), revision_workbook_name(2016), control_report_names(2016)[0]}
    local = re.findall(r'\b(src|href)="(?!data:|#|https?:|mailto:)([^"]*)"', html)
    assert {(a, v) for a, v in local} <= {("href", name) for name in beside}, "the HTML must stand alone"
    assert {"arsredovisning-2016.html", "arsredovisning-2016.pdf"} <= {p.name for p in built.out.iterdir()}
    assert not [p for p in built.out.iterdir() if p.name.endswith(".tmp")]


def test_every_page_carries_the_version_and_the_draft_mark(built):
    """Every page's footer, and the cover's foot (issue 25: a revisor sees the version on page 1),
    carries the same version stamp; the web report's cover too."""
    version = json.loads((built.out / "arsredovisning-2016.json").read_text(encoding="utf-8"))["version_id"]
    assert re.fullmatch(r"[0-9a-f]{12}", version)
    assert all(f"Version {version} · utkast" in page and "UTKAST" in page for page in built.pages[1:])
    assert "UTKAST" in built.pages[0]  # the cover's mark
    assert built.pages[0].count(f"Version {version} · utkast") == 1
    cover = built.html.read_text(encoding="utf-8").split("</header>", 1)[0]
    assert f'<p class="cover-version">Version {version} · utkast</p>' in cover


def test_the_report_says_nothing_in_the_tools_words(built):
    """No finding, check id, sheet name or tool word in the published report (issue 23)."""
    text = "\n".join(built.pages)
    for word in ("indata", "bladet", "kontrollrapport", "avstämning", "kontrollsumma", "Upplysning om avvikelse",
                 "Saldobalans", "SB-BALANS", "BR-BALANS", "INS-PROJEKTMEDEL", "KF-LIKVIDA"):
        assert word.lower() not in text.lower(), word


def test_progress_is_shown_per_stage(built):
    for stage in ("Läser arbetsbok och texter", "Skapar HTML", "Skapar PDF", "Skriver filer"):
        assert re.search(rf"{stage}\s+\d+ ms", built.stderr), built.stderr


def test_every_seed_heading_starts_a_page(built):
    missing = [t for t in SEED_HEADINGS if not built.first_page(t)]
    assert not missing, missing
    assert built.lines(1)[:2] == ["UTKAST", "Samordningsförbundet Sydnärke"]  # the cover: the draft mark, no running header
    assert "Årsredovisning" in built.pages[0] and "2016" in built.pages[0]


def test_running_header_and_footer(built):
    for n in range(2, len(built.pages) + 1):
        lines = built.lines(n)
        assert re.fullmatch(r"Samordningsförbundet Sydnärke\s+UTKAST\s+Årsredovisning 2016", lines[0]), (n, lines[0])
        assert re.search(rf"Version [0-9a-f]{{12}} · utkast\s+Sida {n} av {len(built.pages)}$", lines[-1]), (n, lines[-1])
    assert "Sida" not in built.pages[0]


def test_innehall_page_numbers_point_at_the_sections(built):
    toc = built.first_page("Innehåll")
    # the leader between title and page number is a dotted rule, not text
    entries = [re.match(r"(.+?)\s{2,}(\d+)$", line) for line in built.lines(toc)[2:-1]]
    entries = [(m.group(1), int(m.group(2))) for m in entries if m]
    titles = [name.split(",")[0] for name, _ in entries]
    assert titles == list(SEED_HEADINGS[1:])
    for title, page in zip(titles, (p for _, p in entries)):
        assert built.first_page(title) == page, (title, page, built.first_page(title))
        assert heading_line(built.lines(page)) == title or title in FLOWING


def _expected_rows(displayed):
    for r in displayed.rows:
        dash = r.row.kind.value in ("line", "detail")
        yield r.row.label, [fmt.shown(v, dash) for v in r.values if v is not None]


def _has_row(text: str, label: str, values: list[str]) -> bool:
    """The label's first words, the rest of a (possibly wrapped or hyphenated) label, an optional
    note number or footnote markers, then ``values`` in order on the same line."""
    start = re.escape(normalize(" ".join(label.split()[:3])))
    if not values:
        return re.search(start, text) is not None
    figures = r" +".join(re.escape(normalize(x)) for x in values)
    pattern = start + r"[^\d\n]{0,80}?(?:\d{1,2}(?:, ?\d{1,2})*)?(?: +\d{1,2})? +" + figures + r"(?![\d])"
    return re.search(pattern, text) is not None


@pytest.mark.parametrize("key,title", [("income_statement", "Resultaträkning"), ("cash_flow", "Kassaflödesanalys"),
                                       ("balance_sheet", "Balansräkning")])
def test_every_statement_figure_appears(built, checked, key, title):
    shown = round_financials(checked.report.financials, "kr")
    page = built.section_text(title)
    statement = getattr(shown, key)
    for label, values in _expected_rows(statement):
        # a wrapped label still keeps its figures on one line: look for the figures after the label's last word
        assert _has_row(page, label, values), (label, values)
    for label in statement.statement.column_labels:  # a period label may wrap after its dash
        assert all(part in page for part in normalize(label).split("–")), label


def test_every_note_figure_appears(built, checked):
    shown = round_financials(checked.report.financials, "kr")
    text = built.section_text("Noter")
    for note in shown.notes:
        assert f"Not {note.note.number}" in text
        for r in note.rows:
            assert _has_row(text, r.row.label, [fmt.shown(v, True) for v in r.values]), r.row.label
        assert _has_row(text, "Summa", [fmt.shown(v, True) for v in note.total])  # zero as its rows print it (–)


def test_every_bilaga_3_figure_appears(built, checked):
    text = built.section_text("Bilaga 3")
    cell = FILTERS["cell"]
    for table in checked.report.appendix.tables:
        assert normalize(table.caption) in text.replace("\n", " ") or table.caption.split(":")[0] in text
        for row in (*table.rows, table.total):
            values = [cell(v, c.kind) for v, c in zip(row.cells, table.columns) if c.total or row is not table.total]
            values = [v for v in values if v]
            assert _has_row(text, row.label, values), (table.key, row.label, values)


def test_every_insats_gets_its_facts(built, checked):
    for pages, title in ((checked.report.individual, "Bilaga 1"), (checked.report.structural, "Bilaga 2")):
        text = built.section_text(title)
        flat = re.sub(r"\s+", " ", text)
        for p in pages:
            assert f"{p.number}. {normalize(p.name)}" in flat, p.name
            for figure in (p.budget, p.actual, p.variance):
                assert normalize(fmt.money(figure) + " kr") in flat, (p.name, figure)


def test_seed_figures_appear(built):
    everything = "\n".join(built.pages)
    missing = [f for f in SEED_FIGURES if not re.search(rf"(?<!\d)(?<!\d ){re.escape(f)}(?!\d)(?! \d)", everything)]
    assert not missing, missing


def test_generated_lists(built):
    fb = re.sub(r"\s+", " ", built.section_text("Förvaltningsberättelse"))
    assert "Styrelsen har genomfört 7 möten:" in fb and "Planeringsdagar har genomfört" not in fb
    assert "Beredningsgruppen har genomfört 5 möten:" in fb
    assert "Under 2016 har 9 individinriktade insatser finansierats" in fb
    assert "Under 2016 har 8 strukturövergripande insatser finansierats" in fb
    org = re.sub(r"\s+", " ", built.section_text("Organisation"))
    assert "Richard Nygren, ledamot, t.o.m. 2016-04-27" in org
    assert "Anette Schön, ledamot, fr.o.m. 2016-04-28" in org
    signing = re.sub(r"\s+", " ", built.section_text("Beslut och underskrifter"))
    assert "Kumla den 3 februari 2017" in signing  # running text: the Swedish long date
    for name in ("Inger Trodell Dahl", "Siv Ahlstrand", "Liisa Ejdenwik", "Cecilia Törnkvist", "Annica Moberg",
                 "Magnus Andersson", "Anette Schön"):
        assert name in signing
    assert "Susann Tegevi" not in signing and "Richard Nygren" not in signing  # not in office 2017-02-03
    auditors = re.sub(r"\s+", " ", built.section_text("Revisorernas påteckning"))
    for line in ("För Staten (FK och AF)", "Jennie Fernros", "För Region Örebro län", "Christina Müntzing"):
        assert line in auditors
    contact = re.sub(r"\s+", " ", built.section_text("Kontaktinformation"))
    assert "raed.shaqdi@kumla.se" in contact and "Organisationsnummer 222000-2600" in contact


def test_pdf_metadata(built):
    with pikepdf.open(built.pdf) as pdf:
        info = pdf.docinfo
        assert str(info["/Title"]) == "Årsredovisning 2016 – Samordningsförbundet Sydnärke"
        assert str(info["/Author"]) == "Samordningsförbundet Sydnärke"
        assert str(info["/CreationDate"]).startswith("D:20170203")
        assert str(info["/ModDate"]).startswith("D:20170203")
        assert str(pdf.Root.Lang) == "sv-SE"


def test_arkiv_adds_only_the_archive_and_q_prints_no_progress(built, adalen_build, golden_env):
    """``--arkiv`` writes the plain build's files plus the archive (the shared example build is made
    without it, the shared Ådalen build with it); ``-q`` prints no progress lines (Ådalen's). That
    the same input and options give the same bytes run to run is tests/test_byte_identity.py."""
    assert " ms" in built.stderr and " ms" not in build_log(adalen_build)["stderr"]
    assert "arsredovisning-2016-arkiv.pdf" not in output_names(2016, archive=False)
    assert {p.name for p in built.out.iterdir()} == {*output_names(2016, archive=False), "bygglogg.txt"}
    assert {p.name for p in adalen_build.iterdir()} == {*output_names(2016, archive=False), "arsredovisning-2016-arkiv.pdf", "bygglogg.txt"}
    # the report itself is the one a build without --arkiv makes: the same version (verifiera has no --arkiv)
    plain = report_files(Path(build_log(adalen_build)["arsmapp"]), BuildOptions(final=True))
    assert json.loads((adalen_build / "arsredovisning-2016.json").read_text(encoding="utf-8"))["version_id"] == plain.json["version_id"]
    # the PDF lays out the charts' page-wide drawings only (the same PDF: test_byte_identity), the
    # .html carries both
    rendered = report_files(EXAMPLE).rendered
    assert len(rendered.phone_drawings) >= 4 and rendered.body.count('class="chart-narrow"') == len(rendered.phone_drawings)
    assert "chart-narrow" not in rendered.print_body
    assert rendered.print_body.count("<svg") == rendered.body.count("<svg") - len(rendered.phone_drawings) > 0


@pytest.fixture
def previous(built, tmp_path) -> Path:
    out = tmp_path / "ut"
    out.mkdir()
    for p in (built.pdf, built.html):
        shutil.copy(p, out / p.name)
    return out


def test_a_template_error_keeps_the_previous_pdf(previous, tmp_path):
    templates = tmp_path / "templates"
    (templates / "sections").mkdir(parents=True)
    (templates / "sections" / "noter.html.j2").write_text("{% for x in %}")
    before = (previous / "arsredovisning-2016.pdf").read_bytes()
    result = run_build(EXAMPLE, previous, options=BuildOptions(templates=templates))
    errors = [f for f in result.findings if f.level is Level.ERROR]
    assert [f.id for f in errors] == ["MALL-FEL"]
    assert errors[0].location.file.endswith("noter.html.j2") and errors[0].location.line == 1
    assert result.written == []
    assert (previous / "arsredovisning-2016.pdf").read_bytes() == before
    assert not [p for p in previous.iterdir() if p.name.endswith(".tmp")]


def test_a_crash_while_rendering_keeps_the_previous_pdf(previous, monkeypatch):
    import arsredovisning.render as render

    def crash(*args, **kwargs):
        raise MemoryError("out of memory in the middle of the PDF")

    monkeypatch.setattr(render, "write_pdf_bytes", crash)
    before = {p.name: p.read_bytes() for p in previous.iterdir()}
    with pytest.raises(MemoryError):
        run_build(EXAMPLE, previous)
    assert {p.name: p.read_bytes() for p in previous.iterdir()} == before


def test_kontrollrapport_can_be_the_last_section(checked):
    """``bygg --med-kontrollrapport``: the kontrollrapport is appended as the report's last section
    (checked on the HTML; the PDF path is the same as for every other section)."""
    from arsredovisning.present.view import build_document
    from arsredovisning.render import _with_control_report
    from arsredovisning.render.assets import Assets
    from arsredovisning.render.environment import make_environment
    from .test_render import PlainTexts

    document, stylesheets = _with_control_report(build_document(checked.report, PlainTexts()), checked, checked.findings)
    assert document.sections[-1].id == "kontrollrapport" and document.toc[-1].title == "Kontrollrapport"
    assert stylesheets[-1].endswith("kontrollrapport.css")
    html = make_environment(Assets.create()).get_template("base.html.j2").render(doc=document)
    assert '<section class="section kontrollrapport" id="kontrollrapport">' in html
    assert '<a href="#kontrollrapport">Kontrollrapport</a>' in html


def test_a_kontrollrapport_inside_the_report_cites_its_pages(tmp_path):
    """Inside the report (``bygg --med-kontrollrapport``), each place is a link to its section, and the
    PDF prints that section's page (target-counter): the balansräkning's avstämning says the page the
    Balansräkning is on. Laid out here for the minimal förbund of tests/builders.py (a report of 20
    pages with its kontrollrapport): the same templates as the example's."""
    import pypdfium2 as pdfium

    from arsredovisning.render.pdf import write_pdf_bytes

    rendered = report_files(workbook(tmp_path, minimal_sheets()), BuildOptions(with_control_report=True)).rendered
    assert '<a class="kr-place" href="#balansrakning">balansräkningen</a>' in rendered.body
    pdf = pdfium.PdfDocument(write_pdf_bytes(rendered.print_html(), rendered.assets, rendered.policy))
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    (sheet_page,) = [n for n, t in enumerate(texts, 1) if "Balansräkning (kr)" in t]
    control = " ".join(t for t in texts if "Vänster:" in t).replace("\r\n", " ").replace("\n", " ")
    assert f"Summa tillgångar (balansräkningen\xa0s.\xa0{sheet_page};" in control
