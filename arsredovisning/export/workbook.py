"""The revision workbook ``arsredovisning-<år>-underlag.xlsx``: the report's figures as live formulas.

Sheets, in order:

* ``Dokumentinfo``: förbund, år, version stamp, what each sheet holds;
* ``Resultaträkning``, ``Balansräkning``, ``Kassaflödesanalys``, ``Noter`` and (with Budget)
  ``Driftredovisning``: every figure a formula over the copied ``Saldobalans`` (see formulas.py),
  subtotals formulas over the statement cells;
* ``Tabell 1`` … ``Tabell 8`` (Bilaga 3): references to the input rows, totals as ``SUM``;
* ``Avstämningar``: each avstämning's two sides and difference as formulas;
* the input sheets, copied as the tool read them: values only (a cached formula result is copied as
  its value); text that the loader accepted as a number (``1 234,50``) is written as that number, so
  the formulas see what the tool saw; every other text is written as text, never as a formula.

Amounts are exact kronor with öre. The file is deterministic: the same input gives the same bytes
(fixed document times and zip entry times).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from ..compute import Report
from ..compute.appendices import Kind as CellKind, Table
from ..compute.lines import INCOME, Other, Row, depreciated_line
from ..compute.ledger import Column, display_sign
from ..compute.notes import YEAR_COLUMNS
from ..compute.statements import RowKind, Statement
from ..findings import Location
from ..model import SheetCopy, StatementLine as L
from .files import write_atomic
from .formulas import InputSheet, LedgerFormulas, LineFormulas, plus
from .stamp import Stamp

CORE_PART = "docProps/core.xml"
FIXED_TIME = datetime(1980, 1, 1)  # document and zip entry times: same input, same bytes
MONEY_FORMAT = "#,##0.00"
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.00"
DATE_FORMAT = "yyyy-mm-dd"
FORMULA_START = ("=", "+", "-", "@")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
FIRST_VALUE_COLUMN = 3  # column C: A label, B not


@dataclass(frozen=True)
class Figure:
    """One formula cell and the figure the tool computed for it (None: the formula shows "–")."""

    sheet: str
    cell: str
    expected: Decimal | int | str | None  # str: a status text ("ok", "varning" …)
    label: str


@dataclass
class Manifest:
    """What was written: every formula with its expected value, and the figures written as plain
    values because no formula could be built (a revisor sees them marked; should stay empty)."""

    figures: list[Figure] = field(default_factory=list)
    constants: list[Figure] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Writing cells
# --------------------------------------------------------------------------------------------


def write_text(ws: Worksheet, row: int, col: int, text: str, font: Font | None = None):
    """Text that stays text: never interpreted as a formula, whatever it starts with."""
    cell = ws.cell(row=row, column=col)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True
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


class _Writer:
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

    # -- cells ---------------------------------------------------------------------------------

    def formula(self, ws: Worksheet, row: int, col: int, expr: str, expected, label: str, fmt: str = MONEY_FORMAT):
        cell = ws.cell(row=row, column=col)
        cell.value = "=" + expr
        cell.number_format = fmt
        self.manifest.figures.append(Figure(ws.title, cell.coordinate, expected, label))
        return cell

    def constant(self, ws: Worksheet, row: int, col: int, value, label: str, fmt: str = MONEY_FORMAT):
        """A figure without a formula: written as its value, marked in italics with a note."""
        cell = write_value(ws, row, col, value)
        cell.number_format = fmt
        cell.font = Font(italic=True)
        self.manifest.constants.append(Figure(ws.title, cell.coordinate, value, label))
        return cell

    def sheet(self, title: str, heading: str, widths: dict[str, int]) -> Worksheet:
        ws = self.wb.create_sheet(title)
        write_text(ws, 1, 1, heading, TITLE)
        write_text(ws, 2, 1, f"{self.inp.organisation.name}, räkenskapsår {self.inp.organisation.year}. "
                             "Belopp i kr med ören; varje tal är en formel över indatabladen.")
        for letter, width in widths.items():
            ws.column_dimensions[letter].width = width
        return ws

    # -- the workbook --------------------------------------------------------------------------

    def build(self) -> openpyxl.Workbook:
        self._document_info()
        self._copy_inputs()  # before the formulas: they need the input column letters
        self.ledger = LedgerFormulas(self.inputs["Saldobalans"], self.inp.chart)
        fin = self.fin
        self.lines = LineFormulas(self.ledger, depreciated_line(fin.ledger), self.cell_of)
        for statement in (fin.income_statement, fin.balance_sheet, fin.cash_flow):
            self._statement(statement)
        self._notes()
        if fin.operating is not None:
            self._operating()
        if self.report.appendix is not None:
            for table in self.report.appendix.tables:
                self._table(table)
        self._reconciliations()
        self._order_sheets()
        props = self.wb.properties
        props.created = props.modified = FIXED_TIME
        props.creator = props.lastModifiedBy = "arsredovisning"
        props.title = f"Underlag för revision {self.inp.organisation.year}, {self.inp.organisation.name}"
        return self.wb

    def _order_sheets(self) -> None:
        inputs = {s.title for s in self.inputs.values()}
        self.wb._sheets.sort(key=lambda ws: ws.title in inputs)  # stable: outputs first, then inputs

    # -- Dokumentinfo --------------------------------------------------------------------------

    def _document_info(self) -> None:
        org = self.inp.organisation
        ws = self.wb.create_sheet("Dokumentinfo")
        ws.column_dimensions["A"].width = 28
        ws.column_dimensions["B"].width = 90
        write_text(ws, 1, 1, "Underlag för revision", TITLE)
        lines = [
            ("Förbund", org.name),
            ("Organisationsnummer", org.org_number),
            ("Räkenskapsår", str(org.year)),
            ("Kontrollsumma indata", self.stamp.checksum),
            ("Verktyg", f"arsredovisning {self.stamp.version}"),
            ("Stämpel", str(self.stamp)),
            ("", ""),
            ("Om arbetsboken", "Alla tal i årsredovisningen finns här som formler över indatabladen, så att de "
                               "kan följas och räknas om i Excel eller LibreOffice."),
            ("", "Beloppen är exakta (kr med ören); årsredovisningen avrundar till hela kr eller tkr."),
            ("", "Ändras ett belopp i ett indatablad räknas alla tal om. Indatabladen är kopior av indata.xlsx "
                 "som verktyget läste dem (värden, inga formler)."),
            ("", "Kontrollsumman ska vara densamma som på årsredovisningens sista sida och i kontrollrapporten."),
            ("Resultaträkning m.fl.", "Raderna summerar saldobalansens konton per intervall i kontoplanen (SUMIFS)."),
            ("Noter", "Varje notrad summerar de konton som har samma benämning."),
            ("Tabell 1–8", "Bilaga 3: hänvisningar till raderna i bladen Insatser, Kön, Kommuner och Bakgrund."),
            ("Avstämningar", "Avstämningarnas båda sidor och skillnaden som formler; Status är verktygets bedömning."),
        ]
        for n, (key, text) in enumerate(lines, start=3):
            write_text(ws, n, 1, key, BOLD)
            write_text(ws, n, 2, text)
        if self.inp.chart_is_default:
            write_text(ws, len(lines) + 4, 1, "Kontoplan", BOLD)
            write_text(ws, len(lines) + 4, 2, "Arbetsboken har inget blad Kontoplan; den inbyggda kontoplanen "
                                              "används och finns i bladet Kontoplan (inbyggd).")

    # -- input sheets --------------------------------------------------------------------------

    def _copy_inputs(self) -> None:
        for copy in self.inp.sheet_copies:
            self.inputs[copy.name] = self._copy_sheet(copy)
        if self.inp.chart_is_default:
            self._default_chart()

    def _copy_sheet(self, copy: SheetCopy) -> InputSheet:
        ws = self.wb.create_sheet(copy.title)
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

    def _default_chart(self) -> None:
        ws = self.wb.create_sheet("Kontoplan (inbyggd)")
        for c, name in enumerate(("Från", "Till", "Rad"), start=1):
            write_text(ws, 1, c, name, BOLD)
        for r, rule in enumerate(self.inp.chart, start=2):
            write_value(ws, r, 1, rule.start)
            write_value(ws, r, 2, rule.end)
            write_text(ws, r, 3, rule.line.value)
        ws.column_dimensions["C"].width = 36
        self.inputs["Kontoplan"] = InputSheet(ws.title, {"Från": "A", "Till": "B", "Rad": "C"})

    # -- statements ----------------------------------------------------------------------------

    def _statement(self, st: Statement) -> None:
        title = st.title
        ws = self.sheet(title, title, {"A": 58, "B": 6, "C": 18, "D": 18, "E": 18, "F": 40})
        header_row = 4
        write_text(ws, header_row, 1, "", BOLD)
        write_text(ws, header_row, 2, "Not", BOLD)
        for i, label in enumerate(st.column_labels):
            write_text(ws, header_row, FIRST_VALUE_COLUMN + i, label, BOLD)
        accounts_col = FIRST_VALUE_COLUMN + len(st.years)
        write_text(ws, header_row, accounts_col, "Konton", BOLD)
        positions = {row.key: header_row + 1 + n for n, row in enumerate(st.rows)}
        self.rows[title] = positions
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
                expr = self.lines.row(st.layout, row.key, i)
                if expr is None:
                    self.constant(ws, r, FIRST_VALUE_COLUMN + i, value, what)
                else:
                    cell = self.formula(ws, r, FIRST_VALUE_COLUMN + i, expr, value, what)
                    if bold:
                        cell.font = bold
        ws.freeze_panes = ws.cell(row=header_row + 1, column=2)

    def cell_of(self, sheet: str, key: str, i: int) -> str | None:
        r = self.rows.get(sheet, {}).get(key)
        return None if r is None else f"{get_column_letter(FIRST_VALUE_COLUMN + i)}{r}"

    def _result(self, i: int) -> str | None:
        """Årets resultat, column ``i``: a reference to the resultaträkning's cell."""
        return self.lines.text(Other(INCOME, Row.ARETS_RESULTAT), None, i)

    # -- notes ---------------------------------------------------------------------------------

    def _notes(self) -> None:
        ws = self.sheet("Noter", "Noter", {"A": 48, "B": 6, "C": 18, "D": 18, "E": 40})
        years = YEAR_COLUMNS
        r = 4
        for note in self.fin.notes:
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
                    expr = self._result(i) if is_result else self.ledger.accounts_total(row.accounts, years[i], sign)
                    self.formula(ws, r, FIRST_VALUE_COLUMN + i, expr, value, what)
            r += 1
            write_text(ws, r, 1, "Summa", BOLD)
            for i, value in enumerate(note.total):
                letter = get_column_letter(FIRST_VALUE_COLUMN + i)
                expr = f"SUM({letter}{first}:{letter}{r - 1})" if r > first else "0"
                self.formula(ws, r, FIRST_VALUE_COLUMN + i, expr, value, f"Not {note.number} {note.title}, Summa, {note.years[i]}").font = BOLD
            self.rows.setdefault("Noter", {})[note.key] = r
            r += 2

    # -- driftredovisning ----------------------------------------------------------------------

    def _operating(self) -> None:
        op = self.fin.operating
        year = op.year
        ws = self.sheet("Driftredovisning", "Driftredovisning", {"A": 48, "B": 18, "C": 18, "D": 18, "E": 18, "F": 40})
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
            for c, column, value in ((2, Column.BUDGET, row.budget), (3, Column.CURRENT, row.actual), (5, Column.PRIOR, row.prior_actual)):
                letter = get_column_letter(c)
                if row.kind in (RowKind.SUM, RowKind.TOTAL):
                    expr = plus([f"{letter}{positions[k]}" for k in row.parts])
                elif row.kind is RowKind.DETAIL:
                    expr = self.ledger.accounts_total(row.accounts, column, -1)
                else:
                    expr = self.ledger.ranges_total(row.line, column, -1)
                self.formula(ws, r, c, expr, value, f"Driftredovisning, {row.label}, {headers[c - 2]}")
            self.formula(ws, r, 4, f"C{r}-B{r}", row.variance, f"Driftredovisning, {row.label}, Avvikelse")

    # -- Bilaga 3 tables -----------------------------------------------------------------------

    def _table(self, table: Table) -> None:
        title = f"Tabell {table.number}"
        ws = self.sheet(title, table.caption, {"A": 44})
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
                self._table_cell(ws, table, row, r, j)
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
                cell = self.formula(ws, r, j + 2, expr, value, f"{table.caption}, Totalt, {column.header}", _fmt(column.kind))
                cell.font = BOLD
        r = first + len(table.rows) + 2
        for note in table.footnotes:
            write_text(ws, r, 1, f"{note.number})")
            write_text(ws, r, 2, note.text)
            r += 1
        ws.freeze_panes = ws.cell(row=first, column=2)

    def _table_cell(self, ws: Worksheet, table: Table, row, r: int, j: int) -> None:
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
            self.formula(ws, r, c, plus([f"{x}{r}" for x in cols]), value, what, COUNT_FORMAT)
            return
        expr = self._table_source(table, row, r, column.key)
        if expr is None:
            if value is None:
                write_text(ws, r, c, "–")
            else:
                self.constant(ws, r, c, value, what, _fmt(column.kind))
            return
        self.formula(ws, r, c, expr, value, what, _fmt(column.kind))

    def _table_source(self, table: Table, row, r: int, key: str) -> str | None:
        """The formula of one body cell of Tabell 1–8, None when it has no source (shown "–")."""
        insatser = self.inputs["Insatser"]
        home = row.sources[0] if row.sources else None
        home_row = _row_number(home)
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
        inp_sheet = self.inputs.get(sheet)
        if inp_sheet is None:
            return None
        if table.key == "t6" and key != "other":
            return self._municipality_cell(inp_sheet, key, _row_number(source))
        header = headers.get(key)
        return None if header is None else inp_sheet.cell(header, _row_number(source)) or "0"

    def _municipality_cell(self, sheet: InputSheet, member_name: str, row: int | None) -> str | None:
        member = next((m for m in self.inp.members if m.name == member_name), None)
        if member is None or row is None:
            return None
        return sheet.cell(member.short_name, row) or sheet.cell(member.name, row) or "0"

    # -- avstämningar --------------------------------------------------------------------------

    def _reconciliations(self) -> None:
        from .reconciliations import reconciliation_formulas, report_reconciliations, status_formula

        ws = self.sheet("Avstämningar", "Avstämningar", {"A": 20, "B": 60, "C": 44, "D": 18, "E": 44, "F": 18, "G": 18, "H": 12, "I": 12})
        headers = ("Id", "Avstämning", "Vänster sida", "Belopp", "Höger sida", "Belopp", "Skillnad", "Status")
        for c, text in enumerate(headers, start=1):
            write_text(ws, 4, c, text, BOLD)
        records = report_reconciliations(self.report)
        formulas = reconciliation_formulas(self, records)
        for n, (rec, (left, right)) in enumerate(zip(records, formulas)):
            r = 5 + n
            write_text(ws, r, 1, rec.id)
            write_text(ws, r, 2, rec.description)
            write_text(ws, r, 3, rec.left_label)
            write_text(ws, r, 5, rec.right_label)
            fmt = PERCENT_FORMAT if rec.id == "EK-RIKTVARDE" else MONEY_FORMAT
            for c, expr, value, side in ((4, left, rec.left, "vänster"), (6, right, rec.right, "höger")):
                what = f"Avstämning {rec.id} {rec.description}, {side}"
                if expr is None:
                    self.constant(ws, r, c, value, what, fmt)
                else:
                    self.formula(ws, r, c, expr, value, what, fmt)
            self.formula(ws, r, 7, f"D{r}-F{r}", rec.difference, f"Avstämning {rec.id} {rec.description}, skillnad", fmt)
            status = status_formula(rec, r)
            if status is None:
                write_text(ws, r, 8, rec.status.value)
            else:
                self.formula(ws, r, 8, status, rec.status.value, f"Avstämning {rec.id} {rec.description}, status", "@")
        ws.freeze_panes = "C5"


def _fmt(kind: CellKind) -> str:
    return MONEY_FORMAT if kind is CellKind.MONEY else COUNT_FORMAT


def _note_marks(numbers: tuple[int, ...]) -> str:
    return "".join(f" {n})" for n in numbers)


def _row_number(loc: Location | None) -> int | None:
    if loc is None:
        return None
    if loc.cell:
        digits = "".join(ch for ch in loc.cell if ch.isdigit())
        if digits:
            return int(digits)
    return loc.line


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def workbook_name(year: int) -> str:
    return f"arsredovisning-{year}-underlag.xlsx"


def build_workbook(report: Report, stamp: Stamp) -> tuple[openpyxl.Workbook, Manifest]:
    writer = _Writer(report, stamp)
    return writer.build(), writer.manifest


def workbook_bytes(wb: openpyxl.Workbook) -> bytes:
    """The saved workbook, deterministic: document times and every zip entry dated :data:`FIXED_TIME`
    (openpyxl stamps the save time into docProps/core.xml; that part is written again)."""
    raw = io.BytesIO()
    wb.save(raw)
    wb.properties.modified = FIXED_TIME
    core = tostring(wb.properties.to_tree())
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, core if info.filename == CORE_PART else src.read(info.filename))
    return out.getvalue()


def write_workbook(report: Report, stamp: Stamp, out: Path) -> tuple[Path, Manifest]:
    """Write ``<out>/arsredovisning-<år>-underlag.xlsx`` atomically; return its path and manifest."""
    wb, manifest = build_workbook(report, stamp)
    path = Path(out) / workbook_name(report.inp.organisation.year)
    write_atomic(path, workbook_bytes(wb))
    return path, manifest
