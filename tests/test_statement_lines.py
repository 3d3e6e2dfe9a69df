"""One declaration per statement line (compute/lines.py): the report's figure and the revision
workbook's formula both come from it, so changing the declaration changes both."""

from __future__ import annotations

import openpyxl
import pytest

from arsredovisning.compute import lines
from arsredovisning.compute.ledger import LedgerColumn
from arsredovisning.compute.lines import At, StatementKey, RowKind, Shown, total
from arsredovisning.load.stamp import stamp
from arsredovisning.export.workbook import write_workbook
from arsredovisning.model import StatementLine as L
from arsredovisning.pipeline import run_checks

from .conftest import EXAMPLE


def _built(tmp_path):
    """The example's report and its workbook's cell formulas, sheet → label → formula of this year."""
    report = run_checks(EXAMPLE).report
    path, manifest = write_workbook(report, stamp(EXAMPLE), tmp_path)
    wb = openpyxl.load_workbook(path)
    formulas = {
        title: {row[0].value: row[2].value for row in wb[title].iter_rows(min_row=5) if row[0].value}
        for title in ("Resultaträkning", "Balansräkning", "Kassaflödesanalys")
    }
    return report, formulas, manifest


def test_changing_a_subtotal_declaration_changes_figure_and_formula(tmp_path, monkeypatch):
    report, formulas, _ = _built(tmp_path / "före")
    rr = report.financials.income_statement
    income, costs = rr.value(StatementKey.VERKSAMHETENS_INTAKTER), rr.value(StatementKey.VERKSAMHETENS_KOSTNADER)
    assert rr.value(StatementKey.VERKSAMHETENS_NETTOKOSTNADER) == income + costs
    assert formulas["Resultaträkning"]["Verksamhetens nettokostnader"] == "=C5+C6"

    # Redeclare the subtotal without the kostnader: nothing else is edited.
    changed = total(StatementKey.VERKSAMHETENS_NETTOKOSTNADER, "Verksamhetens nettokostnader", StatementKey.VERKSAMHETENS_INTAKTER)
    monkeypatch.setattr(lines, "INCOME_STATEMENT", lines.INCOME_STATEMENT.replace_line(changed.key, changed))
    report, formulas, manifest = _built(tmp_path / "efter")
    rr = report.financials.income_statement
    assert rr.value(StatementKey.VERKSAMHETENS_NETTOKOSTNADER) == income
    assert formulas["Resultaträkning"]["Verksamhetens nettokostnader"] == "=C5"
    # the formula's expected figure in the manifest is the new figure too
    figure = next(f for f in manifest.figures if f.sheet == "Resultaträkning" and f.cell == "C7")
    assert figure.expected == income


def test_changing_a_cash_flow_row_changes_figure_and_formula(tmp_path, monkeypatch):
    changed = lines.Line(StatementKey.LIKVIDA_MEDEL_IB, "Likvida medel vid årets början", RowKind.LINE,
                         Shown(L.KASSA_OCH_BANK, At.START))
    monkeypatch.setattr(lines, "CASH_FLOW_STATEMENT", lines.CASH_FLOW_STATEMENT.replace_line(changed.key, changed))
    report, formulas, _ = _built(tmp_path)
    kf = report.financials.cash_flow
    ledger = report.financials.ledger
    assert kf.value(StatementKey.LIKVIDA_MEDEL_IB) == ledger.shown(L.KASSA_OCH_BANK, LedgerColumn.PRIOR)
    assert formulas["Kassaflödesanalys"]["Likvida medel vid årets början"] == (
        "=SUMIFS('Saldobalans'!$D:$D,'Saldobalans'!$A:$A,\">=1900\",'Saldobalans'!$A:$A,\"<=1999\")"
    )


def test_an_undeclared_row_raises_and_a_declared_row_left_out_is_zero():
    fin = run_checks(EXAMPLE).report.financials
    with pytest.raises(KeyError, match="arets_resultatt"):
        fin.income_statement.value("arets_resultatt")
    with pytest.raises(KeyError):
        fin.balance_sheet.has("summa_skulderr")
    br = fin.balance_sheet
    assert not br.has(StatementKey.LANGFRISTIGA_SKULDER)
    assert br.value(StatementKey.LANGFRISTIGA_SKULDER) == 0


def test_every_line_row_key_is_a_declared_constant():
    keys = {x.key for layout in (lines.INCOME_STATEMENT, lines.BALANCE_SHEET, lines.CASH_FLOW_STATEMENT)
            for x in (*layout.lines(), *layout.components)}
    assert keys == set(StatementKey)
