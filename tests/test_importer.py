"""``arsredovisning importera``: the Saldobalans sheet from SIE, through the real command."""

from __future__ import annotations

import io
import re
import shutil
from decimal import Decimal

import openpyxl
import pytest

from arsredovisning.accounts import BAS_CHART, DEFAULT_CHART

from .builders import minimal_sheets, put, report_files, run_cli, workbook
from .conftest import EXAMPLE
from .sie_builders import BODY, HEADER, independent_sums, plain, real, sie_file, sie_of_workbook


def sheet_rows(path, name):
    wb = openpyxl.load_workbook(path)
    return [list(r) for r in wb[name].iter_rows(values_only=True) if any(v is not None for v in r)]


def test_real_export_then_bygg_gives_the_files_own_sums(tmp_path):
    """Mamut Enterprise's export into a new årsmapp, then bygg: årets resultat and summa tillgångar
    are the file's own sums (computed here by a regular expression over its lines)."""
    sie = real("mamut_enterprise_2010.se")
    folder = tmp_path / "2010"
    r = run_cli("importera", sie, folder)
    assert r.exit_code == 0, r.output
    assert "16 konton från SIE-filen; 16 tillkom" in r.stdout and "+ 1930 Checkräkningskonto: Belopp 12 391 938,29" in plain(r.stdout)
    assert "BAS (företag)" in r.stdout  # #KPTYP EUBAS97 chose the companies' chart
    assert sheet_rows(folder / "indata.xlsx", "Kontoplan")[1:] == [[c.start, c.end, c.line.value] for c in BAS_CHART]
    built = report_files(folder)  # what bygg writes, without the PDF layout
    assert built.json_bytes is not None, [f.render() for f in built.findings]  # bygg builds (no fel)
    figures = built.json["nyckeltal"]
    sums = independent_sums(sie)
    assets = sum((Decimal(m[1]) for m in re.finditer(r"^#UB\s+0\s+1\d{3}\s+(-?[\d.]+)", sie.read_text(encoding="cp437"), re.M)),
                 Decimal(0))  # #UB 0 of the 1xxx accounts
    assert Decimal(figures["arets_resultat"]["varde"]) == -sums[("RES", 0)] == Decimal("10219647.90")
    assert Decimal(figures["summa_tillgangar"]["varde"]) == assets == Decimal("24818664.15")
    control = built.control_report_body()
    assert "Saldobalansen är importerad från SIE-filen mamut_enterprise_2010.se (program Mamut Enterprise 14.8604; exporterad 2011-02-22" in control
    underlag = openpyxl.load_workbook(io.BytesIO(built.workbook_bytes()))
    info = [r for r in underlag["Dokumentinfo"].iter_rows(values_only=True) if r[0] == "Saldobalansens källa"]
    assert info and "0eb7e358745d631b2eacfd98840ec8a7d843d21c35cd261b8e099bd1a2ff192a" in info[0][1]
    assert "Källa" in underlag.sheetnames


def test_importing_twice_gives_a_byte_identical_workbook(tmp_path):
    folder = tmp_path / "2012"
    assert run_cli("importera", real("edison_2012.se"), folder).exit_code == 0
    first = (folder / "indata.xlsx").read_bytes()
    again = run_cli("importera", real("edison_2012.se"), folder)
    assert again.exit_code == 0, again.output
    assert "Inga ändringar" in again.stdout and "0 tillkom, 0 försvann, 0 ändrades" in again.stdout
    assert (folder / "indata.xlsx").read_bytes() == first
    assert not (folder / "indata-backup.xlsx").exists()


def test_broken_year_is_refused_and_nothing_is_written(tmp_path):
    folder = tmp_path / "ny"
    r = run_cli("importera", real("norstedts_bokslut_2009_2010.se"), folder)
    assert r.exit_code == 1
    assert "[SIE-RAR-BRUTET] norstedts_bokslut_2009_2010.se, rad 12: Räkenskapsåret i filen är 2009-07-01–2010-06-30, ett brutet räkenskapsår" in r.stdout
    assert "Inget skrevs" in r.stderr and not folder.exists()


def test_unbalanced_export_is_imported_as_it_is_with_amount_cause_and_line(tmp_path):
    folder = tmp_path / "2011"
    r = run_cli("importera", real("specter_2011.se"), folder)
    assert r.exit_code == 0, r.output
    out = plain(r.stdout)
    assert "[SIE-BALANS] specter_2011.se, rad 12: Utgående balanser (#UB 0) och resultat (#RES 0) för 2011 summerar till 63 532,92 kr" in out
    assert "föregående års resultat är inte bokfört mot eget kapital" in out
    check = run_cli("kontrollera", folder)
    assert check.exit_code == 1 and "SB-BALANS" in check.stdout  # never balanced silently


def test_dry_run_writes_nothing(tmp_path):
    folder = tmp_path / "2016"
    r = run_cli("importera", sie_file(tmp_path), folder, "--torrkorning")
    assert r.exit_code == 0, r.output
    assert "Torrkörning: inget skrevs." in r.stdout and "+ 1930 Bank, förbundets konto" in r.stdout
    assert not folder.exists()


def test_existing_workbook_keeps_other_sheets_budget_and_formatting(tmp_path):
    sheets = minimal_sheets()
    put(sheets, "Saldobalans", "E1", "Budget")
    put(sheets, "Saldobalans", "E4", -950000)  # 3010 Medlemsbidrag
    put(sheets, "Saldobalans", "A6", 5999)
    put(sheets, "Saldobalans", "B6", "Gammalt konto med budget")
    put(sheets, "Saldobalans", "C6", 0)
    put(sheets, "Saldobalans", "E6", 100)
    folder = workbook(tmp_path, sheets)
    path = folder / "indata.xlsx"
    wb = openpyxl.load_workbook(path)
    wb["Saldobalans"]["A1"].font = openpyxl.styles.Font(bold=True, color="FF0000")
    wb["Saldobalans"].column_dimensions["B"].width = 44
    wb.save(path)
    old = path.read_bytes()
    before = {name: sheet_rows(path, name) for name in ("Förbund", "Medlemmar", "Insatser", "Kön", "Kommuner")}

    r = run_cli("importera", sie_file(tmp_path), folder)
    assert r.exit_code == 0, r.output
    out = plain(r.stdout)
    assert "~ 1930 Bank, förbundets konto: Benämning ”Bank” → ”Bank, förbundets konto”; Belopp 500 000,00 → 1 200,00 (−498 800,00)" in out
    assert "+ 2440 Leverantörsskulder: Belopp −50,00" in out
    assert f"Skrev {folder / 'indata-backup.xlsx'}" in r.stdout
    assert (folder / "indata-backup.xlsx").read_bytes() == old
    assert {name: sheet_rows(path, name) for name in before} == before
    rows = sheet_rows(path, "Saldobalans")
    assert rows[0] == ["Konto", "Benämning", "Belopp", "Föregående år", "Budget", "Ingående föregående år"]
    by_account = {row[0]: row for row in rows[1:]}
    assert by_account[3010][:5] == [3010, "Medlemsbidrag från Försäkringskassan", -600, -500, -950000]
    assert by_account[5999][:5] == [5999, "Gammalt konto med budget", 0, 0, 100]  # its budget kept
    assert by_account[1930][5] == 800
    ws = openpyxl.load_workbook(path)["Saldobalans"]
    assert ws["A1"].font.bold and ws["A1"].font.color.rgb == "00FF0000" and ws.column_dimensions["B"].width == 44
    assert sheet_rows(path, "Källa")[2] == ["Fil", "export.se"]
    check = run_cli("kontrollera", folder)
    assert check.exit_code == 0, check.output


def test_year_must_match_rakenskapsar(tmp_path):
    folder = workbook(tmp_path, minimal_sheets())
    text = (HEADER + BODY).replace("20160101 20161231", "20170101 20171231").replace("20150101 20151231", "20160101 20161231")
    r = run_cli("importera", sie_file(tmp_path, text), folder)
    assert r.exit_code == 1 and "[SIE-RAR-AR]" in r.stdout and "årsmappens Räkenskapsår är 2016" in r.stdout


def test_kptyp_offers_the_other_chart_and_the_option_writes_it(tmp_path):
    folder = tmp_path / "2016"
    text = (HEADER + BODY).replace("#SIETYP 4\n", "#SIETYP 4\n#KPTYP EUBAS97\n")
    assert run_cli("importera", sie_file(tmp_path), folder).exit_code == 0  # no #KPTYP: Kommun-BAS from ny
    assert sheet_rows(folder / "indata.xlsx", "Kontoplan")[1:] == [[c.start, c.end, c.line.value] for c in DEFAULT_CHART]
    r = run_cli("importera", sie_file(tmp_path, text), folder)
    assert "[IMPORT-KONTOPLAN]" in r.stdout and "--kontoplan bas" in r.stdout
    r = run_cli("importera", sie_file(tmp_path, text), folder, "--kontoplan", "bas")
    assert r.exit_code == 0 and sheet_rows(folder / "indata.xlsx", "Kontoplan")[1:] == [[c.start, c.end, c.line.value] for c in BAS_CHART]


# A Kommun-BAS ledger (30xx medlemsbidrag, 8410 ränteintäkter, 8510 räntekostnader) that its program
# labels EUBAS97: in BAS (företag) 84xx are räntekostnader and 85xx belong to no line.
KOMMUN_BAS_AS_EUBAS = HEADER.replace("#SIETYP 4\n", "#SIETYP 4\n#KPTYP EUBAS97\n") + """#KONTO 1930 "Bank"
#KONTO 2010 "Eget kapital"
#KONTO 3011 "Medlemsbidrag Försäkringskassan"
#KONTO 4510 "Projektmedel"
#KONTO 8410 "Ränteintäkter"
#KONTO 8510 "Räntekostnader"
#UB -1 1930 1000.00
#UB -1 2010 -800.00
#RES -1 3011 -500.00
#RES -1 4510 300.00
#UB 0 1930 1240.00
#UB 0 2010 -1000.00
#RES 0 3011 -600.00
#RES 0 4510 450.00
#RES 0 8410 -100.00
#RES 0 8510 10.00
"""


def test_a_kommun_bas_ledger_labelled_eubas97_keeps_kommun_bas(tmp_path):
    sie = sie_file(tmp_path, KOMMUN_BAS_AS_EUBAS)
    new = tmp_path / "ny" / "2016"
    r = run_cli("importera", sie, new)
    assert r.exit_code == 0, r.output
    assert sheet_rows(new / "indata.xlsx", "Kontoplan")[1:] == [[c.start, c.end, c.line.value] for c in DEFAULT_CHART]
    text = plain(r.stdout)
    assert "[IMPORT-KONTOPLAN]" in text and "Filen anger kontoplanen EUBAS97 (BAS (företag)), men kontona är Kommun-BAS" in text
    assert "8410 Ränteintäkter (kredit) blir Finansiella kostnader i BAS (företag)" in text
    assert "8510 Räntekostnader (debet) hör inte till någon rad i BAS (företag)" in text
    # The ränteintäkter stay finansiella intäkter in the report.
    from arsredovisning.pipeline import run_checks

    report = run_checks(new).report
    assert report.financials.income_statement.value("finansiella_intakter", 0) == Decimal("100.00")
    # An existing Kommun-BAS årsmapp is not advised to switch to BAS.
    existing = tmp_path / "2016"
    assert run_cli("ny", existing, "--ar", 2016).exit_code == 0
    r = run_cli("importera", sie, existing)
    assert r.exit_code == 0, r.output
    assert "--kontoplan bas" not in r.stdout and "Bladet Kontoplan (Kommun-BAS) behålls" in plain(r.stdout)
    # A BAS sheet with these accounts is advised to take Kommun-BAS, naming why.
    r = run_cli("importera", sie, existing, "--kontoplan", "bas")
    r = run_cli("importera", sie, existing)
    assert "Bladet Kontoplan är BAS (företag), men kontona i filen passar Kommun-BAS" in plain(r.stdout) and "--kontoplan kommun" in r.stdout


def test_a_company_ledger_without_kptyp_gets_bas_from_its_accounts(tmp_path):
    text = KOMMUN_BAS_AS_EUBAS.replace("#KPTYP EUBAS97\n", "").replace('#KONTO 8410 "Ränteintäkter"', '#KONTO 8410 "Räntekostnader"') \
        .replace("#RES 0 8410 -100.00", "#RES 0 8410 100.00").replace("#RES 0 8510 10.00\n", "").replace("#UB 0 1930 1240.00", "#UB 0 1930 1050.00")
    folder = tmp_path / "2016"
    r = run_cli("importera", sie_file(tmp_path, text), folder)
    assert r.exit_code == 0, r.output
    assert sheet_rows(folder / "indata.xlsx", "Kontoplan")[1:] == [[c.start, c.end, c.line.value] for c in BAS_CHART]
    assert "Kontona i filen är BAS (företag): 8410 Räntekostnader (debet) blir Finansiella intäkter i Kommun-BAS" in plain(r.stdout)


def test_an_ods_arsmapp_is_not_written(tmp_path):
    folder = tmp_path / "2016"
    folder.mkdir()
    (folder / "indata.ods").write_bytes(b"PK")
    r = run_cli("importera", sie_file(tmp_path), folder)
    assert r.exit_code == 1 and "[IMPORT-ODS]" in r.stdout


@pytest.mark.parametrize("name", ["avendo_2011.se", "magenta_2011.se", "briljant_2008.se"])
def test_other_real_exports_import(tmp_path, name):
    folder = tmp_path / "ar"
    r = run_cli("importera", real(name), folder)
    assert r.exit_code == 0, r.output
    rows = sheet_rows(folder / "indata.xlsx", "Saldobalans")[1:]
    sums = independent_sums(real(name))
    assert sum((Decimal(str(r[2])) for r in rows), Decimal(0)) == sums.get(("UB", 0), 0) + sums.get(("RES", 0), 0)


def test_example_folder_round_trip_keeps_its_figures(tmp_path):
    """The example's own saldobalans written as SIE and imported back gives the same sheet values."""
    folder = tmp_path / "2016"
    shutil.copytree(EXAMPLE, folder)
    r = run_cli("importera", sie_file(tmp_path, sie_of_workbook(folder / "indata.xlsx")), folder)
    assert r.exit_code == 0, r.output
    assert "0 tillkom, 0 försvann, 0 ändrades" in r.stdout


def test_another_organisations_file_is_a_warning(tmp_path):
    folder = workbook(tmp_path, minimal_sheets())  # Organisationsnummer 222000-2600
    text = (HEADER + BODY).replace("#SIETYP 4\n", '#SIETYP 4\n#ORGNR 556677-8899\n')
    r = run_cli("importera", sie_file(tmp_path, text), folder, "--torrkorning")
    assert r.exit_code == 0 and "[IMPORT-ORGNR]" in r.stdout and "556677-8899" in r.stdout
