"""``arsredovisning jamfor``: a changed account and a changed insats show exactly their figures."""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal

import openpyxl
import pytest
from click.testing import CliRunner

from arsredovisning.cli import cli
from arsredovisning.compare import compare_paths
from arsredovisning.export.json_export import write_json
from arsredovisning.load.stamp import stamp
from arsredovisning.pipeline import run_checks

from .conftest import EXAMPLE

RR, BR, KF = "resultatrakning", "balansrakning", "kassaflodesanalys"

# Konto 4510 Projektmedel +1 000 kr (a cost) and insats IPS Utfall +500 kr, in 2016.
EXPECTED = {
    # the account, through the statements …
    ("rakning", RR, "verksamhetens_kostnader", 2016),
    ("rakning", RR, "verksamhetens_nettokostnader", 2016),
    ("rakning", RR, "resultat_efter_finansiella_poster", 2016),
    ("rakning", RR, "arets_resultat", 2016),
    ("rakning", BR, "eget_kapital", 2016),
    ("rakning", BR, "darav_arets_resultat", 2016),
    ("rakning", BR, "summa_eget_kapital_avsattningar_och_skulder", 2016),
    ("rakning", KF, "arets_resultat", 2016),
    ("rakning", KF, "medel_fore_rorelsekapital", 2016),
    ("rakning", KF, "kassaflode_lopande", 2016),
    ("rakning", KF, "arets_kassaflode", 2016),
    ("rakning", KF, "likvida_medel_ub", 2016),
    # … its notes …
    ("not", "verksamhetens_kostnader", "Projektmedel", 2016),
    ("not", "verksamhetens_kostnader", "Summa", 2016),
    ("not", "eget_kapital", "Årets resultat", 2016),
    ("not", "eget_kapital", "Summa", 2016),
    # … the named figures of the texts …
    ("nyckeltal", "arets_resultat"),
    ("nyckeltal", "verksamhetens_kostnader"),
    ("nyckeltal", "verksamhetens_nettokostnader"),
    ("nyckeltal", "eget_kapital"),
    ("nyckeltal", "arets_kassaflode"),
    ("nyckeltal", "eget_kapital_andel_av_medlemsbidrag"),
    # … Året i korthet and the balanskravsutredning as printed (issue 23: everything a reader sees) …
    ("korthet", "Verksamhetens kostnader", 2016),
    ("korthet", "Årets resultat", 2016),
    ("korthet", "Eget kapital vid årets slut", 2016),
    ("korthet", "Kostnad per deltagare, individinriktade insatser", 2016),
    ("balanskrav", "arets_resultat"),
    ("balanskrav", "resultat_efter_balanskravsjusteringar"),
    ("balanskrav", "balanskravsresultat"),
    # … and the avstämningar it breaks (the saldobalans no longer balances).
    ("avstamning", "SB-BALANS", "Saldobalansen balanserar, kolumn Belopp (2016)", "vanster"),
    ("avstamning", "SB-BALANS", "Saldobalansen balanserar, kolumn Belopp (2016)", "skillnad"),
    ("avstamning", "BR-BALANS", "Balansräkningen balanserar 2016-12-31", "hoger"),
    ("avstamning", "BR-BALANS", "Balansräkningen balanserar 2016-12-31", "skillnad"),
    ("avstamning", "KF-LIKVIDA", "Likvida medel vid årets slut 2016: kassaflödesanalys = balansräkning", "vanster"),
    ("avstamning", "KF-LIKVIDA", "Likvida medel vid årets slut 2016: kassaflödesanalys = balansräkning", "skillnad"),
    ("avstamning", "INS-PROJEKTMEDEL", "Insatsernas utfall = kostnader på insatskontona", "hoger"),
    ("avstamning", "INS-PROJEKTMEDEL", "Insatsernas utfall = kostnader på insatskontona", "skillnad"),
    # issue 13's avstämningar of the statements against each other and their notes (both sides move)
    *(("avstamning", check, what, side) for check, what in (
        ("RR-BR-RESULTAT", "Årets resultat 2016: resultaträkning = balansräkning (därav årets resultat)"),
        ("NOT-SUMMA", "Not 2 Verksamhetens kostnader 2016: summa = resultaträkningens rad"),
        ("NOT-SUMMA", "Not 7 Eget kapital 2016: summa = balansräkningens rad"),
    ) for side in ("vanster", "hoger")),
    # The insats: its Bilaga 1 page, Tabell 3 and 8 with their totals, the key figure, the avstämning.
    ("insats", "IPS", "utfall"),
    ("insats", "IPS", "avvikelse"),
    ("insats", "IPS", "kostnad_per_deltagare"),
    ("tabell", "t3", "IPS", "actual"),
    ("tabell", "t3", "IPS", "variance"),
    ("tabell", "t3", "Totalt", "actual"),
    ("tabell", "t3", "Totalt", "variance"),
    ("tabell", "t8", "IPS", "actual"),
    ("tabell", "t8", "IPS", "cost_per_participant"),
    ("tabell", "t8", "Totalt", "actual"),
    ("nyckeltal", "insatsernas_utfall"),
    ("avstamning", "INS-PROJEKTMEDEL", "Insatsernas utfall = kostnader på insatskontona", "vanster"),
}


def _edit(folder, sheet, key, column, delta):
    path = folder / "indata.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    col = header.index(column)
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == key)
    row[col].value += delta
    wb.save(path)


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("jamfor") / "2016"
    shutil.copytree(EXAMPLE, folder)
    _edit(folder, "Saldobalans", 4510, "Belopp", 1000)
    _edit(folder, "Insatser", "IPS", "Utfall", 500)
    return folder


@pytest.fixture(scope="module")
def comparison(changed):
    return compare_paths(EXAMPLE, changed)


def test_exactly_the_changed_figures_and_their_dependants(comparison):
    assert {c.key for c in comparison.changes} == EXPECTED


def test_before_after_and_difference(comparison):
    by_key = {c.key: c for c in comparison.changes}
    projekt = by_key[("not", "verksamhetens_kostnader", "Projektmedel", 2016)]
    assert (projekt.before, projekt.after, projekt.difference) == (Decimal("-5091880.00"), Decimal("-5092880.00"), Decimal("-1000.00"))
    ips = by_key[("tabell", "t3", "IPS", "actual")]
    assert (ips.section, ips.line, ips.difference) == (
        "Tabell 3: Budget och utfall för de individinriktade insatserna under perioden januari–december 2016.",
        "IPS, Utfall kostnader",
        Decimal("500.00"),
    )


def test_findings_that_appeared_and_disappeared(comparison):
    appeared = {(f["id"], f["niva"]) for f in comparison.appeared}
    assert ("SB-BALANS", "fel") in appeared and ("BR-BALANS", "fel") in appeared
    # A finding whose figures changed is one "ändrat" pair, not one new and one vanished finding.
    [(old, new)] = [pair for pair in comparison.changed_findings if pair[0]["id"] == "INS-PROJEKTMEDEL"]
    assert "271" in old["meddelande"] and "−229" in new["meddelande"]
    assert "INS-PROJEKTMEDEL" not in {f["id"] for f in comparison.appeared + comparison.disappeared}
    assert all(f["id"] != "SB-BALANS" or "1\u202f000" in f["meddelande"] for f in comparison.appeared)


def test_cli_table_in_swedish(changed):
    result = CliRunner().invoke(cli, ["jamfor", str(EXAMPLE), str(changed)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"Ändrade tal ({len(EXPECTED)})" in out
    assert "Avsnitt" in out and "Före" in out and "Efter" in out and "Skillnad" in out
    # Projektmedel: Swedish grouping (narrow no-break space) and a true minus sign.
    assert re.search("Projektmedel, 2016 +\u22125\u202f091\u202f880 +\u22125\u202f092\u202f880 +\u22121\u202f000\n", out)
    assert "Nya fynd (" in out and "[SB-BALANS] fel:" in out
    assert "Ändrade fynd (" in out and "[INS-PROJEKTMEDEL] ändrat" in out
    # The changed input cells come first: sheet › cell, before → after.
    assert out.index("Ändrade celler i indata (2)") < out.index("Ändrade tal (")
    assert re.search("  Saldobalans › C\\d+: \u22125\u202f091\u202f880 → \u22125\u202f092\u202f880\n", out) or "Saldobalans › C" in out
    assert "  Insatser › " in out
    # Long labels wrap instead of being cut: no "…", and the year of every statement row is shown.
    assert "…" not in out.split("Ändrade tal")[1].split("Ändrade fynd")[0]


def test_cli_json_against_a_json_export(changed, tmp_path):
    before = run_checks(EXAMPLE)
    exported = write_json(before.report, before.findings, stamp(EXAMPLE), tmp_path)
    result = CliRunner().invoke(cli, ["jamfor", str(exported), str(changed), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert {tuple(c["nyckel"]) for c in doc["andrade_tal"]} == EXPECTED
    row = next(c for c in doc["andrade_tal"] if c["nyckel"] == ["insats", "IPS", "utfall"])
    assert (row["fore"], row["efter"], row["skillnad"]) == ("402000.00", "402500.00", "500.00")
    assert doc["fore"]["kontrollsumma"] == stamp(EXAMPLE).checksum


def test_same_folder_has_no_changes():
    result = CliRunner().invoke(cli, ["jamfor", str(EXAMPLE), str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "Inga tal har ändrats." in result.output and "samma kontrollsumma" in result.output


def test_unreadable_side_is_a_swedish_error(tmp_path):
    bad = tmp_path / "trasig.json"
    bad.write_text("{inte json", encoding="utf-8")
    foreign = tmp_path / "annan.json"
    foreign.write_text('{"version": 1}', encoding="utf-8")
    truncated = tmp_path / "avkortad.json"
    truncated.write_text('{"schema_version": "1.0", "rakningar": {"resultatrakning": {"ar": [2016]}}}', encoding="utf-8")
    for args in ([str(tmp_path / "saknas"), str(EXAMPLE)], [str(bad), str(EXAMPLE)], [str(EXAMPLE), str(foreign)],
                 [str(truncated), str(EXAMPLE)]):
        result = CliRunner().invoke(cli, ["jamfor", *args])
        assert result.exit_code == 1
        assert "Traceback" not in result.output
        assert result.output.startswith("Fel: ") and ("årsmapp" in result.output or "bygg" in result.output)


def test_a_folder_that_cannot_be_computed_compares_findings_only(tmp_path):
    broken = tmp_path / "tom"
    broken.mkdir()
    comparison = compare_paths(broken, EXAMPLE)
    assert comparison.changes == []
    assert any("kunde inte beräknas" in r for r in comparison.remarks)
    assert [f["id"] for f in comparison.disappeared] == ["FIL-SAKNAS"]
