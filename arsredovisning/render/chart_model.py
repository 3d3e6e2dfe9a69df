"""The drawn chart as a record: what the templates and the chart cache handle without matplotlib."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Chart:
    key: str  # "konsfordelning", "kommuntillhorighet", "budget-utfall-individ" …
    title: str
    svg: str  # a complete <svg> element (no XML declaration), ready to inline or write to a file
    alt_text: str  # short Swedish description plus the figures
    columns: tuple[str, ...]  # header of the data table
    rows: tuple[tuple[str, ...], ...]  # formatted cells of the data table
    narrow_svg: str = ""  # the same chart drawn for a phone (charts.NARROW); "" when not drawn
