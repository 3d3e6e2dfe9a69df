"""View models of Resultaträkning, Kassaflödesanalys, Balansräkning, Noter and Driftredovisning,
and the default Redovisningsprinciper text."""

from __future__ import annotations

from dataclasses import dataclass

from .. import fmt
from ..compute.law import default_accounting_principles
from ..compute.other_notes import audit_cost, unspent_grants
from ..model import AnnualInput
from ..money import to_unit
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
class OtherNotes:
    """Upplysningar after the numbered notes (LKBR 9 kap.): ställda panter och ansvarsförbindelser,
    beviljade men ej förbrukade insatsmedel, the cost of räkenskapsrevision. Whole kr/tkr."""

    year: int
    pledges: tuple[tuple[str, int | None], ...] = ()  # (label, amount; 0 = "Inga"); () when not given
    grants: tuple[tuple[str, int, int, int], ...] = ()  # (insats, beviljat totalt, utfall t.o.m. året, återstår)
    grants_total: int = 0
    audit: str | None = None  # the sentence naming the cost of räkenskapsrevision

    @property
    def empty(self) -> bool:
        return not (self.pledges or self.grants or self.audit)


@dataclass(frozen=True)
class NotesView:
    unit: str
    years: tuple[int, ...]
    notes: tuple[DisplayedNote, ...]
    income_line: str | None = None  # under the Verksamhetens intäkter note: medlemsbidrag → intäkter
    other: OtherNotes | None = None


def income_line(notes: tuple[DisplayedNote, ...], unit: str) -> str | None:
    """One line reconciling the medlemsbidrag with verksamhetens intäkter, from the printed rows."""
    note = next((d for d in notes if d.note.key == "verksamhetens_intakter"), None)
    if note is None or not any(r.row.member for r in note.rows):
        return None
    members = sum(r.values[0] for r in note.rows if r.row.member)
    total = note.total[0]
    amount = lambda n: fmt.with_unit(fmt.shown(n), unit)  # noqa: E731
    if members == total:
        return f"Verksamhetens intäkter är medlemmarnas medlemsbidrag, {amount(total)}."
    return (f"Medlemmarnas medlemsbidrag är {amount(members)}. Med övriga intäkter, {amount(total - members)}, "
            f"är verksamhetens intäkter {amount(total)}.")


def other_notes(inp: AnnualInput, fin, unit: str) -> OtherNotes:
    org = inp.organisation
    pledges = ()
    if org.pledged_assets is not None or org.contingent_liabilities is not None:
        pledges = tuple((label, to_unit(v, unit) if v is not None else None)
                        for label, v in (("Ställda panter", org.pledged_assets), ("Ansvarsförbindelser", org.contingent_liabilities)))
    grants, _ = unspent_grants(inp)
    rows = tuple((g.name, to_unit(g.granted, unit), to_unit(g.used, unit), to_unit(g.granted, unit) - to_unit(g.used, unit))
                 for g in grants)
    cost = audit_cost(inp, fin.ledger)
    audit = None
    if cost is not None:
        shown = fmt.with_unit(fmt.shown(to_unit(cost.amount, unit)), unit)
        if cost.accounts:
            audit = f"Kostnaden för revision, som omfattar räkenskapsrevisionen, är {shown} och ingår i verksamhetens kostnader."
        else:
            audit = f"Kostnaden för räkenskapsrevision är {shown}."
    return OtherNotes(org.year, pledges, rows, sum(r[3] for r in rows), audit)


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
