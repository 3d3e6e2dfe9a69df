"""Issue 23: utkast and slutlig, the förbund's own Upplysningar instead of tool text in the report,
one version id, the output set swapped in as one version, manifest and build log."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl

from arsredovisning.checks import all_reconciliations
from arsredovisning.checks.disclosures import check_disclosures, explained, unexplained
from arsredovisning.findings import Level, Reconciliation
from arsredovisning.model import Disclosure
from arsredovisning.pipeline import run_checks
from arsredovisning.present.disclosures import disclosures

from .conftest import EXAMPLE
from .records import loc

# The example's open differences explained in the förbund's words (what a styrelse would write).
EXAMPLE_DISCLOSURES = (
    ("SB-BALANS", "Föregående års balansräkning avviker med 1 kr till följd av avrundning i bokslutet 2015."),
    ("INS-PROJEKTMEDEL", "Insatsernas redovisade utfall överstiger bokförda projektmedel med 271 kr, som avser en faktura bokförd 2017."),
    ("INS-RESULTAT-SUMMA", "För två insatser har en deltagare kunnat redovisas med mer än ett utfall."),
)


def explained_example(tmp_path: Path, rows=EXAMPLE_DISCLOSURES) -> Path:
    """A copy of the example årsmapp with a sheet Upplysningar holding ``rows``."""
    folder = tmp_path / "2016"
    shutil.copytree(EXAMPLE, folder)
    book = openpyxl.load_workbook(folder / "indata.xlsx")
    sheet = book.create_sheet("Upplysningar")
    sheet.append(["Kontroll", "Text"])
    for row in rows:
        sheet.append(list(row))
    book.save(folder / "indata.xlsx")
    return folder


def rec(id_: str, level: Level | None, *, caused_by: tuple[str, ...] = (), about: str = "") -> Reconciliation:
    return Reconciliation(id_, id_, "Vänster", Decimal(1), "Höger", Decimal(0) if level else Decimal(1), level, "",
                          caused_by=caused_by, about=about, year=2016)


def test_a_disclosure_explains_its_avstamning_and_those_that_follow_from_it():
    cause = rec("SB-BALANS", Level.WARNING, about="Föregående år")
    follows = rec("BR-BALANS", Level.WARNING, caused_by=(cause.key,))
    other = rec("INS-PROJEKTMEDEL", Level.WARNING)
    ok = rec("EK-UB", None)
    rows = (Disclosure("SB-BALANS", "Avrundning 2015.", loc("Upplysningar", 2)),)
    assert explained([cause, follows, other, ok], rows) == {cause.key, follows.key}
    assert unexplained([cause, follows, other, ok], rows) == [other]
    assert unexplained([cause, follows, other, ok], ()) == [cause, follows, other]


def test_a_disclosure_naming_no_avstamning_or_one_without_difference_is_reported():
    rows = (Disclosure("SB-BALNS", "x", loc("Upplysningar", 2)), Disclosure("EK-UB", "y", loc("Upplysningar", 3)))
    found = check_disclosures([rec("SB-BALANS", Level.WARNING), rec("EK-UB", None)], rows)
    assert [(f.id, f.level, f.location.cell) for f in found] == [
        ("UPPLYSNING-OKAND", Level.WARNING, "A2"), ("UPPLYSNING-INAKTUELL", Level.INFO, "A3")]
    assert "avstämningar med skillnad nu: SB-BALANS" in found[0].message


def test_disclosures_are_printed_where_their_figures_stand():
    rows = (Disclosure("KF-LIKVIDA", "a", loc("Upplysningar", 2)), Disclosure("INS-PROJEKTMEDEL", "b", loc("Upplysningar", 3)),
            Disclosure("OKANT-ID", "c", loc("Upplysningar", 4)), Disclosure("SB-BALANS", "d", loc("Upplysningar", 5)))
    assert disclosures(rows, {"balansrakning", "kassaflodesanalys", "noter"}) == {
        "kassaflodesanalys": ("a",), "noter": ("b",), "balansrakning": ("c", "d")}


def test_the_example_with_upplysningar_reads_them_and_has_no_unexplained_difference(tmp_path):
    plain = run_checks(EXAMPLE).report
    assert {r.id for r in unexplained(all_reconciliations(plain), plain.inp.disclosures)} == {
        "SB-BALANS", "BR-BALANS", "KF-LIKVIDA", "INS-PROJEKTMEDEL", "INS-RESULTAT-SUMMA"}
    result = run_checks(explained_example(tmp_path))
    inp = result.report.inp
    assert [(d.check, d.location.sheet, d.location.cell) for d in inp.disclosures] == [
        ("SB-BALANS", "Upplysningar", "A2"), ("INS-PROJEKTMEDEL", "Upplysningar", "A3"), ("INS-RESULTAT-SUMMA", "Upplysningar", "A4")]
    assert unexplained(all_reconciliations(result.report), inp.disclosures) == []
    assert not [f for f in result.findings if f.id.startswith("UPPLYSNING-")]


# ---- the set is one version (files.publish) -----------------------------------------------------------

NAMES = ["arsredovisning-2016.pdf", "arsredovisning-2016.html", "arsredovisning-2016.json", "arsredovisning-2016-underlag.xlsx",
         "kontrollrapport-2016.pdf", "kontrollrapport-2016.html", "arsredovisning-2016-manifest.json"]


def earlier_set(out: Path) -> dict[str, bytes]:
    """An output folder holding an earlier set (and a file of another year that must stay)."""
    out.mkdir(parents=True)
    for name in [*NAMES, "arsredovisning-2015.pdf"]:
        (out / name).write_bytes(f"tidigare {name}".encode())
    return snapshot(out)


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    return [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.bygg-")]


def test_a_folder_in_the_way_of_one_output_leaves_the_earlier_set(tmp_path):
    from arsredovisning.build import run_build

    out = tmp_path / "ut"
    before = earlier_set(out)
    (out / "arsredovisning-2016.json").unlink()
    (out / "arsredovisning-2016.json").mkdir()
    before.pop("arsredovisning-2016.json")
    result = run_build(EXAMPLE, out)
    errors = [f for f in result.findings if f.level is Level.ERROR]
    assert [f.id for f in errors] == ["UT-SKRIVFEL"] and result.written == []
    assert "Inga tidigare filer i utmappen har ändrats" in errors[0].message
    assert errors[0].location.file.endswith("ut/arsredovisning-2016.json")
    assert snapshot(out) == before and leftovers(out) == []


def test_a_read_only_output_folder_leaves_the_earlier_set(tmp_path):
    from arsredovisning.build import run_build

    out = tmp_path / "ut"
    before = earlier_set(out)
    out.chmod(0o555)
    try:
        result = run_build(EXAMPLE, out)
    finally:
        out.chmod(0o755)
    assert [f.id for f in result.findings if f.level is Level.ERROR] == ["UT-SKRIVFEL"]
    assert snapshot(out) == before and leftovers(out) == []


def test_publish_swaps_the_whole_set_and_keeps_other_files(tmp_path):
    from arsredovisning.files import publish, staging_folder

    out = tmp_path / "ut"
    earlier_set(out)
    stage = staging_folder(out)
    for name in NAMES:
        (stage / name).write_bytes(f"ny {name}".encode())
    publish(stage, out, NAMES)
    after = snapshot(out)
    assert after == {**{n: f"ny {n}".encode() for n in NAMES}, "arsredovisning-2015.pdf": b"tidigare arsredovisning-2015.pdf"}
    assert not stage.exists() and leftovers(out) == []
    # a folder that does not exist yet is the staging folder renamed
    fresh = tmp_path / "ny" / "ut"
    stage = staging_folder(fresh)
    (stage / NAMES[0]).write_bytes(b"x")
    publish(stage, fresh, NAMES[:1])
    assert snapshot(fresh) == {NAMES[0]: b"x"}


def test_a_build_killed_while_writing_the_pdf_leaves_the_earlier_set_and_the_next_cleans_up(tmp_path):
    """The build is killed (SIGKILL) halfway through writing the report's PDF into its staging folder."""
    import subprocess
    import sys

    from arsredovisning.files import clean_leftovers

    out = tmp_path / "ut"
    before = earlier_set(out)
    script = (
        "import os, signal, sys\n"
        "import arsredovisning.render as render\n"
        "render.write_pdf_bytes = lambda *a, **k: b'%PDF-1.7 ' + b'x' * 100000\n"
        "def killed(targets):\n"
        "    path, data = targets[0]\n"
        "    with open(path, 'wb') as fh:\n"
        "        fh.write(data[: len(data) // 2]); fh.flush(); os.fsync(fh.fileno())\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "render.write_all = killed\n"
        "from arsredovisning.build import run_build\n"
        "run_build(sys.argv[1], sys.argv[2])\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(EXAMPLE), str(out)], capture_output=True, text=True)
    assert proc.returncode == -9, proc.stderr
    assert snapshot(out) == before
    assert len(leftovers(out)) == 1  # the killed build's staging folder, with half a PDF
    clean_leftovers(out)
    assert leftovers(out) == [] and snapshot(out) == before


def test_a_complete_set_marked_ready_is_moved_in_by_the_next_build(tmp_path):
    """Where folders cannot be swapped (a subfolder in the output folder), a build killed while moving
    a complete set in file by file is completed by the next one: old or new, never a mix for long."""
    from arsredovisning.files import READY, clean_leftovers, publish, staging_folder

    out = tmp_path / "ut"
    earlier_set(out)
    (out / "egen-mapp").mkdir()
    stage = staging_folder(out)
    for name in NAMES:
        (stage / name).write_bytes(f"ny {name}".encode())
    publish(stage, out, NAMES)  # the fallback: file by file
    assert snapshot(out)[NAMES[0]] == f"ny {NAMES[0]}".encode() and (out / "egen-mapp").is_dir()
    stage = Path(str(staging_folder(out)).replace(f"-{__import__('os').getpid()}-", "-999999-"))
    stage.mkdir()
    for name in NAMES:
        (stage / name).write_bytes(f"nyare {name}".encode())
    (stage / READY).write_text("\n".join(NAMES) + "\n", encoding="utf-8")
    (out / NAMES[0]).write_bytes(f"nyare {NAMES[0]}".encode())  # the killed build had moved one file
    (stage / NAMES[0]).unlink()
    clean_leftovers(out)
    assert {n: snapshot(out)[n] for n in NAMES} == {n: f"nyare {n}".encode() for n in NAMES}
    assert leftovers(out) == []
