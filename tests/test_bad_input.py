"""Bad input: a Swedish message naming file, sheet and cell — exit 1, no traceback, nothing written.

Each case breaks one thing in the minimal workbook of ``builders.py`` and runs the real CLI
(``arsredovisning.cli.main``, in-process; a few through ``python -m arsredovisning``).
"""

from __future__ import annotations

import zipfile
from datetime import date

import pytest

from arsredovisning.checks.interventions import check_interventions
from arsredovisning.load import load_annual_input

from .builders import minimal_sheets, put, run_cli, run_subprocess, workbook


def assert_fel(result, *fragments: str) -> None:
    """Exit 1, no traceback, every fragment in the output (message, ``Blad › Cell``, finding id)."""
    out = result.stdout + result.stderr
    code = getattr(result, "returncode", None)  # subprocess.CompletedProcess
    code = result.exit_code if code is None else code
    assert "Traceback" not in out, out
    assert "Internt fel" not in out, out
    assert code == 1, out
    for fragment in fragments:
        assert fragment in out, f"{fragment!r} not in:\n{out}"


def kontrollera(tmp_path, sheets=None, texts=None):
    return run_cli("kontrollera", workbook(tmp_path, minimal_sheets() if sheets is None else sheets, texts))


def broken(**cells):
    """Minimal sheets with cells replaced: ``broken(Saldobalans__C3="ca 5000")``."""
    sheets = minimal_sheets()
    for key, value in cells.items():
        sheet, cell = key.split("__")
        put(sheets, sheet.replace("_", " "), cell, value)
    return sheets


def without_column(sheets, sheet: str, name: str):
    i = sheets[sheet][0].index(name)
    for row in sheets[sheet]:
        if len(row) > i:
            del row[i]
    return sheets


# --- One broken cell each: (sheets, expected fragments) -------------------------------------------

def _dup_insats():
    s = minimal_sheets()
    s["Insatser"].append(["Steget", "Individ", 1000, 1000, None, 1])
    return s


def _dup_konto():
    s = minimal_sheets()
    s["Saldobalans"].append([1930, "Bank igen", 0, 0])
    return s


def _two_stat():
    return broken(Medlemmar__B3="Stat")


def _no_kommun():
    s = minimal_sheets()
    s["Medlemmar"] = s["Medlemmar"][:3]
    del s["Kommuner"]
    return s


def _no_ort():
    s = minimal_sheets()
    s["Förbund"] = [r for r in s["Förbund"] if r[0] != "Ort"]
    return s


def _kontoplan_reversed():
    s = minimal_sheets()
    s["Kontoplan"] = [["Från", "Till", "Rad"], [1999, 1900, "Kassa och bank"]]
    return s


def _unknown_kommun_column():
    s = minimal_sheets()
    s["Kommuner"] = [["Insats", "Kumla", "Hallsberg", "Lekeberg"], ["Steget", 10, 7, 1]]
    return s


def _title_row_above_header():
    s = minimal_sheets()
    s["Saldobalans"].insert(0, ["Saldobalans 2016"])
    return s


def _duplicate_column():
    s = minimal_sheets()
    s["Saldobalans"][0].append("Belopp")
    return s


def _blank_uppgift():
    s = minimal_sheets()
    s["Förbund"].append([None, "Storgatan 1"])
    return s


def _misspelt_optional_sheet():
    s = minimal_sheets()
    s["Kon"] = s.pop("Kön")
    return s


CELL_CASES = {
    "text in a money cell": (broken(Saldobalans__C3="ca 5000"), ["CELL-TAL", "Saldobalans › C3", "”ca 5000” är inte ett belopp"]),
    "negative count": (broken(Kön__B2=-3), ["CELL-ANTAL", "Kön › B2", "negativt"]),
    "fractional count": (broken(Insatser__F2=2.5), ["CELL-ANTAL", "Insatser › F2", "inte ett heltal"]),
    "duplicate insats": (_dup_insats(), ["INS-DUBBEL", "Insatser › A4", "”Steget” finns två gånger"]),
    "unknown kommun column": (_unknown_kommun_column(), ["KOMMUN-OKAND", "Kommuner › D1", "”Lekeberg” är ingen kommunmedlem", "Kumla, Hallsberg"]),
    "orgnr check digit": (broken(Förbund__B3="222000-2601"), ["FORBUND-ORGNR", "Förbund › B3", "fel kontrollsiffra"]),
    "orgnr format": (broken(Förbund__B3="22200-2600"), ["FORBUND-ORGNR", "Förbund › B3", "har fel form", "NNNNNN-NNNN"]),
    "year not a year": (broken(Förbund__B4="tjugosexton"), ["FORBUND-AR", "Förbund › B4", "”tjugosexton” är inte ett årtal"]),
    "two Stat members": (_two_stat(), ["MEDLEM-TYP", "Medlemmar › A3", "2 medlemmar med Typ Stat (A2, A3)", "Ingen medlem har Typ Region"]),
    "no Kommun member": (_no_kommun(), ["MEDLEM-TYP", "Medlemmar › A4", "Ingen medlem har Typ Kommun"]),
    "formula without cached value": (broken(Saldobalans__C2="=1+1"), ["CELL-FORMEL-UTAN-VARDE", "Saldobalans › C2", "=1+1", "inget beräknat värde"]),
    "date in a money cell": (broken(Saldobalans__C3=date(2016, 5, 1)), ["CELL-DATUM-I-TAL", "Saldobalans › C3", "datumet 2016-05-01"]),
    "absurd amount": (broken(Saldobalans__C4=1e20), ["CELL-BELOPP-ORIMLIGT", "Saldobalans › C4", "orimligt stort"]),
    "duplicate konto": (_dup_konto(), ["SB-KONTO-DUBBEL", "Saldobalans › A6", "Konto 1930 finns på två rader (rad 2 och rad 6)"]),
    "Typ not in the list": (broken(Insatser__B3="Strukturell"), ["CELL-VAL", "Insatser › B3", "”Strukturell”", "Välj ett av: Individ, Struktur"]),
    "bad date text": (broken(Insatser__G1="Start", Insatser__G2="31/12/2016"), ["CELL-DATUM", "Insatser › G2", "”31/12/2016” är inte ett datum", "ÅÅÅÅ-MM-DD"]),
    "Kontoplan Från > Till": (_kontoplan_reversed(), ["KONTOPLAN-INTERVALL", "Kontoplan › A2", "Från 1999 är större än Till 1900"]),
    "Förbund item missing (Ort)": (_no_ort(), ["FORBUND-SAKNAS", "Förbund › A5", "Uppgiften ”Ort” saknas"]),
    "blank Deltagare for Individ": (broken(Insatser__F2=None), ["INS-DELTAGARE-SAKNAS", "Insatser › F2", "”Steget”"]),
    "blank required text cell": (broken(Saldobalans__B4=None), ["CELL-TOM", "Saldobalans › B4", "Benämning saknas"]),
    "account not a number": (broken(Saldobalans__A3="tjugo"), ["CELL-KONTO", "Saldobalans › A3", "”tjugo” är inte ett kontonummer"]),
    "Andel over 100": (broken(Medlemmar__D4=150), ["CELL-PROCENT", "Medlemmar › D4", "150"]),
    "Belopp i not kr/tkr": (broken(Förbund__A6="Belopp i", Förbund__B6="miljoner"), ["CELL-VAL", "Förbund › B6", "Välj ett av: kr, tkr"]),
    "Insatskonton not ranges": (broken(Förbund__A6="Insatskonton", Förbund__B6="4500 till 4599"), ["FORBUND-INSATSKONTON", "Förbund › B6"]),
    "header below row 1": (_title_row_above_header(), ["KOLUMN-RUBRIKRAD", "Saldobalans › A2", "står i rad 2"]),
    "duplicate column": (_duplicate_column(), ["KOLUMN-DUBBEL", "Saldobalans › E1", "(C1 och E1)"]),
    "blank Uppgift": (_blank_uppgift(), ["CELL-TOM", "Förbund › A6", "Storgatan 1"]),
    "misspelt optional sheet": (_misspelt_optional_sheet(), ["BLAD-STAVNING", "indata.xlsx › Kon", "Menade du ”Kön”?"]),
    "misspelt Förbund item": (broken(Förbund__A5="Ortt"), ["FORBUND-UPPGIFT", "Förbund › A5", "Menade du ”Ort”?"]),
    "two kommuner with one Kortnamn": (broken(Medlemmar__F4="Hallsberg"), ["MEDLEM-KORTNAMN", "Medlemmar › A5", "Både Kumla kommun och Hallsbergs kommun heter ”Hallsberg”"]),
    "count too large": (broken(Insatser__F2=10**9), ["CELL-ANTAL", "Insatser › F2", "orimligt stort"]),
}


@pytest.mark.parametrize("sheets, fragments", list(CELL_CASES.values()), ids=list(CELL_CASES))
def test_broken_cell(tmp_path, sheets, fragments):
    assert_fel(kontrollera(tmp_path, sheets), *fragments)


def test_bad_optional_member_cell_does_not_cascade(tmp_path):
    """Kumla's bad Andel is one error, not also "Kommuner › B1: Kumla är ingen kommunmedlem"."""
    result = kontrollera(tmp_path, broken(Medlemmar__D4=150))
    assert_fel(result, "Medlemmar › D4", "Sammanfattning: 1 fel")
    assert "KOMMUN-OKAND" not in result.stdout


def test_misspelt_item_is_reported_once(tmp_path):
    result = kontrollera(tmp_path, broken(Förbund__A5="Ortt"))
    assert_fel(result, "FORBUND-UPPGIFT", "Sammanfattning: 1 fel")
    assert "FORBUND-SAKNAS" not in result.stdout


# --- Sheets and columns ------------------------------------------------------------------------------

def test_missing_sheet(tmp_path):
    sheets = minimal_sheets()
    del sheets["Insatser"]
    assert_fel(kontrollera(tmp_path, sheets), "BLAD-SAKNAS", "Bladet ”Insatser” saknas i arbetsboken", "indata.xlsx")


def test_misspelt_sheet_name_suggests_the_right_one(tmp_path):
    sheets = minimal_sheets()
    sheets["Saldobalanss"] = sheets.pop("Saldobalans")
    result = kontrollera(tmp_path, sheets)
    assert_fel(result, "BLAD-STAVNING", "indata.xlsx › Saldobalanss", "Menade du ”Saldobalans”?")
    assert "BLAD-SAKNAS" not in result.stdout  # one finding, not two


def test_missing_column(tmp_path):
    sheets = without_column(minimal_sheets(), "Saldobalans", "Belopp")
    assert_fel(kontrollera(tmp_path, sheets), "KOLUMN-SAKNAS", "Saldobalans › D1", "Kolumnen ”Belopp” saknas")


def test_misspelt_column_suggests_the_right_one(tmp_path):
    sheets = minimal_sheets()
    put(sheets, "Insatser", "F1", "Deltagre")
    assert_fel(kontrollera(tmp_path, sheets), "KOLUMN-STAVNING", "Insatser › F1", "”Deltagre”", "Menade du ”Deltagare”?")


def test_column_without_swedish_letters_is_a_near_miss(tmp_path):
    sheets = minimal_sheets()
    put(sheets, "Saldobalans", "D1", "Foregaende ar")
    assert_fel(kontrollera(tmp_path, sheets), "KOLUMN-STAVNING", "Saldobalans › D1", "Menade du ”Föregående år”?")


def test_empty_workbook(tmp_path):
    result = kontrollera(tmp_path, {"Blad1": []})
    assert_fel(result, "BLAD-SAKNAS", "Bladet ”Förbund” saknas", "Bladet ”Saldobalans” saknas", "Bladet ”Insatser” saknas")


def test_error_value_cell(tmp_path):
    """#DIV/0! reads as empty in calamine, which would silently mean 0: it must be an error."""
    folder = workbook(tmp_path, minimal_sheets())
    _rewrite_cell(folder / "indata.xlsx", "xl/worksheets/sheet5.xml", "B2", '<c r="B2" t="e"><f>B9/0</f><v>#DIV/0!</v></c>')  # Kön
    assert_fel(run_cli("kontrollera", folder), "CELL-FELVARDE", "Kön › B2", "#DIV/0!", "=B9/0")


def test_formula_with_empty_text_result_is_not_an_error(tmp_path):
    """=IF(…;"";…) saved by Excel has t="str" and an empty value: a blank cell, not a missing value."""
    folder = workbook(tmp_path, minimal_sheets())
    _rewrite_cell(folder / "indata.xlsx", "xl/worksheets/sheet5.xml", "C2", '<c r="C2" t="str"><f>IF(1&gt;0,"",1)</f><v></v></c>')
    inp, findings = load_annual_input(folder)
    assert findings == [] and inp.genders[0].men == 0  # blank = 0 in Kön


def _rewrite_cell(path, part: str, ref: str, xml: str) -> None:
    import re

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    text, n = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', xml, parts[part].decode())
    assert n == 1, parts[part]
    parts[part] = text.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


# --- Unknown insats in Kön/Kommuner (checks/interventions.py) ----------------------------------------

def test_kon_and_kommuner_rows_naming_an_unknown_insats(tmp_path):
    sheets = minimal_sheets()
    put(sheets, "Kön", "A2", "Stegt")
    put(sheets, "Kommuner", "A2", "Okänd insats")
    inp, findings = load_annual_input(workbook(tmp_path, sheets))
    assert inp is not None, [f.render() for f in findings]
    unknown = [f for f in check_interventions(inp) if f.id == "INS-OKAND"]
    rendered = sorted(f.render() for f in unknown)
    assert len(rendered) == 2, rendered
    assert "indata.xlsx › Kommuner › A2" in rendered[0] and "”Okänd insats”" in rendered[0]
    assert "indata.xlsx › Kön › A2" in rendered[1] and "Menade du ”Steget”?" in rendered[1]


def test_unknown_insats_through_the_cli(tmp_path):
    sheets = minimal_sheets()
    put(sheets, "Kön", "A2", "Stegt")
    assert_fel(kontrollera(tmp_path, sheets), "INS-OKAND", "Kön › A2", "”Stegt”")


# --- Files and folders ---------------------------------------------------------------------------------

def test_text_file_not_utf8(tmp_path):
    texts = {"presidiet.md": "Året som gått: förbättringar.".encode("latin-1")}
    assert_fel(kontrollera(tmp_path, texts=texts), "TEXT-KODNING", "texter/presidiet.md", "UTF-8")


def test_folder_without_workbook(tmp_path):
    (tmp_path / "tom").mkdir()
    assert_fel(run_cli("kontrollera", tmp_path / "tom"), "FIL-SAKNAS", "indata.xlsx finns inte i mappen", "arsredovisning ny")


def test_folder_with_differently_named_workbook(tmp_path):
    folder = workbook(tmp_path, minimal_sheets())
    (folder / "indata.xlsx").rename(folder / "Indata 2016.xlsx")
    assert_fel(run_cli("kontrollera", folder), "FIL-SAKNAS", "där finns Indata 2016.xlsx", "Byt namn")


def test_folder_with_only_xls(tmp_path):
    folder = tmp_path / "arsmapp"
    folder.mkdir()
    (folder / "indata.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert_fel(run_cli("kontrollera", folder), "FIL-XLS", "indata.xls", "spara som Excel-arbetsbok (.xlsx)")


def test_workbook_path_given_instead_of_folder(tmp_path):
    folder = workbook(tmp_path, minimal_sheets())
    assert_fel(run_cli("kontrollera", folder / "indata.xlsx"), "MAPP-ARFIL", "är en fil, inte en mapp", str(folder))


def test_ods_named_xlsx(tmp_path):
    folder = tmp_path / "arsmapp"
    folder.mkdir()
    with zipfile.ZipFile(folder / "indata.xlsx", "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    assert_fel(run_cli("kontrollera", folder), "FIL-ODS", "indata.xlsx", "OpenDocument")


def test_zip_that_is_no_workbook(tmp_path):
    folder = tmp_path / "arsmapp"
    folder.mkdir()
    with zipfile.ZipFile(folder / "indata.xlsx", "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    assert_fel(run_cli("kontrollera", folder), "FIL-INTE-XLSX", "indata.xlsx: Filen är ett zip-arkiv men ingen Excel-arbetsbok")


def test_empty_file(tmp_path):
    folder = tmp_path / "arsmapp"
    folder.mkdir()
    (folder / "indata.xlsx").write_bytes(b"")
    assert_fel(run_cli("kontrollera", folder), "FIL-INTE-XLSX", "indata.xlsx")


# Through a fresh interpreter (`python -m arsredovisning`): the end-to-end proof of no traceback.

def test_not_an_xlsx_file_subprocess(tmp_path):
    folder = tmp_path / "arsmapp"
    folder.mkdir()
    (folder / "indata.xlsx").write_text("Konto;Belopp\n1930;5000\n", encoding="utf-8")
    assert_fel(run_subprocess("kontrollera", folder), "FIL-INTE-XLSX", "indata.xlsx: Filen är inte en Excel-arbetsbok")


def test_truncated_xlsx_subprocess(tmp_path):
    folder = workbook(tmp_path, minimal_sheets())
    data = (folder / "indata.xlsx").read_bytes()
    (folder / "indata.xlsx").write_bytes(data[: len(data) // 2])
    assert_fel(run_subprocess("kontrollera", folder), "FIL-TRASIG", "indata.xlsx: Filen är skadad")


def test_xls_named_xlsx_subprocess(tmp_path):
    folder = tmp_path / "arsmapp"
    folder.mkdir()
    (folder / "indata.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"junk" * 200)
    assert_fel(run_subprocess("kontrollera", folder), "FIL-XLS", "gammal Excel-fil (.xls)", "spara som Excel-arbetsbok (.xlsx)")


def test_nonexistent_folder_subprocess(tmp_path):
    assert_fel(run_subprocess("kontrollera", tmp_path / "finns-inte"), "MAPP-SAKNAS", "finns inte", "input/2016")


def test_bad_cells_subprocess(tmp_path):
    sheets = broken(Saldobalans__C3="ca 5000", Saldobalans__C2="=1+1", Kön__B2=-3)
    result = run_subprocess("kontrollera", workbook(tmp_path, sheets))
    assert_fel(result, "Saldobalans › C3", "Saldobalans › C2", "Kön › B2", "Sammanfattning: 3 fel")


# --- One pass reports everything; bygg writes nothing ------------------------------------------------

def test_all_problems_in_one_pass(tmp_path):
    sheets = broken(
        Förbund__B3="222000-2601",  # check digit
        Saldobalans__C3="ca 5000",  # text in money
        Insatser__F2=2.5,  # fractional count
        Kön__C2=-1,  # negative count
        Medlemmar__B5="Komun",  # Typ not in the list
    )
    sheets["Kon"] = [["Insats"]]  # ... and a misspelt optional sheet (Kön exists, so only an info)
    result = kontrollera(tmp_path, sheets)
    assert_fel(
        result,
        "Förbund › B3",
        "Saldobalans › C3",
        "Insatser › F2",
        "Kön › C2",
        "Medlemmar › B5",
    )


def test_all_problems_in_one_pass_json(tmp_path):
    import json

    sheets = broken(Förbund__B3="222000-2601", Saldobalans__C3="ca 5000", Insatser__F2=2.5, Kön__C2=-1, Insatser__B3="X")
    result = run_cli("kontrollera", "--json", workbook(tmp_path, sheets))
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    cells = {(f["plats"]["blad"], f["plats"]["cell"]) for f in report["fynd"] if f["niva"] == "fel"}
    assert cells >= {("Förbund", "B3"), ("Saldobalans", "C3"), ("Insatser", "F2"), ("Kön", "C2"), ("Insatser", "B3")}
    assert report["antal"]["fel"] >= 5


@pytest.mark.parametrize(
    "sheets",
    [broken(Saldobalans__C3="ca 5000"), {"Blad1": []}],
    ids=["bad cell", "empty workbook"],
)
def test_bygg_writes_nothing_on_fel(tmp_path, sheets):
    out = tmp_path / "out"
    result = run_cli("bygg", workbook(tmp_path, sheets), "--ut", out)
    assert_fel(result, "Bygget avbröts", "Inga filer skrevs")
    assert not out.exists() or not any(out.iterdir())


def test_bygg_on_missing_folder_writes_nothing(tmp_path):
    out = tmp_path / "out"
    result = run_cli("bygg", tmp_path / "finns-inte", "-o", out)
    assert_fel(result, "MAPP-SAKNAS")
    assert not out.exists()
