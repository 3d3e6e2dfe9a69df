"""View models of Bilaga 1–3: one view per insats page, the tables and the charts placed between them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from markupsafe import Markup

from ..compute import Report
from ..compute.intervention_pages import InterventionPage
from ..compute.municipal_shares import MunicipalityShares
from ..compute.tables import AppendixTable
from ..model import InterventionKind
from .woven import TextRenderer


@dataclass(frozen=True)
class Fact:
    label: str
    value: object
    kind: str  # "text", "kr", "count", "period", "percent"


@dataclass(frozen=True)
class OutcomeTable:
    rows: tuple[tuple[str, int], ...]
    total: int


@dataclass(frozen=True)
class InterventionView:
    anchor: str
    number: int
    name: str
    facts: tuple[Fact, ...]
    text: Markup | None
    outcomes: OutcomeTable | None

    @property
    def fact_rows(self) -> tuple[tuple[Fact, Fact | None], ...]:
        """The facts in two columns, read column by column: (left, right) per row."""
        half = (len(self.facts) + 1) // 2
        left, right = self.facts[:half], self.facts[half:]
        return tuple((a, right[n] if n < len(right) else None) for n, a in enumerate(left))


@dataclass(frozen=True)
class AppendixPart:
    number: int  # Bilaga 1 or 2
    subtitle: str
    interventions: tuple[InterventionView, ...]
    population: tuple[tuple[str, Decimal], ...] = ()  # Bilaga 1: (kommun, % of invånarna), largest first


def population_split(report: Report) -> tuple[tuple[str, Decimal], ...]:
    """The kommuner's shares of the invånare (the expected split of participants), largest first."""
    if report.appendix is None:
        return ()
    rows = report.appendix.shares.by_population()
    if len(rows) < 2 or any(r.population_pct is None for r in rows):
        return ()
    return tuple((r.short_name, r.population_pct) for r in rows)


def _period(p: InterventionPage) -> tuple[date | None, date | None] | None:
    if p.start is None and p.end is None:
        return None
    return (p.start, p.end)


def intervention_view(p: InterventionPage, renderer: TextRenderer, prefix: str) -> InterventionView:
    facts = []
    if p.lead_organisation:
        facts.append(Fact("Huvudman", p.lead_organisation, "text"))
    period = _period(p)
    if period:
        facts.append(Fact("Period", period, "period"))
    facts += [
        Fact("Beviljade medel", p.budget, "kr"),
        Fact("Redovisade kostnader", p.actual, "kr"),
        Fact("Avvikelse", p.variance, "kr"),
    ]
    if p.planned_participants is not None:
        facts.append(Fact("Budgeterade deltagare", p.planned_participants, "count"))
    facts.append(Fact("Antal deltagare", p.participants, "count"))
    if p.gender is not None:
        facts.append(Fact("Kvinnor", p.gender.women, "count"))
        facts.append(Fact("Män", p.gender.men, "count"))
        if p.gender.other:
            facts.append(Fact("Annat/ej angivet", p.gender.other, "count"))
    if p.kind is InterventionKind.INDIVID and p.cost_per_participant is not None:
        facts.append(Fact("Kostnad per deltagare", p.cost_per_participant, "kr"))
    if p.volume is not None:
        facts.append(Fact("Volyminsats", "Ja" if p.volume else "Nej", "text"))
    outcomes = None
    if p.outcomes:
        rows = tuple((o.outcome, o.count) for o in p.outcomes)
        outcomes = OutcomeTable(rows, p.outcomes_total)
    text = renderer.render(p.text, top_level=3) if p.text is not None else None
    return InterventionView(f"{prefix}-{p.slug}", p.number, p.name, tuple(facts), text, outcomes)


@dataclass(frozen=True)
class ShareRow:
    name: str
    participants: int
    participant_pct: Decimal | None
    population: int | None
    population_pct: Decimal | None
    difference_pp: Decimal | None


@dataclass(frozen=True)
class ChartView:
    key: str
    title: str
    svg: Markup
    alt_text: str


@dataclass(frozen=True)
class NoteView:
    """A footnote under its table; ``back`` names the row of its first marker (the back-link's target)."""

    number: int
    text: str
    back: str  # "1", "2" … (row) or "totalt"


@dataclass(frozen=True)
class TableView:
    """One Bilaga 3 table. Anchors: the table ``anchor``, its notes ``<anchor>-fn-<n>`` and each marker
    ``<anchor>-ref-<n>-<row>`` (row 1, 2 … or ``totalt``)."""

    table: AppendixTable
    charts: tuple[ChartView, ...]  # placed after the table
    anchor: str = ""

    @property
    def notes(self) -> tuple[NoteView, ...]:
        t = self.table
        rows = [(str(k), r) for k, r in enumerate(t.rows, 1)] + ([("totalt", t.total)] if t.total else [])
        first = {}
        for key, r in rows:
            for n in r.notes:
                first.setdefault(n, key)
        return tuple(NoteView(f.number, f.text, first[f.number]) for f in t.footnotes)


@dataclass(frozen=True)
class AppendixTablesView:
    year: int
    tables: tuple[TableView, ...]
    shares: tuple[ShareRow, ...]
    shares_total: int
    shares_other: int
    shares_basis: str | None
    shares_charts: tuple[ChartView, ...]


CHART_AFTER = {"budget-utfall-individ": 3, "budget-utfall-struktur": 4, "konsfordelning": 5, "kommuntillhorighet": 6}


def appendix_tables_view(report: Report, charts) -> AppendixTablesView | None:
    a = report.appendix
    if a is None or not a.tables:
        return None
    views = []
    placed = set()
    for t in a.tables:
        cs = tuple(
            ChartView(c.key, c.title, Markup(c.svg), c.alt_text)
            for c in charts
            if CHART_AFTER.get(c.key) == t.number and c.key != "kommuntillhorighet"
        )
        placed.update(c.key for c in cs)
        views.append(TableView(t, cs, f"bilaga-3-{t.key}"))
    share_charts = tuple(
        ChartView(c.key, c.title, Markup(c.svg), c.alt_text) for c in charts if c.key == "kommuntillhorighet"
    )
    return AppendixTablesView(
        report.inp.organisation.year,
        tuple(views),
        _share_rows(a.shares),
        a.shares.total,
        a.shares.other,
        a.shares.basis,
        share_charts,
    )


def _share_rows(s: MunicipalityShares) -> tuple[ShareRow, ...]:
    if not s.rows or not s.total:
        return ()
    return tuple(
        ShareRow(r.short_name, r.participants, r.participant_pct, r.population, r.population_pct, r.difference_pp)
        for r in s.rows
    )
