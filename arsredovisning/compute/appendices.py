"""Bilaga 1–3: the insats tables (Tabell 1–8), insats page data, kommun shares, small-number masking.

Pure functions of an :class:`AnnualInput`; money stays ``Decimal`` (öre), counts ``int``. The one
rounding done here is kostnad/deltagare, half-up to whole kr, once, of the exact utfall
(indata.md, Precisions). Everything else is formatted in ``present/``.

Cell values in a :class:`Table`:

- ``int`` (count), ``Decimal`` (money), ``bool`` (Volyminsats: Ja/Nej);
- ``None``: no value ("–"): not given, no row in Kön/Kommuner/Bakgrund, or cannot be computed
  (a footnote on the row says why). In the total row, a column with ``Column.total`` False has
  no total and is left blank;
- :class:`Masked`: a count hidden by :func:`mask` (``str()`` gives what to print).

Rows of Kön/Kommuner/Bakgrund/Resultat that name an unknown insats, or a Struktur insats, are left
out of the tables; duplicates use the first row. ``checks/interventions.py`` reports all of these.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from fractions import Fraction
from typing import Iterable, Union

from ..findings import Location
from ..model import (
    AnnualInput,
    BackgroundRow,
    GenderRow,
    Intervention,
    InterventionKind,
    Member,
    MemberType,
    MunicipalityRow,
    Text,
)

ZERO = Decimal(0)
HUNDRED = Decimal(100)
KR = Decimal(1)

# --------------------------------------------------------------------------------------------
# Slug (file names of texter/insatser/<slug>.md)
# --------------------------------------------------------------------------------------------

_SLUG_MAP = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e"})


def slugify(name: str) -> str:
    """The insats text file name rule of indata.md: ``"På väg/Sydnärke"`` → ``"pa-vag-sydnarke"``.

    Lower case; å/ä → a, ö → o, é → e; every run of other characters outside a–z/0–9 → "-";
    trimmed of "-". Input is NFC-normalised first so a decomposed "å" (a + ring) maps the same.
    """
    text = unicodedata.normalize("NFC", name).lower().translate(_SLUG_MAP)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


# --------------------------------------------------------------------------------------------
# Table model
# --------------------------------------------------------------------------------------------


class Kind(str, Enum):
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
class Column:
    """``key`` is stable (``"women"``, ``"budget"``, a member's Medlem name …), ``header`` Swedish.

    ``total``: the total row has a value in this column. ``maskable``: a person count that
    :func:`mask` may hide. ``is_total``: the row total of the maskable columns ("Totalt")."""

    key: str
    header: str
    kind: Kind
    total: bool = True
    maskable: bool = False
    is_total: bool = False


@dataclass(frozen=True)
class Footnote:
    """A numbered note; numbers are shared by all tables of one :class:`AppendixTables`."""

    number: int
    text: str
    intervention: str | None = None  # the insats a Kommentar belongs to
    location: Location | None = None  # where the text comes from (Insatser row), None if generated


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]  # one per Table.columns
    notes: tuple[int, ...] = ()  # Footnote numbers, ascending
    sources: tuple[Location, ...] = ()  # the workbook rows the figures come from
    intervention: str | None = None  # insats name; None for the total row

    def cell(self, table: "Table", key: str) -> Cell:
        return self.cells[table.column_index(key)]


@dataclass(frozen=True)
class Table:
    """One of Tabell 1–8. ``footnotes``: every note referenced by the table's rows; ``new_footnotes``:
    those referenced here for the first time (print these under the table for endnote style)."""

    number: int
    key: str  # "t1" … "t8"
    title: str  # without "Tabell N: "
    label_header: str  # header of the label column
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    total: Row | None
    footnotes: tuple[Footnote, ...] = ()
    new_footnotes: tuple[Footnote, ...] = ()
    masked_under: int | None = None  # set by mask()

    @property
    def caption(self) -> str:
        return f"Tabell {self.number}: {self.title}"

    def column_index(self, key: str) -> int:
        for i, c in enumerate(self.columns):
            if c.key == key:
                return i
        raise KeyError(key)

    def row(self, intervention: str) -> Row:
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


@dataclass(frozen=True)
class MunicipalityShare:
    """One kommun: its share of all participants (Individ insatser, Kommuner) and of invånarna."""

    member: str
    short_name: str
    participants: int | Masked  # Masked only after mask_appendix
    participant_pct: Decimal | None  # None when no participant has a known kommun (or masked)
    population: int | None
    population_pct: Decimal | None  # from Andel, else Invånare; None when neither allows it
    location: Location

    @property
    def difference_pp(self) -> Decimal | None:
        """Participant share minus population share, in percentage points."""
        if self.participant_pct is None or self.population_pct is None:
            return None
        return self.participant_pct - self.population_pct


@dataclass(frozen=True)
class MunicipalityShares:
    rows: tuple[MunicipalityShare, ...]  # kommun members in member order
    other: int | Masked  # "Övriga" (Masked only after mask_appendix)
    total: int  # all participants with a Kommuner row, Övriga included
    basis: str | None  # "Andel", "Invånare", "Andel och Invånare" or None (no population data)

    def by_population(self) -> tuple[MunicipalityShare, ...]:
        """Largest population share first (the seed's "Kumla 40 %, Hallsberg 30 % …"); ties keep member order."""
        return tuple(sorted(self.rows, key=lambda r: -(r.population_pct if r.population_pct is not None else -1)))


@dataclass(frozen=True)
class AppendixTables:
    """Bilaga 3. A table is None when it has nothing to show (no insats of that kind, or the
    Kön/Kommuner/Bakgrund sheet is absent and has no rows)."""

    t1: Table | None  # deltagare, Individ
    t2: Table | None  # deltagare, Struktur
    t3: Table | None  # kostnad, Individ
    t4: Table | None  # kostnad, Struktur
    t5: Table | None  # kön
    t6: Table | None  # kommuntillhörighet
    t7: Table | None  # bakgrund
    t8: Table | None  # kostnad per deltagare
    footnotes: tuple[Footnote, ...]
    shares: MunicipalityShares

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(t for t in (self.t1, self.t2, self.t3, self.t4, self.t5, self.t6, self.t7, self.t8) if t)


# --------------------------------------------------------------------------------------------
# Lookups shared with checks/interventions.py
# --------------------------------------------------------------------------------------------


def kommun_members(inp: AnnualInput) -> tuple[Member, ...]:
    return tuple(m for m in inp.members if m.type is MemberType.KOMMUN)


def interventions_by_name(inp: AnnualInput) -> dict[str, Intervention]:
    """Name → insats; the first one if a name repeats (the loader reports that as a fel)."""
    out: dict[str, Intervention] = {}
    for i in inp.interventions:
        out.setdefault(i.name, i)
    return out


def first_rows(rows: Iterable, interventions: dict[str, Intervention]) -> dict:
    """The first row per known Individ insats (unknown, Struktur and duplicate rows are findings)."""
    out: dict = {}
    for r in rows:
        i = interventions.get(r.intervention)
        if i is not None and i.kind is InterventionKind.INDIVID and r.intervention not in out:
            out[r.intervention] = r
    return out


def cost_per_participant(i: Intervention) -> tuple[Decimal | None, str | None]:
    """Utfall / deltagare, half-up to whole kr, only where both are > 0; else (None, reason)."""
    reasons = []
    if i.actual == 0:
        reasons.append("inget utfall")
    elif i.actual < 0:
        reasons.append("negativt utfall")
    if i.participants <= 0:
        reasons.append("inga deltagare")
    if reasons:
        return None, "kostnad/deltagare kan ej beräknas: " + " och ".join(reasons)
    return (i.actual / i.participants).quantize(KR, rounding=ROUND_HALF_UP), None


def _sheet_used(inp: AnnualInput, sheet: str, rows: tuple) -> bool:
    return bool(rows) or any(s.strip().casefold() == sheet.casefold() for s in inp.sheets_present)


# --------------------------------------------------------------------------------------------
# Tabell 1–8
# --------------------------------------------------------------------------------------------


class _Notes:
    """Footnote registry while the tables are built: one number per distinct key."""

    def __init__(self) -> None:
        self._by_key: dict[object, Footnote] = {}

    def ref(self, key: object, text: str, intervention: str | None = None, location: Location | None = None) -> int:
        if key not in self._by_key:
            self._by_key[key] = Footnote(len(self._by_key) + 1, text, intervention, location)
        return self._by_key[key].number

    def comment(self, i: Intervention) -> tuple[int, ...]:
        if not i.comment or not i.comment.strip():
            return ()
        return (self.ref(("kommentar", i.name), i.comment.strip(), i.name, i.location),)

    @property
    def all(self) -> tuple[Footnote, ...]:
        return tuple(sorted(self._by_key.values(), key=lambda f: f.number))


def appendix_tables(inp: AnnualInput) -> AppendixTables:
    """Tabell 1–8 of Bilaga 3, in workbook order, with exact totals and shared footnotes."""
    individ = tuple(i for i in inp.interventions if i.kind is InterventionKind.INDIVID)
    struktur = tuple(i for i in inp.interventions if i.kind is InterventionKind.STRUKTUR)
    by_name = interventions_by_name(inp)
    period = f"januari–december {inp.organisation.year}"
    notes = _Notes()

    t1 = _participants_table(1, individ, notes, "Individinriktade insatser",
                             f"Antal aktuella deltagare i de individinriktade insatserna under perioden {period}.")
    t2 = _participants_table(2, struktur, notes, "Strukturövergripande insatser",
                             f"Antal aktuella deltagare i de strukturövergripande insatserna under perioden {period}.")
    t3 = _cost_table(3, individ, notes, "Individinriktade insatser",
                     f"Budget och utfall för de individinriktade insatserna under perioden {period}.")
    t4 = _cost_table(4, struktur, notes, "Strukturövergripande insatser",
                     f"Budget och utfall för de strukturövergripande insatserna under perioden {period}.")
    t5 = t6 = t7 = None
    if individ and _sheet_used(inp, "Kön", inp.genders):
        t5 = _gender_table(inp, individ, first_rows(inp.genders, by_name), notes)
    if individ and _sheet_used(inp, "Kommuner", inp.municipalities):
        t6 = _municipality_table(inp, individ, first_rows(inp.municipalities, by_name), notes)
    if individ and _sheet_used(inp, "Bakgrund", inp.backgrounds):
        t7 = _background_table(inp, individ, first_rows(inp.backgrounds, by_name), notes)
    t8 = _cost_per_participant_table(individ, notes)

    tables = [t1, t2, t3, t4, t5, t6, t7, t8]
    all_notes = {f.number: f for f in notes.all}
    seen: set[int] = set()
    for n, t in enumerate(tables):
        if t is None:
            continue
        used = sorted({k for r in (*t.rows, *((t.total,) if t.total else ())) for k in r.notes})
        new = [k for k in used if k not in seen]
        seen.update(used)
        tables[n] = replace(t, footnotes=tuple(all_notes[k] for k in used), new_footnotes=tuple(all_notes[k] for k in new))
    return AppendixTables(*tables, footnotes=notes.all, shares=municipality_shares(inp))


def _total_row(rows: list[Row], columns: tuple[Column, ...], notes: tuple[int, ...] = ()) -> Row:
    cells: list[Cell] = []
    for n, c in enumerate(columns):
        if not c.total:
            cells.append(None)
            continue
        given = [r.cells[n] for r in rows if r.cells[n] is not None]
        if not given:
            cells.append(None)
        elif c.kind is Kind.MONEY:
            cells.append(sum(given, ZERO))
        else:
            cells.append(sum(given))
    return Row("Totalt", tuple(cells), notes)


def _participants_table(number, interventions, notes: _Notes, label_header: str, title: str) -> Table | None:
    if not interventions:
        return None
    columns = (
        Column("planned", "Budgeterat antal deltagare", Kind.COUNT),
        Column("participants", "Antal deltagare", Kind.COUNT),
        Column("volume", "Volyminsats", Kind.YES_NO, total=False),
    )
    rows = [
        Row(i.name, (i.planned_participants, i.participants, i.volume), notes.comment(i), (i.location,), i.name)
        for i in interventions
    ]
    missing = [i.name for i in interventions if i.planned_participants is None]
    total_notes: tuple[int, ...] = ()
    if missing and len(missing) < len(interventions):
        text = ("Summan av budgeterat antal deltagare omfattar bara insatser där antalet är angivet; "
                "uppgift saknas för " + _join(missing) + ".")
        total_notes = (notes.ref(("planned-missing", number), text),)
    return Table(number, f"t{number}", title, label_header, columns, tuple(rows), _total_row(rows, columns, total_notes))


def _cost_table(number, interventions, notes: _Notes, label_header: str, title: str) -> Table | None:
    if not interventions:
        return None
    columns = (
        Column("budget", "Budgeterade kostnader", Kind.MONEY),
        Column("actual", "Utfall kostnader", Kind.MONEY),
        Column("variance", "Avvikelse", Kind.MONEY),
    )
    rows = [
        Row(i.name, (i.budget, i.actual, i.budget - i.actual), notes.comment(i), (i.location,), i.name)
        for i in interventions
    ]
    return Table(number, f"t{number}", title, label_header, columns, tuple(rows), _total_row(rows, columns))


def _count_table(number, title, interventions, found: dict, columns, values, notes: _Notes, missing_text: str) -> Table:
    """T5–T7: person counts per Individ insats from the first Kön/Kommuner/Bakgrund row of each."""
    rows = []
    for i in interventions:
        src = found.get(i.name)
        refs = list(notes.comment(i))
        if src is None:
            cells: tuple = (None,) * len(columns)
            sources: tuple[Location, ...] = (i.location,)
            if i.participants:
                refs.append(notes.ref(("missing", number), missing_text))
        else:
            counts = values(src)
            cells = (*counts, sum(counts))
            sources = (i.location, src.location)
        rows.append(Row(i.name, cells, tuple(sorted(refs)), sources, i.name))
    return Table(number, f"t{number}", title, "Insats", tuple(columns), tuple(rows), _total_row(rows, tuple(columns)))


def _person(key: str, header: str) -> Column:
    return Column(key, header, Kind.COUNT, maskable=True)


TOTAL_COLUMN = Column("total", "Totalt", Kind.COUNT, is_total=True)


def _gender_table(inp, individ, found: dict[str, GenderRow], notes: _Notes) -> Table:
    other = inp.has_gender_other or any(r.other for r in found.values())
    columns = [_person("women", "Kvinnor"), _person("men", "Män")]
    if other:
        columns.append(_person("other", "Annat/ej angivet"))
    columns.append(TOTAL_COLUMN)

    def values(r: GenderRow):
        return (r.women, r.men, r.other) if other else (r.women, r.men)

    return _count_table(5, "Könsfördelningen i de olika individinriktade insatserna.", individ, found, columns,
                        values, notes, "Uppgift om kön saknas för insatsen.")


def _municipality_table(inp, individ, found: dict[str, MunicipalityRow], notes: _Notes) -> Table:
    kommuner = kommun_members(inp)
    other = inp.has_municipality_other or any(r.other for r in found.values())
    columns = [_person(m.name, m.short_name) for m in kommuner]
    if other:
        columns.append(_person("other", "Övriga"))
    columns.append(TOTAL_COLUMN)

    def values(r: MunicipalityRow):
        counts = dict(r.counts)
        vals = tuple(counts.get(m.name, 0) for m in kommuner)
        return (*vals, r.other) if other else vals

    return _count_table(6, "Kommuntillhörighet för deltagare i de olika individinriktade insatserna.", individ,
                        found, columns, values, notes, "Uppgift om kommuntillhörighet saknas för insatsen.")


def _background_table(inp, individ, found: dict[str, BackgroundRow], notes: _Notes) -> Table:
    unreported = inp.has_background_unreported or any(r.unreported for r in found.values())
    columns = [_person("swedish", "Svensk"), _person("other", "Annan")]
    if unreported:
        columns.append(_person("unreported", "Ej redovisad"))
    columns.append(TOTAL_COLUMN)

    def values(r: BackgroundRow):
        return (r.swedish, r.other, r.unreported) if unreported else (r.swedish, r.other)

    return _count_table(7, "Etnisk bakgrund för deltagare i de olika individinriktade insatserna.", individ,
                        found, columns, values, notes, "Uppgift om bakgrund saknas för insatsen.")


def _cost_per_participant_table(individ, notes: _Notes) -> Table | None:
    if not individ:
        return None
    columns = (
        Column("actual", "Total kostnad", Kind.MONEY),
        Column("participants", "Antal deltagare", Kind.COUNT),
        Column("cost_per_participant", "Kostnad/deltagare", Kind.MONEY, total=False),
    )
    rows = []
    for i in individ:
        value, reason = cost_per_participant(i)
        refs = list(notes.comment(i))
        if reason:
            refs.append(notes.ref(("cost", reason), reason[0].upper() + reason[1:] + "."))
        rows.append(Row(i.name, (i.actual, i.participants, value), tuple(sorted(refs)), (i.location,), i.name))
    return Table(8, "t8", "Kostnad/deltagare i de olika individinriktade insatserna.", "Insats", columns,
                 tuple(rows), _total_row(rows, columns))


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]


# --------------------------------------------------------------------------------------------
# Kommuntillhörighet against population
# --------------------------------------------------------------------------------------------


def population_shares(inp: AnnualInput) -> tuple[dict[str, Decimal | None], str | None]:
    """Each kommun member's share of invånarna (percent of the kommun quarter).

    Andel wins where given; the rest of 100 % is split by Invånare among the members without Andel.
    A member with neither gets None. Returns (member name → percent, basis)."""
    kommuner = kommun_members(inp)
    given = {m.name: m.share_pct for m in kommuner if m.share_pct is not None}
    rest = [m for m in kommuner if m.share_pct is None]
    out: dict[str, Decimal | None] = {m.name: given.get(m.name) for m in kommuner}
    with_pop = [m for m in rest if m.population is not None and m.population > 0]
    pop_total = sum(m.population for m in with_pop)
    remaining = HUNDRED - sum(given.values(), ZERO)
    if rest and len(with_pop) == len(rest) and pop_total > 0 and remaining > 0:
        for m in rest:
            out[m.name] = remaining * Decimal(m.population) / Decimal(pop_total)
    basis = {(True, False): "Andel", (False, True): "Invånare", (True, True): "Andel och Invånare"}.get(
        (bool(given), any(out[m.name] is not None for m in rest))
    )
    return out, basis


def municipality_shares(inp: AnnualInput) -> MunicipalityShares:
    """Participants per kommun over all Individ insatser (their Kommuner rows) next to invånare shares."""
    by_name = interventions_by_name(inp)
    rows = first_rows(inp.municipalities, by_name).values()
    kommuner = kommun_members(inp)
    counts = {m.name: 0 for m in kommuner}
    for r in rows:
        for name, n in r.counts:
            if name in counts:
                counts[name] += n
    other = sum(r.other for r in rows)
    total = sum(counts.values()) + other
    pop, basis = population_shares(inp)
    shares = tuple(
        MunicipalityShare(
            member=m.name,
            short_name=m.short_name,
            participants=counts[m.name],
            participant_pct=Decimal(counts[m.name]) * HUNDRED / Decimal(total) if total else None,
            population=m.population,
            population_pct=pop[m.name],
            location=m.location,
        )
        for m in kommuner
    )
    return MunicipalityShares(shares, other, total, basis)


# --------------------------------------------------------------------------------------------
# Bilaga 1 and 2: one page per insats
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GenderCounts:
    women: int | Masked
    men: int | Masked
    other: int | Masked  # Annat/ej angivet
    location: Location


@dataclass(frozen=True)
class BackgroundCounts:
    swedish: int | Masked
    other: int | Masked
    unreported: int | Masked  # Ej redovisad
    location: Location


@dataclass(frozen=True)
class MunicipalityCount:
    member: str  # Medlem name
    short_name: str  # Kortnamn (the header)
    count: int | Masked


@dataclass(frozen=True)
class Outcome:
    outcome: str  # Resultat.Utfall, e.g. "Redo för arbete"
    count: int | Masked
    location: Location


@dataclass(frozen=True)
class InterventionPage:
    """Everything a Bilaga 1/2 page shows about one insats; ``text`` is texter/insatser/<slug>.md."""

    number: int  # 1-based within its Bilaga
    name: str
    slug: str
    kind: InterventionKind
    lead_organisation: str | None  # huvudman
    start: date | None
    end: date | None
    budget: Decimal  # beviljat
    actual: Decimal  # utfall
    variance: Decimal  # budget − utfall
    participants: int
    planned_participants: int | None
    volume: bool | None
    gender: GenderCounts | None  # None: no Kön row
    municipalities: tuple[MunicipalityCount, ...] | None  # None: no Kommuner row; member order
    municipality_other: int | Masked  # Övriga
    background: BackgroundCounts | None
    outcomes: tuple[Outcome, ...]  # Resultat rows in workbook order
    outcomes_total: int  # sum of the Resultat counts (shown also when some rows are masked)
    comment: str | None
    cost_per_participant: Decimal | None  # whole kr; Individ only
    cost_per_participant_reason: str | None
    text: Text | None
    location: Location

    @property
    def text_key(self) -> str:
        return f"insatser/{self.slug}"


def intervention_pages(inp: AnnualInput, kind: InterventionKind, mask_under: int | None = None) -> tuple[InterventionPage, ...]:
    """Bilaga 1 (``InterventionKind.INDIVID``) or Bilaga 2 (``STRUKTUR``), in workbook order.

    Kön/Kommuner/Bakgrund are taken only for Individ insatser (for Struktur they are a warning).
    With ``mask_under``, the person counts are those of the masked Tabell 5–7 (so a page never
    shows what a table hides) and each insats' Resultat counts are masked as one row."""
    by_name = interventions_by_name(inp)
    genders = first_rows(inp.genders, by_name)
    munis = first_rows(inp.municipalities, by_name)
    backs = first_rows(inp.backgrounds, by_name)
    kommuner = kommun_members(inp)
    shown = _masked_person_rows(inp, mask_under) if mask_under else None
    pages = []
    for i in (i for i in inp.interventions if i.kind is kind):
        g, m, b = genders.get(i.name), munis.get(i.name), backs.get(i.name)
        if shown is not None:
            g, m, b = (shown[k](i.name, r) for k, r in zip(("t5", "t6", "t7"), (g, m, b)))
        counts = dict(m.counts) if m else {}
        cpp, reason = cost_per_participant(i) if kind is InterventionKind.INDIVID else (None, None)
        slug = slugify(i.name)
        outcomes = [o for o in inp.outcomes if o.intervention == i.name]
        outcome_counts = [o.count for o in outcomes]
        if mask_under:
            outcome_counts = _mask_line(outcome_counts, mask_under)
        pages.append(
            InterventionPage(
                number=len(pages) + 1,
                name=i.name,
                slug=slug,
                kind=i.kind,
                lead_organisation=i.lead_organisation,
                start=i.start,
                end=i.end,
                budget=i.budget,
                actual=i.actual,
                variance=i.budget - i.actual,
                participants=i.participants,
                planned_participants=i.planned_participants,
                volume=i.volume,
                gender=GenderCounts(g.women, g.men, g.other, g.location) if g else None,
                municipalities=tuple(MunicipalityCount(k.name, k.short_name, counts.get(k.name, 0)) for k in kommuner)
                if m
                else None,
                municipality_other=m.other if m else 0,
                background=BackgroundCounts(b.swedish, b.other, b.unreported, b.location) if b else None,
                outcomes=tuple(Outcome(o.outcome, n, o.location) for o, n in zip(outcomes, outcome_counts)),
                outcomes_total=sum(o.count for o in outcomes),
                comment=i.comment.strip() if i.comment and i.comment.strip() else None,
                cost_per_participant=cpp,
                cost_per_participant_reason=reason,
                text=inp.text(f"insatser/{slug}"),
                location=i.location,
            )
        )
    return tuple(pages)


def _masked_person_rows(inp: AnnualInput, under: int) -> dict:
    """Per table, a function (insats, source row) → the source row with the masked table's cells."""
    tables = appendix_tables(inp)

    def from_table(table: Table | None, rebuild):
        masked = mask(table, under) if table else None

        def pick(name, src):
            if src is None or masked is None:
                return src
            row = masked.row(name)
            get = lambda key: row.cell(masked, key) if any(c.key == key for c in masked.columns) else 0  # noqa: E731
            return rebuild(src, get)

        return pick

    return {
        "t5": from_table(tables.t5, lambda r, get: replace(r, women=get("women"), men=get("men"), other=get("other"))),
        "t6": from_table(tables.t6, lambda r, get: replace(
            r, counts=tuple((name, get(name)) for name, _ in r.counts), other=get("other"))),
        "t7": from_table(tables.t7, lambda r, get: replace(
            r, swedish=get("swedish"), other=get("other"), unreported=get("unreported"))),
    }


def _mask_line(values: list[int], under: int) -> list[int | Masked]:
    """One row whose total is public: small counts → ``<under``; a lone hidden count takes a partner
    (the smallest shown non-zero, else a zero) so it cannot be recovered by subtraction."""
    hidden = {n: True for n, v in enumerate(values) if 1 <= v < under}
    if len(hidden) == 1:
        rest = sorted((v == 0, v, n) for n, v in enumerate(values) if n not in hidden)
        if rest:
            hidden[rest[0][2]] = False
    return [Masked(under, hidden[n]) if n in hidden else v for n, v in enumerate(values)]


# --------------------------------------------------------------------------------------------
# Small-number protection
# --------------------------------------------------------------------------------------------

_Pos = tuple[int, int]  # (row index, column index); row index len(rows) = the total row


def mask_appendix(a: AppendixTables, under: int) -> AppendixTables:
    """Bilaga 3 for publication with small-number protection: Tabell 5–7 masked (see :func:`mask`),
    and the kommun comparison shows a kommun's participants only where Tabell 6's total shows it."""
    tables = {key: (mask(t, under) if t is not None else None) for key, t in
              (("t1", a.t1), ("t2", a.t2), ("t3", a.t3), ("t4", a.t4), ("t5", a.t5), ("t6", a.t6), ("t7", a.t7), ("t8", a.t8))}
    t6 = tables["t6"]
    shown = {}
    if t6 is not None and t6.total is not None:
        shown = {col.key: t6.total.cells[i] for i, col in enumerate(t6.columns)}
    rows = []
    for r in a.shares.rows:
        value = shown.get(r.member, r.participants)
        if isinstance(value, Masked) or (0 < r.participants < under and r.member not in shown):
            value = value if isinstance(value, Masked) else Masked(under, True)
            r = replace(r, participants=value, participant_pct=None)
        rows.append(r)
    other = a.shares.other
    if 0 < other < under:
        other = Masked(under, True)
    return replace(a, **tables, shares=replace(a.shares, rows=tuple(rows), other=other))


def mask(table: Table, under: int = 5) -> Table:
    """Hide person counts 1 … under−1 in the maskable columns (body and Totalt row) as ``<under``,
    then hide more cells (secondary suppression, shown ``..``) until no hidden count can be
    recomputed from the table's row and column totals by any linear combination.

    Row totals ("Totalt" = Deltagare, published in Tabell 1) and the grand total are never hidden:
    hiding them would protect nothing. For a hidden cell that can still be recomputed, the line
    (row or column) with the fewest hidden cells through it gets one more: its smallest shown
    non-zero count, else (for a column) its total, else a zero. Deterministic for the same table.
    Cells that are not counts (None = no data) take no part.
    """
    if under < 2:
        return replace(table, masked_under=under)
    grid = [list(r.cells) for r in table.rows] + ([list(table.total.cells)] if table.total else [])
    n_body = len(table.rows)
    has_total = table.total is not None
    mcols = [j for j, c in enumerate(table.columns) if c.maskable]
    hidden: dict[_Pos, bool] = {}  # position → primary?

    def value(p: _Pos) -> int | None:
        v = grid[p[0]][p[1]]
        return v if isinstance(v, int) and not isinstance(v, bool) else None

    for i in range(len(grid)):
        for j in mcols:
            v = value((i, j))
            if v is not None and 1 <= v < under:
                hidden[(i, j)] = True

    def line_cells(line: tuple[str, int]) -> list[_Pos]:
        kind, n = line
        if kind == "row":
            return [(n, j) for j in mcols]
        return [(i, n) for i in range(n_body + (1 if has_total else 0))]

    def candidates(line: tuple[str, int]) -> list[_Pos]:
        shown = [p for p in line_cells(line) if p not in hidden and value(p) is not None]
        body = [p for p in shown if p[0] < n_body or line[0] == "row"]
        total = [p for p in shown if p[0] == n_body and line[0] == "col"]
        nonzero = sorted((p for p in body if value(p)), key=lambda p: (value(p), p))
        zeros = [p for p in body if value(p) == 0]
        return nonzero + total + zeros

    while True:
        exposed = _exposed(hidden, grid, n_body, mcols, has_total)
        choice = None
        for p in exposed:
            lines = [("row", p[0]), ("col", p[1])] if has_total else [("row", p[0])]
            lines.sort(key=lambda line: sum(1 for q in line_cells(line) if q in hidden))
            choice = next((c[0] for c in map(candidates, lines) if c), None)
            if choice is not None:
                break
        if choice is None:  # nothing exposed, or nothing left to hide around it
            break
        hidden[choice] = False

    def masked(i: int, cells: tuple[Cell, ...]) -> tuple[Cell, ...]:
        return tuple(Masked(under, hidden[(i, j)]) if (i, j) in hidden else c for j, c in enumerate(cells))

    rows = tuple(replace(r, cells=masked(i, r.cells)) for i, r in enumerate(table.rows))
    total = replace(table.total, cells=masked(n_body, table.total.cells)) if table.total else None
    return replace(table, rows=rows, total=total, masked_under=under)


def _equations(hidden: dict[_Pos, bool], grid, n_body: int, mcols: list[int], has_total: bool) -> list[dict[_Pos, int]]:
    """Each published identity as {hidden cell: coefficient} (shown cells are constants): every row,
    the total row included, sums to its public row total; every column's body cells sum to the
    column total, itself an unknown (coefficient −1) when hidden."""
    eqs: list[dict[_Pos, int]] = []
    for i in range(n_body + (1 if has_total else 0)):
        if all(grid[i][j] is not None for j in mcols):
            eqs.append({(i, j): 1 for j in mcols if (i, j) in hidden})
    if has_total:
        for j in mcols:
            eq = {(i, j): 1 for i in range(n_body) if (i, j) in hidden}
            if (n_body, j) in hidden:
                eq[(n_body, j)] = -1
            eqs.append(eq)
    return [eq for eq in eqs if eq]


def _exposed(hidden: dict[_Pos, bool], grid, n_body: int, mcols: list[int], has_total: bool) -> list[_Pos]:
    """Hidden cells whose value follows from the identities: the unit vector of the cell lies in
    the row space of the system restricted to the hidden cells (exact rational elimination)."""
    if not hidden:
        return []
    cells = sorted(hidden)
    index = {p: k for k, p in enumerate(cells)}
    rows = []
    for eq in _equations(hidden, grid, n_body, mcols, has_total):
        vec = [Fraction(0)] * len(cells)
        for p, coef in eq.items():
            vec[index[p]] = Fraction(coef)
        rows.append(vec)
    basis = _rref(rows)
    exposed = []
    for p in cells:
        e = [Fraction(0)] * len(cells)
        e[index[p]] = Fraction(1)
        if not any(_reduce(e, basis)):
            exposed.append(p)
    return exposed


def _rref(rows: list[list[Fraction]]) -> list[tuple[int, list[Fraction]]]:
    """Reduced basis as (pivot column, row) pairs."""
    basis: list[tuple[int, list[Fraction]]] = []
    for r in rows:
        r = _reduce(list(r), basis)
        pivot = next((k for k, x in enumerate(r) if x), None)
        if pivot is None:
            continue
        r = [x / r[pivot] for x in r]
        basis = [(p, [a - b[pivot] * c for a, c in zip(b, r)] if b[pivot] else b) for p, b in basis]
        basis.append((pivot, r))
    return basis


def _reduce(v: list[Fraction], basis: list[tuple[int, list[Fraction]]]) -> list[Fraction]:
    for p, b in basis:
        if v[p]:
            f = v[p]
            v = [a - f * c for a, c in zip(v, b)]
    return v
