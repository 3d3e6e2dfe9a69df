"""The kontrollrapport: every avstämning with both sides, difference and status; every finding
with its location; as HTML and PDF, and beside the report after ``bygg``."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from pypdf import PdfReader

from arsredovisning.checks import all_reconciliations
from arsredovisning.compute import compute_report
from arsredovisning.present.control_report import SECTION_TEMPLATE, control_report
from arsredovisning.render.control_report import render
from arsredovisning.load.stamp import Stamp, stamp
from arsredovisning.findings import Location, error, info, warning
from arsredovisning.build import run_build

from .conftest import EXAMPLE
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
    assert "Kontrollsumma indata 0123456789ab · arsredovisning 9.9.9" in html
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Kontrollrapport" in text and "SB-BALANS" in text and "X-HTML" in text and "0123456789ab" in text


def test_pdf_is_deterministic():
    report, findings = small_report()
    view = control_report(report, findings, STAMP)
    assert render(view, EXAMPLE)[1] == render(view, EXAMPLE)[1]


def test_section_template_is_offered_to_the_report():
    assert SECTION_TEMPLATE == "kontrollrapport/section.html.j2"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("bygg")
    result = run_build(EXAMPLE, out)
    assert not [f for f in result.findings if f.level.value == "fel"], [f.render() for f in result.findings]
    return result, out


def test_build_writes_the_underlag_beside_the_report(built):
    result, out = built
    names = {p.name for p in result.written}
    assert {"arsredovisning-2016.pdf", "arsredovisning-2016.json", "arsredovisning-2016-underlag.xlsx",
            "kontrollrapport-2016.pdf", "kontrollrapport-2016.html"} <= names
    assert all((out / name).is_file() for name in names)
    assert {"Skriver JSON-export", "Skriver revisionsunderlag", "Skapar kontrollrapport"} <= set(result.timings)


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
    [errors] = [g for g in view.groups if g.level == "fel"]
    ids = [f.id for f in errors.findings]
    br = next(f for f in errors.findings if f.id == "BR-BALANS")
    assert br.caused_by == "SB-BALANS (Föregående år)"
    assert ids.index("SB-BALANS") < ids.index("BR-BALANS")
    html = render(view, EXAMPLE)[0]
    assert "Följer av SB-BALANS (Föregående år)." in html
