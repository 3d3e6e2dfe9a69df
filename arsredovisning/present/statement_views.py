"""View models of Resultaträkning, Kassaflödesanalys, Balansräkning, Noter and Driftredovisning,
and the default Redovisningsprinciper text."""

from __future__ import annotations

from dataclasses import dataclass

from .. import fmt
from ..compute.law import default_accounting_principles
from ..compute.notes import NoteRow
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

    @property
    def column_years(self) -> tuple[str, ...]:
        """Each column's year (of its period's end): the header a phone shows ("2016")."""
        return tuple(label.split("–")[-1][:4] for label in self.column_labels)


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
    if note is None:
        return None
    member_values: list[int] = []
    for r in note.rows:
        if isinstance(r.row, NoteRow) and r.row.member:
            v = r.values[0]
            assert v is not None  # a note row is a figure in every column
            member_values.append(v)
    if not member_values:
        return None
    members = sum(member_values)
    total = note.total[0]
    amount = lambda n: fmt.with_unit(fmt.shown(n), unit)  # noqa: E731
    if members == total:
        return f"Verksamhetens intäkter är medlemmarnas medlemsbidrag, {amount(total)}."
    return (f"Medlemmarnas medlemsbidrag är {amount(members)}. Med övriga intäkter, {amount(total - members)}, "
            f"är verksamhetens intäkter {amount(total)}.")


def other_notes(inp: AnnualInput, fin, unit: str) -> OtherNotes:
    org = inp.organisation
    pledges: tuple[tuple[str, int | None], ...] = ()
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
class AreaLine:
    name: str
    budget: int | None
    actual: int
    variance: int | None
    prior: int


@dataclass(frozen=True)
class AreasView:
    """Driftredovisning per budgetområde, whole kr/tkr; the utfall column foots to the
    resultaträkning's Årets resultat (largest remainder)."""

    rows: tuple[AreaLine, ...]
    total: AreaLine
    from_sheet: bool
    empty: tuple[str, ...] = ()  # default areas without accounts of their own

    @property
    def note(self) -> str | None:
        if not self.empty or self.from_sheet:
            return None
        names = " och ".join(self.empty) if len(self.empty) <= 2 else ", ".join(self.empty[:-1]) + " och " + self.empty[-1]
        return (f"{names} har inga egna konton i räkenskaperna; {'dess' if len(self.empty) == 1 else 'deras'} kostnader ingår i Kansli och administration.")


@dataclass(frozen=True)
class InvestmentView:
    """Investeringsredovisning: per anläggningstillgång line, the year's investments and sales (from
    the kassaflödesanalys) and the book value at both years' end; ``rows`` empty = none."""

    year: int
    rows: tuple[tuple[str, int, int, int, int], ...]  # (line, investeringar, försäljningar, UB prior, UB)


@dataclass(frozen=True)
class OperatingView:
    unit: str
    year: int
    prior_year: int
    displayed: DisplayedOperating | None
    areas: AreasView | None = None
    investments: InvestmentView | None = None


def areas_view(report, shown_result: tuple[int, ...], unit: str) -> AreasView | None:
    """``report``: compute.budget_areas.AreaReport; ``shown_result``: the printed Årets resultat (this
    year, prior year). None when no area has a budget (no driftredovisning can be made)."""
    if report is None or not report.has_budget:
        return None
    from ..compute.allocate import allocate
    from ..money import in_unit, round_half_up
    rows = report.rows
    actual = allocate([in_unit(r.actual, unit) for r in rows], shown_result[0])
    prior = allocate([in_unit(r.prior, unit) for r in rows], shown_result[1] if len(shown_result) > 1 else None)
    budget = [None if r.budget is None else round_half_up(in_unit(r.budget, unit)) for r in rows]
    lines = tuple(AreaLine(r.name, b, a, None if b is None else a - b, p) for r, b, a, p in zip(rows, budget, actual, prior))
    total_budget = sum(b for b in budget if b is not None)
    total = AreaLine("Årets resultat", total_budget, sum(actual), sum(actual) - total_budget, sum(prior))
    empty = tuple(r.name for r in rows if not r.accounts and r.name != "Kansli och administration")
    return AreasView(lines, total, report.from_sheet, empty)


INVESTMENT_LINES = (("immateriella_anlaggningstillgangar", "investering_immateriella", "forsaljning_immateriella"),
                    ("materiella_anlaggningstillgangar", "investering_materiella", "forsaljning_materiella"),
                    ("finansiella_anlaggningstillgangar", "investering_finansiella", "forsaljning_finansiella"))


def investment_view(shown, year: int) -> InvestmentView:
    br, kf = shown.balance_sheet, shown.cash_flow
    n = len(br.statement.years)
    rows = []
    for key, bought, sold in INVESTMENT_LINES:
        if not br.has(key) and not kf.has(bought) and not kf.has(sold):
            continue
        label = next(r.row.label for r in br.rows if r.row.key == key) if br.has(key) else key
        values = (-kf.value(bought, 0), kf.value(sold, 0), br.value(key, 1) if n > 1 else 0, br.value(key, 0))
        if any(values):
            rows.append((label, *values))
    return InvestmentView(year, tuple(rows))


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


def default_principles(year: int) -> Text:
    return Text("redovisningsprinciper", default_accounting_principles(year), Location("(standardtext)"))
