"""Each avstämning is declared once (checks/declaration.Check): its tolerance gives the finding in
Python and the status formula of the revision workbook; its side expressions give the workbook's
side formulas. Changing one tolerance changes both together."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import pytest

from arsredovisning import catalogue
from arsredovisning.checks import all_reconciliations, declaration, ledger, run_all
from arsredovisning.export.reconciliations import status_formula
from arsredovisning.export.workbook import build_workbook
from arsredovisning.findings import Level, Tolerance
from arsredovisning.load.stamp import stamp
from arsredovisning.pipeline import run_checks

from .builders import workbook
from .test_checks_revisor import STEGET_TEXT, clean_sheets


def excel_status(formula: str, left: float, right: float) -> str:
    """Evaluate a status formula of the Avstämningar sheet (IF, ROUND, ABS, comparisons) for the row
    whose D is ``left``, F ``right`` and G their difference."""
    text = re.sub(r"(?<![<>])=", "==", formula)
    text = re.sub(r"\b([DFG])\d+\b", r"\1", text)
    names = {"IF": lambda c, a, b: a if c else b, "ROUND": round, "ABS": abs, "D": left, "F": right, "G": left - right}
    return eval(text, {"__builtins__": {}}, names)  # noqa: S307 - our own formula text


def unbalanced(tmp_path, ore: int):
    """The clean förbund of test_checks_revisor with the bank's Belopp ``ore`` öre too high: the
    Belopp column of Saldobalans sums to ``ore`` öre, not 0."""
    sheets = clean_sheets()
    sheets["Saldobalans"][1][2] = 500000 + ore / 100
    result = run_checks(workbook(tmp_path, sheets, {"insatser/steget.md": STEGET_TEXT}))
    assert result.report is not None
    (sb,) = [r for r in all_reconciliations(result.report) if r.id == "SB-BALANS" and r.about == "Belopp"]
    return result.report, sb


def avstamningar_row(report, id: str, about: str = "") -> tuple:
    wb, _ = build_workbook(report, stamp(report.inp.folder))
    ws = wb["Avstämningar"]
    row = next(r for r in ws.iter_rows(min_row=5) if r[0].value == id and (not about or about in r[1].value))
    return row[0].row, row[7].value, row[8].value


def test_one_tolerance_changes_the_finding_and_the_workbook_formula_together(tmp_path, monkeypatch):
    report, sb = unbalanced(tmp_path / "a", 60)  # 0,60 kr
    assert (sb.left, sb.level) == (Decimal("0.60"), Level.WARNING)
    r, status, tolerance = avstamningar_row(report, "SB-BALANS", "kolumn Belopp")
    assert status == f'=IF(ROUND(G{r},2)=0,"ok",IF(ROUND(ABS(G{r}),2)<=1,"varning","fel"))'
    assert excel_status(status[1:], 0.60, 0) == "varning"
    assert tolerance == "ska vara 0; ±1 kr avrundning godtas som varning, mer är fel"

    # One change, in the declaration: at most 0,50 kr is a varning.
    stricter = replace(ledger.SB_BALANS, tolerance=Tolerance("±0,50 kr godtas som varning", warning=Decimal("0.50"),
                                                            beyond=Level.ERROR))
    monkeypatch.setattr(ledger, "SB_BALANS", stricter)
    report, sb = unbalanced(tmp_path / "b", 60)
    assert sb.level is Level.ERROR
    assert any(f.id == "SB-BALANS" and f.level is Level.ERROR for f in run_all(report))
    r, status, tolerance = avstamningar_row(report, "SB-BALANS", "kolumn Belopp")
    assert status == f'=IF(ROUND(G{r},2)=0,"ok",IF(ROUND(ABS(G{r}),2)<=0.5,"varning","fel"))'
    assert excel_status(status[1:], 0.60, 0) == "fel"
    assert tolerance == "±0,50 kr godtas som varning"


RULES = [
    Tolerance("", warning=Decimal(1), beyond=Level.ERROR),
    Tolerance(""),
    Tolerance("", beyond=Level.ERROR),
    Tolerance("", ok=Decimal("0.50")),
    Tolerance("", at_most=True),
    Tolerance("", ok=Decimal(2), at_most=True, beyond=Level.ERROR),
]


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("left, right", [(0, 0), (0.3, 0), (0.5, 0), (0.6, 0), (1, 0), (1.01, 0), (-1, 0), (-3, 0),
                                         (18, 18), (19, 18), (20, 18), (21, 18), (10.001, 10)])
def test_python_and_the_workbook_give_the_same_status(rule, left, right):
    level = rule.level(Decimal(str(left)), Decimal(str(right)))
    record = replace(ledger.SB_BALANS.record("", "", Decimal(0), "", Decimal(0), "", None, None, left_at=None,
                                             right_at=None), rule=rule, level=level)
    assert excel_status(status_formula(record, 5), left, right) == record.status


def test_a_level_the_rule_does_not_give_is_a_bug():
    with pytest.raises(ValueError):
        ledger.SB_BALANS.record("", "", Decimal(5), "", Decimal(0), "", None, None, left_at=None, right_at=None,
                                level=Level.WARNING)


def test_every_avstamning_is_declared_once_in_its_own_module():
    declared = {}
    for name, found in catalogue.module_findings().items():
        module = __import__(name, fromlist=["_"])
        for value in vars(module).values():
            if isinstance(value, declaration.Check):
                declared.setdefault(value.id, set()).add(name)
                assert found.get(value.id) == value.description, (name, value.id)
    assert all(len(modules) == 1 for modules in declared.values()), declared
    assert not set(declared) & set(catalogue.EXISTING)
    assert {"SB-BALANS", "BR-BALANS", "EK-UB", "KF-LIKVIDA", "KF-IB", "INS-PROJEKTMEDEL", "MEDLEM-BOKFORT",
            "EK-RIKTVARDE", "RR-BR-RESULTAT", "NOT-SUMMA", "RR-INTAKTER", "INS-RESULTAT-SUMMA",
            "BILAGA-TABELLSUMMA", "BALANSKRAV-RESULTAT"} <= set(declared)


def test_the_workbook_module_names_no_avstamning():
    from arsredovisning.export import reconciliations

    source = open(reconciliations.__file__, encoding="utf-8").read()
    assert not re.search(r'"[A-Z]+(-[A-Z]+)+"', source)


def test_a_misspelt_sheet_or_column_raises_instead_of_finding_nothing():
    from arsredovisning.load.schema import SALDOBALANS
    from tests.records import annual_input

    inp = annual_input([(1930, "Bank", 1000, 900)])
    assert inp.unusable_in(SALDOBALANS, ("Belopp",)) == ()
    with pytest.raises(TypeError):
        inp.unusable_in("Saldobalans")
    with pytest.raises(KeyError):
        inp.unusable_in(SALDOBALANS, ("Beloop",))
    with pytest.raises(KeyError):
        declaration.ColumnSum("Saldobalanss", "Belopp")
    with pytest.raises(KeyError):
        declaration.InputCell("Insatser", "Deltagar", None)
