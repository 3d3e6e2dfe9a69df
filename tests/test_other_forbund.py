"""End to end on a förbund unlike the example: tkr, its own Kontoplan (företags-BAS numbers),
Andel instead of Invånare, two kommuner, inventarier with avskrivningar, a loan, a budget, öre.

Nothing in the tool may depend on the example's names, sizes or figures: this builds the whole
report for a different workbook and checks its figures in the report's text (the HTML that bygg writes
and lays out as the PDF; tests/builders.py's ``report_files``, without the layout).
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.builders import html_text, report_files, workbook

# Ledger signs: debit +, credit −. Both years balance; EK 2016 opening = EK 2015 closing.
SHEETS = {
    "Förbund": [
        ["Uppgift", "Värde"],
        ["Namn", "Samordningsförbundet Ådalen"],
        ["Organisationsnummer", "222000-2600"],
        ["Räkenskapsår", 2016],
        ["Ort", "Kramfors"],
        ["Beslutsdatum", date(2017, 3, 1)],
        ["Medlemsbidrag totalt", 4000000],
        ["Belopp i", "tkr"],
        ["Insatskonton", "4500-4599"],
        ["Riktvärde eget kapital (%)", 50],
    ],
    "Medlemmar": [
        ["Medlem", "Typ", "Andel", "Konto"],
        ["Försäkringskassan", "Stat", None, 3010],
        ["Region Västernorrland", "Region", None, 3020],
        ["Aby kommun", "Kommun", 60, 3030],
        ["Bby kommun", "Kommun", 40, 3040],
    ],
    "Kontoplan": [
        ["Från", "Till", "Rad"],
        [1200, 1299, "Materiella anläggningstillgångar"],
        [1500, 1599, "Kortfristiga fordringar"],
        [1900, 1999, "Kassa och bank"],
        [2000, 2099, "Eget kapital"],
        [2300, 2399, "Långfristiga skulder"],
        [2400, 2999, "Kortfristiga skulder"],
        [3000, 3999, "Verksamhetens intäkter"],
        [4000, 7799, "Verksamhetens kostnader"],
        [7800, 7899, "Avskrivningar"],
        [8300, 8399, "Finansiella intäkter"],
        [8400, 8499, "Finansiella kostnader"],
    ],
    "Saldobalans": [
        ["Konto", "Benämning", "Belopp", "Föregående år", "Ingående föregående år", "Budget"],
        [1220, "Inventarier", 80000, 100000, 0, None],
        [1510, "Kundfordringar", 49999.60, 40000, 30000, None],
        [1930, "Bank", 1899000.40, 1100000, 411000, None],
        [2010, "Eget kapital", -1040000, -341000, -341000, None],
        [2350, "Lån", -60000, -80000, 0, None],
        [2440, "Leverantörsskulder", -150000, -120000, -100000, None],
        [3010, "Bidrag Försäkringskassan", -2000000, -1800000, None, -2000000],
        [3020, "Bidrag Region Västernorrland", -1000000, -900000, None, -1000000],
        [3030, "Bidrag Aby kommun", -600000, -540000, None, -600000],
        [3040, "Bidrag Bby kommun", -400000, -360000, None, -400000],
        [4510, "Insatser", 3000000, 2700000, None, 3100000],
        [5010, "Arvoden", 200000, 180000, None, 210000],
        [7830, "Avskrivningar inventarier", 20000, 20000, None, 20000],
        [8310, "Ränteintäkter", -1000, -500, None, None],
        [8410, "Räntekostnader", 2000, 1500, None, None],
    ],
    "Insatser": [
        ["Insats", "Typ", "Huvudman", "Budget", "Utfall", "Budgeterade deltagare", "Deltagare", "Kommentar"],
        ["Steget före", "Individ", "Aby kommun", 1500000, 1450000, 24, 22, None],
        ["Arbetsnära stöd", "Individ", "Bby kommun", 1000000, 1050000, 15, 16, "Utökad under hösten."],
        ["Utbildning i MI", "Struktur", None, 600000, 500000, None, 40, None],
    ],
    "Kön": [["Insats", "Kvinnor", "Män"], ["Steget före", 10, 12], ["Arbetsnära stöd", 8, 8]],
    "Kommuner": [["Insats", "Aby", "Bby"], ["Steget före", 12, 10], ["Arbetsnära stöd", 9, 7]],
    "Personer": [
        ["Namn", "Roll", "Organ", "Representerar"],
        ["Anna Andersson", "ordförande", "Styrelse", "Region Västernorrland"],
        ["Bo Berg", "ledamot", "Styrelse", "Aby kommun"],
        ["Cecilia Ceder", "Auktoriserad revisor", "Revisor", "Staten"],
    ],
}

TEXTS = {"presidiet.md": "Förbundet redovisar ett överskott på {{ arets_resultat }} tkr.\n"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """What bygg writes for Ådalen, without laying out the PDF: its findings and the report's text
    (tests/builders.py's ``html_text``: a line per table row, as ``pdftotext -layout`` gives the PDF)."""
    root = tmp_path_factory.mktemp("adalen")
    folder = workbook(root, SHEETS, TEXTS)
    made = report_files(folder)
    assert made.html is not None, [f.render() for f in made.findings]  # bygg builds (no fel)
    return made.findings, html_text(made.html)


def test_builds_without_warnings(built):
    findings, _ = built
    assert [f.render() for f in findings if f.level.value != "info"] == []  # bygg's "0 fel, 0 varningar"


def test_statements_in_tkr(built):
    _, text = built
    assert re.search(r"Verksamhetens intäkter\s+1\s+4 000\s+3 600", text)
    assert re.search(r"Avskrivningar\s+\d\s+-20\s+-20", text)
    assert re.search(r"Årets resultat\s+779\s+699", text)
    assert re.search(r"Summa tillgångar\s+2 029\s+1 240", text)


def test_investing_and_financing_in_the_cash_flow(built):
    _, text = built
    assert re.search(r"Investering i materiella anläggningstillgångar\s+\d+\s+–\s+-120", text)
    assert re.search(r"Minskning av långfristiga skulder\s+\d+\s+-20\s+–", text)
    assert re.search(r"Årets kassaflöde\s+799\s+689", text)
    assert re.search(r"Likvida medel vid årets slut\s+1 899\s+1 100", text)


def test_driftredovisning_and_placeholder(built):
    _, text = built
    assert "Driftredovisning" in text
    assert "överskott på 779 tkr" in text


def test_member_split_by_andel(built):
    _, text = built
    assert re.search(r"Aby kommun\s+15,00 %\s+60,00 %\s+600 000", text)
