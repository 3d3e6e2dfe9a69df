"""The sheets Tabell 1 … Tabell 8 (Bilaga 3) of the revision workbook: references to the input
rows each figure came from, totals as ``SUM``."""

from __future__ import annotations

from typing import cast
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..compute.tables import AppendixTable, CellKind
from .book import BOLD, COUNT_FORMAT, MONEY_FORMAT, Book, row_of, write_text
from .formulas import InputSheet, plus


def table_sheet(book: Book, table: AppendixTable) -> None:
    title = f"Tabell {table.number}"
    ws = book.sheet(title, table.caption, {"A": 44})
    header_row = 4
    write_text(ws, header_row, 1, table.label_header, BOLD)
    for j, column in enumerate(table.columns, start=2):
        write_text(ws, header_row, j, column.header, BOLD)
        ws.column_dimensions[get_column_letter(j)].width = 18
    first = header_row + 1
    for n, row in enumerate(table.rows):
        r = first + n
        write_text(ws, r, 1, row.label + _note_marks(row.notes))
        for j, column in enumerate(table.columns):
            _table_cell(book, ws, table, row, r, j)
    if table.total is not None:
        r = first + len(table.rows)
        write_text(ws, r, 1, table.total.label + _note_marks(table.total.notes), BOLD)
        for j, column in enumerate(table.columns):
            value = table.total.cells[j]
            if not column.total:
                continue
            letter = get_column_letter(j + 2)
            span = f"{letter}{first}:{letter}{r - 1}"
            missing = any(row.cells[j] is None for row in table.rows)
            expr = f'IF(COUNT({span})=0,"–",SUM({span}))' if missing else f"SUM({span})"
            cell = book.formula(ws, r, j + 2, expr, value, f"{table.caption}, Totalt, {column.header}", _fmt(column.kind))
            cell.font = BOLD
    r = first + len(table.rows) + 2
    for note in table.footnotes:
        write_text(ws, r, 1, f"{note.number})")
        write_text(ws, r, 2, note.text)
        r += 1
    ws.freeze_panes = ws.cell(row=first, column=2)


def _table_cell(book: Book, ws: Worksheet, table: AppendixTable, row, r: int, j: int) -> None:
    column = table.columns[j]
    value = row.cells[j]
    what = f"{table.caption}, {row.label}, {column.header}"
    c = j + 2
    if column.kind is CellKind.YES_NO:
        write_text(ws, r, c, "–" if value is None else ("Ja" if value else "Nej"))
        return
    if column.is_total:
        if value is None:
            write_text(ws, r, c, "–")
            return
        cols = [get_column_letter(k + 2) for k, col in enumerate(table.columns) if col.maskable]
        book.formula(ws, r, c, plus([f"{x}{r}" for x in cols]), value, what, COUNT_FORMAT)
        return
    expr = _table_source(book, table, row, r, column.key)
    if expr is None:
        if value is None:
            write_text(ws, r, c, "–")
        else:
            book.constant(ws, r, c, value, what, _fmt(column.kind))
        return
    book.formula(ws, r, c, expr, value, what, _fmt(column.kind))


def _table_source(book: Book, table: AppendixTable, row, r: int, key: str) -> str | None:
    """The formula of one body cell of Tabell 1–8, None when it has no source (shown "–")."""
    insatser = book.inputs["Insatser"]
    home = row.sources[0] if row.sources else None
    home_row = row_of(home)
    if table.key in ("t1", "t2", "t3", "t4", "t8"):
        if key == "planned" and row.cells[table.column_index("planned")] is None:
            return None
        header = {"planned": "Budgeterade deltagare", "participants": "Deltagare",
                  "budget": "Budget", "actual": "Utfall"}.get(key)
        if header is not None:
            return insatser.cell(header, home_row) if home_row else None
        if key == "variance":
            return f"{get_column_letter(2 + table.column_index('budget'))}{r}-{get_column_letter(2 + table.column_index('actual'))}{r}"
        if key == "cost_per_participant":
            a = f"{get_column_letter(2 + table.column_index('actual'))}{r}"
            p = f"{get_column_letter(2 + table.column_index('participants'))}{r}"
            return f'IF(AND({a}>0,{p}>0),ROUND({a}/{p},0),"–")'
        return None
    if len(row.sources) < 2:  # no Kön/Kommuner/Bakgrund row for this insats
        return None
    source = row.sources[1]
    sheet = {"t5": "Kön", "t6": "Kommuner", "t7": "Bakgrund"}[table.key]
    headers = {
        "t5": {"women": "Kvinnor", "men": "Män", "other": "Annat/ej angivet"},
        "t6": {"other": "Övriga"},
        "t7": {"swedish": "Svensk", "other": "Annan", "unreported": "Ej redovisad"},
    }[table.key]
    inp_sheet = book.inputs.get(sheet)
    if inp_sheet is None:
        return None
    if table.key == "t6" and key != "other":
        return _municipality_cell(book, inp_sheet, key, row_of(source))
    header = headers.get(key)
    return None if header is None else inp_sheet.cell(header, cast(int, row_of(source))) or "0"


def _municipality_cell(book: Book, sheet: InputSheet, member_name: str, row: int | None) -> str | None:
    member = next((m for m in book.inp.members if m.name == member_name), None)
    if member is None or row is None:
        return None
    return sheet.cell(member.short_name, row) or sheet.cell(member.name, row) or "0"


def _fmt(kind: CellKind) -> str:
    return MONEY_FORMAT if kind is CellKind.MONEY else COUNT_FORMAT


def _note_marks(numbers: tuple[int, ...]) -> str:
    return "".join(f" {n})" for n in numbers)
