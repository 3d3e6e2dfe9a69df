"""The revision workbook being written (:class:`Book`) and how a cell is written: text that stays
text, values, formulas with the figure they must give (the :class:`Manifest`), constants."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .. import cellref
from ..cellwrite import put
from ..compute import Report
from ..compute.lines import INCOME, Other, StatementKey
from ..findings import Location
from ..load.stamp import Stamp
from .formulas import InputSheet, LedgerFormulas, LineFormulas

MONEY_FORMAT = "#,##0.00"
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.00"
DATE_FORMAT = "yyyy-mm-dd"
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
FIRST_VALUE_COLUMN = 3  # column C: A label, B not


@dataclass(frozen=True)
class FormulaFigure:
    """One formula cell and the figure the tool computed for it (None: the formula shows "–")."""

    sheet: str
    cell: str
    expected: Decimal | int | str | None  # str: a status text ("ok", "varning" …)
    label: str


@dataclass
class Manifest:
    """What was written: every formula with its expected value, and the figures written as plain
    values because no formula could be built (a revisor sees them marked; should stay empty)."""

    figures: list[FormulaFigure] = field(default_factory=list)
    constants: list[FormulaFigure] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Writing cells
# --------------------------------------------------------------------------------------------


def write_text(ws: Worksheet, row: int, col: int, text: str, font: Font | None = None):
    """Text that stays text: never interpreted as a formula, whatever it starts with
    (:func:`arsredovisning.cellwrite.put`)."""
    cell = put(ws, row, col, text)
    if font is not None:
        cell.font = font
    return cell


def write_value(ws: Worksheet, row: int, col: int, value: object):
    if isinstance(value, str):
        return write_text(ws, row, col, value)
    cell = ws.cell(row=row, column=col)
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    cell.value = value
    if isinstance(value, (datetime, date)):
        cell.number_format = DATE_FORMAT
    return cell


def row_of(loc: Location | None) -> int | None:
    """The Excel row a loaded record came from (its cell's row, else its line), None without one."""
    if loc is None:
        return None
    return cellref.row_of(loc.cell) or loc.line


class Book:
    """The workbook being written: the report, the openpyxl workbook, what was written (manifest)
    and where (input column letters, statement row positions), and the formula builders."""

    def __init__(self, report: Report, stamp: Stamp):
        self.report = report
        self.inp = report.inp
        self.fin = report.financials
        self.stamp = stamp
        self.wb = openpyxl.Workbook()
        self.wb.remove(self.wb.active)
        self.manifest = Manifest()
        self.inputs: dict[str, InputSheet] = {}
        self.rows: dict[str, dict[str, int]] = {}  # sheet title → row key → Excel row
        self.ledger: LedgerFormulas | None = None  # set once Saldobalans is copied
        self.lines: LineFormulas | None = None

    # -- cells ---------------------------------------------------------------------------------

    def formula(self, ws: Worksheet, row: int, col: int, expr: str, expected, label: str, fmt: str = MONEY_FORMAT):
        cell = ws.cell(row=row, column=col)
        cell.value = "=" + expr
        cell.number_format = fmt
        self.manifest.figures.append(FormulaFigure(ws.title, cell.coordinate, expected, label))
        return cell

    def constant(self, ws: Worksheet, row: int, col: int, value, label: str, fmt: str = MONEY_FORMAT):
        """A figure without a formula: written as its value, marked in italics with a note."""
        cell = write_value(ws, row, col, value)
        cell.number_format = fmt
        cell.font = Font(italic=True)
        self.manifest.constants.append(FormulaFigure(ws.title, cell.coordinate, value, label))
        return cell

    def sheet(self, title: str, heading: str, widths: dict[str, int]) -> Worksheet:
        ws = self.wb.create_sheet(title)
        write_text(ws, 1, 1, heading, TITLE)
        write_text(ws, 2, 1, f"{self.inp.organisation.name}, räkenskapsår {self.inp.organisation.year}. "
                             "Belopp i kr med ören; varje tal är en formel över indatabladen.")
        for letter, width in widths.items():
            ws.column_dimensions[letter].width = width
        return ws

    def cell_of(self, sheet: str, key: str, i: int) -> str | None:
        r = self.rows.get(sheet, {}).get(key)
        return None if r is None else f"{get_column_letter(FIRST_VALUE_COLUMN + i)}{r}"

    def result(self, i: int) -> str | None:
        """Årets resultat, column ``i``: a reference to the resultaträkning's cell."""
        return self.lines.text(Other(INCOME, StatementKey.ARETS_RESULTAT), None, i) if self.lines is not None else None
