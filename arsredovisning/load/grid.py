"""Read indata.xlsx into raw grids and map header rows onto the schema.

pandas (calamine engine) reads every sheet at once; openpyxl is opened only when a sheet holds
formulas, to find formulas that have no cached value.
"""

from __future__ import annotations

import difflib
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Iterator

from ..findings import Finding, Location, fel, info
from . import cells
from .schema import Blank, Column, Kind, Sheet

WORKBOOK = "indata.xlsx"


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def normalize(name: object) -> str:
    return re.sub(r"\s+", " ", str(name)).strip().casefold()


@dataclass
class Workbook:
    """Raw cell values per sheet (row 0 = Excel row 1), with the names as written in the file."""

    grids: dict[str, list[list[object]]]
    file: str = WORKBOOK

    def find(self, wanted: str) -> str | None:
        for name in self.grids:
            if normalize(name) == normalize(wanted):
                return name
        return None


def read_workbook(path: Path) -> tuple[Workbook | None, list[Finding]]:
    """Open the workbook; every way it can fail becomes a finding, never an exception."""
    where = Location(path.name)
    if not path.exists():
        return None, [fel("FIL-SAKNAS", f"Filen {path.name} finns inte i mappen {path.parent}. Skapa en ny årsmapp med ”arsredovisning ny”.", Location(str(path.parent)))]
    head = path.read_bytes()[:8]
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return None, [fel("FIL-XLS", "Filen är en gammal Excel-fil (.xls). Öppna den i Excel eller LibreOffice och spara som Excel-arbetsbok (.xlsx).", where)]
    if not head.startswith(b"PK"):
        return None, [fel("FIL-INTE-XLSX", "Filen är inte en Excel-arbetsbok (.xlsx). Spara arbetsboken som .xlsx i Excel eller LibreOffice.", where)]
    try:
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
            names = z.namelist()
            if bad is not None or "xl/workbook.xml" not in names:
                raise zipfile.BadZipFile(bad or "xl/workbook.xml")
            has_formulas = any(
                n.startswith("xl/worksheets/") and n.endswith(".xml") and _has_formula(z.read(n)) for n in names
            )
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None, [fel("FIL-TRASIG", "Filen är skadad och kan inte läsas som .xlsx. Öppna den i Excel eller LibreOffice, spara om den och försök igen.", where)]
    try:
        import pandas as pd

        frames = pd.read_excel(path, sheet_name=None, header=None, dtype=object, engine="calamine")
    except Exception as exc:  # noqa: BLE001 - any reader failure is a user-facing finding
        return None, [fel("FIL-TRASIG", f"Arbetsboken kan inte läsas ({type(exc).__name__}). Öppna den i Excel eller LibreOffice, spara om den och försök igen.", where)]
    grids = {name: frame.values.tolist() for name, frame in frames.items()}
    book = Workbook(grids, path.name)
    findings: list[Finding] = []
    if has_formulas:
        findings += _formulas_without_value(path, book)
    return book, findings


def _has_formula(xml: bytes) -> bool:
    return b"<f>" in xml or b"<f " in xml


def _formulas_without_value(path: Path, book: Workbook) -> list[Finding]:
    """Formula cells whose cached value is missing (file written by a program, never recalculated)."""
    import openpyxl

    findings = []
    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        for ws in wb.worksheets:
            grid = book.grids.get(ws.title, [])
            for row in ws.iter_rows():
                for cell in row:
                    value = getattr(cell, "value", None)
                    if not (isinstance(value, str) and value.startswith("=")):
                        continue
                    r, c = cell.row - 1, cell.column - 1
                    cached = grid[r][c] if r < len(grid) and c < len(grid[r]) else None
                    if cells.is_blank(cached):
                        findings.append(
                            fel(
                                "CELL-FORMEL-UTAN-VARDE",
                                f"Cellen har formeln {value} men inget beräknat värde (filen har skapats av ett program "
                                "och aldrig sparats i Excel eller LibreOffice). Öppna filen, spara den och försök igen, "
                                "eller skriv värdet i stället för formeln.",
                                Location(book.file, ws.title, cell.coordinate),
                            )
                        )
    finally:
        wb.close()
    return findings


@dataclass
class Row:
    """One data row: cell values by column name, with their locations."""

    number: int  # Excel row number
    values: dict[str, object]
    where: dict[str, Location]
    extra: dict[str, tuple[object, Location]] = field(default_factory=dict)  # dynamic columns by header text

    def loc(self, column: str) -> Location:
        return self.where[column]


@dataclass
class Table:
    sheet: Sheet
    name_in_file: str
    present: set[str]  # schema column names present
    rows: list[Row]
    dynamic: list[tuple[str, int]]  # (header text, column index) of unmatched columns when dynamic
    findings: list[Finding]


def read_table(book: Workbook, sheet: Sheet) -> Table | None:
    """Map the header row onto the schema; return None when the sheet is absent."""
    name = book.find(sheet.name)
    if name is None:
        return None
    grid = book.grids[name]
    findings: list[Finding] = []
    header = grid[0] if grid else []
    by_norm = {normalize(c.name): c for c in sheet.columns}
    mapping: dict[int, Column] = {}
    unknown: list[tuple[int, str]] = []
    for i, raw in enumerate(header):
        if cells.is_blank(raw):
            continue
        col = by_norm.get(normalize(raw))
        if col is None:
            unknown.append((i, cells.show(raw).strip()))
        elif col in mapping.values():
            findings.append(fel("KOLUMN-DUBBEL", f"Kolumnen ”{col.name}” finns två gånger. Ta bort den ena.", Location(book.file, name, f"{column_letter(i)}1")))
        else:
            mapping[i] = col
    present = {c.name for c in mapping.values()}
    missing = [c for c in sheet.columns if c.name not in present]
    dynamic: list[tuple[str, int]] = []
    for i, label in unknown:
        where = Location(book.file, name, f"{column_letter(i)}1")
        close = difflib.get_close_matches(normalize(label), [normalize(c.name) for c in missing], n=1, cutoff=0.75)
        if close:
            right = by_norm[close[0]].name
            findings.append(fel("KOLUMN-STAVNING", f"Kolumnen ”{label}” känns inte igen. Menade du ”{right}”? Ändra rubriken till ”{right}”.", where))
            missing = [c for c in missing if c.name != right]
        elif sheet.dynamic_columns:
            dynamic.append((label, i))
        else:
            findings.append(info("KOLUMN-OKAND", f"Kolumnen ”{label}” ingår inte i formatet och läses inte.", where))
    for col in missing:
        if col.required:
            findings.append(
                fel(
                    "KOLUMN-SAKNAS",
                    f"Kolumnen ”{col.name}” saknas i bladet {sheet.name}. Lägg till den i rad 1.",
                    Location(book.file, name, "rad 1"),
                )
            )
    if any(f.id in ("KOLUMN-SAKNAS", "KOLUMN-STAVNING") and f.location and f.location.sheet == name for f in findings):
        return Table(sheet, name, present, [], dynamic, findings)
    rows = list(_rows(book.file, name, grid, mapping, dynamic))
    return Table(sheet, name, present, rows, dynamic, findings)


def _rows(file: str, sheet: str, grid: list[list[object]], mapping: dict[int, Column], dynamic) -> Iterator[Row]:
    for r, raw_row in enumerate(grid[1:], start=2):
        used = [i for i in list(mapping) + [i for _, i in dynamic] if i < len(raw_row) and not cells.is_blank(raw_row[i])]
        if not used:
            continue
        values, where = {}, {}
        for i, col in mapping.items():
            values[col.name] = raw_row[i] if i < len(raw_row) else None
            where[col.name] = Location(file, sheet, f"{column_letter(i)}{r}")
        extra = {
            label: (raw_row[i] if i < len(raw_row) else None, Location(file, sheet, f"{column_letter(i)}{r}"))
            for label, i in dynamic
        }
        yield Row(r, values, where, extra)


def parse(row: Row, column: Column, findings: list[Finding], sheet: str) -> object:
    """Parse one cell of ``row`` by its schema column; blank handling per ``Column.blank``."""
    zero = Decimal("0.00") if column.kind is Kind.MONEY else 0
    if column.name not in row.values:
        return zero if column.blank is Blank.ZERO else None
    raw = row.values[column.name]
    where = row.loc(column.name)
    if cells.is_blank(raw):
        if column.blank is Blank.ZERO:
            return zero
        if column.blank is Blank.ERROR:
            findings.append(fel("CELL-TOM", f"{column.name} saknas. Fyll i cellen ({column.help or column.kind.value}).", where))
        return None
    if column.choices:
        value, found = cells.choice(raw, where, column.choices, column.name)
    else:
        value, found = cells.PARSERS[column.kind](raw, where)
    findings.extend(found)
    return value
