"""The command line: Swedish help and errors, --version, exit codes 0/1/2, --json, -q."""

from __future__ import annotations

import re

import json

import pytest

from arsredovisning import __version__
from arsredovisning.cli import cli

from .builders import minimal_sheets, put, run_cli, run_subprocess, workbook

ENGLISH = ("Usage:", "Options:", "Commands:", "Arguments:", "Show this message", "Show the version", "[default", "INTEGER", "DIRECTORY", " PATH", " TEXT", "Error:")
ENGLISH_ERRORS = ("No such", "Missing argument", "Invalid value", "Got unexpected", "requires an argument", "Did you mean", "does not take", "is not a valid", "Try '")


COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("command", [[]] + [[c] for c in COMMANDS], ids=["arsredovisning"] + COMMANDS)
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_every_command_has_swedish_help(command, flag):
    result = run_cli(*command, flag)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Användning: arsredovisning")
    assert "Alternativ:" in result.stdout and "Visa den här hjälpen och avsluta." in result.stdout
    for english in ENGLISH:
        assert english not in result.output, (english, result.output)


def test_group_help_lists_the_commands():
    out = run_cli("--help").stdout
    assert "Kommandon:" in out
    for name in COMMANDS:
        assert f"  {name} " in out
    assert {"ny", "kontrollera", "bygg"} <= set(COMMANDS)


def test_version():
    for flag in ("--version", "-V"):
        result = run_cli(flag)
        assert (result.exit_code, result.stdout.strip()) == (0, f"arsredovisning {__version__}")


def test_bare_command_shows_help_not_an_error():
    result = run_cli()
    assert result.exit_code == 2
    assert "Användning: arsredovisning" in result.output and "Kommandon:" in result.output
    assert "Fel:" not in result.output


@pytest.mark.parametrize(
    "args, swedish",
    [
        (["kontrollera"], "Argumentet MAPP saknas."),
        (["kontrollera", "--jsn", "x"], "Okänt alternativ: --jsn. Menade du --json?"),
        (["kontrollera", "--bad", "x"], "Okänt alternativ: --bad."),
        (["visa", "x"], "Okänt kommando ”visa”. Kommandon: ny, kontrollera, bygg, jamfor, importera, lagesrapport, granska."),
        (["ny", "x", "--ar", "tjugosexton"], "Ogiltigt värde för --ar: ”tjugosexton” är inget heltal."),
        (["kontrollera", "a", "b"], "Oväntade argument: b"),
        (["bygg", "x", "-o"], "Alternativet -o kräver ett värde."),
        (["kontrollera", "--json=ja", "x"], "Alternativet --json tar inget värde."),
    ],
    ids=["missing argument", "misspelt option", "unknown option", "unknown command", "bad integer", "extra argument", "option without value", "flag with value"],
)
def test_usage_errors_are_swedish_with_exit_2(args, swedish):
    result = run_cli(*args)
    assert result.exit_code == 2, result.output
    assert f"Fel: {swedish}" in result.stderr, result.stderr
    assert "--help” för hjälp." in result.stderr or "Okänt kommando" in result.stderr
    for english in ENGLISH + ENGLISH_ERRORS:
        assert english not in result.output, (english, result.output)


def test_ny_path_is_a_file(tmp_path):
    (tmp_path / "fil").write_text("x")
    result = run_cli("ny", tmp_path / "fil")
    assert result.exit_code == 2
    assert "är en fil, inte en mapp" in result.stderr and "Invalid" not in result.stderr


def test_ny_writes_a_folder_and_never_overwrites(tmp_path):
    folder = tmp_path / "2016"
    result = run_cli("ny", folder, "--ar", 2016)
    assert result.exit_code == 0, result.output
    assert (folder / "indata.xlsx").is_file() and (folder / "texter" / "presidiet.md").is_file()
    assert f"arsredovisning kontrollera {folder}" in result.stdout
    before = (folder / "indata.xlsx").read_bytes()
    again = run_cli("ny", folder)
    assert again.exit_code == 1
    assert "finns redan" in again.stderr and "skrivs aldrig över" in again.stderr
    assert (folder / "indata.xlsx").read_bytes() == before


def test_ny_takes_the_year_from_a_folder_named_by_it_and_says_so(tmp_path):
    import openpyxl

    def year_of(folder):
        rows = openpyxl.load_workbook(folder / "indata.xlsx")["Förbund"].iter_rows(min_row=2, values_only=True)
        return next(r[1] for r in rows if r[0] == "Räkenskapsår")

    named = run_cli("ny", tmp_path / "arsmappar" / "2026")
    assert named.exit_code == 0, named.output
    assert year_of(tmp_path / "arsmappar" / "2026") == 2026
    assert "Räkenskapsår 2026, efter mappens namn" in named.stdout
    chosen = run_cli("ny", tmp_path / "2030", "--ar", 2029)  # --ar wins
    assert year_of(tmp_path / "2030") == 2029 and "Räkenskapsår 2029 (--ar)" in chosen.stdout
    other = run_cli("ny", tmp_path / "utkast")
    assert "förra året, eftersom mappens namn inte är ett årtal" in other.stdout


def test_kontrollera_on_good_input_exits_0(tmp_path):
    result = run_cli("kontrollera", workbook(tmp_path, minimal_sheets()))
    assert result.exit_code == 0, result.output
    assert "Sammanfattning: 0 fel" in result.stdout
    assert "steget.md" in result.stdout  # expected text file per insats


def test_kontrollera_on_a_new_folder_exits_0(tmp_path):
    run_cli("ny", tmp_path / "ny", "--ar", 2016)
    result = run_cli("kontrollera", tmp_path / "ny")
    assert result.exit_code == 0, result.output


def test_json_lists_the_findings(tmp_path):
    sheets = minimal_sheets()
    put(sheets, "Saldobalans", "C3", "ca 5000")
    put(sheets, "Saldobalans", "D5", "1 234,50")  # info
    result = run_cli("kontrollera", "--json", workbook(tmp_path, sheets))
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["antal"]["fel"] == 1
    infos = {f["id"] for f in report["fynd"] if f["niva"] == "info"}
    assert {"CELL-TAL-SOM-TEXT", "KONTROLL-EJ-GJORD"} <= infos  # the avstämningar reading C3 say they were not made
    assert report["nyckeltal"] == {}  # figures from a partly read Saldobalans would mislead
    [error] = [f for f in report["fynd"] if f["niva"] == "fel"]
    assert error["id"] == "CELL-TAL"
    assert error["plats"] == {"fil": "indata.xlsx", "blad": "Saldobalans", "cell": "C3", "rad": None, "text": "indata.xlsx › Saldobalans › C3"}
    assert "”ca 5000” är inte ett belopp" in error["meddelande"]
    assert report["arsmapp"].endswith("arsmapp")


def test_json_on_good_input(tmp_path):
    result = run_cli("kontrollera", "--json", workbook(tmp_path, minimal_sheets()))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["antal"]["fel"] == 0
    assert isinstance(report["fynd"], list) and isinstance(report["nyckeltal"], dict)


def test_quiet_hides_info(tmp_path):
    sheets = minimal_sheets()
    put(sheets, "Saldobalans", "C3", "ca 5000")
    put(sheets, "Saldobalans", "D5", "1 234,50")
    folder = workbook(tmp_path, sheets)
    loud, quiet = run_cli("kontrollera", folder), run_cli("kontrollera", "-q", folder)
    assert "CELL-TAL-SOM-TEXT" in loud.stdout and re.search(r"Info \(\d+\)", loud.stdout)
    assert "CELL-TAL-SOM-TEXT" not in quiet.stdout and "CELL-TAL]" in quiet.stdout
    assert loud.exit_code == quiet.exit_code == 1


def test_findings_are_grouped_by_level_in_cell_order(tmp_path):
    sheets = minimal_sheets()
    put(sheets, "Saldobalans", "C10", "x")
    put(sheets, "Saldobalans", "A10", 1999)
    put(sheets, "Saldobalans", "B10", "Kassa")
    put(sheets, "Saldobalans", "C9", "y")
    put(sheets, "Saldobalans", "A9", 1998)
    put(sheets, "Saldobalans", "B9", "Kassa")
    out = run_cli("kontrollera", workbook(tmp_path, sheets)).stdout
    assert out.index("Fel (2)") < out.index("Saldobalans › C9") < out.index("Saldobalans › C10")


def test_internal_error_is_reported_without_traceback(tmp_path, monkeypatch):
    import arsredovisning.pipeline as pipeline

    def boom(*args, **kwargs):
        raise RuntimeError("oj")

    monkeypatch.setattr(pipeline, "run_checks", boom)
    result = run_cli("kontrollera", tmp_path)
    assert result.exit_code == 3
    assert "Internt fel i arsredovisning (RuntimeError: oj)" in result.stderr
    assert "Traceback" not in result.output


def test_real_entry_point_subprocess():
    result = run_subprocess("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"arsredovisning {__version__}")
    result = run_subprocess("kontrollera")
    assert result.returncode == 2 and "Fel: Argumentet MAPP saknas." in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors_name_the_option_cleanly(tmp_path):
    (tmp_path / "fil").write_text("x")
    result = run_cli("bygg", "-o", tmp_path / "fil", tmp_path)
    assert result.exit_code == 2
    assert "Ogiltigt värde för -o/--ut:" in result.stderr and "'" not in result.stderr.split("Fel:")[1].split(":")[0]


def test_bygg_help_documents_the_default_output_folder():
    result = run_cli("bygg", "--help")
    assert "output/ i den mapp du står i" in result.stdout


def test_granska_refuses_a_missing_folder_and_a_taken_port(tmp_path):
    result = run_cli("granska", str(tmp_path / "saknas"), "--ingen-webblasare")
    assert result.exit_code == 2 and "årsmappen" in result.stderr
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run_cli("granska", str(tmp_path), "--ingen-webblasare", "--port", str(port))
    assert result.exit_code == 1 and f"porten {port}" in result.stderr, result.stderr
