"""View models of Bilaga 1–3: one view per insats page, the tables and the charts placed between them."""

from __future__ import annotations

import re

from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from markupsafe import Markup

from .. import anchors
from ..compute import Report
from ..compute.intervention_pages import InterventionPage
from ..compute.key_figures import intervention_figures
from ..compute.municipal_shares import MunicipalityShares
from ..compute.tables import AppendixTable, Masked
from ..model import InterventionKind
from .placeholders import display_values
from .woven import TextRenderer


@dataclass(frozen=True)
class Fact:
    label: str
    value: object
    kind: str  # "text", "kr", "count", "period", "percent"
    why: str = "uppgift saknas"  # printed instead of a value the data lacks, saying why


@dataclass(frozen=True)
class OutcomeTable:
    rows: tuple[tuple[str, int | Masked], ...]
    total: int
    remark: str | None = None  # when the outcomes outnumber the insats's participants


@dataclass(frozen=True)
class InterventionView:
    anchor: str
    number: int
    name: str
    fact_rows: tuple[tuple[Fact, Fact], ...]  # the fact box, two fields a row, the same fields for every insats
    text: Markup | None
    outcomes: OutcomeTable | None
    comment: Markup | None = None  # the text's closing Kommentar part, printed after the outcome table (as the seed)

    @property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(f for row in self.fact_rows for f in row if f.label)


@dataclass(frozen=True)
class AppendixPart:
    number: int  # Bilaga 1 or 2
    subtitle: str
    interventions: tuple[InterventionView, ...]
    population: tuple[tuple[str, Decimal], ...] = ()  # Bilaga 1: (kommun, % of invånarna), largest first
    population_basis: str | None = None  # what the split rests on: "Andel", "Invånare", "Andel och Invånare"

    @property
    def population_words(self) -> str:
        """The basis of the expected split in the sentence's words (as Bilaga 3's note says it)."""
        return {"Andel": "Efter medlemmarnas överenskomna andelar",
                "Andel och Invånare": "Efter medlemmarnas andelar och invånarantal"}.get(self.population_basis or "",
                                                                                         "Efter invånarantalet i medlemskommunerna")


def population_split(report: Report) -> tuple[tuple[str, Decimal], ...]:
    """The kommuner's shares of the invånare (the expected split of participants), largest first."""
    if report.appendix is None:
        return ()
    rows = report.appendix.shares.by_population()
    if len(rows) < 2 or any(r.population_pct is None for r in rows):
        return ()
    return tuple((r.short_name, cast(Decimal, r.population_pct)) for r in rows)


EMPTY = Fact("", None, "empty")


@dataclass(frozen=True)
class FactLayout:
    """Which optional rows the fact boxes of one Bilaga carry: decided once for all its insatser, so
    that every box has the same fields in the same places."""

    year: int
    granted_total: bool  # some insats has Beviljat totalt
    gender: bool  # Individ insatser: Kvinnor/Män
    other_gender: bool  # some insats reports Annat/ej angivet
    since_start: bool = False  # some insats has deltagare sedan start (Lägesrapporter)


def fact_layout(pages, year: int) -> FactLayout:
    individ = any(p.kind is InterventionKind.INDIVID for p in pages)
    return FactLayout(
        year,
        any(p.granted_total is not None for p in pages),
        individ,
        any(p.gender is not None and p.gender.other for p in pages),
        any(p.since_start is not None for p in pages),
    )


def _fact_rows(p: InterventionPage, layout: FactLayout) -> tuple[tuple[Fact, Fact], ...]:
    """The fixed field order: who and when; money of the year (and of the whole period); participants;
    gender; cost per participant and volyminsats. A value the data lacks says why (Fact.why); Beviljat
    totalt, which most insatser do not have, is left out of the boxes without it."""
    year = layout.year
    rows = [
        (Fact("Huvudman", p.lead_organisation, "text"), Fact("Period", (p.start, p.end), "period")),
        (Fact(f"Budget {year}", p.budget, "kr"), Fact(f"Kostnader {year}", p.actual, "kr")),
        (Fact("Avvikelse", p.variance, "kr"),
         Fact("Beviljat totalt", p.granted_total, "kr") if p.granted_total is not None else EMPTY),
        (Fact("Budgeterade deltagare", p.planned_participants, "count"), Fact("Antal deltagare", p.participants, "count")),
    ]
    if layout.since_start:  # from the Lägesrapporter sheet (lagesrapport las --skriv)
        until = f" (t.o.m. {p.since_start_until.isoformat()})" if p.since_start_until else ""
        rows.append((Fact(f"Deltagare sedan start{until}", p.since_start, "count"), EMPTY))
    volume = Fact("Volyminsats", None if p.volume is None else ("Ja" if p.volume else "Nej"), "text")
    if layout.gender:
        g = p.gender
        rows.append((Fact("Kvinnor", g.women if g else None, "count"), Fact("Män", g.men if g else None, "count")))
        if layout.other_gender:
            rows.append((Fact("Annat/ej angivet", g.other if g else None, "count"), EMPTY))
        cost = p.cost_per_participant if p.kind is InterventionKind.INDIVID else None
        why = (p.cost_per_participant_reason or "").rsplit(": ", 1)[-1] or "uppgift saknas"
        rows.append((Fact("Kostnad per deltagare", cost, "kr", why), volume))
    else:
        rows.append((volume, EMPTY))
    return tuple(rows)


def _outcomes(p: InterventionPage) -> OutcomeTable | None:
    if not p.outcomes:
        return None
    rows = tuple((o.outcome, o.count) for o in p.outcomes)
    return OutcomeTable(rows, p.outcomes_total, outcome_remark(rows, p.outcomes_total, p.participants))


WAITING = re.compile(r"väntan|väntar|ej påbörja|inte påbörja", re.IGNORECASE)


def outcome_remark(rows: tuple[tuple[str, int | Masked], ...], total: int, participants) -> str | None:
    """Said under an outcome table whose outcomes are more than the insats's deltagare, and only
    what is true for that row: outcomes of persons waiting to start are not deltagare; any other
    excess is stated without a cause the data does not give. A masked count is neither summed nor
    named (its value is not kept, and stating it would undo the small-number protection)."""
    if not isinstance(participants, int) or total <= participants:
        return None
    excess = total - participants
    waiting = [(name, n) for name, n in rows if isinstance(n, int) and n and WAITING.search(name)]
    waited = sum(n for _, n in waiting)
    if waiting and waited >= excess:
        names = " och ".join(f"”{name.lower()}”" for name, _ in waiting)
        return (f"Utfallen ({total}) är fler än insatsens deltagare under året ({participants}): {waited} "
                f"redovisas som {names} och har ännu inte börjat i insatsen.")
    return f"Utfallen ({total}) är fler än insatsens deltagare under året ({participants})."


COMMENT_HEADING = re.compile(r"^\s*kommentar", re.I)


def intervention_view(p: InterventionPage, renderer: TextRenderer, prefix: str, layout: FactLayout) -> InterventionView:
    """The insats's page. Its text is cut before its first heading "Kommentar …": the outcome table
    goes between the account of the results and the comment on them, as the insatser report them."""
    text = comment = None
    if p.text is not None:
        blocks = renderer.blocks(p.text, top_level=3, values=display_values(intervention_figures(p)))
        at = next((n for n, b in enumerate(blocks) if b.heading and COMMENT_HEADING.match(b.heading)), len(blocks))
        text = Markup("").join(b.html for b in blocks[:at]) or None
        comment = Markup("").join(b.html for b in blocks[at:]) or None
    return InterventionView(f"{prefix}-{p.slug}", p.number, p.name, _fact_rows(p, layout), text, _outcomes(p), comment)


@dataclass(frozen=True)
class ShareRow:
    name: str
    participants: int | Masked
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
    number: int = 0  # "Diagram N", numbered through the report in the order printed
    source: str = ""  # "Källa: …": where the chart's figures come from
    narrow_svg: Markup = Markup("")  # the phone drawing, shown below 600 px (css/screen.css)

    @property
    def caption(self) -> str:
        return f"Diagram {self.number}. {self.title}" if self.number else self.title


# Where each chart's figures come from (the sheets of indata.xlsx).
CHART_SOURCES = {  # in a reader's words: never a sheet, column or file name
    "budget-utfall-individ": "förbundets budget och insatsernas redovisade kostnader",
    "budget-utfall-struktur": "förbundets budget och insatsernas redovisade kostnader",
    "konsfordelning": "insatsernas redovisning till förbundet",
    "kommuntillhorighet": "insatsernas redovisning till förbundet och kommunernas invånarantal",
}


def _chart_view(c, number: int) -> ChartView:
    source = CHART_SOURCES.get(c.key)
    return ChartView(c.key, c.title, Markup(c.svg), c.alt_text, number,
                     f"Källa: {source}." if source else "Källa: förbundets redovisning.", Markup(c.narrow_svg))


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
        first: dict = {}
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
    shares_other: int | Masked
    shares_basis: str | None
    shares_charts: tuple[ChartView, ...]


CHART_AFTER = {"budget-utfall-individ": 3, "budget-utfall-struktur": 4, "konsfordelning": 5, "kommuntillhorighet": 6}


def appendix_tables_view(report: Report, charts, earlier_diagrams: int = 0) -> AppendixTablesView | None:
    """``earlier_diagrams``: diagrams printed before Bilaga 3 (the flerårsöversikt's), so that the
    numbering runs on."""
    a = report.appendix
    if a is None or not a.tables:
        return None
    views = []
    number = earlier_diagrams
    share_charts: tuple[ChartView, ...] = ()
    for t in a.tables:  # numbered in the order bilaga_3.html.j2 prints them
        cs = []
        for c in charts:
            if CHART_AFTER.get(c.key) == t.number and c.key != "kommuntillhorighet":
                number += 1
                cs.append(_chart_view(c, number))
        views.append(TableView(t, tuple(cs), anchors.appendix_table(t.key)))
        if t.number == 6 and a.shares.rows and a.shares.total:
            for c in charts:
                if c.key == "kommuntillhorighet":
                    number += 1
                    share_charts += (_chart_view(c, number),)
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
