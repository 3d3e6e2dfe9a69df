"""The loader reads good input right: types, öre, locations, Swedish numbers, blank semantics."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from arsredovisning.findings import Level, Location
from arsredovisning.load import load_annual_input
from arsredovisning.model import InterventionKind, MemberType, Unit
from arsredovisning.scaffold import write_new_folder

from .builders import Styled, minimal_sheets, put, workbook


def load(tmp_path, sheets, texts=None):
    inp, findings = load_annual_input(workbook(tmp_path, sheets, texts))
    errors = [f for f in findings if f.level is Level.ERROR]
    assert not errors, "\n".join(f.render() for f in errors)
    return inp, findings


def by_id(findings, id_):
    return [f for f in findings if f.id == id_]


def test_minimal_workbook_loads_typed_records(tmp_path):
    inp, findings = load(tmp_path, minimal_sheets())
    assert findings == []
    org = inp.organisation
    assert (org.name, org.org_number, org.year, org.city, org.unit) == ("Samordningsförbundet Test", "222000-2600", 2016, "Kumla", Unit.KR)
    assert org.locations["Ort"] == Location("indata.xlsx", "Förbund", "B5")
    bank = inp.accounts[0]
    assert (bank.number, bank.name, bank.amount, bank.prior) == (1930, "Bank", Decimal("500000.00"), Decimal("400000.00"))
    assert isinstance(bank.number, int) and isinstance(bank.amount, Decimal)
    assert bank.amount.as_tuple().exponent == -2  # quantized to öre
    assert bank.opening_prior is None and bank.budget is None
    assert not inp.has_opening_prior and not inp.has_budget
    assert [a.location.cell for a in inp.accounts] == ["A2", "A3", "A4", "A5"]
    assert inp.accounts[2].location == Location("indata.xlsx", "Saldobalans", "A4")
    steget, natverket = inp.interventions
    assert steget.kind is InterventionKind.INDIVID and natverket.kind is InterventionKind.STRUKTUR
    assert (steget.budget, steget.actual, steget.planned_participants, steget.participants) == (
        Decimal("500000.00"),
        Decimal("480000.00"),
        20,
        18,
    )
    assert natverket.location == Location("indata.xlsx", "Insatser", "A3")
    assert inp.chart_is_default
    assert inp.sheets_present == {"Förbund", "Medlemmar", "Saldobalans", "Insatser", "Kön", "Kommuner"}


def test_money_keeps_ore_and_rounds_half_up(tmp_path):
    sheets = minimal_sheets()
    put(sheets, "Saldobalans", "C2", 500000.125)  # more than öre: quantized half-up
    put(sheets, "Saldobalans", "C3", -400000.13)
    put(sheets, "Saldobalans", "D2", 0.1 + 0.2)  # a float artefact from a formula
    inp, _ = load(tmp_path, sheets)
    assert inp.accounts[0].amount == Decimal("500000.13")
    assert inp.accounts[1].amount == Decimal("-400000.13")
    assert inp.accounts[0].prior == Decimal("0.30")


@pytest.mark.parametrize(
    "text, value",
    [
        ("1 234,50", Decimal("1234.50")),
        ("\u22128 308", Decimal("-8308.00")),  # U+2212 minus
        ("-8 308", Decimal("-8308.00")),
        ("1\u00a0234\u00a0567", Decimal("1234567.00")),  # no-break space
        ("1\u2009234,5", Decimal("1234.50")),  # thin space
        ("1\u202f234", Decimal("1234.00")),  # narrow no-break space
        ("5 000 kr", Decimal("5000.00")),
        (" 42 ", Decimal("42.00")),
    ],
)
def test_swedish_number_text_is_accepted_with_info_naming_the_cell(tmp_path, text, value):
    sheets = minimal_sheets()
    put(sheets, "Saldobalans", "D5", text)
    inp, findings = load(tmp_path, sheets)
    assert inp.accounts[3].prior == value
    [note] = by_id(findings, "CELL-TAL-SOM-TEXT")
    assert note.level is Level.INFO
    assert note.location == Location("indata.xlsx", "Saldobalans", "D5")
    assert "Saldobalans › D5" in note.render()


def test_swedish_number_text_in_count_column(tmp_path):
    sheets = minimal_sheets()
    put(sheets, "Insatser", "F2", "1 050")
    inp, findings = load(tmp_path, sheets)
    assert inp.interventions[0].participants == 1050
    [note] = by_id(findings, "CELL-TAL-SOM-TEXT")
    assert note.location.cell == "F2"


def test_andel_plain_percent_and_percent_formatted(tmp_path):
    sheets = minimal_sheets()
    put(sheets, "Medlemmar", "D4", 60)
    put(sheets, "Medlemmar", "D5", "40 %")
    inp, _ = load(tmp_path, sheets)
    assert [m.share_pct for m in inp.members[2:]] == [Decimal(60), Decimal(40)]

    sheets = minimal_sheets()
    put(sheets, "Medlemmar", "D4", Styled(0.605, "0.0%"))
    put(sheets, "Medlemmar", "D5", Styled(0.395, "0.0%"))
    inp, findings = load(tmp_path / "b", sheets)
    assert [m.share_pct for m in inp.members[2:]] == [Decimal("60.5"), Decimal("39.5")]
    [note] = by_id(findings, "MEDLEM-ANDEL-PROCENTFORMAT")
    assert note.location == Location("indata.xlsx", "Medlemmar", "D1")


def test_headers_match_ignoring_case_and_whitespace(tmp_path):
    sheets = minimal_sheets()
    sheets["Saldobalans"][0] = ["  KONTO", "benämning ", "Belopp", "föregående   år"]
    sheets["saldobalans "] = sheets.pop("Saldobalans")
    inp, findings = load(tmp_path, sheets)
    assert len(inp.accounts) == 4 and findings == []
    assert inp.accounts[0].location == Location("indata.xlsx", "saldobalans ", "A2")


def test_extra_columns_give_info_and_are_ignored(tmp_path):
    sheets = minimal_sheets()
    sheets["Saldobalans"][0].append("Anteckning")
    sheets["Saldobalans"][1].append("kolla med revisorn")
    inp, findings = load(tmp_path, sheets)
    [note] = by_id(findings, "KOLUMN-OKAND")
    assert note.level is Level.INFO and note.location == Location("indata.xlsx", "Saldobalans", "E1")
    assert "Anteckning" in note.message
    assert len(inp.accounts) == 4


def test_extra_sheets_give_info(tmp_path):
    sheets = minimal_sheets()
    sheets["Anteckningar"] = [["Att göra"], ["Fråga revisorn"]]
    _, findings = load(tmp_path, sheets)
    [note] = by_id(findings, "BLAD-OKAND")
    assert note.level is Level.INFO and note.location.sheet == "Anteckningar"


def test_empty_rows_are_skipped(tmp_path):
    sheets = minimal_sheets()
    sb = sheets["Saldobalans"]
    sheets["Saldobalans"] = [sb[0], sb[1], [], [None, "  ", None, None], sb[2], sb[3], [], sb[4]]
    inp, findings = load(tmp_path, sheets)
    assert findings == []
    assert [(a.number, a.location.cell) for a in inp.accounts] == [(1930, "A2"), (2010, "A5"), (3010, "A6"), (4510, "A8")]


def test_kortnamn_defaults_to_medlem_without_kommun(tmp_path):
    inp, _ = load(tmp_path, minimal_sheets())
    assert [m.short_name for m in inp.members] == ["Staten, FK/AF", "Region Örebro län", "Kumla", "Hallsberg"]
    assert [m.type for m in inp.members] == [MemberType.STAT, MemberType.REGION, MemberType.KOMMUN, MemberType.KOMMUN]


def test_kommuner_columns_match_kortnamn_or_medlem(tmp_path):
    sheets = minimal_sheets()
    sheets["Kommuner"] = [["Insats", "kumla kommun", " Hallsberg ", "Övriga"], ["Steget", 10, None, "1"]]
    inp, _ = load(tmp_path, sheets)
    [row] = inp.municipalities
    assert row.counts == (("Kumla kommun", 10), ("Hallsbergs kommun", 0))  # blank = 0
    assert row.other == 1 and row.total == 11
    assert inp.has_municipality_other


def test_blank_semantics(tmp_path):
    sheets = minimal_sheets()
    put(sheets, "Saldobalans", "D4", None)  # Föregående år blank = 0
    put(sheets, "Saldobalans", "D5", None)
    put(sheets, "Insatser", "E2", None)  # Budgeterade deltagare blank = not given
    put(sheets, "Insatser", "F3", None)  # Struktur Deltagare blank = 0
    put(sheets, "Kön", "C2", None)  # Kön blank = 0
    inp, findings = load(tmp_path, sheets)
    assert inp.accounts[2].prior == Decimal("0.00") and inp.accounts[3].prior == Decimal("0.00")
    assert inp.interventions[0].planned_participants is None
    assert inp.interventions[1].participants == 0
    assert (inp.genders[0].women, inp.genders[0].men, inp.genders[0].other) == (10, 0, 0)
    assert findings == []


def test_optional_columns_and_items(tmp_path):
    sheets = minimal_sheets()
    sheets["Förbund"] += [
        ["Beslutsdatum", date(2017, 3, 15)],
        ["Medlemsbidrag totalt", 5795388],
        ["Belopp i", "TKR"],
        ["Insatskonton", "4500-4599, 4610"],
        ["Riktvärde eget kapital (%)", 20],
        ["E-post", "info@example.se"],
    ]
    sheets["Saldobalans"][0] += ["Ingående föregående år", "Budget"]
    sheets["Saldobalans"][1] += [300000, None]
    sheets["Saldobalans"][4] += [None, "950 000"]
    sheets["Insatser"][0] += ["Huvudman", "Start", "Slut", "Volyminsats", "Kommentar"]
    sheets["Insatser"][1] += ["Kumla kommun", date(2015, 1, 1), "2017-12-31", "ja", "Fotnot"]
    inp, _ = load(tmp_path, sheets)
    org = inp.organisation
    assert org.decision_date == date(2017, 3, 15)
    assert org.total_contribution == Decimal("5795388.00")
    assert org.unit is Unit.TKR
    assert [(r.start, r.end) for r in org.intervention_accounts] == [(4500, 4599), (4610, 4610)]
    assert org.equity_target_pct == Decimal(20) and org.email == "info@example.se"
    assert inp.has_opening_prior and inp.has_budget
    assert inp.accounts[0].opening_prior == Decimal("300000.00") and inp.accounts[1].opening_prior is None
    assert inp.accounts[3].budget == Decimal("950000.00")
    steget = inp.interventions[0]
    assert (steget.lead_organisation, steget.start, steget.end, steget.volume, steget.comment) == (
        "Kumla kommun",
        date(2015, 1, 1),
        date(2017, 12, 31),
        True,
        "Fotnot",
    )


def test_optional_sheets(tmp_path):
    sheets = minimal_sheets()
    sheets["Kontoplan"] = [["Från", "Till", "Rad"], [1900, 1999, "Kassa och bank"], [2000, 2099, "eget kapital"]]
    sheets["Bakgrund"] = [["Insats", "Svensk", "Annan"], ["Steget", 12, 6]]
    sheets["Resultat"] = [["Insats", "Utfall", "Antal"], ["Steget", "Arbete", 4], ["Steget", "Studier", None]]
    sheets["Personer"] = [["Namn", "Roll", "Organ", "Från"], ["Inger Trodell Dahl", "ordförande", "Styrelse", "2016-01-01"]]
    sheets["Möten"] = [["Organ", "Datum"], ["Styrelsen", date(2016, 2, 10)]]
    inp, _ = load(tmp_path, sheets)
    assert not inp.chart_is_default
    assert [(r.start, r.end, r.line.value) for r in inp.chart] == [(1900, 1999, "Kassa och bank"), (2000, 2099, "Eget kapital")]
    assert (inp.backgrounds[0].swedish, inp.backgrounds[0].other, inp.backgrounds[0].unreported) == (12, 6, 0)
    assert [(o.outcome, o.count) for o in inp.outcomes] == [("Arbete", 4), ("Studier", 0)]
    assert inp.persons[0].start == date(2016, 1, 1) and inp.persons[0].body.value == "Styrelse"
    assert inp.meetings[0].date == date(2016, 2, 10)


def test_formula_with_cached_value_is_read(tmp_path):
    """A formula saved by Excel carries its cached value; calamine reads that (no finding)."""
    import zipfile

    folder = workbook(tmp_path, minimal_sheets())
    path = folder / "indata.xlsx"
    # Rewrite C2 of Saldobalans as a formula with cached value 500000, as Excel would save it.
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet3.xml"  # Saldobalans is the third sheet
    xml = parts[sheet].decode()
    old = '<c r="C2" t="n"><v>500000</v></c>'
    assert old in xml
    parts[sheet] = xml.replace(old, '<c r="C2"><f>250000*2</f><v>500000</v></c>').encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, b in parts.items():
            z.writestr(n, b)
    inp, findings = load_annual_input(folder)
    assert findings == [] and inp.accounts[0].amount == Decimal("500000.00")


def test_texts_read_with_bom_and_crlf(tmp_path):
    texts = {
        "presidiet.md": "\ufeff# Presidiet har ordet\r\n\r\nÅret var bra.\r\n".encode("utf-8"),
        "insatser/steget.md": "Steget hjälper deltagare.\n",
    }
    inp, _ = load(tmp_path, minimal_sheets(), texts)
    assert inp.text("presidiet").content == "# Presidiet har ordet\n\nÅret var bra.\n"
    assert inp.text("insatser/steget").location == Location("texter/insatser/steget.md")


def test_ny_output_loads_without_fel(tmp_path):
    write_new_folder(tmp_path / "ny", 2016)
    inp, findings = load_annual_input(tmp_path / "ny")
    assert not [f for f in findings if f.level is Level.ERROR], [f.render() for f in findings]
    assert inp is not None and inp.organisation.year == 2016
    assert not inp.chart_is_default  # ny writes the default Kontoplan into the workbook
    assert {t.key for t in inp.texts} >= {"presidiet", "forvaltningsberattelse", "uppdraget"}


def test_pasted_invisible_characters_are_trimmed(tmp_path):
    """Text pasted from the web brings no-break and zero-width spaces: trimmed like whitespace."""
    sheets = minimal_sheets()
    put(sheets, "Insatser", "A2", "\u200bSteget\u00a0")
    put(sheets, "Kön", "B1", "Kvinnor\u200b")
    put(sheets, "Saldobalans", "D3", "\u200b")  # looks empty in Excel: blank = 0
    inp, findings = load(tmp_path, sheets)
    assert inp.interventions[0].name == "Steget" and inp.genders[0].women == 10
    assert inp.accounts[1].prior == Decimal("0.00") and findings == []


def test_misnamed_text_files_are_warned_about(tmp_path):
    texts = {"presidiet.md.txt": "x", "Uppdraget.MD": "y", "forvaltningsberattelse.docx": b"PK", "bild.png": b"\x89PNG"}
    inp, findings = load(tmp_path, minimal_sheets(), texts)
    assert inp.texts == ()
    warned = {f.location.file: f.message for f in findings if f.id == "TEXT-FILNAMN"}
    assert set(warned) == {"texter/presidiet.md.txt", "texter/Uppdraget.MD", "texter/forvaltningsberattelse.docx"}
    assert "Byt namn på filen till presidiet.md" in warned["texter/presidiet.md.txt"]
    assert "Byt namn på filen till uppdraget.md" in warned["texter/Uppdraget.MD"]
    assert "forvaltningsberattelse.md" in warned["texter/forvaltningsberattelse.docx"]


def test_kommentar_galler_names_bilaga_3_tables_and_warns_on_an_unknown_word(tmp_path):
    sheets = minimal_sheets()
    sheets["Insatser"] = [
        [*sheets["Insatser"][0], "Kommentar", "Kommentar gäller"],
        [*sheets["Insatser"][1], "Ej redovisat.", " bakgrund och Kön, Kostnadsfel"],
        [*sheets["Insatser"][2], "Pågår.", None],
    ]
    inp, findings = load(tmp_path, sheets)
    assert inp.interventions[0].comment_tables == ("Kön", "Bakgrund")  # in table order, any case
    assert inp.interventions[1].comment_tables == ()  # blank: the insats as a whole (one note)
    (warning,) = by_id(findings, "INS-KOMMENTAR-TABELL")
    assert "”Kostnadsfel”" in warning.message and warning.location.cell == "H2"


def test_a_comment_naming_a_table_with_kommentar_galler_blank_is_an_info(tmp_path):
    sheets = minimal_sheets()
    sheets["Insatser"] = [
        [*sheets["Insatser"][0], "Kommentar", "Kommentar gäller"],
        [*sheets["Insatser"][1], "Tabell 5: två deltagare har inte uppgett kön.", None],
        [*sheets["Insatser"][2], "Se tabell 2.", None],  # Tabell 2 is where its note goes: no info
    ]
    inp, findings = load(tmp_path, sheets)
    (note,) = by_id(findings, "INS-KOMMENTAR-TABELLNR")
    assert note.level.value == "info" and note.location.cell == "G2"
    assert "”Steget”" in note.message and "under Tabell 1" in note.message and "Skriv Kön i Kommentar gäller" in note.message
