"""The SIE reader and its checks: real exports from eight programs where they are on the machine
(``tests/sie_builders.REAL``), and small files written here for every bad case and every character
set. Whole exports in the programs' dialects are in ``tests/test_sie_exports.py``."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal

import pytest

from arsredovisning.sie.checks import check_sie
from arsredovisning.sie.fields import ObjectList, amount, split_line
from arsredovisning.sie.reader import MAX_BYTES, read_sie
from arsredovisning.sie.saldobalans import saldobalans_rows, year_result, year_sum

from .conftest import ROOT
from .sie_builders import BODY, HEADER, REAL, ids, independent_sums, plain, read_and_check, real, sie_file


# --------------------------------------------------------------------------------------------
# Real exports
# --------------------------------------------------------------------------------------------

# name: (program, #RAR 0 start, an account with Swedish letters, the findings)
EXPECTED = {
    "mamut_enterprise_2010.se": ("Mamut Enterprise", "2010-01-01", (1060, "Hyresrätt"), ["SIE-IB-UB"]),
    "specter_2011.se": ("Specter Business Management", "2011-01-01", (1060, "Hyresrätter"), ["SIE-BALANS"]),
    "edison_2012.se": ("Edison Ekonomi Byrå", "2012-01-01", (1060, "Hyresrätter, tomträtter, etc"), []),
    "magenta_2011.se": ("Magenta Bokföring", "2011-01-01", (351, "Förs varor inom Sverige, oredu"), []),
    "avendo_2011.se": ("Avendo", "2011-01-01", (1050, "Varumärken"), ["SIE-BALANS"]),
    "avendo_2011_bad_balance.se": ("Avendo", "2011-01-01", (1050, "Varumärken"), ["SIE-BALANS", "SIE-TRANS"]),
    "briljant_2008.se": ("BRILJANT EKONOMISYSTEM", "2008-01-01", (1630, "Avräkn skatter o avgifter"), ["SIE-RAR-FOREG"]),
    "norstedts_bokslut_2009_2010.se": ("Norstedts Bokslut", "2009-07-01", (1060, "Hyresrätter"), ["SIE-KSUMMA-OK", "SIE-RAR-BRUTET"]),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_export(name):
    path = real(name)
    program, start, (account, swedish), findings = EXPECTED[name]
    sie, found = read_and_check(path)
    assert sie.program == program == REAL[name][1]
    assert sie.years[0].start.isoformat() == start
    assert sie.accounts[account].name == swedish
    assert ids(found) == findings
    if "SIE-RAR-BRUTET" in findings:
        return
    sums = independent_sums(path)
    for year in (0, -1):
        assert year_sum(sie, year) == sums.get(("UB", year), 0) + sums.get(("RES", year), 0)
        assert year_result(sie, year) == -sums.get(("RES", year), 0)


def test_at_least_five_real_exports_from_four_programs():
    programs = {EXPECTED[n][0] for n in EXPECTED}
    assert len(EXPECTED) >= 5 and len(programs) >= 4


def test_specter_says_the_prior_result_is_not_booked():
    sie, found = read_and_check(real("specter_2011.se"))
    (f,) = [f for f in found if f.id == "SIE-BALANS"]
    assert "63 532,92" in plain(f.message) and "föregående års resultat är inte bokfört mot eget kapital" in plain(f.message)
    assert str(f.location) == "specter_2011.se, rad 12"  # the #RAR 0 line


def test_avendo_bad_balance_names_the_account_and_line():
    sie, found = read_and_check(real("avendo_2011_bad_balance.se"))
    (f,) = [f for f in found if f.id == "SIE-TRANS"]
    assert f.message.startswith("Konto 1910:") and "12 771 kr" in plain(f.message)
    assert f.location.line == 1754


def test_ksumma_of_a_real_file_is_verified_and_a_changed_byte_is_caught(tmp_path):
    data = real("norstedts_bokslut_2009_2010.se").read_bytes()
    sie, found = read_sie(real("norstedts_bokslut_2009_2010.se"))
    assert sie.checksum_verified is True
    changed = tmp_path / "changed.se"
    changed.write_bytes(data.replace(b'#KONTO\t1010\t"Balanserade utgifter"', b'#KONTO\t1010\t"Balanserade utgiftar"'))
    sie, found = read_sie(changed)
    assert "SIE-KSUMMA" in ids(found) and sie.checksum_verified is False
    assert [f.location.line for f in found if f.id == "SIE-KSUMMA"] == [1819]


def test_utf8_export_mislabelled_pc8_is_read_as_utf8():
    sie, found = read_sie(real("visma_administration_2021.se"))
    assert sie.encoding == "utf-8"
    assert ids(found) == ["SIE-KODNING", "SIE-TECKEN-TRASIGA"]  # the file's names already hold U+FFFD


# --------------------------------------------------------------------------------------------
# Fields
# --------------------------------------------------------------------------------------------


def test_fields_quotes_escapes_and_object_lists():
    r = split_line('#TRANS\t1930 {1 "Syd 2" 6 "P"}  -1234.50 20160105 "Faktura \\"A\\" 12"', 7)
    assert r.label == "#TRANS" and r.line == 7
    assert r.fields == ("1930", ObjectList(("1", "Syd 2", "6", "P")), "-1234.50", "20160105", 'Faktura "A" 12')
    assert split_line("   ", 1) is None
    assert split_line('#KONTO 1930 "Bank', 2).unterminated


@pytest.mark.parametrize("text, value", [("-1234.50", Decimal("-1234.50")), ("17240", Decimal("17240.00")), ("17240.000", Decimal("17240.00")),
                                         (".5", Decimal("0.50")), ("12,50", None), ("1.234", None), ("ca 5", None), ("", None)])
def test_amounts(text, value):
    assert amount(text) == value


# --------------------------------------------------------------------------------------------
# Generated files: a good one, every encoding, every bad case
# --------------------------------------------------------------------------------------------


def test_a_small_balanced_file(tmp_path):
    sie, found = read_and_check(sie_file(tmp_path), 2016)
    assert ids(found) == []
    rows = {r.number: r for r in saldobalans_rows(sie)}
    assert (rows[1930].amount, rows[1930].prior, rows[1930].opening_prior) == (Decimal("1200.00"), Decimal("1000.00"), Decimal("800.00"))
    assert (rows[3010].amount, rows[3010].prior, rows[3010].opening_prior) == (Decimal("-600.00"), Decimal("-500.00"), None)
    assert rows[2440].opening_prior == Decimal("0.00")  # year −1 exists, no #IB -1: 0
    assert rows[1930].name == "Bank, förbundets konto"


@pytest.mark.parametrize("encoding, label", [("cp437", "PC8"), ("utf-8", "PC8"), ("utf-8-sig", "PC8"), ("iso-8859-1", "PC8"), ("iso-8859-15", "PC8"), ("cp1252", "PC8")])
def test_swedish_letters_right_in_every_encoding(tmp_path, encoding, label):
    text = (HEADER + BODY).replace("#FORMAT PC8", f"#FORMAT {label}").replace("Leverantörsskulder", "Leverantörsskulder ÅÄÖ åäö é")
    sie, found = read_sie(sie_file(tmp_path, text, encoding))
    assert sie.accounts[2440].name == "Leverantörsskulder ÅÄÖ åäö é"
    assert sie.accounts[3010].name == "Medlemsbidrag från Försäkringskassan"
    assert ("SIE-KODNING" in ids(found)) == (encoding != "cp437")


def bad(tmp_path, old, new, year=2016):
    text = HEADER + BODY
    assert old in text
    return read_sie(sie_file(tmp_path, text.replace(old, new)))


def test_unbalanced_year_says_amount_cause_and_line(tmp_path):
    sie, found = bad(tmp_path, "#UB 0 1930 1200.00", "#UB 0 1930 1212.50")
    found += check_sie(sie, 2016)
    (f,) = [f for f in found if f.id == "SIE-BALANS"]
    assert "12,50 kr" in plain(f.message) and "Troligen saknas en verifikation" in plain(f.message)
    assert str(f.location) == "export.se, rad 7"


def test_prior_result_not_booked_is_named(tmp_path):
    text = (HEADER + BODY).replace("#UB 0 2010 -1000.00", "#UB 0 2010 -800.00").replace("#IB 0 2010 -1000.00", "#IB 0 2010 -800.00")
    sie, found = read_sie(sie_file(tmp_path, text))
    (f,) = [f for f in check_sie(sie, 2016) if f.id == "SIE-BALANS"]
    assert "200 kr" in plain(f.message) and "inte bokfört mot eget kapital" in plain(f.message) and "exportera filen igen" in plain(f.message)


def test_broken_year_is_refused(tmp_path):
    sie, found = bad(tmp_path, "#RAR 0 20160101 20161231", "#RAR 0 20160701 20170630")
    found = check_sie(sie, None)
    assert ids(found) == ["SIE-RAR-BRUTET"] and "brutet räkenskapsår" in plain(found[0].message) and found[0].location.line == 7


def test_year_other_than_rakenskapsar_is_refused(tmp_path):
    sie, _ = read_sie(sie_file(tmp_path))
    (f,) = check_sie(sie, 2017)
    assert f.id == "SIE-RAR-AR" and "2016" in plain(f.message) and "2017" in plain(f.message)


@pytest.mark.parametrize("old, new, finding, line", [
    ("#UB 0 1930 1200.00", "#UB 0 1930 1 200,00", "SIE-BELOPP", 22),
    ("#UB 0 1930 1200.00", "#UB 0 1930 12x", "SIE-BELOPP", 22),
    ("#KONTO 2440 \"Leverantörsskulder\"", "#KONTO 1930 \"Bank igen\"", "SIE-KONTO-DUBBEL", 10),
    ("#UB 0 2440 -50.00", "#UB 0 1930 -50.00", "SIE-SALDO-DUBBEL", 23),
    ("#RAR 0 20160101 20161231\n", "", "SIE-RAR-SAKNAS", None),
    ("#RAR 0 20160101 20161231", "#RAR 0 2016-01-01 20161231", "SIE-DATUM", 7),
    ("#UB 0 2440 -50.00", "#UB 0 2440 -50.00\n#UB 0 2441 0.00", None, None),
])
def test_bad_records(tmp_path, old, new, finding, line):
    sie, found = bad(tmp_path, old, new)
    if finding is None:
        assert ids(found) == []
        return
    assert finding in ids(found)
    f = next(f for f in found if f.id == finding)
    assert f.location.line == line and f.location.file == "export.se"


def test_unknown_account_in_balances(tmp_path):
    text = (HEADER + BODY).replace("#KONTO 2440 \"Leverantörsskulder\"\n", "")
    sie, found = read_sie(sie_file(tmp_path, text))
    (f,) = check_sie(sie, 2016)
    assert f.id == "SIE-KONTO-OKAND" and f.location.line == 22
    assert {r.number: r.name for r in saldobalans_rows(sie)}[2440] == "Konto 2440"


def test_opening_balance_differs_from_prior_closing(tmp_path):
    sie, found = bad(tmp_path, "#IB 0 1930 1000.00", "#IB 0 1930 1010.00")
    f = [f for f in check_sie(sie, 2016) if f.id == "SIE-IB-UB"]
    assert [x.location.line for x in f] == [20, 21]  # the total is no longer the prior result: equity too and "1 010 kr" in plain(f[0].message)


def test_transactions_must_lead_from_ib_to_ub(tmp_path):
    ver = '#VER A 1 20160110 "Bidrag"\n{\n#TRANS 1930 {} 600.00\n#TRANS 3010 {} -600.00\n}\n#VER A 2 20160120 "Insats"\n{\n#TRANS 4510 {} 450.00\n#TRANS 1930 {} -400.00\n#TRANS 2440 {} -50.00\n}\n'
    sie, found = read_and_check(sie_file(tmp_path, HEADER + BODY + ver), 2016)
    assert ids(found) == []
    sie, found = read_and_check(sie_file(tmp_path, HEADER + BODY + ver.replace("-400.00", "-390.00").replace("450.00", "440.00")), 2016)
    assert [(f.id, f.location.line) for f in found] == [("SIE-TRANS", 22), ("SIE-TRANS", 26)]


@pytest.mark.parametrize("tail", ['#VER A 1 20160110 "Bidrag"\n{\n#TRANS 1930 {} 600.00\n', '#KONTO 9999 "Avbr', '#TRANS 1930 {1 "Syd"'])
def test_truncated_files(tmp_path, tail):
    sie, found = read_sie(sie_file(tmp_path, HEADER + BODY + tail))
    assert "SIE-AVBRUTEN" in ids(found)


def test_truncated_after_ksumma_start(tmp_path):
    text = HEADER.replace("#FLAGGA 0\n", "#FLAGGA 0\n#KSUMMA\n") + BODY
    sie, found = read_sie(sie_file(tmp_path, text))
    assert "SIE-AVBRUTEN" in ids(found)


def test_not_a_sie_file_and_verifications_only(tmp_path):
    assert ids(read_sie(sie_file(tmp_path, "Konto;Belopp\n1930;100\n"))[1]) == ["SIE-INTE-SIE"]
    only_ver = HEADER.replace("#SIETYP 4", "#SIETYP 4I") + '#VER A 1 20160110 ""\n{\n#TRANS 1930 {} 1.00\n#TRANS 3010 {} -1.00\n}\n'
    assert "SIE-TYP" in ids(read_sie(sie_file(tmp_path, only_ver))[1])
    sie, found = read_sie(sie_file(tmp_path, HEADER + '#KONTO 1930 "Bank"\n'))
    assert ids(check_sie(sie, 2016)) == ["SIE-SALDON-SAKNAS"]
    assert ids(read_sie(tmp_path / "saknas.se")[1]) == ["SIE-FIL-SAKNAS"]


# --------------------------------------------------------------------------------------------
# Size limits
# --------------------------------------------------------------------------------------------


def test_a_500_mb_file_is_refused_at_once_without_reading_it(tmp_path, monkeypatch):
    from arsredovisning.sie import reader

    path = tmp_path / "stor.se"
    with path.open("wb") as fh:  # sparse: 500 MB on paper, nothing on disk
        fh.truncate(500 * 1024 * 1024)

    def no_reading(*args):
        raise AssertionError("the file was read")

    monkeypatch.setattr(reader, "_survey", no_reading)  # the first reading of the file's bytes
    sie, found = read_sie(path)
    assert sie is None and ids(found) == ["SIE-FOR-STOR"]
    assert "100 MB" in plain(found[0].message) and "524 MB" in plain(found[0].message)


def test_a_long_line_is_refused(tmp_path):
    path = sie_file(tmp_path, HEADER + "#PROSA " + "x" * 200_000 + "\n" + BODY)
    sie, found = read_sie(path)
    assert sie is None and ids(found) == ["SIE-FOR-STOR"] and found[0].location.line == 9


CHILD = """
import resource, sys
from arsredovisning.sie.reader import read_sie
if sys.argv[1] != "-":
    sie, found = read_sie(sys.argv[1])
    assert not found and sie.transaction_count == int(sys.argv[2]), [f.render() for f in found]
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def test_many_verifications_stream_in_little_memory(tmp_path):
    """6 MB of #TRANS (a quarter of a million rows) read in a child process: its peak memory grows by far
    less than the file's size over a child that only imports the reader."""
    path = tmp_path / "manga.se"
    rows = 250_000
    ver = '#VER A 1 20160110 "x"\n{\n' + "#TRANS 1930 {} 1.00\n#TRANS 3010 {} -1.00\n" * 100 + "}\n"
    with path.open("w", encoding="cp437") as fh:
        fh.write(HEADER.replace("#RAR -1 20150101 20151231\n", "") + '#KONTO 1930 "Bank"\n#KONTO 3010 "Bidrag"\n')
        fh.write(f"#IB 0 1930 0.00\n#UB 0 1930 {rows // 2}.00\n#RES 0 3010 -{rows // 2}.00\n")
        for _ in range(rows // 200):
            fh.write(ver)
    assert os.path.getsize(path) > 5_000_000

    def peak_kb(*args) -> int:
        proc = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 0, proc.stderr
        return int(proc.stdout)

    grown = peak_kb(str(path), str(rows)) - peak_kb("-")
    assert grown < 2_500, f"{grown} kB for a {os.path.getsize(path) // 1000} kB file"
    assert MAX_BYTES == 100 * 1_000_000
