"""Nothing from a file runs (issue 27, point 1): a name that starts like a formula — in a SIE file's
``#KONTO``, ``#FNAMN``, ``#PROGRAM`` or file name, a Word report's answer or file name, last year's
workbook — is written into the user's workbook as text by every writer (``importera``,
``lagesrapport las --skriv``, ``ny --fran``), read back here from the saved XML; LibreOffice,
recalculating the imported workbook, shows the names as text; and ``kontrollera`` never advises
opening and saving a workbook that holds a formula that could run a command."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from arsredovisning.cellwrite import put

from .builders import minimal_sheets, run_cli, workbook
from .conftest import EXAMPLE, require_tool
from .sie_builders import BODY, HEADER, sie_file

DDE = "=cmd|' /C calc'!A0"
INJECTIONS = [DDE, "=1+1", "+1+1", "-1+1", "@SUM(1+1)", "=HYPERLINK(\"http://example.com\")"]


def formula_cells(path: Path) -> list[str]:
    """Every cell of every sheet of the saved workbook that holds a formula (``<f>``), read from the XML."""
    found = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet") and name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                found += [f"{name}:{m[1]}" for m in re.finditer(r'<c r="([A-Z]+\d+)"[^>]*>\s*<f', xml)]
    return found


def as_text(path: Path, sheet: str, value: str) -> list[str]:
    """The cells of ``sheet`` that hold ``value``, each checked to be a text cell with the quote prefix
    (shown as text, kept as text when edited)."""
    ws = openpyxl.load_workbook(path)[sheet]
    cells = [c for row in ws.iter_rows() for c in row if c.value == value]
    for c in cells:
        assert c.data_type == "s" and c.quotePrefix, (sheet, c.coordinate, c.data_type, c.quotePrefix)
    return [c.coordinate for c in cells]


def injected_sie(tmp_path: Path, name: str = "=1+1.se") -> Path:
    header = HEADER.replace('#PROGRAM "Testprogram" 1.0', '#PROGRAM "@SUM(1+1)" "+1+1"') \
                   .replace('#FNAMN "Samordningsförbundet Test"', '#FNAMN "=1+1"')
    body = BODY.replace('"Bank, förbundets konto"', f'"{DDE}"').replace('"Leverantörsskulder"', '"-1+1"') \
               .replace('"Projektmedel, insatser"', '"=HYPERLINK(""http://example.com"")"')
    body = body.replace('"=HYPERLINK(""http://example.com"")"', '"+1+1"')
    return sie_file(tmp_path, header + body, name=name)


# ---- the one writer --------------------------------------------------------------------------------


def test_the_guarded_writer_keeps_text_text_and_removes_control_characters(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    values = [*INJECTIONS, "\t=1+1", "\r=1+1", "Bank\x00 och\x07 kassa", "Vanligt namn", 12, None]
    for r, value in enumerate(values, start=1):
        put(ws, r, 1, value)
    wb.save(tmp_path / "b.xlsx")
    assert formula_cells(tmp_path / "b.xlsx") == []
    back = openpyxl.load_workbook(tmp_path / "b.xlsx").active
    got = [(back.cell(r, 1).value, back.cell(r, 1).quotePrefix) for r in range(1, len(values) + 1)]
    assert got == [*((v, True) for v in INJECTIONS), ("\t=1+1", True), ("\r=1+1", True),
                   ("Bank och kassa", False), ("Vanligt namn", False), (12, False), (None, False)]


# ---- importera -------------------------------------------------------------------------------------


def test_importera_writes_sie_names_as_text_into_a_new_arsmapp(tmp_path):
    folder = tmp_path / "2016"
    r = run_cli("importera", injected_sie(tmp_path), folder)
    assert r.exit_code == 0, r.output
    book = folder / "indata.xlsx"
    assert formula_cells(book) == []
    assert as_text(book, "Saldobalans", DDE) == ["B2"]
    assert as_text(book, "Saldobalans", "-1+1") == ["B4"] and as_text(book, "Saldobalans", "+1+1") == ["B6"]
    assert as_text(book, "Förbund", "=1+1") == ["B2"]
    assert as_text(book, "Källa", "=1+1.se") == ["B3"] and as_text(book, "Källa", "@SUM(1+1) +1+1") == ["B4"]
    check = run_cli("kontrollera", folder)
    assert "CELL-FORMEL" not in check.stdout and "spara den" not in check.stdout


def test_importera_into_an_existing_workbook_writes_names_as_text(tmp_path):
    folder = workbook(tmp_path, minimal_sheets(), name="2016")
    r = run_cli("importera", injected_sie(tmp_path), folder)
    assert r.exit_code == 0, r.output
    book = folder / "indata.xlsx"
    assert formula_cells(book) == []
    assert as_text(book, "Saldobalans", DDE) == ["B2"] and as_text(book, "Källa", "=1+1.se") == ["B3"]


def test_importera_keeps_the_users_own_formulas_in_other_columns(tmp_path):
    sheets = minimal_sheets()
    header = sheets["Saldobalans"][0]
    budget = len(header)
    header.append("Budget")
    sheets["Saldobalans"][1].append("=100*2")
    folder = workbook(tmp_path, sheets, name="2016")
    account = sheets["Saldobalans"][1][0]
    sie = sie_file(tmp_path, HEADER + BODY.replace("#KONTO 1930", f'#KONTO {account} "Konto"\n#KONTO 1930'))
    assert run_cli("importera", sie, folder).exit_code == 0
    ws = openpyxl.load_workbook(folder / "indata.xlsx")["Saldobalans"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == account)
    assert (row[budget].value, row[budget].data_type) == ("=100*2", "f")


@pytest.mark.libreoffice
def test_libreoffice_recalculating_the_imported_workbook_shows_the_names_as_text(tmp_path):
    """The imported workbook converted by LibreOffice (which loads and recalculates it) to .xlsx again:
    every name is still the exact text, and no cell holds a formula."""
    soffice = require_tool("soffice", "libreoffice")
    folder = tmp_path / "2016"
    assert run_cli("importera", injected_sie(tmp_path), folder).exit_code == 0
    out = tmp_path / "lo"
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profil').as_uri()}", "--headless", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(folder / "indata.xlsx")],
                   check=True, capture_output=True, timeout=180)
    saved = out / "indata.xlsx"
    assert formula_cells(saved) == []
    wb = openpyxl.load_workbook(saved)
    assert wb["Saldobalans"]["B2"].value == DDE and wb["Förbund"]["B2"].value == "=1+1"
    assert wb["Källa"]["B3"].value == "=1+1.se" and wb["Saldobalans"]["B4"].value == "-1+1"


# ---- lagesrapport las --skriv ----------------------------------------------------------------------


def test_lagesrapport_skriv_writes_report_texts_as_text(tmp_path):
    from .test_lagesrapport import sheets_with_dates

    folder = workbook(tmp_path, sheets_with_dates())
    reports = tmp_path / "rapporter"
    reports.mkdir()
    name = "=1+1 steget.txt"
    (reports / name).write_text(
        "Insatsens namn: Steget\n"
        "Tidsperiod som rapporten avser: 2016-01-01 - 2016-12-31\n\n"
        "Hur många deltagare har ni haft under perioden?\n"
        "Kvinnor: 11    Män 9\n\n"
        "Ekonomi\n\n"
        "Beviljade medel\t500 000\n"
        "Fakturerade kostnader\t400 000\n\n"
        f"{DDE}\n\n"
        "Underskrift: @SUM(1+1)\n", encoding="utf-8")
    r = run_cli("lagesrapport", "las", reports, folder, "--skriv")
    assert r.exit_code == 0, r.output
    book = folder / "indata.xlsx"
    assert formula_cells(book) == []
    assert as_text(book, "Lägesrapporter", name)
    assert as_text(book, "Lägesrapporter", DDE) and as_text(book, "Lägesrapporter", "@SUM(1+1)")


# ---- ny --fran -------------------------------------------------------------------------------------


def test_ny_fran_carries_names_over_as_text(tmp_path):
    previous = workbook(tmp_path, minimal_sheets(), name="2016")
    wb = openpyxl.load_workbook(previous / "indata.xlsx")  # names typed as text, e.g. with a leading ’
    put(wb["Förbund"], 2, 2, "=1+1")
    put(wb["Saldobalans"], 2, 2, DDE)
    wb.save(previous / "indata.xlsx")
    r = run_cli("ny", tmp_path / "2017", "--fran", previous)
    assert r.exit_code == 0, r.output
    book = tmp_path / "2017" / "indata.xlsx"
    assert formula_cells(book) == []
    assert as_text(book, "Förbund", "=1+1") == ["B2"] and as_text(book, "Saldobalans", DDE) == ["B2"]


# ---- kontrollera on a workbook that already holds such formulas ------------------------------------


def _with_formulas(tmp_path: Path, formulas: dict[tuple[str, str], str]) -> Path:
    """The example årsmapp with ``formulas`` (sheet, cell → formula) written as openpyxl writes
    them: formulas without a cached value, as an older importera left them."""
    folder = tmp_path / "2016"
    shutil.copytree(EXAMPLE, folder)
    wb = openpyxl.load_workbook(folder / "indata.xlsx")
    for (sheet, cell), formula in formulas.items():
        wb[sheet][cell].value = formula
    wb.save(folder / "indata.xlsx")
    return folder


def test_kontrollera_never_advises_recalculating_a_formula_from_a_name(tmp_path):
    folder = _with_formulas(tmp_path, {("Saldobalans", "B2"): DDE, ("Förbund", "B2"): "=1+1"})
    r = run_cli("kontrollera", folder)
    assert r.exit_code == 1
    assert "spara den" not in r.stdout and "Öppna filen" not in r.stdout
    assert "[CELL-FORMEL-FARLIG] indata.xlsx › Saldobalans › B2: Cellen har formeln =cmd|' /C calc'!A0, som kan köra ett kommando" in r.stdout
    assert "[CELL-FORMEL-UTAN-VARDE] indata.xlsx › Förbund › B2: Cellen har formeln =1+1 men inget beräknat värde. Arbetsboken har också formler som kan köra" in r.stdout


def test_kontrollera_still_advises_saving_plain_arithmetic(tmp_path):
    folder = _with_formulas(tmp_path, {("Förbund", "B2"): "=1+1"})
    r = run_cli("kontrollera", folder)
    assert "[CELL-FORMEL-UTAN-VARDE] indata.xlsx › Förbund › B2: Cellen har formeln =1+1 men inget beräknat värde (filen har skapats av ett program och aldrig sparats i Excel eller LibreOffice). Öppna filen, spara den" in r.stdout
