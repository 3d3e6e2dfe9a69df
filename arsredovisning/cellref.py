"""Cell addresses (``C17``): the one place that turns column numbers into letters and back.

Built on ``openpyxl.utils.cell``. Columns here are zero-based indices (as in a row read into a
list), rows are Excel's row numbers (1 = the header row). A leaf module: it imports nothing
from the package.
"""

from __future__ import annotations

from openpyxl.utils.cell import (
    column_index_from_string,
    coordinate_from_string,
    get_column_letter,
)
from openpyxl.utils.exceptions import CellCoordinatesException


def column_letter(index: int) -> str:
    """Zero-based column → letters: 0 → ``A``, 25 → ``Z``, 26 → ``AA``."""
    return get_column_letter(index + 1)


def column_index(letters: str) -> int:
    """Letters → zero-based column: ``A`` → 0, ``AA`` → 26."""
    return column_index_from_string(letters) - 1


def address(column: int, row: int) -> str:
    """Zero-based column and Excel row → ``C17``."""
    return f"{column_letter(column)}{row}"


def split(ref: str | None) -> tuple[str, int] | None:
    """``C17`` → (``"C"``, 17); None when ``ref`` is no single-cell address (``$`` signs allowed)."""
    if not ref:
        return None
    try:
        return coordinate_from_string(ref)
    except CellCoordinatesException:
        return None


def row_of(ref: str | None) -> int | None:
    """The Excel row of ``C17`` (17), or None."""
    parts = split(ref)
    return None if parts is None else parts[1]


def column_of(ref: str | None) -> str | None:
    """The column letters of ``C17`` (``C``), or None."""
    parts = split(ref)
    return None if parts is None else parts[0]


def indices(ref: str | None) -> tuple[int, int] | None:
    """``C17`` → (16, 2): zero-based row and column, or None."""
    parts = split(ref)
    return None if parts is None else (parts[1] - 1, column_index(parts[0]))
