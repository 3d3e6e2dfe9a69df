"""Flerårsöversikt: up to five years of key figures, as printed in each year's own report.

Shown in the förvaltningsberättelse's ekonomi part when at least two years are known
(``Report.history``). Money is rounded half-up once to the report's unit; percentages keep one
decimal. A year's figure that the following year's report printed differently in its prior-year
column is marked, with a note naming both (restated figures are shown as that year published them).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from .. import fmt
from ..compute.years import FIGURES, RESTATED, History
from ..money import to_unit

Shown = int | Decimal | None


@dataclass(frozen=True)
class MultiYearRow:
    key: str
    label: str
    kind: str  # "money", "percent", "count"
    values: tuple[Shown, ...]  # one per year, oldest first
    marks: tuple[int | None, ...]  # note number per year (None: as published by the following year too)


@dataclass(frozen=True)
class MultiYearView:
    years: tuple[int, ...]  # oldest first
    unit: str
    rows: tuple[MultiYearRow, ...]
    notes: tuple[str, ...]  # note n is notes[n - 1]
    sources: tuple[str, ...]  # "2016: input/2016/arsredovisning-2016.json (publicerad)" …
    chart: object = None  # a ChartView (render/charts.py: multi_year_chart), set by the renderer

    @property
    def caption(self) -> str:
        return f"Flerårsöversikt {self.years[0]}–{self.years[-1]}"


def _shown(value, kind: str, unit: str) -> Shown:
    if value is None:
        return None
    if kind == "money":
        return to_unit(value, unit)
    if kind == "count":
        return int(value)
    return Decimal(value)


def _text(value: Shown, kind: str, unit: str) -> str:
    if kind == "percent":
        return fmt.percent(value, 1)
    return fmt.shown(cast(int | None, value)) + (f" {unit}" if kind == "money" else "")


def multi_year_view(history: History | None, unit: str) -> MultiYearView | None:
    if history is None or len(history.years) < 2:
        return None
    years = tuple(reversed(history.years))  # oldest first
    notes: list[str] = []
    rows = []
    for key, label, kind in FIGURES:
        values = tuple(_shown(y.figures.get(key), kind, unit) for y in years)
        if all(v is None for v in values):
            continue
        marks: list[int | None] = []
        for n, year in enumerate(years):
            later = years[n + 1] if n + 1 < len(years) else None
            again = later.prior.get(key) if later is not None and key in RESTATED else None
            mine = year.figures.get(key)
            today = year.workbook.get(key) if year.workbook is not None else None
            differs = []
            if again is not None and mine is not None and _shown(again, kind, unit) != _shown(mine, kind, unit):
                differs.append(f"årsredovisningen {later.year if later else year.year} visar {_text(_shown(again, kind, unit), kind, unit)} för {year.year}")
            if today is not None and mine is not None and _shown(today, kind, unit) != _shown(mine, kind, unit):
                differs.append(f"räkenskaperna för {year.year} ger i dag {_text(_shown(today, kind, unit), kind, unit)}")
            if differs:
                notes.append(f"{label} {year.year}: {_text(_shown(mine, kind, unit), kind, unit)} enligt den publicerade "
                             f"årsredovisningen {year.year}; " + " och ".join(differs) + ".")
                marks.append(len(notes))
            else:
                marks.append(None)
        rows.append(MultiYearRow(key, label, kind, values, tuple(marks)))
    sources = tuple(f"{y.year}: " + ("denna årsredovisning" if y is history.years[0] else
                                     f"årsredovisningen {y.year}" if y.published else f"förbundets räkenskaper för {y.year}")
                    for y in years)  # in a reader's words; the files are named in the kontrollrapport
    return MultiYearView(tuple(y.year for y in years), unit, tuple(rows), tuple(notes), sources)
