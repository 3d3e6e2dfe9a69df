"""The input sheets as the tool read them, for the revision workbook's copies.

Values only (a cached formula result is its value); text that the loader accepts as a number in a
number column (``1 234,50``) becomes that number, so the workbook's formulas see what the tool saw.
Each copy names its columns by the contract's column names (and the kommun columns of ``Kommuner``
by the member's Kortnamn and Medlem), so the export finds a column without knowing how the header
was spelt in the file.
"""

from __future__ import annotations

from typing import Any
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from ..findings import Location
from ..model import Member, MemberType, SheetCopy
from . import cells, schema
from .grid import normalize

_NUMBERS = (schema.InputKind.MONEY, schema.InputKind.COUNT, schema.InputKind.ACCOUNT)


def read_copies(path: Path, members: tuple[Member, ...]) -> tuple[SheetCopy, ...]:
    """Every contract sheet present in the workbook at ``path``, in contract order; () when the file
    cannot be opened this way (the revision workbook then cannot be written)."""
    try:
        src = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - the loader has already reported what is wrong with the file
        return ()
    try:
        titles: dict[str, Any] = {}
        for ws in src.worksheets:  # the first of two near-identical names, like the loader
            titles.setdefault(normalize(ws.title), ws)
        out = []
        for spec in schema.SHEETS:
            ws = titles.get(normalize(spec.name))
            if ws is not None:
                grid = [list(r) for r in ws.iter_rows(min_row=1, min_col=1, values_only=True)]
                out.append(_copy(ws.title, grid, spec, path.name, members))
        return tuple(out)
    finally:
        src.close()


def copies_from_grids(book, members: tuple[Member, ...]) -> tuple[SheetCopy, ...]:
    """The same copies from the grids the loader read (for ``indata.ods``, which openpyxl cannot
    open): whole numbers read as floats become ints, as openpyxl gives them for .xlsx."""
    out = []
    for spec in schema.SHEETS:
        name = book.find(spec.name)
        if name is not None:
            grid = [[_openpyxl_like(v) for v in row] for row in book.grids[name]]
            while grid and all(v is None for v in grid[-1]):
                grid.pop()
            out.append(_copy(name, grid, spec, book.file, members))
    return tuple(out)


def _openpyxl_like(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):  # NaN: an empty cell
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _copy(title: str, grid: list[list[object]], spec: schema.Sheet, file: str, members) -> SheetCopy:
    header = grid[0] if grid else []
    kinds = _column_kinds(header, spec)
    where = Location(file, title)
    rows = [tuple(header)]
    rows += [tuple(_as_read(raw, kinds.get(c), where) for c, raw in enumerate(row)) for row in grid[1:]]
    return SheetCopy(spec.name, title, tuple(rows), _columns(header, spec, members))


def _columns(header: list[object], spec: schema.Sheet, members) -> dict[str, str]:
    """Contract column name (or kommun Kortnamn and Medlem) → column letter of the first header
    that names it."""
    names = [c.name for c in spec.columns]
    if spec.dynamic_columns:
        names += [n for m in members if m.type is MemberType.KOMMUN for n in (m.short_name, m.name)]
    by_header: dict[str, list[str]] = {}
    for name in names:
        by_header.setdefault(normalize(name), []).append(name)
    out: dict[str, str] = {}
    for i, raw in enumerate(header):
        if isinstance(raw, str) and raw.strip():
            for name in by_header.get(normalize(raw), ()):
                out.setdefault(name, get_column_letter(i + 1))
    return out


def _column_kinds(header: list[object], spec: schema.Sheet) -> dict[int, schema.InputKind]:
    """Column index → parsed kind, for the number columns whose text the loader converts."""
    by_name = {normalize(c.name): c for c in spec.columns}
    out = {}
    for i, raw in enumerate(header):
        if not isinstance(raw, str) or not raw.strip():
            continue
        col = by_name.get(normalize(raw))
        if col is not None and col.kind in _NUMBERS:
            out[i] = col.kind
        elif col is None and spec.dynamic_columns:  # Kommuner: one count column per kommun
            out[i] = schema.InputKind.COUNT
    return out


def _as_read(raw: object, kind: schema.InputKind | None, where: Location) -> object:
    """A cell as the loader reads it: numeric text in a number column becomes the number."""
    if kind is None or not isinstance(raw, str):
        return raw
    value, _ = cells.PARSERS[kind](raw, where)
    return raw if value is None else value
