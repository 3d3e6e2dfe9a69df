"""View models of the report's sections: everything a section template shows, prepared.

Figures stay numbers (exact ``Decimal`` kronor, or whole kr/tkr already rounded by
``present/rounding.py``); the templates format them through the filters that call ``arsredovisning/fmt.py``.
Any arithmetic the report shows (percentages, sums of outcomes) is done here, never in Jinja.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from markupsafe import Markup

from ..compute import Report
from ..compute.intervention_pages import InterventionPage
from ..compute.municipal_shares import MunicipalityShares
from ..compute.tables import Table
from ..compute.contributions import Basis, Contributions
from ..compute.notes import DEFAULT_ACCOUNTING_PRINCIPLES
from ..model import AnnualInput, InterventionKind, Text
from . import people
from .rounding import DisplayedFinancials, DisplayedNote, DisplayedOperating, DisplayedStatement

HUNDRED = Decimal(100)


class TextRenderer(Protocol):
    """Markdown → HTML (implemented in ``render/markdown.py``)."""

    def render(self, text: Text, top_level: int | None = None) -> Markup: ...

    def blocks(self, text: Text) -> list: ...  # [Block(heading, html)]


# ----------------------------------------------------------------------------------------------
# Texts with generated parts placed inside them


@dataclass(frozen=True)
class Part:
    """A piece of a section: Markdown HTML (``html``) or a generated block (``template`` + ``data``)."""

    heading: str | None = None  # a generated part's own h2 (None when placed inside a text part)
    html: Markup | None = None
    template: str | None = None
    data: object = None


@dataclass(frozen=True)
class Generated:
    """Generated content with the h2 it gets when no heading of the text matches ``pattern``."""

    heading: str
    pattern: str  # regex (case-insensitive) on the text's h2 headings
    template: str
    data: object


def weave(renderer: TextRenderer, text: Text | None, generated: list[Generated], before: str | None = None) -> tuple[Part, ...]:
    """The text's parts with each generated block placed at the end of the first text part whose
    heading matches its pattern. Unmatched blocks get their own heading and go before the first
    part whose heading matches ``before`` (the closing parts, e.g. Förväntad utveckling), else last."""
    blocks = renderer.blocks(text) if text is not None else []
    placed: dict[int, list[Generated]] = {}
    loose: list[Generated] = []
    for g in generated:
        at = next((n for n, b in enumerate(blocks) if b.heading and re.search(g.pattern, b.heading, re.I)), None)
        if at is None:
            loose.append(g)
        else:
            placed.setdefault(at, []).append(g)
    insert_at = len(blocks)
    if before:
        insert_at = next((n for n, b in enumerate(blocks) if b.heading and re.search(before, b.heading, re.I)), len(blocks))
    parts: list[Part] = []
    for n, b in enumerate(blocks):
        if n == insert_at:
            parts += [Part(g.heading, None, g.template, g.data) for g in loose]
        parts.append(Part(html=b.html))
        parts += [Part(None, None, g.template, g.data) for g in placed.get(n, [])]
    if insert_at == len(blocks):
        parts += [Part(g.heading, None, g.template, g.data) for g in loose]
    return tuple(parts)


# ----------------------------------------------------------------------------------------------
# Cover, contact


@dataclass(frozen=True)
class Cover:
    name: str
    year: int
    org_number: str
    city: str
    logo: str | None  # data: URI
    address: str | None
    phone: str | None
    email: str | None
    web: str | None


@dataclass(frozen=True)
class ContactPage:
    contacts: tuple[people.Contact, ...]
    name: str
    org_number: str
    address: str | None
    phone: str | None
    email: str | None
    web: str | None


def cover(inp: AnnualInput, logo: str | None) -> Cover:
    o = inp.organisation
    return Cover(o.name, o.year, o.org_number, o.city, logo, o.address, o.phone, o.email, o.web)


def contact_page(inp: AnnualInput) -> ContactPage | None:
    o = inp.organisation
    found = people.contacts(inp.persons)
    if not found and not any((o.address, o.phone, o.email, o.web)):
        return None
    return ContactPage(found, o.name, o.org_number, o.address, o.phone, o.email, o.web)


# ----------------------------------------------------------------------------------------------
# Förvaltningsberättelse


@dataclass(frozen=True)
class GrantedList:
    kind: str  # "individinriktade" / "strukturövergripande"
    names: tuple[str, ...]


@dataclass(frozen=True)
class Granted:
    year: int
    lists: tuple[GrantedList, ...]


@dataclass(frozen=True)
class Meetings:
    groups: tuple[people.MeetingGroup, ...]


@dataclass(frozen=True)
class Position:
    """Ekonomisk ställning: key figures of both years (displayed, whole unit) and the balanskrav."""

    years: tuple[int, int]
    rows: tuple[tuple[str, tuple[int | None, ...]], ...]  # (label, (this year, prior year))
    result: int
    opening_equity: int  # eget kapital at the start of the year (= prior year's closing)
    closing_equity: int
    balanced: bool  # balanskravet: årets resultat ≥ 0
    covered: bool  # a deficit fits within the equity from earlier years
    equity_pct: Decimal | None  # eget kapital in % of the year's medlemsbidrag
    target_pct: Decimal | None  # Riktvärde eget kapital (%)


def granted(inp: AnnualInput) -> Granted | None:
    lists = []
    for kind, word in ((InterventionKind.INDIVID, "individinriktade"), (InterventionKind.STRUKTUR, "strukturövergripande")):
        names = tuple(i.name for i in inp.interventions if i.kind is kind)
        if names:
            lists.append(GrantedList(word, names))
    return Granted(inp.organisation.year, tuple(lists)) if lists else None


def position(inp: AnnualInput, fin: DisplayedFinancials, contributions: Contributions | None, exact_equity: Decimal) -> Position:
    rr, br = fin.income_statement, fin.balance_sheet
    n = len(br.statement.years)
    rows = [
        ("Årets resultat", tuple(rr.value("arets_resultat", c) for c in range(n))),
        ("Summa tillgångar", tuple(br.value("summa_tillgangar", c) for c in range(n))),
        ("Eget kapital", tuple(br.value("eget_kapital", c) for c in range(n))),
    ]
    if br.has("summa_skulder"):
        rows.append(("Summa skulder", tuple(br.value("summa_skulder", c) for c in range(n))))
    result = rr.value("arets_resultat", 0)
    closing = br.value("eget_kapital", 0)
    opening = closing - result
    total = contributions.total if contributions else None
    return Position(
        years=tuple(br.statement.years),
        rows=tuple(rows),
        result=result,
        opening_equity=opening,
        closing_equity=closing,
        balanced=result >= 0,
        covered=result >= 0 or closing >= 0,
        equity_pct=exact_equity * HUNDRED / total if total else None,
        target_pct=inp.organisation.equity_target_pct,
    )


# ----------------------------------------------------------------------------------------------
# Organisation


@dataclass(frozen=True)
class PeopleBlock:
    kind: str  # "board", "preparatory", "staff", "auditors"
    organs: tuple[people.Organ, ...]


def organisation_blocks(inp: AnnualInput) -> list[Generated]:
    year = inp.organisation.year
    out = []
    board = people.board(inp.persons, year)
    if board:
        out.append(Generated("Förbundsstyrelsen", r"styrelse", "sections/_people.html.j2", PeopleBlock("board", board)))
    prep = people.preparatory_group(inp.persons, year)
    if prep:
        out.append(Generated("Beredningsgruppen", r"beredningsgrupp", "sections/_people.html.j2", PeopleBlock("preparatory", prep)))
    staff = people.staff(inp.persons, year)
    if staff:
        out.append(Generated("Personal", r"personal|kansli", "sections/_people.html.j2", PeopleBlock("staff", (people.Organ("Personal", staff),))))
    auditors = people.auditors(inp.persons, year)
    if auditors:
        out.append(Generated("Revisorer", r"revisor", "sections/_people.html.j2", PeopleBlock("auditors", (people.Organ("Revisorer", auditors),))))
    return out


# ----------------------------------------------------------------------------------------------
# Finansiell översikt


@dataclass(frozen=True)
class ContributionRow:
    name: str
    share_of_total: Decimal
    share_of_quarter: Decimal | None
    amount: int  # computed, whole kr
    booked: Decimal | None
    difference: Decimal | None  # booked − computed (whole kr)


@dataclass(frozen=True)
class Overview:
    year: int
    rows: tuple[ContributionRow, ...]
    total_amount: int
    total_booked: Decimal | None
    total_difference: Decimal | None
    basis: str  # the sentence saying how the kommun quarter was split
    from_booked: bool  # the total is the sum of the booked contributions (no Medlemsbidrag totalt)
    equity: Decimal  # exact, kr
    equity_pct: Decimal | None
    target_pct: Decimal | None
    above_target: bool


BASIS_TEXT = {
    Basis.POPULATION: "Kommunernas fjärdedel är fördelad i proportion till invånarantalet.",
    Basis.SHARE: "Kommunernas fjärdedel är fördelad enligt de andelar som medlemmarna kommit överens om.",
    Basis.SINGLE: "Kommunen står för hela kommunernas fjärdedel.",
}


def overview(inp: AnnualInput, c: Contributions | None, equity: Decimal) -> Overview | None:
    if c is None:
        return None
    rows = []
    for s in c.members:
        booked = s.booked
        rows.append(
            ContributionRow(
                s.member.name,
                s.share_of_total,
                s.share_of_quarter,
                s.amount,
                booked,
                None if booked is None else booked - s.amount,
            )
        )
    all_booked = all(r.booked is not None for r in rows)
    total_booked = sum((r.booked for r in rows), Decimal(0)) if all_booked else None
    pct = equity * HUNDRED / c.total if c.total else None
    target = inp.organisation.equity_target_pct
    return Overview(
        year=inp.organisation.year,
        rows=tuple(rows),
        total_amount=c.total_amount,
        total_booked=total_booked,
        total_difference=None if total_booked is None else total_booked - c.total_amount,
        basis=BASIS_TEXT[c.basis],
        from_booked=c.source.name == "BOOKED",
        equity=equity,
        equity_pct=pct,
        target_pct=target,
        above_target=pct is not None and target is not None and pct > target,
    )


# ----------------------------------------------------------------------------------------------
# Statements


@dataclass(frozen=True)
class StatementView:
    title: str
    caption: str  # "Resultaträkning (kr)"
    unit: str
    column_labels: tuple[str, ...]
    displayed: DisplayedStatement
    has_notes: bool


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


# ----------------------------------------------------------------------------------------------
# Beslut och underskrifter, revisorer


@dataclass(frozen=True)
class Decision:
    year: int
    unit: str
    result: int
    opening_equity: int
    closing_equity: int
    city: str
    date: date | None
    text: Markup | None  # texter/beslut.md (optional)
    signatories: tuple[people.Signatory, ...]


@dataclass(frozen=True)
class AuditorsPage:
    year: int
    auditors: tuple[people.Auditor, ...]


# ----------------------------------------------------------------------------------------------
# Bilagor


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
class TableView:
    table: Table
    charts: tuple[ChartView, ...]  # placed after the table


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
        views.append(TableView(t, cs))
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


# ----------------------------------------------------------------------------------------------
# Plain texts


def default_principles() -> Text:
    from ..findings import Location

    return Text("redovisningsprinciper", DEFAULT_ACCOUNTING_PRINCIPLES, Location("(standardtext)"))
