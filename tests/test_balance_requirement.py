"""The balanskravsutredning from the sheet Balanskravsjusteringar: loaded with cells, computed exactly,
printed line by line (tkr lines that add up), checked, exported.

The förbund is Ådalen (tests/test_other_forbund.py: tkr, årets resultat 779 000 kr) with a
realisationsvinst and medel till resultatutjämningsreserv.
"""

from __future__ import annotations

import copy
import io
import json
import re
from decimal import Decimal

import jsonschema
import openpyxl
import pytest
from hypothesis import given, settings, strategies as st

from arsredovisning.compute.balance_requirement import balance_requirement as compute_requirement
from arsredovisning.export.json_export import SCHEMA_VERSION, load_schema
from arsredovisning.findings import Location
from arsredovisning.model import AdjustmentPost as P, BalanceAdjustment
from arsredovisning.money import in_unit, round_half_up
from arsredovisning.present.management_report import balance_requirement, requirement_sentence, shown_adjustments
from tests.builders import html_text, report_files, run_cli, workbook
from tests.test_other_forbund import SHEETS, TEXTS

ADJUSTMENTS = [
    ["Post", "Belopp", "Kommentar"],
    ["Medel till resultatutjämningsreserv", -200300, None],  # B2: −200,3 tkr
    ["Samtliga realisationsvinster", -12400, "Försäljning av inventarier"],  # B3: −12,4 tkr
]


def sheets_with(rows) -> dict:
    sheets = copy.deepcopy(SHEETS)
    sheets["Balanskravsjusteringar"] = rows
    return sheets


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """What bygg writes for Ådalen with the two adjustments, without laying out the PDFs: the findings,
    the report's HTML, its text, the kontrollrapport's text (each of the report's anchors given a page,
    as the layout gives every anchor one) and the revision workbook."""
    root = tmp_path_factory.mktemp("balanskrav")
    folder = workbook(root, sheets_with(ADJUSTMENTS), TEXTS)
    made = report_files(folder)
    assert made.json_bytes is not None and made.html is not None, [f.render() for f in made.findings]
    pages = {anchor: n for n, anchor in enumerate(re.findall(r'\bid="([^"]+)"', made.html), start=1)}
    return made, html_text(made.html), html_text(made.control_report_body(pages))


def test_each_adjustment_on_its_own_line_and_the_lines_add_up_in_tkr(built):
    """779 − 12,4 − 200,3 = 566,3 tkr: printed 566; the half-up lines (−12, −200) would give 567, so the
    line with the largest remainder (the realisationsvinst, −12,4) moves to −13 and a footnote says so."""
    made, report, _ = built
    assert [f.render() for f in made.findings if f.level.value != "info"] == []  # bygg's "0 fel, 0 varningar"
    utredning = report[report.index("Balanskravsutredning"):]
    expected = [
        r"Årets resultat\s+779",
        r"Samtliga realisationsvinster\s+-13",
        r"Årets resultat efter balanskravsjusteringar\s+766",
        r"Medel till resultatutjämningsreserv\s+-200",
        r"Årets balanskravsresultat\s+566",
        r"Förändring av eget kapital",  # the roll-forward is its own table after the utredning
        r"Eget kapital vid årets början\s+1 040",
        r"Årets resultat\s+779",
        r"Eget kapital vid årets slut\s+1 819",
    ]
    at = 0
    for pattern in expected:  # in this order
        m = re.compile(pattern).search(utredning, at)
        assert m, (pattern, utredning[at:at + 800])
        at = m.end()
    assert not re.search(r"^Balanskravsjusteringar\s", utredning[:at], re.M)  # no "Balanskravsjusteringar 0" line
    assert "Samtliga realisationsvinster: Försäljning av inventarier" in utredning
    assert "avrundningsdifferens justerad i Samtliga realisationsvinster" in utredning
    sentence = re.sub(r"(\w)[-\u2010] (\w)", r"\1\2", " ".join(utredning.split()))  # words hyphenated at a line end
    assert "Balanskravet är uppfyllt. Årets resultat är 779 tkr och årets balanskravsresultat, efter balanskravsjusteringarna om -213 tkr, är 566 tkr." in sentence, sentence[:1500]


def test_the_kontrollrapport_reconciles_it_with_the_sheet_rows_and_the_pages(built):
    _, _, control = built
    block = " ".join(control[control.index("BALANSKRAV-RESULTAT"):].split())[:1500]
    assert re.search(r"BALANSKRAV-RESULTAT .*?566 300 kr 566 300 kr 0 kr OK", block)
    assert re.search(r"balanskravsutredningen s\. \d+", block) and re.search(r"resultaträkningen s\. \d+", block)
    for part in ("Årets resultat (resultaträkningen) 779 000 kr",
                 "Samtliga realisationsvinster (Balanskravsjusteringar › B3) -12 400 kr",
                 "Medel till resultatutjämningsreserv (Balanskravsjusteringar › B2) -200 300 kr"):
        assert part in block, block


def test_the_html_anchors_the_table(built):
    made, _, _ = built
    assert 'id="balanskravsutredning"' in made.html


def test_the_json_export_carries_the_adjustments_and_validates(built):
    made, _, _ = built
    doc = made.json
    assert doc["schema_version"] == SCHEMA_VERSION == "2.3"
    bk = doc["balanskrav"]
    assert (bk["arets_resultat"], bk["summa_justeringar"], bk["balanskravsresultat"]) == ("779000.00", "-212700.00", "566300.00")
    assert bk["resultat_efter_balanskravsjusteringar"] == "766600.00" and bk["balanskravet_uppfyllt"] is True
    assert [(j["post"], j["belopp"], j["plats"]["cell"]) for j in bk["justeringar"]] == [
        ("Samtliga realisationsvinster", "-12400.00", "B3"), ("Medel till resultatutjämningsreserv", "-200300.00", "B2")]
    errors = [e.message for e in jsonschema.Draft202012Validator(load_schema()).iter_errors(doc)]
    assert not errors, errors
    check = next(a for a in doc["avstamningar"] if a["id"] == "BALANSKRAV-RESULTAT")
    assert check["status"] == "ok" and check["vanster"]["ankare"] == ["balanskravsutredning"]


def test_the_revision_workbook_shows_the_rows_as_formulas(built):
    made, _, _ = built
    wb = openpyxl.load_workbook(io.BytesIO(made.workbook_bytes()))
    assert "Balanskravsjusteringar" in wb.sheetnames  # the input copy
    rows = [r for r in wb["Balanskravsutredning"].iter_rows(min_row=5, values_only=True)]
    assert rows[1][:2] == ("Samtliga realisationsvinster", "='Balanskravsjusteringar'!B3")
    assert rows[-1] == ("Årets balanskravsresultat", "=B7+B8", None)
    check = next(r for r in wb["Avstämningar"].iter_rows(values_only=True) if r[0] == "BALANSKRAV-RESULTAT")
    assert check[3] == "='Balanskravsutredning'!B9"
    assert check[5] == "='Resultaträkning'!C12+'Balanskravsjusteringar'!B3+'Balanskravsjusteringar'!B2"


def test_bad_rows_give_findings_with_sheet_and_cell(tmp_path):
    rows = [
        ["Post", "Belopp", "Kommentar"],
        ["Realisationsvinst", -5000, None],  # A2: not a Post
        ["Samtliga realisationsvinster", "ca 5000", None],  # B3: not an amount
        ["Samtliga realisationsvinster", 8000, None],  # B4: a gain that increases the result
        ["Medel från resultatutjämningsreserv", -3000, None],  # B5: från the reserve must increase
        ["Orealiserade vinster och förluster i värdepapper", 2500, None],  # either sign: no finding
        [None, None, None],
        ["Medel till resultatutjämningsreserv", None, None],  # B8: blank
    ]
    folder = workbook(tmp_path, sheets_with(rows), TEXTS)
    result = run_cli("kontrollera", folder, "--json")
    assert result.exit_code == 1, result.output
    found = {(f["id"], f["plats"]["blad"], f["plats"]["cell"]) for f in json.loads(result.stdout)["fynd"] if f["plats"]}
    assert {("CELL-VAL", "Balanskravsjusteringar", "A2"), ("CELL-TAL", "Balanskravsjusteringar", "B3"),
            ("BALANSKRAV-TECKEN", "Balanskravsjusteringar", "B4"), ("BALANSKRAV-TECKEN", "Balanskravsjusteringar", "B5"),
            ("CELL-TOM", "Balanskravsjusteringar", "B8")} <= found
    assert not any(cell == "B6" for _, _, cell in found)
    messages = {f["id"]: f["meddelande"] for f in json.loads(result.stdout)["fynd"]}
    assert "ska minska balanskravsresultatet" in messages["BALANSKRAV-TECKEN"] or "ska öka" in messages["BALANSKRAV-TECKEN"]
    assert "BALANSKRAV-RESULTAT" in messages["KONTROLL-EJ-GJORD"]  # not made over rows left out


def test_the_sign_message_names_the_right_sign(tmp_path):
    folder = workbook(tmp_path, sheets_with([["Post", "Belopp"], ["Samtliga realisationsvinster", 8000]]), TEXTS)
    result = run_cli("kontrollera", folder, "--json")
    finding = next(f for f in json.loads(result.stdout)["fynd"] if f["id"] == "BALANSKRAV-TECKEN")
    assert finding["niva"] == "varning" and finding["plats"]["text"] == "indata.xlsx › Balanskravsjusteringar › B2"
    message = finding["meddelande"].replace("\u202f", " ")
    assert "Samtliga realisationsvinster är 8 000 kr, men posten ska minska balanskravsresultatet" in message
    assert "här negativt, alltså −8 000 kr" in message


def test_an_empty_sheet_keeps_todays_utredning():
    rows = balance_requirement(779)
    assert [label for label, _, _ in rows] == ["Årets resultat", "Balanskravsjusteringar", "Årets balanskravsresultat"]
    req = compute_requirement(Decimal("779000"), ())
    assert shown_adjustments(req, 779, "tkr") == ((), None) and req.balance_result == Decimal("779000") and req.met


def _adjustment(post: P, amount: str, row: int) -> BalanceAdjustment:
    return BalanceAdjustment(post, Decimal(amount), None, Location("indata.xlsx", "Balanskravsjusteringar", f"B{row}"))


def test_compute_orders_by_post_and_sums_exactly():
    req = compute_requirement(Decimal("-10000.00"), (
        _adjustment(P.FRAN_RUR, "25000.00", 2), _adjustment(P.REALISATIONSVINSTER, "-3000.50", 3),
        _adjustment(P.REALISATIONSVINSTER, "-1000.25", 4)))
    assert [(a.post, a.location.cell) for a in req.adjustments] == [
        (P.REALISATIONSVINSTER, "B3"), (P.REALISATIONSVINSTER, "B4"), (P.FRAN_RUR, "B2")]
    assert req.before_reserve == Decimal("-14000.75") and req.balance_result == Decimal("10999.25") and req.met


def test_the_sentence_judges_the_balanskravsresultat_not_the_result():
    """Årets resultat positive, balanskravsresultat negative: the deficit sentence."""
    text = requirement_sentence(100, "kr", balance_result=-20, met=False).replace("\u202f", " ")
    assert text.startswith("Balanskravet är inte uppfyllt. Årets resultat är 100 kr och årets balanskravsresultat, "
                           "efter balanskravsjusteringarna om −120 kr, är −20 kr.")
    assert "ska återställas under de tre närmast följande åren, om inte synnerliga skäl finns" in text
    assert "ryms" not in text
    assert requirement_sentence(-50, "kr", balance_result=10, met=True).startswith("Balanskravet är uppfyllt.")


_POSTS = st.sampled_from(list(P))
_AMOUNTS = st.decimals(min_value=Decimal("-5000000"), max_value=Decimal("5000000"), places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(result=_AMOUNTS, rows=st.lists(st.tuples(_POSTS, _AMOUNTS), min_size=1, max_size=8), unit=st.sampled_from(["kr", "tkr"]))
def test_printed_lines_add_up(result, rows, unit):
    """Whatever the figures: every sum of the printed utredning is the sum of its printed lines, the
    balanskravsresultat is the half-up rounding of its exact value, and no line is more than one unit
    off its own half-up rounding."""
    adjustments = tuple(_adjustment(p, str(a), n + 2) for n, (p, a) in enumerate(rows))
    req = compute_requirement(result, adjustments)
    shown_result = round_half_up(in_unit(result, unit))
    shown, _ = shown_adjustments(req, shown_result, unit)
    assert len(shown) == len(adjustments)
    for s, a in zip(shown, req.adjustments):
        assert abs(s.value - round_half_up(in_unit(a.amount, unit))) <= 1
    printed = dict((label, value) for label, value, _ in balance_requirement(shown_result, shown))
    assert printed["Årets balanskravsresultat"] == shown_result + sum(s.value for s in shown)
    assert printed["Årets balanskravsresultat"] == round_half_up(in_unit(req.balance_result, unit))
    if "Årets resultat efter balanskravsjusteringar" in printed:
        assert printed["Årets resultat efter balanskravsjusteringar"] == shown_result + sum(s.value for s in shown if not s.reserve)
