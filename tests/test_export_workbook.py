"""The revision workbook: every formula, recalculated by LibreOffice, gives the tool's figure.

LibreOffice runs once per session (one ``soffice --convert-to xlsx`` call for both workbooks); the
tests that need it fail when ``soffice`` is not installed (``scripts/setup.sh --test`` installs it).
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from arsredovisning.load.stamp import stamp
from arsredovisning.export.workbook import build_workbook, workbook_bytes, write_workbook
from arsredovisning.findings import Level
from arsredovisning.pipeline import run_checks

from .conftest import EXAMPLE, require_tool

INJECTED = ('=HYPERLINK("http://example.com","klick")', "+1 lokal", "-2", "@SUM(1)")
INPUT_SHEETS = ("Förbund", "Medlemmar", "Saldobalans", "Kontoplan", "Insatser", "Kön", "Kommuner", "Bakgrund",
                "Balanskravsjusteringar")

# (Konto, Benämning, Belopp, Föregående år, Ingående föregående år, Budget); debit +, credit −.
# Covers every cash-flow branch: investment with avskrivningar, avsättningar, långfristiga skulder,
# placeringar; numeric text; formula-like Benämning texts.
SALDOBALANS = [
    (1220, "Inventarier", 110000, 100000, 0, None),
    (1510, "Kundfordringar", "5 000", 2000, 1000, None),
    (1810, "Placeringar", 10000, 0, 0, None),
    (1930, "Bank", 211000, 205300, 202000, None),
    (2010, "Eget kapital", -232300, -200000, -200000, None),
    (2210, "Avsättningar", -15000, -10000, 0, None),
    (2350, "Lån", -50000, -60000, 0, None),
    (2440, "Leverantörsskulder", -8000, -5000, -3000, None),
    (3011, "Medlemsbidrag staten", -250000, -225000, None, -250000),
    (3012, "Medlemsbidrag regionen", -125000, -112500, None, -125000),
    (3013, "Medlemsbidrag Aby", -75000, -67500, None, -75000),
    (3014, "Medlemsbidrag Bby", -50000, -45000, None, -50000),
    (4510, "Projektmedel", 300000, 280000, None, 320000),
    (5010, INJECTED[1], 50000, 48000, None, 50000),
    (6810, "Avskrivningar inventarier", 20000, 0, None, 20000),
    (7010, INJECTED[2], 100000, 90000, None, 95000),
    (8410, INJECTED[0], -1000, -500, None, None),
    (8510, INJECTED[3], 300, 200, None, None),
]
KONTOPLAN = [
    (1100, 1299, "Materiella anläggningstillgångar"),
    (1500, 1799, "Kortfristiga fordringar"),
    (1800, 1899, "Kortfristiga placeringar"),
    (1900, 1999, "Kassa och bank"),
    (2000, 2099, "Eget kapital"),
    (2100, 2299, "Avsättningar"),
    (2300, 2399, "Långfristiga skulder"),
    (2400, 2999, "Kortfristiga skulder"),
    (3000, 3012, "Verksamhetens intäkter"),
    (3013, 3013, "Verksamhetens intäkter"),
    (3014, 3999, "Verksamhetens intäkter"),
    (4000, 6799, "Verksamhetens kostnader"),
    (6800, 6899, "Avskrivningar"),
    (6900, 7999, "Verksamhetens kostnader"),
    (8400, 8499, "Finansiella intäkter"),
    (8500, 8599, "Finansiella kostnader"),
]


def write_sheet(wb, name, rows):
    ws = wb.create_sheet(name)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # as typed with a leading apostrophe: text, never a formula


def synthetic_folder(folder: Path) -> Path:
    """A small årsmapp written in code; every input value is visible here."""
    folder.mkdir(parents=True)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    write_sheet(wb, "Förbund", [
        ("Uppgift", "Värde"), ("Namn", "Samordningsförbundet Test"), ("Organisationsnummer", "222000-2600"),
        ("Räkenskapsår", 2016), ("Ort", "Teststad"), ("Medlemsbidrag totalt", 500000),
        ("Insatskonton", "4510"), ("Riktvärde eget kapital (%)", 50),
    ])
    write_sheet(wb, "Medlemmar", [
        ("Medlem", "Typ", "Andel", "Konto", "Kortnamn"),
        ("Staten, FK/AF", "Stat", None, 3011), ("Region Test", "Region", None, 3012),
        ("Aby kommun", "Kommun", 60, 3013, "Aby"), ("Bby kommun", "Kommun", 40, 3014, "Bby"),
    ])
    write_sheet(wb, "Saldobalans", [
        ("Konto", "Benämning", "Belopp", "Föregående år", "Ingående föregående år", "Budget"), *SALDOBALANS,
    ])
    write_sheet(wb, "Kontoplan", [("Från", "Till", "Rad"), *KONTOPLAN])
    write_sheet(wb, "Insatser", [
        ("Insats", "Typ", "Budget", "Utfall", "Budgeterade deltagare", "Deltagare", "Volyminsats", "Kommentar"),
        ("Steget", "Individ", 200000, 180000, 20, 18, "Ja", INJECTED[0]),
        ("Bron", "Individ", 100000, 120000, None, 0, None, INJECTED[3]),
        ("Forum", "Struktur", 20000, 0, 30, 40, "Nej", INJECTED[2]),
    ])
    write_sheet(wb, "Kön", [("Insats", "Kvinnor", "Män", "Annat/ej angivet"), ("Steget", 10, "8", None)])
    write_sheet(wb, "Kommuner", [("Insats", "Aby", "Bby", "Övriga"), ("Steget", 9, 7, 2)])
    write_sheet(wb, "Bakgrund", [("Insats", "Svensk", "Annan"), ("Steget", 12, 6)])
    write_sheet(wb, "Balanskravsjusteringar", [
        ("Post", "Belopp", "Kommentar"), ("Medel från resultatutjämningsreserv", 15000, None),
        ("Samtliga realisationsvinster", -2500.5, "Såld bil"),
    ])
    wb.save(folder / "indata.xlsx")
    return folder


def _checked(folder: Path):
    result = run_checks(folder)
    errors = [f.render() for f in result.findings if f.level is Level.ERROR]
    assert result.report is not None and not errors, errors
    return result


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """(name → (result, path, manifest)) for the example and the synthetic årsmapp."""
    root = tmp_path_factory.mktemp("underlag")
    out = {}
    for name, folder in (("exempel", EXAMPLE), ("syntetisk", synthetic_folder(root / "syntetisk-in"))):
        result = _checked(folder)
        path, manifest = write_workbook(result.report, stamp(folder), root / name)
        out[name] = (result, path, manifest)
    return out


@pytest.fixture(scope="session")
def recalculated(built, tmp_path_factory):
    """name → the workbook recalculated and saved by LibreOffice, opened with data_only=True."""
    soffice = require_tool("soffice", "libreoffice")
    indir, outdir = tmp_path_factory.mktemp("att-rakna-om"), tmp_path_factory.mktemp("omraknad")
    files = [str(shutil.copy(path, indir / f"{name}.xlsx")) for name, (_, path, _) in built.items()]
    profile = tmp_path_factory.mktemp("lo-profil").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx", "--outdir", str(outdir), *files],
        check=True, capture_output=True, timeout=180,
    )
    return {name: openpyxl.load_workbook(outdir / f"{name}.xlsx", data_only=True) for name in built}


def _same(value, expected) -> bool:
    if expected is None:
        return value == "–"
    if isinstance(expected, str):
        return value == expected
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return Decimal(repr(value)).quantize(Decimal("0.01")) == Decimal(expected).quantize(Decimal("0.01"))


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["exempel", "syntetisk"])
def test_every_formula_recalculates_to_the_computed_figure(name, built, recalculated):
    _, _, manifest = built[name]
    calc = recalculated[name]
    wrong = [
        f"{f.sheet}!{f.cell} {f.label}: LibreOffice {calc[f.sheet][f.cell].value!r}, verktyget {f.expected}"
        for f in manifest.figures
        if not _same(calc[f.sheet][f.cell].value, f.expected)
    ]
    assert not wrong, "\n".join(wrong)
    assert len(manifest.figures) > 100


@pytest.mark.parametrize("name", ["exempel", "syntetisk"])
def test_every_figure_is_a_formula_and_every_formula_is_checked(name, built):
    _, path, manifest = built[name]
    assert manifest.constants == []
    wb = openpyxl.load_workbook(path)
    formulas = {(ws.title, c.coordinate) for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"}
    assert formulas == {(f.sheet, f.cell) for f in manifest.figures}


def test_sheets_cover_statements_notes_tables_and_checks(built):
    _, path, _ = built["syntetisk"]
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    assert names[:8] == ["Dokumentinfo", "Resultaträkning", "Balansräkning", "Kassaflödesanalys", "Noter",
                         "Driftredovisning", "Balanskravsutredning", "Tabell 1"]
    assert "Avstämningar" in names and all(s in names for s in INPUT_SHEETS)


def test_formulas_use_english_functions_and_ranges_from_kontoplan(built):
    _, path, _ = built["syntetisk"]
    ws = openpyxl.load_workbook(path)["Resultaträkning"]
    income = next(r for r in ws.iter_rows(min_row=5) if r[0].value == "Verksamhetens intäkter")
    assert income[2].value == (
        "=-(SUMIFS('Saldobalans'!$C:$C,'Saldobalans'!$A:$A,\">=3000\",'Saldobalans'!$A:$A,\"<=3012\")"
        "+SUMIFS('Saldobalans'!$C:$C,'Saldobalans'!$A:$A,3013)"
        "+SUMIFS('Saldobalans'!$C:$C,'Saldobalans'!$A:$A,\">=3014\",'Saldobalans'!$A:$A,\"<=3999\"))"
    )


@pytest.mark.libreoffice
def test_input_text_is_never_a_formula(built, recalculated):
    _, path, _ = built["syntetisk"]
    with zipfile.ZipFile(path) as z:
        wb = openpyxl.load_workbook(path)
        for title in INPUT_SHEETS:
            index = wb.sheetnames.index(title) + 1
            assert b"<f>" not in z.read(f"xl/worksheets/sheet{index}.xml"), title
    texts = [c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value in INJECTED]
    # In Saldobalans (4 Benämning), Insatser (3 Kommentar), the notes (4 labels) and the footnotes of the tables.
    assert {c.parent.title for c in texts} >= {"Saldobalans", "Insatser", "Noter", "Tabell 1"}
    assert all(c.data_type == "s" for c in texts)
    calc = recalculated["syntetisk"]
    assert {calc["Saldobalans"][f"B{r}"].value for r in range(2, 20)} >= set(INJECTED)


def test_numeric_text_is_copied_as_the_number_the_tool_read(built):
    _, path, _ = built["syntetisk"]
    wb = openpyxl.load_workbook(path)
    assert wb["Saldobalans"]["C3"].value == 5000
    assert wb["Kön"]["C2"].value == 8


def test_same_input_gives_the_same_bytes(built):
    result, path, _ = built["exempel"]
    again, _ = build_workbook(result.report, stamp(EXAMPLE))
    assert workbook_bytes(again) == path.read_bytes()


def test_document_info_carries_the_stamp(built):
    _, path, _ = built["exempel"]
    ws = openpyxl.load_workbook(path)["Dokumentinfo"]
    values = [c.value for row in ws.iter_rows() for c in row if c.value]
    assert stamp(EXAMPLE).checksum in values
    assert str(stamp(EXAMPLE)) in values
