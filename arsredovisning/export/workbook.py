"""The revision workbook ``arsredovisning-<år>-underlag.xlsx``: the report's figures as live formulas.

Sheets, in order:

* ``Dokumentinfo``: förbund, år, version stamp, what each sheet holds;
* ``Resultaträkning``, ``Balansräkning``, ``Kassaflödesanalys``, ``Noter`` and (with Budget)
  ``Driftredovisning``: every figure a formula over the copied ``Saldobalans`` (see formulas.py),
  subtotals formulas over the statement cells;
* ``Balanskravsutredning`` (only with rows in Balanskravsjusteringar): årets resultat, the copied
  adjustments and the balanskravsresultat;
* ``Tabell 1`` … ``Tabell 8`` (Bilaga 3): references to the input rows, totals as ``SUM``;
* ``Avstämningar``: each avstämning's two sides and difference as formulas;
* the input sheets, copied as the tool read them: values only (a cached formula result is copied as
  its value); text that the loader accepted as a number (``1 234,50``) is written as that number, so
  the formulas see what the tool saw; every other text is written as text, never as a formula.

Written by one module per job: ``book.py`` (the workbook being written, cells, the manifest),
``input_sheets.py``, ``statement_sheets.py``, ``table_sheets.py`` and ``reconciliations.py``;
this module puts them in order and saves the file.

Amounts are exact kronor with öre. The file is deterministic: the same input gives the same bytes
(fixed document times and zip entry times).
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from openpyxl.xml.functions import tostring

from ..compute import Report
from ..compute.lines import depreciated_line
from ..files import FIXED_TIME, fixed_time_workbook, revision_workbook_name, write_atomic
from ..load.stamp import Stamp
from .book import Book, Manifest
from .formulas import LedgerFormulas, LineFormulas
from .input_sheets import copy_inputs, document_info
from .reconciliations import reconciliation_sheet
from .requirement_sheet import requirement_sheet
from .statement_sheets import notes_sheet, operating_sheet, statement_sheet
from .table_sheets import table_sheet



def _build(book: Book) -> openpyxl.Workbook:
    """Every sheet, in order; the input sheets are moved last."""
    document_info(book)
    copy_inputs(book)  # before the formulas: they need the input column letters
    book.ledger = LedgerFormulas(book.inputs["Saldobalans"], book.inp.chart)
    fin = book.fin
    assert fin is not None  # the workbook is made for a computed report
    book.lines = LineFormulas(book.ledger, depreciated_line(fin.ledger), book.cell_of)
    for statement in (fin.income_statement, fin.balance_sheet, fin.cash_flow):
        statement_sheet(book, statement)
    notes_sheet(book)
    if fin.operating is not None:
        operating_sheet(book)
    requirement_sheet(book)  # only with Balanskravsjusteringar rows
    if book.report.appendix is not None:
        for table in book.report.appendix.tables:
            table_sheet(book, table)
    reconciliation_sheet(book)
    _order_sheets(book)
    props = book.wb.properties
    props.created = props.modified = FIXED_TIME
    props.creator = props.lastModifiedBy = "arsredovisning"
    props.title = f"Underlag för revision {book.inp.organisation.year}, {book.inp.organisation.name}"
    return book.wb


def _order_sheets(book: Book) -> None:
    inputs = {s.title for s in book.inputs.values()}
    book.wb._sheets.sort(key=lambda ws: ws.title in inputs)  # stable: outputs first, then inputs


def build_workbook(report: Report, stamp: Stamp) -> tuple[openpyxl.Workbook, Manifest]:
    book = Book(report, stamp)
    return _build(book), book.manifest


def workbook_bytes(wb: openpyxl.Workbook) -> bytes:
    """The saved workbook, deterministic: document times and every zip entry dated :data:`FIXED_TIME`
    (openpyxl stamps the save time into docProps/core.xml; that part is written again)."""
    raw = io.BytesIO()
    wb.save(raw)
    wb.properties.modified = FIXED_TIME
    return fixed_time_workbook(raw.getvalue(), tostring(wb.properties.to_tree()))


def write_workbook(report: Report, stamp: Stamp, out: Path) -> tuple[Path, Manifest]:
    """Write ``<out>/arsredovisning-<år>-underlag.xlsx`` atomically; return its path and manifest."""
    wb, manifest = build_workbook(report, stamp)
    path = Path(out) / revision_workbook_name(report.inp.organisation.year)
    write_atomic(path, workbook_bytes(wb))
    return path, manifest
