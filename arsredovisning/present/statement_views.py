"""View models of Resultaträkning, Kassaflödesanalys, Balansräkning, Noter and Driftredovisning,
and the default Redovisningsprinciper text."""

from __future__ import annotations

from dataclasses import dataclass

from ..compute.notes import DEFAULT_ACCOUNTING_PRINCIPLES
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

    @property
    def column_years(self) -> tuple[str, ...]:
        """Each column's year (of its period's end): the header a phone shows ("2016")."""
        return tuple(label.split("–")[-1][:4] for label in self.column_labels)


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
        any(getattr(r.row, "note", None) is not None for r in d.rows),
    )


def default_principles() -> Text:
    return Text("redovisningsprinciper", DEFAULT_ACCOUNTING_PRINCIPLES, Location("(standardtext)"))
