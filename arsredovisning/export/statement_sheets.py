"""The statement sheets of the revision workbook: Resultaträkning, Balansräkning and
Kassaflödesanalys (each row's formula from its declaration in ``compute/lines.py``), Noter and
Driftredovisning."""

from __future__ import annotations

from typing import cast

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from ..compute.ledger import LedgerColumn, display_sign
from ..compute.lines import Layout
from ..compute.notes import YEAR_COLUMNS
from ..compute.statements import RowKind, Statement
from ..model import StatementLine as L
from .book import BOLD, FIRST_VALUE_COLUMN, Book, write_text, write_value
from .formulas import plus


def statement_sheet(book: Book, st: Statement) -> None:
    lines = book.lines
    assert lines is not None  # set before the statement sheets are written
    title = st.title
    ws = book.sheet(title, title, {"A": 58, "B": 6, "C": 18, "D": 18, "E": 18, "F": 40})
    header_row = 4
    write_text(ws, header_row, 1, "", BOLD)
    write_text(ws, header_row, 2, "Not", BOLD)
    for i, label in enumerate(st.column_labels):
        write_text(ws, header_row, FIRST_VALUE_COLUMN + i, label, BOLD)
    accounts_col = FIRST_VALUE_COLUMN + len(st.years)
    write_text(ws, header_row, accounts_col, "Konton", BOLD)
    positions = {row.key: header_row + 1 + n for n, row in enumerate(st.rows)}
    book.rows[title] = positions
    for row in st.rows:
        r = positions[row.key]
        bold = BOLD if row.kind in (RowKind.HEADING, RowKind.SUM, RowKind.TOTAL) else None
        label = write_text(ws, r, 1, row.label, bold)
        label.alignment = Alignment(indent=row.level)
        if row.note is not None:
            write_value(ws, r, 2, row.note)
        if row.accounts:
            write_text(ws, r, accounts_col, ", ".join(str(a) for a in row.accounts))
        if row.kind is RowKind.HEADING:
            continue
        for i, value in enumerate(row.values):
            what = f"{title}, {row.label}, {st.column_labels[i]}"
            expr = lines.row(cast(Layout, st.layout), row.key, i)
            if expr is None:
                book.constant(ws, r, FIRST_VALUE_COLUMN + i, value, what)
            else:
                cell = book.formula(ws, r, FIRST_VALUE_COLUMN + i, expr, value, what)
                if bold:
                    cell.font = bold
    ws.freeze_panes = ws.cell(row=header_row + 1, column=2)


def notes_sheet(book: Book) -> None:
    ws = book.sheet("Noter", "Noter", {"A": 48, "B": 6, "C": 18, "D": 18, "E": 40})
    years = YEAR_COLUMNS
    r = 4
    fin, ledger = book.fin, book.ledger
    assert fin is not None and ledger is not None  # the workbook is made for a computed report
    for note in fin.notes:
        write_text(ws, r, 1, f"Not {note.number} {note.title}", BOLD)
        for i, year in enumerate(note.years):
            write_text(ws, r, FIRST_VALUE_COLUMN + i, str(year), BOLD)
        write_text(ws, r, FIRST_VALUE_COLUMN + len(years), "Konton", BOLD)
        first = r + 1
        sign = display_sign(note.line)
        for n, row in enumerate(note.rows):
            r += 1
            write_text(ws, r, 1, row.label)
            write_text(ws, r, FIRST_VALUE_COLUMN + len(years), ", ".join(str(a) for a in row.accounts))
            is_result = note.line is L.EGET_KAPITAL and n == len(note.rows) - 1 and row.label == "Årets resultat"
            for i, value in enumerate(row.values):
                what = f"Not {note.number} {note.title}, {row.label}, {note.years[i]}"
                expr = cast(str, book.result(i) if is_result else ledger.accounts_total(row.accounts, years[i], sign))
                book.formula(ws, r, FIRST_VALUE_COLUMN + i, expr, value, what)
        r += 1
        write_text(ws, r, 1, "Summa", BOLD)
        for i, value in enumerate(note.total):
            letter = get_column_letter(FIRST_VALUE_COLUMN + i)
            expr = f"SUM({letter}{first}:{letter}{r - 1})" if r > first else "0"
            book.formula(ws, r, FIRST_VALUE_COLUMN + i, expr, value, f"Not {note.number} {note.title}, Summa, {note.years[i]}").font = BOLD
        book.rows.setdefault("Noter", {})[note.key] = r
        r += 2


def operating_sheet(book: Book) -> None:
    fin, ledger = book.fin, book.ledger
    assert fin is not None and fin.operating is not None and ledger is not None  # made only with a Budget column
    op = fin.operating
    year = op.year
    ws = book.sheet("Driftredovisning", "Driftredovisning", {"A": 48, "B": 18, "C": 18, "D": 18, "E": 18, "F": 40})
    headers = (f"Budget {year}", f"Utfall {year}", "Avvikelse", f"Utfall {year - 1}", "Konton")
    for c, text in enumerate(headers, start=2):
        write_text(ws, 4, c, text, BOLD)
    positions = {row.key: 5 + n for n, row in enumerate(op.rows)}
    for row in op.rows:
        r = positions[row.key]
        bold = BOLD if row.kind in (RowKind.SUM, RowKind.TOTAL) else None
        write_text(ws, r, 1, row.label, bold).alignment = Alignment(indent=row.level)
        if row.accounts:
            write_text(ws, r, 6, ", ".join(str(a) for a in row.accounts))
        for c, column, value in ((2, LedgerColumn.BUDGET, row.budget), (3, LedgerColumn.CURRENT, row.actual), (5, LedgerColumn.PRIOR, row.prior_actual)):
            letter = get_column_letter(c)
            if row.kind in (RowKind.SUM, RowKind.TOTAL):
                expr = plus([f"{letter}{positions[k]}" for k in row.parts])
            elif row.kind is RowKind.DETAIL:
                expr = ledger.accounts_total(row.accounts, column, -1)
            else:
                expr = ledger.ranges_total(cast(L, row.line), column, -1)
            book.formula(ws, r, c, expr, value, f"Driftredovisning, {row.label}, {headers[c - 2]}")
        book.formula(ws, r, 4, f"C{r}-B{r}", row.variance, f"Driftredovisning, {row.label}, Avvikelse")
