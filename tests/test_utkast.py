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
