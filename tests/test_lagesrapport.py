"""Lägesrapporter: the seeds 000–003 read exactly from .docx, .md and .txt; the tool's own form read
back; located findings that change nothing; --skriv then bygg shows the year's figures; the
halvårsuppföljning is a tagged PDF."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pikepdf
import pytest

from arsredovisning.lagesrapport.apply import MARK, merge_section
from arsredovisning.lagesrapport.fields import Measure
from arsredovisning.lagesrapport.read import read_reports

from .builders import minimal_sheets, report_files, run_cli, workbook
from .conftest import ROOT, require_file

# Seeds 000–003, the real reports the project starts from (../shared/seeds beside the project; they
# name real people, so the repository keeps no copy).
SEEDS = ROOT.parent / "shared" / "seeds"


def seed(number: str) -> str:
    found = sorted(SEEDS.glob(f"{number}_*.txt"))
    path = require_file(found[0] if found else SEEDS / f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


# ---- the seeds as Word documents: a paragraph per line, tab-separated blocks as Word tables ----------


def as_docx(text: str, path: Path) -> Path:
    import docx

    doc = docx.Document()
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line and line.strip() and not re.fullmatch(r"[-\t ]+", line):
            block = []
            while i < len(lines) and "\t" in lines[i] and lines[i].strip():
                if not re.fullmatch(r"[-\t ]+", lines[i]):
                    block.append(lines[i].split("\t"))
                i += 1
            if len(block) == 1 and sum(1 for c in block[0] if c.strip()) < 2:
                doc.add_paragraph(block[0][-1].strip())
                continue
            width = max(len(r) for r in block)
            table = doc.add_table(rows=len(block), cols=width)
            for r, row in enumerate(block):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value.strip()
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            doc.add_heading(heading.group(2).replace("**", ""), level=len(heading.group(1)) - 1 or 1)
        else:
            p = doc.add_paragraph()
            for k, part in enumerate(re.split(r"\*\*", line)):  # **bold** → bold runs
                if part:
                    run = p.add_run(part.strip("*") if part.startswith("*") and part.endswith("*") else part)
                    run.bold = k % 2 == 1
        i += 1
    doc.save(str(path))
    return path


@pytest.fixture(scope="module", params=["docx", "md", "txt"])
def seeds(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"seeds-{request.param}")
    for number in ("000", "001", "002", "003"):
        target = folder / f"{number}.{request.param}"
        if request.param == "docx":
            as_docx(seed(number), target)
        else:
            target.write_text(seed(number), encoding="utf-8")
    reports, findings = read_reports(folder)
    return {r.file.split(".")[0]: r for r in reports}, findings


def test_steget_fore(seeds):
    r = seeds[0]["000"]
    assert r.intervention == "Steget före"
    assert r.total_period == (date(2020, 10, 1), date(2023, 5, 31))
    assert r.period == (date(2022, 4, 1), date(2022, 10, 5))
    assert (r.number, r.of) == (4, 6)
    p = r.participants[Measure.SINCE_START]
    assert (p.planned, p.actual, p.women, p.men) == (24, 23, 8, 15)
    assert Measure.PERIOD not in r.participants
    assert r.economy_ok is True and not r.economy_reason
    assert r.answer("below_plan") == "Ett avhopp i grupp 1."
    assert r.answer("implementation") == "Diskussion pågår inom Region Sörmland och styrgrupp."
    assert r.answer("activities").startswith("Fortsatt individuellt stöd med grupp 1") and r.answer("activities").endswith("grupp 3 5/10-22.")
    assert r.answer("gender_comment").startswith("Grupp 1 bestod endast av 6 män.")
    assert r.answer("coming").split("\n") == [
        "Veckovisa träffar med grupperna. Arbete i styr- och projektgrupp.",
        "Spridningsseminarium i slutet av förlängningen. Fortsatta diskussioner med Region Sörmland och andra uppdragsgivare kring metodens fortsatta leverne efter att insats avslutats.",
    ]
    assert "budgetplanering" not in r.answer("deviations")  # the form's instruction is no answer
    assert (r.signed_by, r.signed_on) == ("Liv Hjernerup", date(2023, 1, 17))


def test_sikta_participant_table(seeds):
    r = seeds[0]["001"]
    assert r.intervention == "SIKTA (SIKTA-Arbeitsmarknad & SIKTA-Unga)"
    assert r.period == (date(2023, 1, 1), date(2023, 6, 30))
    assert (r.number, r.of) == (6, 7)
    p = r.participants[Measure.SINCE_START]
    assert (p.planned_women, p.planned_men, p.planned) == (175, 175, 350)
    assert (p.women, p.men, p.actual) == (148, 170, 318)
    assert r.economy_ok is True
    assert r.signed_on == date(2023, 6, 16) and r.signed_by is None
    assert r.answer("activities").startswith("- Skapa och utveckla samverkansrutiner:")
    assert r.answer("deviations") == "Vi bedömer att inga avvikelser finns utifrån det som är beskrivet i ansökan."


def test_sikta_seven_digit_date_is_a_located_finding(seeds):
    """The seed writes the total period's start as 2020101: not a date, said where."""
    bad = [f for f in seeds[1] if f.id == "LAGE-DATUM"]
    assert len(bad) == 1 and bad[0].level.value == "fel"
    assert bad[0].location.file.startswith("001") and bad[0].location.sheet == "Total tidsperiod för insatsen"
    assert "”2020101” är inget datum" in bad[0].message
    assert seeds[0]["001"].total_period is None


def test_forsta_steget_yearly_report_economy(seeds):
    r = seeds[0]["003"]
    assert r.intervention == "Första Steget"
    assert r.period == (date(2020, 2, 1), date(2021, 1, 31))
    assert (r.granted, r.invoiced) == (Decimal("2030000.00"), Decimal("1776634.00"))
    assert round(r.deviation_pct, 1) == Decimal("-12.5")
    assert r.economy_reason.startswith("Skälet till avvikelse för fakturerade kostnader och beviljade medel är att personalkostnader")
    assert not [f for f in seeds[1] if f.id == "LAGE-AVVIKELSE-SKAL"]  # the reason is given
    assert r.answer("other") == "Extratjänster har visat sig vara ett mycket lämpligt steg efter Första steget och har möjliggjort de resultat projektet har."
    assert (r.signed_by, r.signed_on) == ("Fredrik Lövgren och Marie Pålsson", date(2021, 5, 7))
    lead = r.sections[0]
    assert lead.heading is None and lead.text.startswith("Målet är att utveckla en metod")
    assert lead.text.endswith("Slutsats är att metoden har gott utfall men ska utvärderas under flera omgångar till innan den är klar.")


def test_forsta_steget_tertial_report_sections(seeds):
    r = seeds[0]["002"]
    assert r.intervention == "Första Steget"
    assert r.period == (date(2019, 5, 1), date(2019, 8, 31))
    assert [s.heading for s in r.sections] == ["METODEN", "KONTINUERLIGT INTAG"]
    assert r.sections[1].text.split("\n")[0].startswith("I ansökan inför Första Steget")
    # the economy table: the Summa column counts, the prognosis is compared with the grant
    assert (r.granted, r.invoiced, r.forecast) == (Decimal("1460000.00"), Decimal("724076.00"), Decimal("1460000.00"))
    assert r.deviation_pct == 0
    assert r.answer("other").startswith("Måluppfyllelse efter avslutad grupp under andra tertialen")
    assert r.signed_on == date(2019, 10, 11)


def test_no_other_findings_in_the_seeds(seeds):
    assert sorted(f.id for f in seeds[1]) == ["LAGE-DATUM"]


# ---- the tool's own form --------------------------------------------------------------------------


def sheets_with_dates():
    sheets = minimal_sheets()
    sheets["Insatser"] = [
        ["Insats", "Typ", "Start", "Slut", "Budget", "Utfall", "Budgeterade deltagare", "Deltagare"],
        ["Steget", "Individ", date(2015, 1, 1), date(2017, 12, 31), 500000, 480000, 20, 18],
        ["Nätverket", "Struktur", date(2016, 1, 1), date(2016, 12, 31), 420000, 420000, None, 35],
    ]
    return sheets


def fill(path: Path, answers: dict[str, str], participants: dict[tuple[str, str], str], money: dict[str, str]) -> None:
    """Fill a form as an insats would in Word: the paragraph after a question, cells of the tables."""
    import docx

    doc = docx.Document(str(path))
    paragraphs = doc.paragraphs
    for i, p in enumerate(paragraphs):
        for label, text in answers.items():
            if p.style.name.startswith("Heading") and p.text.startswith(label):
                target = next(q for q in paragraphs[i + 1:] if not q.text.startswith("Skriv "))
                target.text = text
    for table in doc.tables:
        header = [c.text for c in table.rows[0].cells]
        for row in table.rows:
            label = row.cells[0].text
            for (group, column), value in participants.items():
                if label == group and column in header:
                    row.cells[header.index(column)].text = value
            if label in money:
                row.cells[1].text = money[label]
    doc.save(str(path))


FILLED = {
    "Beskriv periodens aktiviteter": "Gruppstart i februari.\nUppföljning i maj.",
    "Ligger det ekonomiska utfallet": "Ja",
    "Kommentera könsfördelningen": "Jämn fördelning.",
    "Underskrift": "Anna Andersson",
    "Datum": "2017-01-20",
}
PARTICIPANTS = {
    ("Kvinnor", "Faktiskt under perioden"): "12", ("Män", "Faktiskt under perioden"): "9",
    ("Kvinnor", "Faktiskt sedan start"): "30", ("Män", "Faktiskt sedan start"): "25",
    ("Totalt", "Planerat sedan start"): "60",
}
MONEY = {"Fakturerade kostnader för perioden (kr)": "495 000"}


@pytest.fixture(scope="module")
def filled_once(tmp_path_factory):
    """The årsmapp and its folder of forms, Steget's form filled in (Nätverket's not returned): made
    once per module, each test gets its own copy (:func:`filled`)."""
    base = tmp_path_factory.mktemp("ifyllt")
    folder = workbook(base, sheets_with_dates(), {"insatser/steget.md": "Ekonomens text om Steget.\n"})
    forms = base / "formular"
    result = run_cli("lagesrapport", "skapa", folder, "--period", "2016-01-01:2016-12-31", "-o", forms)
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in forms.iterdir())
    assert written == ["lagesrapport-natverket-2016-01-01-2016-12-31.docx", "lagesrapport-steget-2016-01-01-2016-12-31.docx"]
    (forms / written[0]).unlink()
    fill(forms / written[1], FILLED, PARTICIPANTS, MONEY)
    return base


@pytest.fixture
def filled(filled_once, tmp_path):
    shutil.copytree(filled_once, tmp_path, dirs_exist_ok=True)
    return tmp_path / "arsmapp", tmp_path / "formular"


def test_round_trip_gives_the_values_put_in(filled):
    folder, forms = filled
    from arsredovisning.load import load_annual_input

    inp, _ = load_annual_input(folder)
    (r,), findings = read_reports(forms, inp)
    assert [f for f in findings if f.level.value != "info"] == []
    assert r.own_form and r.intervention == "Steget"
    assert r.total_period == (date(2015, 1, 1), date(2017, 12, 31))
    assert r.period == (date(2016, 1, 1), date(2016, 12, 31))
    assert (r.number, r.of) == (2, 3)  # pre-filled: the insats's second year of three
    period, since = r.participants[Measure.PERIOD], r.participants[Measure.SINCE_START]
    assert (period.planned_total, period.women, period.men, period.actual) == (20, 12, 9, 21)  # planned pre-filled
    assert (since.planned, since.women, since.men, since.actual) == (60, 30, 25, 55)
    assert (r.granted, r.invoiced) == (Decimal("500000.00"), Decimal("495000.00"))
    assert r.economy_ok is True
    assert r.answer("activities") == "Gruppstart i februari.\nUppföljning i maj."
    assert r.answer("gender_comment") == "Jämn fördelning."
    assert (r.signed_by, r.signed_on) == ("Anna Andersson", date(2017, 1, 20))
    assert r.sections == ()


def test_las_shows_and_changes_nothing_without_skriv(filled):
    folder, forms = filled
    before = (folder / "indata.xlsx").read_bytes()
    result = run_cli("lagesrapport", "las", forms, folder)
    assert result.exit_code == 0, result.output
    assert "Insatser › H2 Deltagare: 18 → 21" in result.stdout
    assert "Kön › B2 Kvinnor: 10 → 12" in result.stdout and "Kön › C2 Män: 8 → 9" in result.stdout
    assert "Inget skrevs" in result.stdout
    assert (folder / "indata.xlsx").read_bytes() == before


def test_skriv_then_bygg_shows_the_years_figures(filled):
    folder, forms = filled
    result = run_cli("lagesrapport", "las", forms, folder, "--skriv")
    assert result.exit_code == 0, result.output
    backups = list((folder / "säkerhetskopior").rglob("indata.xlsx"))
    assert len(backups) == 1
    # The answers go to the ekonom's file beside the texts, never into the published insats text.
    assert (folder / "texter" / "insatser" / "steget.md").read_text(encoding="utf-8") == "Ekonomens text om Steget.\n"
    text = (folder / "lagesrapportsvar" / "steget.md").read_text(encoding="utf-8")
    assert text.startswith("# Lägesrapporter: Steget\n")
    assert "\n[//]: # (lägesrapport 2016-01-01--2016-12-31: början" in text
    assert "Gruppstart i februari.\n\nUppföljning i maj." in text
    # A second --skriv replaces its own section (the file it replaces is backed up).
    again = run_cli("lagesrapport", "las", forms, folder, "--skriv")
    assert again.exit_code == 0, again.output
    assert (folder / "lagesrapportsvar" / "steget.md").read_text(encoding="utf-8") == text
    assert list((folder / "säkerhetskopior").rglob("steget.md"))
    from arsredovisning.load import load_annual_input

    inp, findings = load_annual_input(folder)
    assert "Lägesrapporter" in inp.sheets_present
    assert next(i for i in inp.interventions if i.name == "Steget").participants == 21
    assert [(g.women, g.men) for g in inp.genders if g.intervention == "Steget"] == [(12, 9)]
    built = report_files(folder)  # the JSON export and the HTML bygg writes, without the PDF layout
    assert built.json_bytes is not None, [f.render() for f in built.findings]  # bygg builds (no fel)
    export = built.json
    assert next(i for i in export["insatser"] if i["namn"] == "Steget")["deltagare"] == 21  # Bilaga 1
    tables = {t["nummer"]: t for t in export["bilaga3"]["tabeller"]}
    t1 = next(r for r in tables[1]["rader"] if r["insats"] == "Steget")
    t5 = next(r for r in tables[5]["rader"] if r["insats"] == "Steget")
    assert 21 in t1["celler"] and t5["celler"][:2] == [12, 9]  # Tabell 1 (deltagare) and 5 (kön)
    html = built.html
    assert "Gruppstart i februari." not in html.replace("\u00a0", " ") and "lägesrapport 2016-01-01--2016-12-31" not in html
    # the insats page also shows the latest report's deltagare sedan start
    assert re.search(r"Deltagare sedan start \(t\.o\.m\. 2016-12-31\)</th><td class=\"count\">55<", html), html[html.find("sedan start") - 200:][:400]


def rows_of(folder: Path) -> list[list]:
    import openpyxl

    ws = openpyxl.load_workbook(folder / "indata.xlsx")["Lägesrapporter"]
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_the_sheet_keeps_the_figures_as_reported(filled):
    folder, forms = filled
    assert run_cli("lagesrapport", "las", forms, folder, "--skriv").exit_code == 0
    header, *rows = rows_of(folder)
    assert len(rows) == 1
    row = dict(zip(header, rows[0]))
    assert (row["Insats"], row["Rapport nr"], row["Antal rapporter"]) == ("Steget", 2, 3)
    assert (row["Kvinnor under perioden"], row["Män under perioden"], row["Deltagare under perioden"]) == (12, 9, 21)
    assert (row["Planerat sedan start"], row["Deltagare sedan start"]) == (60, 55)
    assert (row["Årets siffror"], row["Ekonomi enligt budget"], row["Fakturerade kostnader"]) == ("under perioden", "Ja", 495000)


@pytest.mark.parametrize("change, finding, where", [
    (lambda p: fill(p, {}, {("Kvinnor", "Faktiskt under perioden"): "-3"}, {}), "LAGE-ANTAL", "Deltagare, Kvinnor › Faktiskt under perioden"),
    (lambda p: _replace_cell(p, "Tidsperiod som rapporten avser", "2018-01-01 – 2018-06-30"), "LAGE-PERIOD-UTANFOR", "Tidsperiod som rapporten avser"),
    (lambda p: _replace_cell(p, "Insatsens namn", "Stegen"), "LAGE-INSATS-OKAND", "Insatsens namn"),
    (lambda p: _replace_cell(p, "Tidsperiod som rapporten avser", ""), "LAGE-PERIOD-SAKNAS", "Tidsperiod som rapporten avser"),
    (lambda p: fill(p, {}, {}, {"Fakturerade kostnader för perioden (kr)": "ca 400 000"}), "LAGE-BELOPP", "Fakturerade kostnader"),
    (lambda p: fill(p, {"Ligger det ekonomiska utfallet": "Kanske"}, {}, {}), "LAGE-JANEJ", "Ligger det ekonomiska utfallet i linje med budget, utifrån den tidsperiod som gått"),
])
def test_a_bad_form_is_a_located_finding_and_changes_nothing(filled, change, finding, where):
    folder, forms = filled
    form = next(forms.iterdir())
    change(form)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    result = run_cli("lagesrapport", "las", forms, folder, "--skriv")
    assert result.exit_code == 1, result.output
    assert f"[{finding}] {form.name} › {where}:" in result.stdout, result.stdout
    assert "Inget ändrades" in result.stderr
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_unknown_insats_suggests_the_right_name(filled):
    folder, forms = filled
    _replace_cell(next(forms.iterdir()), "Insatsens namn", "Stegen")
    result = run_cli("lagesrapport", "las", forms, folder)
    assert "Insatsen ”Stegen” finns inte i bladet Insatser. Menade du ”Steget”?" in result.stdout


def _replace_cell(path: Path, label: str, value: str) -> None:
    import docx

    doc = docx.Document(str(path))
    for table in doc.tables:
        for row in table.rows:
            if row.cells[0].text == label:
                row.cells[1].text = value
    doc.save(str(path))


def test_two_reports_for_one_period_are_an_error(filled):
    folder, forms = filled
    form = next(forms.iterdir())
    shutil.copy(form, forms / "kopia.docx")
    result = run_cli("lagesrapport", "las", forms, folder)
    assert result.exit_code == 1 and "[LAGE-DUBBEL]" in result.stdout


def test_half_year_figures_stay_in_the_sheet_only(tmp_path):
    folder = workbook(tmp_path, sheets_with_dates())
    forms = tmp_path / "f"
    assert run_cli("lagesrapport", "skapa", folder, "--period", "2016-01-01:2016-06-30", "-o", forms).exit_code == 0
    form = forms / "lagesrapport-steget-2016-01-01-2016-06-30.docx"
    (forms / "lagesrapport-natverket-2016-01-01-2016-06-30.docx").unlink()
    fill(form, {"Ligger det ekonomiska utfallet": "Ja"}, PARTICIPANTS, {})
    result = run_cli("lagesrapport", "las", forms, folder, "--skriv")
    assert result.exit_code == 0, result.output
    assert "förs bara till Lägesrapporter" in result.stdout
    from arsredovisning.load import load_annual_input

    inp, _ = load_annual_input(folder)
    assert next(i for i in inp.interventions if i.name == "Steget").participants == 18  # unchanged


# ---- texts: marked sections ---------------------------------------------------------------------


def test_merge_keeps_the_ekonoms_text_around_the_section():
    old = "Före.\n\n[//]: # (lägesrapport K: början – x)\n\nGammalt\n\n[//]: # (lägesrapport K: slut)\n\nEfter.\n"
    new = "[//]: # (lägesrapport K: början – x)\n\nNytt\n\n[//]: # (lägesrapport K: slut)\n"
    assert merge_section(old, new, "K") == "Före.\n\n[//]: # (lägesrapport K: början – x)\n\nNytt\n\n[//]: # (lägesrapport K: slut)\n\nEfter.\n"
    assert merge_section("Före.\n[//]: # (lägesrapport K: början – x)\nGammalt\n", new, "K") is None
    assert MARK.match("[//]: # (lägesrapport K: slut)")


# ---- the halvårsuppföljning ---------------------------------------------------------------------


def test_sammanstall_writes_a_tagged_pdf_and_names_missing_reports(filled, tmp_path):
    folder, forms = filled
    out = tmp_path / "uppfoljning"
    result = run_cli("lagesrapport", "sammanstall", forms, folder, "-o", out)
    assert result.exit_code == 0, result.output
    assert "[LAGE-RAPPORT-SAKNAS]" in result.stdout and "Nätverket" in result.stdout
    pdf_path = out / "uppfoljning-2016-01-01--2016-12-31.pdf"
    html = (out / "uppfoljning-2016-01-01--2016-12-31.html").read_text(encoding="utf-8")
    assert "Lägesrapport för 2016-01-01–2016-12-31 saknas från:" in html and "<li>Nätverket</li>" in html
    assert "Gruppstart i februari." in html
    with pikepdf.open(pdf_path) as pdf:
        assert str(pdf.Root.Lang) == "sv-SE"
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.open_metadata().get("pdfuaid:part") == "1"
        assert str(pdf.docinfo.Title).startswith("Uppföljning av insatserna 2016-01-01–2016-12-31")
        tags = set()

        def walk(node):
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    tags.add(str(kid.S))
                    walk(kid)

        walk(pdf.Root.StructTreeRoot)
        assert {"/Table", "/TH", "/TD", "/H1", "/H2", "/Caption"} <= tags


def test_skapa_refuses_a_bad_period(tmp_path):
    folder = workbook(tmp_path, sheets_with_dates())
    result = run_cli("lagesrapport", "skapa", folder, "--period", "2016-06-30:2016-01-01")
    assert result.exit_code == 2 and "slutar före den börjar" in result.stderr


def test_ny_creates_the_sheet_and_kontrollera_knows_its_insatser(tmp_path):
    import openpyxl

    from arsredovisning.load import schema

    folder = tmp_path / "ny"
    assert run_cli("ny", folder, "--ar", "2025").exit_code == 0
    ws = openpyxl.load_workbook(folder / "indata.xlsx")["Lägesrapporter"]
    assert [c.value for c in ws[1]] == [c.name for c in schema.LAGESRAPPORTER.columns]
    sheets = sheets_with_dates()
    sheets["Lägesrapporter"] = [["Insats", "Från", "Till", "Deltagare sedan start"], ["Stegen", date(2016, 1, 1), date(2016, 6, 30), 40]]
    result = run_cli("kontrollera", workbook(tmp_path, sheets))
    assert "[INS-OKAND] indata.xlsx › Lägesrapporter › A2: Insatsen ”Stegen” i Lägesrapporter finns inte i Insatser. Menade du ”Steget”?" in result.stdout


def write_report(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_deviation_over_ten_percent_needs_its_reason(tmp_path):
    report = (
        "Insatsens namn: Steget\n"
        "Tidsperiod som rapporten avser: 2016-01-01 - 2016-12-31\n\n"
        "Hur många deltagare har ni haft under perioden?\n"
        "Kvinnor: 11    Män 9\n\n"
        "Ekonomi\n\n"
        "Beviljade medel\t500 000\n"
        "Fakturerade kostnader\t400 000\n"
    )
    (r,), findings = read_reports(write_report(tmp_path / "a", "steget.txt", report))
    assert [f.id for f in findings] == ["LAGE-AVVIKELSE-SKAL"]
    assert findings[0].message.startswith("Fakturerade kostnader 400\u202f000\u202fkr är 20,0 % under beviljade medel 500\u202f000\u202fkr, men skälet till avvikelsen saknas.")
    assert str(findings[0].location) == "steget.txt › Beviljade medel, rad 9"
    assert (r.participants[Measure.PERIOD].women, r.participants[Measure.PERIOD].men) == (11, 9)
    with_reason = report + "\nSkälet är att en tjänst var vakant under hösten.\n"
    (r,), findings = read_reports(write_report(tmp_path / "b", "steget.md", with_reason))
    assert findings == [] and r.economy_reason == "Skälet är att en tjänst var vakant under hösten."


@pytest.mark.browser
def test_the_uppfoljning_html_has_no_wcag_21_aa_violations(filled, tmp_path):
    from .test_accessibility import _axe

    folder, forms = filled
    out = tmp_path / "uppfoljning"
    assert run_cli("lagesrapport", "sammanstall", forms, folder, "-o", out).exit_code == 0
    page = (out / "uppfoljning-2016-01-01--2016-12-31.html").read_text(encoding="utf-8")
    violations = _axe(page, tmp_path, 1280)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


# ---- like with like, the follow-up period, report numbers, rows after the last used row ----------


def sheets_two_insatser():
    """Vägen runs 2015-07-01–2017-06-30 (budget 1 300 000 for 2016); Bron starts 2016-03-01 and runs to
    2017-12-31 (budget 400 000)."""
    sheets = minimal_sheets()
    sheets["Insatser"] = [
        ["Insats", "Typ", "Start", "Slut", "Budget", "Utfall", "Budgeterade deltagare", "Deltagare"],
        ["Vägen", "Individ", date(2015, 7, 1), date(2017, 6, 30), 1300000, 1250000, 40, 38],
        ["Bron", "Individ", date(2016, 3, 1), date(2017, 12, 31), 400000, 380000, 10, 9],
    ]
    return sheets


def two_filled_forms(tmp_path):
    folder = workbook(tmp_path, sheets_two_insatser())
    forms = tmp_path / "formular"
    result = run_cli("lagesrapport", "skapa", folder, "--period", "2016-01-01:2016-06-30", "-o", forms)
    assert result.exit_code == 0, result.output
    vagen = forms / "lagesrapport-vagen-2016-01-01-2016-06-30.docx"
    bron = forms / "lagesrapport-bron-2016-01-01-2016-06-30.docx"  # its rapportperiod starts 2016-03-01
    fill(vagen, {"Ligger det ekonomiska utfallet": "Ja"}, {}, {
        "Beviljade medel för perioden (kr)": "650 000", "Fakturerade kostnader för perioden (kr)": "598 400",
        "Prognos för året (kr)": "1 262 000"})
    fill(bron, {"Ligger det ekonomiska utfallet": "Ja"}, {}, {
        "Beviljade medel för perioden (kr)": "200 000", "Fakturerade kostnader för perioden (kr)": "96 500",
        "Prognos för året (kr)": "390 000"})
    return folder, forms


def test_costs_are_compared_with_the_periods_grant_and_the_forecast_with_the_years_budget(tmp_path):
    folder, forms = two_filled_forms(tmp_path)
    result = run_cli("lagesrapport", "las", forms, folder)
    assert result.exit_code == 0, result.output
    out = result.stdout.replace("\u202f", " ")
    # Vägen spent 598 400 of its period's 650 000: 7,9 % under, no deviation to explain; the year's
    # forecast 1 262 000 against the year's budget 1 300 000 is 2,9 % under.
    assert "Periodens fakturerade kostnader 598 400 kr är 7,9 % under periodens beviljade medel 650 000 kr" in out
    assert "Prognosen för året 1 262 000 kr är 2,9 % under årets budget för insatsen 1 300 000 kr" in out
    assert "94,2" not in out and "140,5" not in out  # the forecast is never compared with a period's grant
    # Bron spent 96 500 of 200 000: 51,8 % under, said as such; its forecast 390 000 of 400 000 is 2,5 % under.
    skal = [line for line in out.splitlines() if "[LAGE-AVVIKELSE-SKAL]" in line]
    assert len(skal) == 1 and "Periodens fakturerade kostnader 96 500 kr är 51,8 % under periodens beviljade medel 200 000 kr, men skälet" in skal[0]
    assert "Prognosen för året 390 000 kr är 2,5 % under årets budget för insatsen 400 000 kr" in out
    assert "rapport 2 av 4" in out and "rapport 1 av 4" in out  # Vägen: 2015 H2 … 2017 H1; Bron: 2016 H1 … 2017 H2


def test_sammanstall_follows_up_the_period_the_forms_were_made_for(tmp_path):
    folder, forms = two_filled_forms(tmp_path)
    out = tmp_path / "uppfoljning"
    result = run_cli("lagesrapport", "sammanstall", forms, folder, "-o", out)
    assert result.exit_code == 0, result.output
    assert "[LAGE-RAPPORT-SAKNAS]" not in result.stdout  # both reported for 2016-01-01–2016-06-30
    html = (out / "uppfoljning-2016-01-01--2016-06-30.html").read_text(encoding="utf-8").replace("\u202f", " ")
    assert "Kostnader mot beviljat, perioden" in html and "Prognos mot budget, året" in html
    assert ">−7,9 %<" in html and ">−2,9 %<" in html and ">−51,8 %<" in html and ">−2,5 %<" in html
    # The same reports as text files (no form period): the period ending where most end, from the earliest start.
    texts = tmp_path / "text"
    write_report(texts, "vagen.md", "Insatsens namn: Vägen\nTidsperiod som rapporten avser: 2016-01-01 - 2016-06-30\n")
    write_report(texts, "bron.md", "Insatsens namn: Bron\nTidsperiod som rapporten avser: 2016-03-01 - 2016-06-30\n")
    result = run_cli("lagesrapport", "sammanstall", texts, folder, "-o", tmp_path / "u2")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "u2" / "uppfoljning-2016-01-01--2016-06-30.html").is_file()


def test_skriv_appends_after_the_last_used_row_of_a_new_workbook(tmp_path):
    import openpyxl

    folder = tmp_path / "ny"
    assert run_cli("ny", folder, "--ar", "2016").exit_code == 0
    wb = openpyxl.load_workbook(folder / "indata.xlsx")
    ws = wb["Insatser"]
    header = [c.value for c in ws[1]]
    for name, start, end in (("Vägen", date(2015, 7, 1), date(2017, 6, 30)), ("Bron", date(2016, 3, 1), date(2017, 12, 31))):
        row = next(r for r in range(2, 300) if ws.cell(r, 1).value is None)
        for col, value in (("Insats", name), ("Typ", "Individ"), ("Start", start), ("Slut", end), ("Budget", 400000),
                           ("Utfall", 0), ("Deltagare", 0)):
            ws.cell(row, header.index(col) + 1, value)
    wb.save(folder / "indata.xlsx")
    forms = tmp_path / "f"
    assert run_cli("lagesrapport", "skapa", folder, "--period", "2016-01-01:2016-06-30", "-o", forms).exit_code == 0
    for form in forms.iterdir():
        fill(form, {"Ligger det ekonomiska utfallet": "Ja"}, {}, {"Fakturerade kostnader för perioden (kr)": "100"})
    result = run_cli("lagesrapport", "las", forms, folder, "--skriv")
    assert result.exit_code == 0, result.output
    assert "Lägesrapporter › rad 2: ny rad" in result.stdout and "Lägesrapporter › rad 3: ny rad" in result.stdout
    rows = rows_of(folder)
    assert [r[0] for r in rows[1:3]] == ["Bron", "Vägen"]
