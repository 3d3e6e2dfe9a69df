"""The Bilaga 3 table model: columns, rows, footnotes and masked cells of Tabell 1–8.

Cell values in a :class:`AppendixTable`:

- ``int`` (count), ``Decimal`` (money), ``bool`` (Volyminsats: Ja/Nej);
- ``None``: no value ("–"): not given, no row in Kön/Kommuner/Bakgrund, or cannot be computed
  (a footnote on the row says why). In the total row, a column with ``TableColumn.total`` False has
  no total and is left blank;
- :class:`Masked`: a count hidden by :func:`compute.masking.mask` (``str()`` gives what to print).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Union

from ..findings import Location


class CellKind(str, Enum):
    """What a column holds: how ``present/`` formats it."""

    COUNT = "count"  # int
    MONEY = "money"  # Decimal kr (öre precision; kostnad/deltagare is whole kr)
    YES_NO = "yes_no"  # bool → Ja/Nej


@dataclass(frozen=True)
class Masked:
    """A count hidden by :func:`mask`. Primary: a small count, shown ``<N``; secondary: hidden so
    that no small count can be recomputed from the totals, shown ``..``. The true value is not kept."""

    under: int
    primary: bool

    def __str__(self) -> str:
        return f"<{self.under}" if self.primary else ".."


Cell = Union[int, Decimal, bool, None, Masked]


@dataclass(frozen=True)
class TableColumn:
    """``key`` is stable (``"women"``, ``"budget"``, a member's Medlem name …), ``header`` Swedish.

    ``total``: the total row has a value in this column. ``maskable``: a person count that
    :func:`mask` may hide. ``is_total``: the row total of the maskable columns ("Totalt")."""

    key: str
    header: str
    kind: CellKind
    total: bool = True
    maskable: bool = False
    is_total: bool = False


@dataclass(frozen=True)
class Footnote:
    """A note under one table, numbered from 1 in that table."""

    number: int
    text: str
    intervention: str | None = None  # the insats a Kommentar belongs to
    location: Location | None = None  # where the text comes from (Insatser row), None if generated


@dataclass(frozen=True)
class AppendixRow:
    label: str
    cells: tuple[Cell, ...]  # one per AppendixTable.columns
    notes: tuple[int, ...] = ()  # numbers of the table's footnotes, ascending
    sources: tuple[Location, ...] = ()  # the workbook rows the figures come from
    intervention: str | None = None  # insats name; None for the total row

    def cell(self, table: "AppendixTable", key: str) -> Cell:
        return self.cells[table.column_index(key)]


@dataclass(frozen=True)
class AppendixTable:
    """One of Tabell 1–8. ``footnotes``: the table's own notes, numbered 1, 2, … in the order their
    markers first appear; printed directly under the table."""

    number: int
    key: str  # "t1" … "t8"
    title: str  # without "Tabell N: "
    label_header: str  # header of the label column
    columns: tuple[TableColumn, ...]
    rows: tuple[AppendixRow, ...]
    total: AppendixRow | None
    footnotes: tuple[Footnote, ...] = ()
    masked_under: int | None = None  # set by mask()

    @property
    def caption(self) -> str:
        return f"Tabell {self.number}: {self.title}"

    def column_index(self, key: str) -> int:
        for i, c in enumerate(self.columns):
            if c.key == key:
                return i
        raise KeyError(key)

    def row(self, intervention: str) -> AppendixRow:
        for r in self.rows:
            if r.intervention == intervention:
                return r
        raise KeyError(intervention)

    @property
    def mask_legend(self) -> str | None:
        """Explains ``<N`` and ``..`` under a masked table (None when nothing is hidden)."""
        if self.masked_under is None:
            return None
        cells = [c for r in (*self.rows, *((self.total,) if self.total else ())) for c in r.cells]
        parts = []
        if any(isinstance(c, Masked) and c.primary for c in cells):
            parts.append(f"<{self.masked_under} = färre än {self.masked_under} personer")
        if any(isinstance(c, Masked) and not c.primary for c in cells):
            parts.append(".. = dolt så att små tal inte kan räknas fram ur summorna")
        return "; ".join(parts) + "." if parts else None
