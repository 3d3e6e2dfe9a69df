"""View models of Resultaträkning, Kassaflödesanalys, Balansräkning, Noter and Driftredovisning,
and the default Redovisningsprinciper text."""

from __future__ import annotations

from dataclasses import dataclass

from ..compute.law import default_accounting_principles
from ..findings import Location
from ..model import Text
from .rounding import DisplayedNote, DisplayedOperating, DisplayedStatement


@dataclass(frozen=True)
class StatementView:
    title: str
    caption: str  # "Resultaträkning (kr)"
    unit: str
    column_labels: tuple[str, ...]
    displayed: DisplayedStatement
    has_notes: bool

    @property
    def column_parts(self) -> tuple[tuple[str, ...], ...]:
        """Each column label split at its en dash ("2016-01-01", "2016-12-31"): the web report keeps
        each date whole and lets the header break only at the dash."""
        return tuple(tuple(label.split("–")) for label in self.column_labels)


@dataclass(frozen=True)
class NotesView:
    unit: str
    years: tuple[int, ...]
    notes: tuple[DisplayedNote, ...]


@dataclass(frozen=True)
class OperatingView:
    unit: str
    year: int
    prior_year: int
    displayed: DisplayedOperating


def statement_view(d: DisplayedStatement, unit: str, column_labels: tuple[str, ...] | None = None) -> StatementView:
    st = d.statement
    return StatementView(
        st.title,
        f"{st.title} ({unit})",
        unit,
        column_labels or st.column_labels,
        d,
        any(r.row.note is not None for r in d.rows),
    )


def default_principles(year: int) -> Text:
    return Text("redovisningsprinciper", default_accounting_principles(year), Location("(standardtext)"))
