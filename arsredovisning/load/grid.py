"""Read indata.xlsx into raw grids and map header rows onto the schema.

pandas (calamine engine) reads every sheet at once. The worksheet XML is scanned once more for
what calamine cannot tell apart from an empty cell: a formula with no cached value and an error
value (``#DIV/0!``, ``#REF!`` …).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Iterator
from xml.etree import ElementTree

from .. import cellref
from ..files import WORKBOOK
from ..findings import Finding, Location, error, info
from . import cells
from .limits import workbook_limits
from .schema import Blank, InputColumn, InputKind, Sheet

FINDINGS: dict[str, str] = {
    "FIL-INTE-ODS": "indata.ods är inget OpenDocument-kalkylark",
    "CELL-FORMEL-FARLIG": "en formel utan beräknat värde som kan köra ett kommando eller hämta data utifrån om den räknas om",
}

# A formula without a cached value may be recalculated ("open the file and save it") only when it is
# plain arithmetic: cell references, numbers, operators and these functions. Anything else (a DDE
# call ``=cmd|' /C calc'!A0``, WEBSERVICE, HYPERLINK, a link to another file, a string) may run a
# command or send data away, typically a name from an imported file that became a formula.
SAFE_FUNCTIONS = frozenset({
    "SUM", "SUMIF", "SUMIFS", "SUMPRODUCT", "PRODUCT", "ROUND", "ROUNDUP", "ROUNDDOWN", "ABS",
    "MIN", "MAX", "AVERAGE", "COUNT", "COUNTA", "COUNTIF", "COUNTIFS", "IF", "IFERROR", "AND", "OR", "NOT",
    "INT", "TRUNC", "MOD", "DATE", "YEAR", "MONTH", "DAY", "VLOOKUP", "HLOOKUP", "INDEX", "MATCH",
})
_FORMULA_TOKEN = re.compile(
    r"\s+|\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|\$?[A-Z]{1,3}:\$?[A-Z]{1,3}\b|\$?\d+:\$?\d+|\d+(?:\.\d+)?(?:E[+-]?\d+)?|[-+*/^&%(),;:<>=]"
    r"|(?:'[^'\[\]|]+'|[A-Za-zÅÄÖåäö_][\wÅÄÖåäö.]*)!|(?:_xlfn\.)?(?P<function>[A-Z][A-Z0-9.]*)\(", re.IGNORECASE)


def safe_formula(formula: str) -> bool:
    """Whether ``formula`` (without its ``=``) is plain arithmetic over cells (see :data:`SAFE_FUNCTIONS`)."""
    pos = 0
    while pos < len(formula):
        m = _FORMULA_TOKEN.match(formula, pos)
        if m is None or (m["function"] and m["function"].upper() not in SAFE_FUNCTIONS):
            return False
        pos = m.end()
    return True

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (and password-protected .xlsx)
HEADER_SEARCH_ROWS = 10  # how far down a misplaced header row is looked for


def normalize(name: object) -> str:
    return re.sub(r"\s+", " ", cells.trim(str(name))).casefold()


def fold(name: object) -> str:
    """``normalize`` without diacritics: ``Föregående år`` and ``foregaende ar`` fold alike."""
    decomposed = unicodedata.normalize("NFKD", normalize(name))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def near_miss(label: str, candidates, cutoff: float = 0.75) -> str | None:
    """The candidate ``label`` was probably meant to be (typo, missing å/ä/ö), or None."""
    candidates = list(candidates)
    for c in candidates:
        if fold(c) == fold(label):
            return c
    folded = {fold(c): c for c in candidates}
    close = difflib.get_close_matches(fold(label), list(folded), n=1, cutoff=cutoff)
    return folded[close[0]] if close else None


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
    if not path.is_file():
        return None, [_no_workbook(path)]
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        return None, [error("FIL-LASFEL", f"Filen kan inte öppnas ({exc.strerror or type(exc).__name__}). Stäng den i Excel om den är öppen och kontrollera att du har läsrätt.", where)]
    if head.startswith(OLE_MAGIC[:4]):
        return None, [error("FIL-XLS", "Filen är en gammal Excel-fil (.xls) eller en lösenordsskyddad arbetsbok. Öppna den i Excel eller LibreOffice, ta bort eventuellt lösenord och spara som Excel-arbetsbok (.xlsx).", where)]
    if not head.startswith(b"PK") and path.suffix.lower() == ".ods":
        return None, [error("FIL-INTE-ODS", "Filen är inget OpenDocument-kalkylark (.ods). Öppna den i LibreOffice och spara som .ods eller som Excel-arbetsbok (indata.xlsx).", where)]
    if not head.startswith(b"PK"):
        return None, [error("FIL-INTE-XLSX", "Filen är inte en Excel-arbetsbok (.xlsx). Öppna den i Excel eller LibreOffice och spara som Excel-arbetsbok (.xlsx).", where)]
    try:
        limit = workbook_limits(path)
        if limit is not None:
            return None, [limit]
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if path.suffix.lower() == ".ods":
                if "content.xml" not in names:
                    kind = "en Excel-arbetsbok (.xlsx)" if "xl/workbook.xml" in names else "ett zip-arkiv"
                    return None, [error("FIL-INTE-ODS", f"Filen heter indata.ods men är {kind}. Byt namn på den till indata.xlsx, eller spara den som .ods i LibreOffice.", where)]
                if z.testzip() is not None:
                    raise zipfile.BadZipFile("crc")
                unreadable = {}
            elif "xl/workbook.xml" not in names:
                if "xl/workbook.bin" in names:
                    return None, [error("FIL-XLSB", "Filen är en binär Excel-arbetsbok (.xlsb). Öppna den i Excel och spara som Excel-arbetsbok (.xlsx).", where)]
                if "content.xml" in names and "mimetype" in names:
                    return None, [error("FIL-ODS", "Filen är ett OpenDocument-kalkylark (.ods) med namnet indata.xlsx. Byt namn på den till indata.ods, eller spara den som Excel-arbetsbok (.xlsx) i LibreOffice.", where)]
                return None, [error("FIL-INTE-XLSX", "Filen är ett zip-arkiv men ingen Excel-arbetsbok. Spara arbetsboken som Excel-arbetsbok (.xlsx).", where)]
            else:
                if z.testzip() is not None:
                    raise zipfile.BadZipFile("crc")
                unreadable = _unreadable_cells(z, path.name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, KeyError, ElementTree.ParseError):
        return None, [error("FIL-TRASIG", f"Filen är skadad och kan inte läsas som {path.suffix.lower() or '.xlsx'}. Öppna den i Excel eller LibreOffice, spara om den och försök igen.", where)]
    try:
        import pandas as pd

        frames = pd.read_excel(path, sheet_name=None, header=None, dtype=object, engine="calamine")
    except Exception as exc:  # noqa: BLE001 - any reader failure is a user-facing finding
        return None, [error("FIL-TRASIG", f"Arbetsboken kan inte läsas ({type(exc).__name__}). Öppna den i Excel eller LibreOffice, spara om den och försök igen.", where)]
    grids = {str(name): frame.values.tolist() for name, frame in frames.items()}
    if path.suffix.lower() == ".ods":
        grids = {name: [[_plain(v) for v in row] for row in grid] for name, grid in grids.items()}
    for sheet, by_cell in unreadable.items():
        grid = grids.setdefault(sheet, [])
        for (r, c), cell in by_cell.items():
            while len(grid) <= r:
                grid.append([])
            grid[r].extend([None] * (c + 1 - len(grid[r])))
            grid[r][c] = cell
    return Workbook(grids, path.name), []


def _plain(value: object) -> object:
    """pandas' Timestamp as datetime (calamine gives them for .ods dates); other values as read."""
    to_py = getattr(value, "to_pydatetime", None)
    return to_py() if to_py is not None else value


def _no_workbook(path: Path) -> Finding:
    """indata.xlsx is missing: say what is there instead (a .xls, a differently named workbook)."""
    folder = path.parent
    where = Location(str(folder))
    if path.exists():  # e.g. a folder named indata.xlsx
        return error("FIL-SAKNAS", f"{path} är ingen fil. Lägg arbetsboken indata.xlsx direkt i årsmappen {folder}.", where)
    try:
        others = sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith(("~$", ".~lock")))
    except OSError:  # the folder itself is missing or unreadable
        others = []
    xls = [n for n in others if n.lower().endswith(".xls")]
    books = [n for n in others if n.lower().endswith((".xlsx", ".xlsm"))]
    if xls:
        return error("FIL-XLS", f"Filen {WORKBOOK} finns inte i mappen {folder}, men där finns {xls[0]}, en gammal Excel-fil (.xls). Öppna den i Excel eller LibreOffice och spara som Excel-arbetsbok (.xlsx) med namnet {WORKBOOK}.", where)
    if books:
        return error("FIL-SAKNAS", f"Filen {WORKBOOK} finns inte i mappen {folder}, men där finns {', '.join(books)}. Byt namn på arbetsboken till {WORKBOOK}.", where)
    return error("FIL-SAKNAS", f"Filen {WORKBOOK} finns inte i mappen {folder}. Lägg arbetsboken där, eller skapa en ny årsmapp med ”arsredovisning ny”.", where)


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → worksheet XML part, from workbook.xml and its relationships."""
    rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        targets[rel.get("Id")] = part
    book = ElementTree.fromstring(z.read("xl/workbook.xml"))
    return {s.get("name", ""): targets.get(s.get(_REL_ID, ""), "") for s in book.iterfind("m:sheets/m:sheet", _NS)}


def _unreadable_cells(z: zipfile.ZipFile, file: str) -> dict[str, dict[tuple[int, int], cells.Unreadable]]:
    """Formula cells with no cached value (file written by a program, never recalculated) and error
    values, by sheet and (row, column) index. calamine reads both as empty, which could silently
    mean 0; they are reported when the cell is read, so a broken cell in an ignored column or sheet
    does not stop the build."""
    found: dict[str, dict[tuple[int, int], cells.Unreadable]] = {}
    uncomputed: list[tuple[str, str, str]] = []  # (sheet, ref, formula) of formulas without a value
    names = set(z.namelist())
    for sheet, part in _sheet_parts(z).items():
        if part not in names:
            continue
        xml = z.read(part)
        if b"<f" not in xml and b't="e"' not in xml:
            continue
        for c in ElementTree.fromstring(xml).iterfind("m:sheetData/m:row/m:c", _NS):
            f, v = c.find("m:f", _NS), c.find("m:v", _NS)
            ref = c.get("r", "")
            if c.get("t") == "e":
                formula = f"={f.text}" if f is not None and f.text else "(en formel)"
                shown = v.text if v is not None and v.text else "#FEL"
                what = f"formeln {formula}" if f is not None else "ett felvärde"
                finding = error("CELL-FELVARDE", f"Cellen visar felvärdet {shown} ({what}). Rätta formeln eller skriv värdet i cellen.", Location(file, sheet, ref))
                index = cellref.indices(ref)
                if index is not None:
                    found.setdefault(sheet, {})[index] = cells.Unreadable(shown, finding)
            elif f is not None and (v is None or not v.text) and c.get("t") not in ("str", "inlineStr"):
                uncomputed.append((sheet, ref, f.text or ""))
    # Recalculating is advised only when every such formula in the workbook is plain arithmetic:
    # opening the file to recalculate one would run them all.
    recalculate = all(safe_formula(text) for _, _, text in uncomputed)
    for sheet, ref, text in uncomputed:
        formula = f"={text}" if text else "(en formel)"
        where = Location(file, sheet, ref)
        if recalculate:
            finding = error(
                "CELL-FORMEL-UTAN-VARDE",
                f"Cellen har formeln {formula} men inget beräknat värde (filen har skapats av ett program "
                "och aldrig sparats i Excel eller LibreOffice). Öppna filen, spara den och försök igen, "
                "eller skriv värdet i stället för formeln.",
                where,
            )
        elif not safe_formula(text):
            finding = error(
                "CELL-FORMEL-FARLIG",
                f"Cellen har formeln {formula}, som kan köra ett kommando eller hämta data utifrån om den räknas om "
                "(oftast ett namn ur en importerad fil som blivit en formel). Räkna inte om arbetsboken: skriv "
                "texten eller värdet i cellen i stället för formeln (i Excel och LibreOffice: inled texten med ’), "
                "eller importera SIE-filen igen med arsredovisning importera, som skriver namn som text.",
                where,
            )
        else:
            finding = error(
                "CELL-FORMEL-UTAN-VARDE",
                f"Cellen har formeln {formula} men inget beräknat värde. Arbetsboken har också formler som kan köra "
                "kommandon (se CELL-FORMEL-FARLIG), så räkna inte om den: skriv värdet i stället för formeln.",
                where,
            )
        index = cellref.indices(ref)
        if index is not None:
            found.setdefault(sheet, {})[index] = cells.Unreadable(formula, finding)
    return found


@dataclass
class SheetRow:
    """One data row: cell values by column name, with their locations."""

    number: int  # Excel row number
    values: dict[str, object]
    where: dict[str, Location]
    extra: dict[str, tuple[object, Location]] = field(default_factory=dict)  # dynamic columns by header text

    def loc(self, column: str) -> Location:
        return self.where[column]


@dataclass
class SheetTable:
    sheet: Sheet
    name_in_file: str
    present: set[str]  # schema column names present
    rows: list[SheetRow]
    dynamic: list[tuple[str, int]]  # (header text, column index) of unmatched columns when dynamic
    findings: list[Finding]
    file: str = WORKBOOK
    next_row: int = 2  # Excel row number below the last non-empty row: where a missing row goes

    def new_row(self) -> Location:
        """The cell where a missing row could be added."""
        return Location(self.file, self.name_in_file, f"A{self.next_row}")


def read_table(book: Workbook, sheet: Sheet) -> SheetTable | None:
    """Map the header row onto the schema; return None when the sheet is absent."""
    name = book.find(sheet.name)
    if name is None:
        return None
    grid = book.grids[name]
    findings: list[Finding] = []
    header = grid[0] if grid else []
    by_norm = {normalize(c.name): c for c in sheet.columns}
    mapping: dict[int, InputColumn] = {}
    unknown: list[tuple[int, str]] = []
    for i, raw in enumerate(header):
        if cells.is_blank(raw):
            continue
        col = by_norm.get(normalize(raw))
        if col is None:
            unknown.append((i, cells.show(raw).strip()))
        elif col in mapping.values():
            first = next(j for j, c in mapping.items() if c is col)
            findings.append(error("KOLUMN-DUBBEL", f"Kolumnen ”{col.name}” finns två gånger ({cellref.address(first, 1)} och {cellref.address(i, 1)}). Ta bort den ena.", Location(book.file, name, cellref.address(i, 1))))
        else:
            mapping[i] = col
    present = {c.name for c in mapping.values()}
    missing = [c for c in sheet.columns if c.name not in present]
    if any(c.required for c in missing):
        misplaced = _header_further_down(grid, sheet)
        if misplaced:
            where = Location(book.file, name, f"A{misplaced}")
            message = f"Rubrikraden ska vara rad 1, men rubrikerna i bladet {sheet.name} står i rad {misplaced}. Ta bort raderna ovanför rubrikerna."
            return SheetTable(sheet, name, present, [], [], [error("KOLUMN-RUBRIKRAD", message, where)], book.file)
    stop = any(c.required for c in missing)  # rows cannot be read without every required column
    dynamic: list[tuple[str, int]] = []
    for i, label in unknown:
        where = Location(book.file, name, cellref.address(i, 1))
        right = near_miss(label, [c.name for c in missing])
        if right:
            findings.append(error("KOLUMN-STAVNING", f"Kolumnen ”{label}” känns inte igen. Menade du ”{right}”? Ändra rubriken till ”{right}”.", where))
            missing = [c for c in missing if c.name != right]
        elif sheet.dynamic_columns:
            dynamic.append((label, i))
        else:
            findings.append(info("KOLUMN-OKAND", f"Kolumnen ”{label}” ingår inte i formatet och läses inte.", where))
    free = cellref.address(max([i for i, raw in enumerate(header) if not cells.is_blank(raw)], default=-1) + 1, 1)
    for col in missing:
        if col.required:
            findings.append(
                error(
                    "KOLUMN-SAKNAS",
                    f"Kolumnen ”{col.name}” saknas i bladet {sheet.name}. Lägg till rubriken ”{col.name}” i rad 1, t.ex. i {free}.",
                    Location(book.file, name, free),
                )
            )
    if stop:
        return SheetTable(sheet, name, present, [], dynamic, findings, book.file)
    rows = list(_rows(book.file, name, grid, mapping, dynamic))
    used = [r for r, row in enumerate(grid, start=1) if any(not cells.is_blank(v) for v in row)]
    return SheetTable(sheet, name, present, rows, dynamic, findings, book.file, max(used, default=1) + 1)


def _header_further_down(grid: list[list[object]], sheet: Sheet) -> int | None:
    """Excel row number of a row below row 1 holding every required column name, or None."""
    wanted = {normalize(c.name) for c in sheet.columns if c.required}
    for r, row in enumerate(grid[1:HEADER_SEARCH_ROWS], start=2):
        if wanted <= {normalize(v) for v in row if not cells.is_blank(v)}:
            return r
    return None


def _rows(file: str, sheet: str, grid: list[list[object]], mapping: dict[int, InputColumn], dynamic) -> Iterator[SheetRow]:
    for r, raw_row in enumerate(grid[1:], start=2):
        used = [i for i in list(mapping) + [i for _, i in dynamic] if i < len(raw_row) and not cells.is_blank(raw_row[i])]
        if not used:
            continue
        values, where = {}, {}
        for i, col in mapping.items():
            values[col.name] = raw_row[i] if i < len(raw_row) else None
            where[col.name] = Location(file, sheet, cellref.address(i, r))
        extra = {
            label: (raw_row[i] if i < len(raw_row) else None, Location(file, sheet, cellref.address(i, r)))
            for label, i in dynamic
        }
        yield SheetRow(r, values, where, extra)


def parse(row: SheetRow, column: InputColumn, findings: list[Finding], sheet: str) -> object:
    """Parse one cell of ``row`` by its schema column; blank handling per ``InputColumn.blank``."""
    zero = Decimal("0.00") if column.kind is InputKind.MONEY else 0
    if column.name not in row.values:
        return zero if column.blank is Blank.ZERO else None
    raw = row.values[column.name]
    where = row.loc(column.name)
    if cells.is_blank(raw):
        if column.blank is Blank.ZERO:
            return zero
        if column.blank is Blank.ERROR:
            findings.append(error("CELL-TOM", f"{column.name} saknas. Fyll i cellen ({column.help or column.kind.value}).", where))
        return None
    value, found = cells.read(raw, where, column.kind, column.choices, column.name)
    findings.extend(found)
    return value
