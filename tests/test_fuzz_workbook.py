"""Another förbund's workbook, broken in ways nobody listed: cells of the example's workbook replaced
by hypothesis with text, odd numbers, dates, formulas' error values, markup and template syntax;
rows deleted. Loading, computing and checking never raise, every finding names its file (and sheet
or cell where it has one), and a
workbook without ``fel`` always renders its HTML (the preview's path: a build minus WeasyPrint)."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arsredovisning.checks import all_reconciliations
from arsredovisning.findings import Level
from arsredovisning.pipeline import run_checks
from arsredovisning.render import render_html

from .conftest import EXAMPLE

VALUES = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "ca 5000", "1 234", "1,5", "#REF!", "#DIV/0!", "Individ", "Struktur", "tkr", "Styrelse",
                     "Revisor", "<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "x" * 3000, "Ja", "Nej"]),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40),  # what a cell can hold
    st.integers(min_value=-10**13, max_value=10**13),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
    st.booleans(),
    st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(2100, 12, 31)),
)


@pytest.fixture(scope="module")
def example_sheets() -> dict[str, list[list[object]]]:
    wb = openpyxl.load_workbook(EXAMPLE / "indata.xlsx")
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


@st.composite
def changes(draw, sheets: dict[str, list[list[object]]]):
    """1–4 edits: (sheet, row, column, value) with a 0-based cell just inside or beyond the data, or
    (sheet, row, None, None) to delete a row."""
    out = []
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(sorted(sheets)))
        grid = sheets[name]
        row = draw(st.integers(0, len(grid)))
        if draw(st.integers(0, 19)) == 0 and len(grid) > 1:
            out.append((name, min(row, len(grid) - 1), None, None))
        else:
            out.append((name, row, draw(st.integers(0, max(len(r) for r in grid))), draw(VALUES)))
    return out


def _write(folder: Path, sheets: dict[str, list[list[object]]], edits) -> None:
    grids = {name: [list(r) for r in grid] for name, grid in sheets.items()}
    for name, row, col, value in edits:
        grid = grids[name]
        if col is None:
            del grid[row]
            continue
        while len(grid) <= row:
            grid.append([])
        while len(grid[row]) <= col:
            grid[row].append(None)
        grid[row][col] = value
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, grid in grids.items():
        ws = wb.create_sheet(name)
        for r in grid:
            ws.append(r)
    wb.save(folder / "indata.xlsx")


@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_a_workbook_broken_anywhere_gives_findings_never_a_crash(tmp_path_factory, example_sheets, data):
    edits = data.draw(changes(example_sheets))
    folder = tmp_path_factory.mktemp("arsmapp")
    shutil.copytree(EXAMPLE / "texter", folder / "texter")
    for extra in EXAMPLE.iterdir():
        if extra.is_file() and extra.name != "indata.xlsx":
            shutil.copy(extra, folder / extra.name)
    _write(folder, example_sheets, edits)
    result = run_checks(folder)
    for f in result.findings:  # each says what and where: the workbook, its sheet or its cell
        assert f.id and f.message.strip(), f
        assert f.location is not None and f.location.file, f.render()
    if result.report is not None:  # so is every avstämning, also one that did not fire here
        for r in all_reconciliations(result.report):
            assert r.location is not None and r.location.file, (r.id, r.description)
    if result.report is not None and not any(f.level is Level.ERROR for f in result.findings):
        rendered = render_html(result)
        assert rendered is not None and "<script>alert(1)</script>" not in rendered.body  # autoescaped

