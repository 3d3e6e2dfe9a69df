"""The first and the last sheets of the revision workbook: Dokumentinfo, and the input sheets copied
as the tool read them (values only, numeric text as the number read; see ``load/copies.py``)."""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from ..model import SheetCopy
from ..present.control_report import source_text
from .book import BOLD, TITLE, Book, write_text, write_value
from .formulas import InputSheet


def document_info(book: Book) -> None:
    org = book.inp.organisation
    ws = book.wb.create_sheet("Dokumentinfo")
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 90
    write_text(ws, 1, 1, "Underlag för revision", TITLE)
    lines = [
        ("Förbund", org.name),
        ("Organisationsnummer", org.org_number),
        ("Räkenskapsår", str(org.year)),
        ("Version", book.stamp.version_id or book.stamp.checksum),
        ("Tillstånd", book.stamp.state),
        ("Kontrollsumma indata", book.stamp.checksum),
        ("Verktyg", f"arsredovisning {book.stamp.version}"),
        ("Stämpel", str(book.stamp)),
        ("", ""),
        ("Om arbetsboken", "Alla tal i årsredovisningen finns här som formler över indatabladen, så att de "
                           "kan följas och räknas om i Excel eller LibreOffice."),
        ("", "Beloppen är exakta (kr med ören); årsredovisningen avrundar till hela kr eller tkr."),
        ("", "Ändras ett belopp i ett indatablad räknas alla tal om. Indatabladen är kopior av indata.xlsx "
             "som verktyget läste dem (värden, inga formler)."),
        ("", "Versionen ska vara densamma som i sidfoten på varje sida av årsredovisningen och kontrollrapporten."),
        ("Resultaträkning m.fl.", "Raderna summerar saldobalansens konton per intervall i kontoplanen (SUMIFS)."),
        ("Noter", "Varje notrad summerar de konton som har samma benämning."),
        ("Tabell 1–8", "Bilaga 3: hänvisningar till raderna i bladen Insatser, Kön, Kommuner och Bakgrund."),
        ("Avstämningar", "Avstämningarnas båda sidor och skillnaden som formler; Status är verktygets bedömning."),
    ]
    for n, (key, text) in enumerate(lines, start=3):
        write_text(ws, n, 1, key, BOLD)
        write_text(ws, n, 2, text)
    source = source_text(book.inp.ledger_source)
    if source is not None:
        write_text(ws, len(lines) + 5, 1, "Saldobalansens källa", BOLD)
        write_text(ws, len(lines) + 5, 2, source)
    if book.inp.chart_is_default:
        write_text(ws, len(lines) + 4, 1, "Kontoplan", BOLD)
        write_text(ws, len(lines) + 4, 2, "Arbetsboken har inget blad Kontoplan; den inbyggda kontoplanen "
                                          "används och finns i bladet Kontoplan (inbyggd).")


def copy_inputs(book: Book) -> None:
    for copy in book.inp.sheet_copies:
        book.inputs[copy.name] = _copy_sheet(book, copy)
    if book.inp.chart_is_default:
        _default_chart(book)


def _copy_sheet(book: Book, copy: SheetCopy) -> InputSheet:
    ws = book.wb.create_sheet(copy.title)
    for r, row in enumerate(copy.rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                write_value(ws, r, c, value)
    header = copy.rows[0] if copy.rows else ()
    for c in range(1, len(header) + 1):
        ws.cell(row=1, column=c).font = BOLD
        ws.column_dimensions[get_column_letter(c)].width = 18
    ws.freeze_panes = "A2"
    return InputSheet(ws.title, copy.columns)


def _default_chart(book: Book) -> None:
    ws = book.wb.create_sheet("Kontoplan (inbyggd)")
    for c, name in enumerate(("Från", "Till", "Rad"), start=1):
        write_text(ws, 1, c, name, BOLD)
    for r, rule in enumerate(book.inp.chart, start=2):
        write_value(ws, r, 1, rule.start)
        write_value(ws, r, 2, rule.end)
        write_text(ws, r, 3, rule.line.value)
    ws.column_dimensions["C"].width = 36
    book.inputs["Kontoplan"] = InputSheet(ws.title, {"Från": "A", "Till": "B", "Rad": "C"})
