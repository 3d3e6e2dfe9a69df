"""Whole exports in the dialects of real programs (``tests/sie_exports.py``), read, checked, imported
and built through the real commands. They run on every machine; the real exports in
``tests/test_sie.py`` and ``tests/test_importer.py`` add the programs' own files where they are present."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from arsredovisning.sie.reader import read_sie
from arsredovisning.sie.saldobalans import saldobalans_rows, year_result, year_sum

from .builders import report_files, run_cli
from .sie_builders import ids, independent_sums, plain, read_and_check
from .sie_exports import ACCOUNTS, DIALECTS, EQUITY, with_dialect, write_export


# what each dialect's reading says beyond "all is well"
EXPECTED_FINDINGS = {
    "pc8": [],
    "pc8-tabb-ksumma": ["SIE-KSUMMA-OK"],
    "utf8-som-pc8": ["SIE-KODNING"],
    "utf8-bom": ["SIE-KODNING"],
    "latin1-som-pc8": ["SIE-KODNING"],
}
# the character set the reader settles on (ISO-8859-1 and -15 agree on every Swedish letter)
ENCODING_READ = {"pc8": {"cp437"}, "pc8-tabb-ksumma": {"cp437"}, "utf8-som-pc8": {"utf-8"}, "utf8-bom": {"utf-8", "utf-8-sig"},
                 "latin1-som-pc8": {"iso-8859-1", "iso-8859-15"}}


def test_every_dialect_has_its_expectation():
    assert sorted(EXPECTED_FINDINGS) == sorted(DIALECTS) == sorted(ENCODING_READ)


@pytest.mark.parametrize("dialect", sorted(DIALECTS))
def test_each_dialect_reads_to_the_ledgers_own_figures(tmp_path, dialect):
    export = write_export(tmp_path, f"{dialect}.se", dialect)
    sie, found = read_and_check(export.path, 2019)
    assert ids(found) == EXPECTED_FINDINGS[dialect], [f.render() for f in found]
    assert sie.program == DIALECTS[dialect].program and sie.years[0].start.isoformat() == "2019-01-01"
    assert sie.encoding in ENCODING_READ[dialect]
    assert {n: sie.accounts[n].name for n in ACCOUNTS} == ACCOUNTS  # å, ä, ö right in every character set
    truth = export.truth
    for year in (0, -1):
        assert year_sum(sie, year) == 0
        assert year_result(sie, year) == truth.arets_resultat(year)
    # a second reading that shares no code with the parser
    sums = independent_sums(export.path)
    assert -sums[("RES", 0)] == truth.arets_resultat(0)
    rows = {r.number: r for r in saldobalans_rows(sie)}
    for account in ACCOUNTS:
        if account not in rows:  # a row that is 0 in every column is left out of the sheet
            assert not any(truth.closing[y].get(account) or truth.result[y].get(account) for y in (0, -1)), account
        elif account < 3000:
            assert rows[account].amount == truth.closing[0].get(account, Decimal(0)), account
            assert rows[account].prior == truth.closing[-1].get(account, Decimal(0)), account
            assert rows[account].opening_prior == truth.opening[-1].get(account, Decimal(0)), account
        elif account in truth.result[0] or account in truth.result[-1]:
            assert rows[account].amount == truth.result[0].get(account, Decimal(0)), account
            assert rows[account].prior == truth.result[-1].get(account, Decimal(0)), account


def test_importera_then_bygg_gives_the_ledgers_result_and_assets(tmp_path):
    export = write_export(tmp_path, "bokslut.se", "pc8-tabb-ksumma")
    folder = tmp_path / "2019"
    r = run_cli("importera", export.path, folder)
    assert r.exit_code == 0, r.output
    t = export.truth
    used = {a for y in (0, -1) for values in (t.closing[y], t.result[y]) for a, v in values.items() if v}
    assert f"Saldobalans: {len(used)} konton från SIE-filen; {len(used)} tillkom" in r.stdout
    built = report_files(folder)  # what bygg writes, without the PDF layout
    assert built.json_bytes is not None, [f.render() for f in built.findings]  # bygg builds (no fel)
    figures = built.json["nyckeltal"]
    assert Decimal(figures["arets_resultat"]["varde"]) == export.truth.arets_resultat(0)
    assert Decimal(figures["summa_tillgangar"]["varde"]) == export.truth.summa_tillgangar(0)
    control = built.control_report_body()
    assert "Saldobalansen är importerad från SIE-filen bokslut.se (program Bokslutsverktyget 2019.3; exporterad 2020-02-14" in control
    # the new årsmapp took the ledger's name
    forbund = {r[0]: r[1] for r in openpyxl.load_workbook(folder / "indata.xlsx")["Förbund"].iter_rows(values_only=True)}
    assert "Samordningsförbundet Västra Ödmarken" in forbund.values()


def test_importing_twice_gives_a_byte_identical_workbook(tmp_path):
    export = write_export(tmp_path, "export.se", "utf8-som-pc8")
    folder = tmp_path / "2019"
    assert run_cli("importera", export.path, folder).exit_code == 0
    first = (folder / "indata.xlsx").read_bytes()
    again = run_cli("importera", export.path, folder)
    assert again.exit_code == 0, again.output
    assert "Inga ändringar" in again.stdout and "0 tillkom, 0 försvann, 0 ändrades" in again.stdout
    assert (folder / "indata.xlsx").read_bytes() == first
    assert not (folder / "indata-backup.xlsx").exists()


def test_broken_year_is_refused_and_nothing_is_written(tmp_path):
    export = write_export(tmp_path, "brutet.se", "pc8", broken_year=True)
    folder = tmp_path / "ny"
    r = run_cli("importera", export.path, folder)
    assert r.exit_code == 1
    line = export.line_of("#RAR", "0")
    assert f"[SIE-RAR-BRUTET] brutet.se, rad {line}: Räkenskapsåret i filen är 2019-07-01–2020-06-30, ett brutet räkenskapsår" in r.stdout
    assert "Inget skrevs" in r.stderr and not folder.exists()


def test_prior_result_not_booked_is_imported_as_it_is_with_amount_cause_and_line(tmp_path):
    export = write_export(tmp_path, "export.se", "latin1-som-pc8", book_prior_result=False)
    prior_result = export.truth.arets_resultat(-1)
    assert year_sum(read_sie(export.path)[0], 0) == prior_result  # the fault the file has
    folder = tmp_path / "2019"
    r = run_cli("importera", export.path, folder)
    assert r.exit_code == 0, r.output
    out = plain(r.stdout)
    shown = f"{prior_result:,.2f}".replace(",", " ").replace(".", ",").replace("-", "−")
    assert f"[SIE-BALANS] export.se, rad {export.line_of('#RAR', '0')}: Utgående balanser (#UB 0) och resultat (#RES 0) för 2019 summerar till {shown} kr" in out
    assert "föregående års resultat är inte bokfört mot eget kapital" in out
    rows = {r[0]: r[2] for r in openpyxl.load_workbook(folder / "indata.xlsx")["Saldobalans"].iter_rows(min_row=2, values_only=True)}
    assert Decimal(str(rows[EQUITY])) == export.truth.closing[0][EQUITY]  # faithfully, not "balanced"
    check = run_cli("kontrollera", folder)
    assert check.exit_code == 1 and "SB-BALANS" in check.stdout


def test_a_verification_that_does_not_lead_to_the_balance_names_account_and_line(tmp_path):
    export = write_export(tmp_path, "export.se", "utf8-som-pc8", drop_one_transaction=True)
    sie, found = read_and_check(export.path, 2019)
    (f,) = [f for f in found if f.id == "SIE-TRANS"]
    assert f.message.startswith("Konto 1930:")
    assert f.location.line == export.line_of("#UB", "0", "1930")


def test_ksumma_is_verified_and_one_changed_letter_is_caught(tmp_path):
    export = write_export(tmp_path, "export.se", "pc8-tabb-ksumma")
    sie, found = read_sie(export.path)
    assert sie.checksum_verified is True and "SIE-KSUMMA-OK" in ids(found)
    data = export.path.read_bytes()
    assert data.count("Förbundschef".encode("cp437")) > 1
    export.path.write_bytes(data.replace("Förbundschef".encode("cp437"), "Förbundschaf".encode("cp437"), 1))
    sie, found = read_sie(export.path)
    assert sie.checksum_verified is False
    assert [f.location.line for f in found if f.id == "SIE-KSUMMA"] == [len(export.lines)]


def test_the_crc_here_is_the_one_the_reader_computes(tmp_path):
    """The CRC of this module and the reader agree on each record kind with an object list, a
    quoted number and an escaped quote (so the KSUMMA test above tests the file, not a shared bug)."""
    export = write_export(tmp_path, "export.se", with_dialect("pc8-tabb-ksumma", objects=True, corrections=True, periods=True))
    sie, found = read_sie(export.path)
    assert sie.checksum_verified is True, [f.render() for f in found]


def test_a_first_year_without_the_year_before_is_said_and_imported_with_zeros(tmp_path):
    export = write_export(tmp_path, "forsta.se", "pc8", first_year=True)
    sie, found = read_and_check(export.path, 2019)
    assert ids(found) == ["SIE-RAR-FOREG"] and found[0].location.line == export.line_of("#RAR", "0")
    folder = tmp_path / "2019"
    r = run_cli("importera", export.path, folder)
    assert r.exit_code == 0, r.output
    rows = {r[0]: r[2:5] for r in openpyxl.load_workbook(folder / "indata.xlsx")["Saldobalans"].iter_rows(min_row=2, values_only=True)}
    assert Decimal(str(rows[1930][0])) == export.truth.closing[0][1930]
    assert all(not prior for _, prior, _ in rows.values())


def test_names_the_program_had_already_broken_are_named(tmp_path):
    export = write_export(tmp_path, "export.se", "utf8-som-pc8", names={4520: "K\ufffdp av tj\ufffdnst, f\ufffdrbundschef"})
    sie, found = read_sie(export.path)
    assert sie.encoding == "utf-8" and ids(found) == ["SIE-KODNING", "SIE-TECKEN-TRASIGA"]
    (f,) = [f for f in found if f.id == "SIE-TECKEN-TRASIGA"]
    assert f.location.line == export.line_of("#KONTO", "4520") and "K\ufffdp av tj\ufffdnst" in f.message
