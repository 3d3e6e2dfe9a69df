"""Issue 18's round, from scratch: a workbook made with ``ny``, filled as an invented förbund (three
kommuner, four insatser, twenty accounts) with five ordinary mistakes. The first ``kontrollera``
lists every root cause, the consequences follow their cause and name it, no message advises
changing a correct figure, and fixing the five gives 0 fel in one more round.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from arsredovisning.files import manifest_name, staging_folder
from arsredovisning.scaffold import write_new_folder
from tests.builders import run_cli

YEAR = 2024

FORBUND = [
    ("Namn", "Samordningsförbundet Norrdal"),
    ("Organisationsnummer", "222000-2600"),
    ("Räkenskapsår", YEAR),
    ("Ort", "Björkby"),
    ("Medlemsbidrag totalt", 4_000_000),
    ("Belopp i", "kr"),
    ("Insatskonton", "4510"),
    ("Ställda panter", 0),  # LKBR 9 kap.: the förbund says it has none ("Inga")
    ("Ansvarsförbindelser", 0),
    ("Kostnad för räkenskapsrevision", 42_000),
]
MEMBERS = [  # Medlem, Typ, Invånare, Andel, Konto, Kortnamn
    ("Staten, FK/AF", "Stat", None, None, 3010, None),
    ("Region Norrdal", "Region", None, None, 3020, None),
    ("Björkby kommun", "Kommun", 45_000, None, 3030, None),
    ("Älvsala kommun", "Kommun", 35_000, None, 3040, None),
    ("Granviks kommun", "Kommun", 20_000, None, 3050, "Granvik"),
]
# Konto, Benämning, Belopp, Föregående år, Ingående föregående år, Budget. Every column sums to 0
# and eget kapital 2024 is 2023's closing (−780 000 − 177 000 result).
ACCOUNTS = [
    (1510, "Kundfordringar", 12_000, 8_000, 5_000, None),
    (1790, "Förutbetalda kostnader", 6_500, 4_000, 3_000, None),
    (1930, "Bank", 1_390_500, 1_157_000, 900_000, None),
    (2010, "Eget kapital", -957_000, -780_000, -780_000, None),
    (2440, "Leverantörsskulder", -150_000, -120_000, -60_000, None),
    (2710, "Personalskatt", -18_500, -17_000, -15_000, None),
    (2990, "Upplupna kostnader", -60_000, -75_000, -53_000, None),
    (3010, "Bidrag Staten", -2_000_000, -1_900_000, None, -2_000_000),
    (3020, "Bidrag Region Norrdal", -1_000_000, -950_000, None, -1_000_000),
    (3030, "Bidrag Björkby kommun", -450_000, -427_500, None, -450_000),
    (3040, "Bidrag Älvsala kommun", -350_000, -332_500, None, -350_000),
    (3050, "Bidrag Granviks kommun", -200_000, -190_000, None, -200_000),
    (3990, "Övriga intäkter", -5_000, 0, None, None),
    (4510, "Projektmedel insatser", 2_900_000, 2_800_000, None, 3_000_000),
    (5010, "Lokalhyra", 60_000, 58_000, None, 60_000),
    (6110, "Kontorsmaterial", 8_000, 7_500, None, 10_000),
    (6540, "IT-tjänster", 25_000, 22_000, None, 25_000),
    (7010, "Löner", 600_000, 560_000, None, 620_000),
    (7510, "Sociala avgifter", 190_000, 176_000, None, 195_000),
    (8410, "Ränteintäkter", -1_500, -500, None, None),
]
INSATSER = [  # Insats, Typ, Huvudman, Start, Slut, Budget, Utfall, Budgeterade deltagare, Deltagare
    ("Vägen framåt", "Individ", "Björkby kommun", "2024-01-01", None, 1_200_000, 1_150_000, 45, 40),
    ("Stegvis", "Individ", "Älvsala kommun", "2023-03-01", None, 900_000, 880_000, 20, 20),
    ("Ung resurs", "Individ", "Granviks kommun", "2024-02-01", None, 600_000, 620_000, 15, 15),
    ("Samverkansforum", "Struktur", "Region Norrdal", "2022-01-01", None, 250_000, 250_000, None, None),
]
KON = [("Vägen framåt", 22, 18), ("Stegvis", 10, 10), ("Ung resurs", 8, 7)]
KOMMUNER_HEADER = ["Insats", "Björkby", "Älvsala", "Granvik", "Övriga"]
KOMMUNER = [("Vägen framåt", 20, 12, 8, 0), ("Stegvis", 10, 6, 4, 0), ("Ung resurs", 7, 5, 3, 0)]


def _fill(path, *, unmapped=False, misspelt=False, kon_sum=False, prior_typo=False, text_date=False):
    """Write the förbund into the ``ny`` workbook at ``path``, with the chosen mistakes."""
    accounts = [list(a) for a in ACCOUNTS]
    insatser = [list(i) for i in INSATSER]
    kon = [list(k) for k in KON]
    if unmapped:  # 8310 is the common BAS number, but the built-in Kontoplan has 8400–8499
        accounts[-1][0] = 8310
    if misspelt:
        kon[0][0] = "Vägen fram"
    if kon_sum:
        kon[1][1] = 11  # 11 + 10 = 21, Deltagare 20
    if prior_typo:
        accounts[15][3] = 7_650  # Kontorsmaterial 2023: 7 500 typed as 7 650
    if text_date:
        insatser[1][3] = "1/3/2023"
    wb = openpyxl.load_workbook(path)
    rows = {
        "Förbund": [list(r) for r in FORBUND],
        "Medlemmar": [list(m) for m in MEMBERS],
        "Saldobalans": accounts,
        "Insatser": insatser,
        "Kön": kon,
        "Kommuner": [list(k) for k in KOMMUNER],
        "Mål": [["Eget kapital högst 30 % av medlemsbidraget", "Finansiellt", "≤ 30 %", "29,5 %", "Uppfyllt"]],
    }
    for name, data in rows.items():
        ws = wb[name]
        ws.delete_rows(2, ws.max_row)
        if name == "Kommuner":
            for c, header in enumerate(KOMMUNER_HEADER, start=1):
                ws.cell(row=1, column=c, value=header)
        for r, row in enumerate(data, start=2):
            for c, value in enumerate(row, start=1):
                ws.cell(row=r, column=c, value=value)
    wb.save(path)


def _folder(tmp_path, name="norrdal", **mistakes):
    folder = tmp_path / name
    path = write_new_folder(folder, YEAR)
    _fill(path, **mistakes)
    for text in ("presidiet", "forvaltningsberattelse", "uppdraget", "organisation"):  # the förbund's own texts
        (folder / "texter" / f"{text}.md").write_text(f"## {text.capitalize()}\n\nNorrdals text.\n", encoding="utf-8")
    for part in ("vasentliga_handelser", "styrning_och_uppfoljning", "personalforhallanden", "forvantad_utveckling"):
        (folder / "texter" / f"{part}.md").write_text("Norrdals text.\n", encoding="utf-8")  # LKBR 11 kap. parts
    return folder


FIVE = dict(unmapped=True, misspelt=True, kon_sum=True, prior_typo=True, text_date=True)


def _findings(folder):
    result = run_cli("kontrollera", "--json", folder)
    return result, json.loads(result.stdout)["fynd"]


def test_the_correct_forbund_has_no_errors(tmp_path):
    result, findings = _findings(_folder(tmp_path))
    assert result.exit_code == 0, result.output
    assert [f for f in findings if f["niva"] != "info"] == []


def test_first_round_lists_all_five_root_causes_before_their_consequences(tmp_path):
    result, findings = _findings(_folder(tmp_path, **FIVE))
    assert result.exit_code == 1
    ids = [f["id"] for f in findings]
    by_key = {f["nyckel"]: f for f in findings}
    causes = {f["id"] for f in findings if not f["foljer_av"]}
    for root in ("KONTO-EJ-MAPPAT", "INS-OKAND", "INS-KON-SUMMA", "SB-BALANS", "CELL-DATUM"):
        assert root in causes, (root, ids)
    # The 150 kr typo and the unmapped account explain every reconciliation difference.
    consequences = [f for f in findings if f["foljer_av"]]
    assert {f["id"] for f in consequences} >= {"BR-BALANS", "EK-UB", "KF-LIKVIDA"}
    for f in consequences:
        for cause in f["foljer_av"]:
            assert cause in by_key, (f["nyckel"], cause)
            assert ids.index(by_key[cause]["id"]) < findings.index(f), "a cause comes before its consequence"
    ek = by_key["EK-UB/2024"]
    assert ek["foljer_av"] == ["KONTO-EJ-MAPPAT/Saldobalans!A21", "SB-BALANS/Föregående år"]
    assert "rätta beloppet" not in ek["meddelande"] and "förklaras helt av" in ek["meddelande"]
    for f in consequences:
        assert "rätta beloppet i Saldobalans" not in f["meddelande"]
    # The bad date leaves only Start out: every accounting check still ran.
    assert "KONTROLL-EJ-GJORD" not in ids


def test_text_output_shows_consequences_under_their_cause(tmp_path):
    out = run_cli("kontrollera", _folder(tmp_path, **FIVE)).stdout
    lines = out.splitlines()
    sb = next(i for i, line in enumerate(lines) if "[SB-BALANS]" in line)
    br = next(i for i, line in enumerate(lines) if "[BR-BALANS]" in line and "2023" in line)
    assert sb < br and "↳ följer av" in lines[br]


def test_fixing_the_five_gives_no_errors_in_one_more_round(tmp_path):
    result, findings = _findings(_folder(tmp_path, "rattad"))
    assert result.exit_code == 0
    assert not [f for f in findings if f["niva"] == "fel"]


def test_a_fresh_ny_workbook_gives_placeholder_warnings_and_bygg_refuses(tmp_path):
    folder = tmp_path / "ny"
    write_new_folder(folder, YEAR)
    result, findings = _findings(folder)
    warnings = {f["id"] for f in findings if f["niva"] == "varning"}
    assert {"EXEMPEL-NAMN", "EXEMPEL-ORGNR", "EXEMPEL-ORT", "EXEMPEL-MEDLEM", "EXEMPEL-TEXT"} <= warnings
    built = run_cli("bygg", "-q", "-o", tmp_path / "ut", folder)
    assert built.exit_code == 1
    assert "[BYGG-EXEMPEL]" in built.stdout and "Årsredovisningen byggs inte" in built.stdout
    assert not (tmp_path / "ut").exists() or not any((tmp_path / "ut").iterdir())


def test_menade_du_never_proposes_the_placeholder_kortnamn(tmp_path):
    # The ekonom renamed the example kommun but left its Kortnamn "Exempel"; the Kommuner column
    # "Älvsala" is right and must not be told to become "Exempel".
    folder = _folder(tmp_path)
    wb = openpyxl.load_workbook(folder / "indata.xlsx")
    wb["Medlemmar"]["F5"] = "Exempel"
    wb.save(folder / "indata.xlsx")
    _, findings = _findings(folder)
    [unknown] = [f for f in findings if f["id"] == "KOMMUN-OKAND"]
    assert "Menade du ”Exempel”" not in unknown["meddelande"]
    assert "ändra Kortnamn i bladet Medlemmar till ”Älvsala”" in unknown["meddelande"]
    assert any(f["id"] == "EXEMPEL-MEDLEM" for f in findings)


def test_bygg_writes_to_output_under_the_current_folder_and_prints_absolute_paths(tmp_path, monkeypatch):
    """The command's output folder, not the report: ``build.run_build`` is the real one but for the
    files' content (the real checks, then an empty file for each of the set, published as bygg
    publishes it), so no PDF is laid out. The bytes of a build are tests/test_byte_identity.py."""
    import arsredovisning.build as build
    from arsredovisning.pipeline import run_checks

    given = []

    def run_build_without_layout(folder, out, progress=None, options=build.BuildOptions()):
        given.append(out)
        result = run_checks(folder)
        stage = staging_folder(out)
        year = result.inp.organisation.year
        result.written = [stage / name for name in build.output_names(year, options.archive) if name != manifest_name(year)]
        for path in result.written:
            path.write_bytes(b"")
        build.publish_set(result, stage, out, build.build_stamp(result, options))
        return result

    monkeypatch.setattr(build, "run_build", run_build_without_layout)
    folder = _folder(tmp_path)
    work = tmp_path / "arbete"
    work.mkdir()
    monkeypatch.chdir(work)
    result = run_cli("bygg", "-q", folder)
    assert result.exit_code == 0, result.output
    assert given == [Path("output")]  # relative: under the folder the command runs in
    written = [line.removeprefix("Skrev ") for line in result.stdout.splitlines() if line.startswith("Skrev ")]
    assert written and all(path.startswith(str(work / "output") + "/") for path in written), written
    assert sorted(Path(path).name for path in written) == sorted(p.name for p in (work / "output").iterdir() if p.name != "bygglogg.txt")
    assert "Sammanfattning: 0 fel" in result.stdout


def test_a_bad_cell_leaves_out_only_what_reads_it(tmp_path):
    # A bad Budget cell in Insatser drops that insats' row: its Kön row is not called unknown and its
    # sum is not checked (one info says so); a bad Belopp drops the account: the avstämningar of the
    # accounts are not made (one info says so) while the insats checks still run.
    folder = _folder(tmp_path, kon_sum=True)
    wb = openpyxl.load_workbook(folder / "indata.xlsx")
    wb["Insatser"]["F2"] = "ca en miljon"  # Vägen framåt › Budget
    wb["Saldobalans"]["C17"] = "8 000 kr ungefär"  # Kontorsmaterial › Belopp
    wb.save(folder / "indata.xlsx")
    _, findings = _findings(folder)
    ids = [f["id"] for f in findings]
    assert ids.count("CELL-TAL") == 2
    assert "INS-OKAND" not in ids
    assert "INS-KON-SUMMA" in ids  # Stegvis' 21 ≠ 20 is still found
    assert not {"SB-BALANS", "BR-BALANS", "EK-UB", "KF-LIKVIDA"} & set(ids)
    skipped = [f["meddelande"] for f in findings if f["id"] == "KONTROLL-EJ-GJORD"]
    assert any("avstämningarna av saldobalansen" in m.lower() and "Saldobalans › C17" in m for m in skipped), skipped
    assert any("Kön summerar till Deltagare gjordes inte för ”Vägen framåt”" in m for m in skipped), skipped
