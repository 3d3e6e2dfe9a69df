"""The kontrollrapport: every avstämning with both sides, difference and status; every finding
with its location; as HTML and PDF, and beside the report after ``bygg``."""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass

import openpyxl
import pytest
from pypdf import PdfReader

from arsredovisning.checks import all_reconciliations
from arsredovisning.compute import compute_report
from arsredovisning.present.control_report import SECTION_TEMPLATE, control_report
from arsredovisning.render.control_report import render
from arsredovisning.load.stamp import Stamp, stamp
from arsredovisning.findings import Location, error, info, warning

from arsredovisning.build import BuildOptions

from .builders import report_files
from .conftest import EXAMPLE, build_log
from .layout import anchor_pages
from .records import annual_input

STAMP = Stamp("0123456789ab", "9.9.9")


def small_report():
    """2016 balances, 2015 is 250 kr off (a fel), and the insats costs miss the Projektmedel account."""
    inp = annual_input(
        accounts=[
            (1930, "Bank", 1000, 1150),
            (2010, "Eget kapital", -900, -650),
            (3010, "Medlemsbidrag", -500, -400),
            (4510, "Projektmedel", 400, 150),
        ],
        interventions=[("Steget", "Individ", 500, 350, 10)],
    )
    report, findings = compute_report(inp)
    return report, findings


def test_every_reconciliation_with_both_sides_difference_and_status():
    report, findings = small_report()
    view = control_report(report, findings, STAMP)
    records = all_reconciliations(report)
    assert [c.id for c in view.checks] == [r.id for r in records]
    sb_prior = next(c for c in view.checks if c.id == "SB-BALANS" and "(2015)" in c.description)
    assert (sb_prior.left, sb_prior.right, sb_prior.difference, sb_prior.status) == ("250\u202fkr", "0\u202fkr", "250\u202fkr", "Fel")
    ins = next(c for c in view.checks if c.id == "INS-PROJEKTMEDEL")
    assert (ins.left, ins.right, ins.difference, ins.status) == ("350\u202fkr", "400\u202fkr", "\u221250\u202fkr", "Varning")
    assert ins.left_label == "Summa Utfall, bladet Insatser"


def test_every_finding_with_its_location_grouped_by_level():
    report, _ = small_report()
    findings = [
        info("X-INFO", "En upplysning."),
        error("X-FEL", "Ett fel.", Location("indata.xlsx", "Saldobalans", "C7")),
        warning("X-VARNING", "En varning.", Location("texter/presidiet.md", line=3)),
    ]
    view = control_report(report, findings, STAMP)
    assert [g.title for g in view.groups] == ["Fel", "Varningar", "Info"]
    assert [(f.id, f.location) for g in view.groups for f in g.findings] == [
        ("X-FEL", "indata.xlsx › Saldobalans › C7"),
        ("X-VARNING", "texter/presidiet.md, rad 3"),
        ("X-INFO", None),
    ]
    assert view.summary.startswith("1 fel, 1 varning, 1 info.")


def test_html_shows_everything_and_escapes_input_text():
    report, findings = small_report()
    findings = [*findings, warning("X-HTML", "Benämningen <script>alert(1)</script> är konstig.", Location("indata.xlsx", "Saldobalans", "B2"))]
    view = control_report(report, findings, STAMP)
    html, pdf, refused = render(view, EXAMPLE)
    assert refused == []
    for c in view.checks:
        assert c.id in html and c.description in html and c.difference in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert "indata.xlsx › Saldobalans › B2" in html
    assert "Version 0123456789ab · utkast · kontrollsumma indata 0123456789ab · arsredovisning 9.9.9" in html
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Kontrollrapport" in text and "SB-BALANS" in text and "X-HTML" in text and "0123456789ab" in text


def test_pdf_is_deterministic():
    report, findings = small_report()
    view = control_report(report, findings, STAMP)
    assert render(view, EXAMPLE)[1] == render(view, EXAMPLE)[1]


def test_section_template_is_offered_to_the_report():
    assert SECTION_TEMPLATE == "kontrollrapport/section.html.j2"


@dataclass(frozen=True)
class Built:
    """The example's shared build (``out``) with what the build knew: the report and findings as the
    build computed them (tests/builders.py ``report_files``, the same bytes) and each anchor's page,
    read from the laid-out PDF's named destinations (WeasyPrint writes one per anchor)."""

    report: object
    findings: list
    pages: dict[str, int]


@pytest.fixture(scope="module")
def built(example_build):
    made = report_files(EXAMPLE, BuildOptions())
    pages = anchor_pages(example_build / "arsredovisning-2016.pdf")
    return Built(made.result.report, made.findings, pages), example_build


def test_build_writes_the_underlag_beside_the_report(example_build):
    names = {p.name for p in example_build.iterdir()}
    assert {"arsredovisning-2016.pdf", "arsredovisning-2016.json", "arsredovisning-2016-underlag.xlsx",
            "kontrollrapport-2016.pdf", "kontrollrapport-2016.html"} <= names
    stages = re.findall(r"^  (\S.*?)\s+\d+ ms$", build_log(example_build)["stderr"], re.M)
    assert {"Skriver JSON-export", "Skriver revisionsunderlag", "Skapar kontrollrapport"} <= set(stages)


def test_one_stamp_in_every_document(built):
    _, out = built
    checksum = stamp(EXAMPLE).checksum
    assert json.loads((out / "arsredovisning-2016.json").read_text(encoding="utf-8"))["kontrollsumma"] == checksum
    assert checksum in (out / "kontrollrapport-2016.html").read_text(encoding="utf-8")
    info_sheet = openpyxl.load_workbook(out / "arsredovisning-2016-underlag.xlsx", read_only=True)["Dokumentinfo"]
    assert checksum in [c for row in info_sheet.iter_rows(values_only=True) for c in row]
    pdf = PdfReader(out / "kontrollrapport-2016.pdf")
    assert checksum in "".join(p.extract_text() for p in pdf.pages)
    # Every avstämning and finding of the build is in the kontrollrapport.
    html = (out / "kontrollrapport-2016.html").read_text(encoding="utf-8")
    doc = json.loads((out / "arsredovisning-2016.json").read_text(encoding="utf-8"))
    assert all(r["id"] in html for r in doc["avstamningar"]) and all(f["id"] in html for f in doc["fynd"])


def test_a_consequence_names_its_cause_and_comes_after_it():
    from arsredovisning.checks import run_all

    report, findings = small_report()
    findings += run_all(report)
    view = control_report(report, findings, STAMP)
    # SB-BALANS and BR-BALANS are avstämningar: each appears once, as a row of the table
    ids = [c.id for c in view.checks]
    br = next(c for c in view.checks if c.id == "BR-BALANS" and c.status_class != "ok")
    assert br.caused_by == "SB-BALANS (Föregående år)"
    assert ids.index("SB-BALANS") < ids.index("BR-BALANS")
    html = render(view, EXAMPLE)[0]
    assert "Följer av SB-BALANS (Föregående år)." in html


# ---- the working paper: pages from the laid-out report, tolerance, summary, a finding once ----------

_SPACED = re.compile(r"(?<=\d)[\u00a0\u202f](?=\d{3}\b)")  # the grouping space (not the space between columns)
_PAGE = re.compile(r"s\.\u00a0(\d+)")


def _figure(text: str) -> str:
    """An amount as its digits with the grouping spaces removed ("2 203 537 kr" → "2203537")."""
    return _SPACED.sub("", text).replace("\u2212", "-").removesuffix("\u202fkr").lstrip("-")


class _PageTexts:
    """The text of each page of a PDF (grouping spaces removed), extracted when first asked for: the
    test reads the few pages its figures stand on, not all the report's."""

    def __init__(self, path) -> None:
        self._pages = PdfReader(path).pages
        self._texts: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._pages)

    def __getitem__(self, index: int) -> str:
        if index not in self._texts:
            self._texts[index] = _SPACED.sub("", self._pages[index].extract_text())
        return self._texts[index]


def _page_texts(path) -> _PageTexts:
    return _PageTexts(path)


def test_each_side_names_the_report_page_where_its_figure_is_printed(built):
    result, out = built
    view = control_report(result.report, result.findings, stamp(EXAMPLE), result.pages)
    pages = _page_texts(out / "arsredovisning-2016.pdf")
    checked = 0
    for c in view.checks:
        if c.id not in {"RR-BR-RESULTAT", "NOT-SUMMA", "BR-BALANS", "KF-LIKVIDA", "RR-INTAKTER"}:
            continue
        for amount, where in ((c.left, c.left_pages), (c.right, c.right_pages)):
            numbers = [int(n) for n in _PAGE.findall(where)]
            assert numbers, (c.id, c.description, where)
            figure = _figure(amount)
            if figure == "0":  # printed as "–" in a note
                continue
            # the side is printed on (one of) the page(s) named for it
            assert any(re.search(rf"(?<![\d]){figure}(?![\d])", pages[n - 1]) for n in numbers), (c.id, c.description, amount, where)
            checked += 1
    assert checked >= 30
    income = next(c for c in view.checks if c.id == "RR-INTAKTER")
    assert income.left_pages.startswith("resultaträkningen s.\u00a0") and "Not 1 s.\u00a0" in income.left_pages
    # the page numbers are the report's own ("Sida N av M" on page N)
    n = int(_PAGE.search(income.left_pages).group(1))
    assert f"Sida {n} av {len(pages)}" in pages[n - 1]


def test_every_check_states_its_tolerance_and_source(built):
    result, _ = built
    view = control_report(result.report, result.findings, stamp(EXAMPLE), result.pages)
    assert all(c.tolerance for c in view.checks), [c.id for c in view.checks if not c.tolerance]
    bokfort = next(c for c in view.checks if c.id == "MEDLEM-BOKFORT" and "Kumla" in c.description)
    assert bokfort.tolerance == "godtar ±0,50 kr (öresavrundning)" and bokfort.right == "572\u202f423,87\u202fkr"  # about öre
    ins = next(c for c in view.checks if c.id == "INS-PROJEKTMEDEL")
    assert (ins.left, ins.right, ins.difference) == ("5\u202f092\u202f151\u202fkr", "5\u202f091\u202f880\u202fkr", "271\u202fkr")
    assert ins.right_source == "indata.xlsx › Saldobalans, konto 4510"


def test_summary_first_and_each_finding_once(built):
    result, out = built
    view = control_report(result.report, result.findings, stamp(EXAMPLE), result.pages)
    assert view.check_count == len(view.checks) and view.ok_count == sum(c.status == "OK" for c in view.checks)
    opened = {(d.id, d.difference) for d in view.open_differences}
    assert {("INS-PROJEKTMEDEL", "271\u202fkr"), ("BR-BALANS", "1\u202fkr"), ("INS-RESULTAT-SUMMA", "5")} <= opened
    assert "RR-INTAKTER" not in {d.id for d in view.open_differences}  # explained, no open difference
    listed = [f.id for g in view.groups for f in g.findings]
    assert "INS-PROJEKTMEDEL" not in listed and "SB-BALANS" not in listed and "INS-UTANFOR-PERIOD" in listed
    first = PdfReader(out / "kontrollrapport-2016.pdf").pages[0].extract_text()
    assert f"{view.check_count} avstämningar, {view.ok_count} OK." in first and "271" in first
    html = (out / "kontrollrapport-2016.html").read_text(encoding="utf-8")
    assert html.count("skiljer sig från kostnaderna på Insatskonton") == 1
