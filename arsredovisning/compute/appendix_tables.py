"""Bilaga 3: Tabell 1–8 built from an :class:`AnnualInput`, with exact totals and footnotes.

Footnotes are numbered from 1 in each table, in the order their markers first appear (rows top to
bottom, then the total), and printed under that table; the same text under two tables is two notes.
An insats's Kommentar goes to the tables its ``Kommentar gäller`` names; when that is blank the
Kommentar concerns the insats as a whole and is printed once, under the first table that shows the
insats (Tabell 1 for an Individ insats, Tabell 2 for a Struktur one), not repeated under every table.
Money stays ``Decimal`` (öre), counts ``int``; formatting is done in ``present/``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import cast

from ..findings import Location
from ..load.schema import COMMENT_TABLE_NUMBERS
from ..model import AnnualInput, BackgroundRow, GenderRow, Intervention, InterventionKind, MunicipalityRow
from ..money import ZERO
from .intervention_rows import cost_per_participant, first_rows, interventions_by_name, kommun_members, sheet_used
from .municipal_shares import MunicipalityShares, municipality_shares
from .tables import AppendixRow, AppendixTable, Cell, CellKind, Footnote, TableColumn


@dataclass(frozen=True)
class AppendixTables:
    """Bilaga 3. A table is None when it has nothing to show (no insats of that kind, or the
    Kön/Kommuner/Bakgrund sheet is absent and has no rows)."""

    t1: AppendixTable | None  # deltagare, Individ
    t2: AppendixTable | None  # deltagare, Struktur
    t3: AppendixTable | None  # kostnad, Individ
    t4: AppendixTable | None  # kostnad, Struktur
    t5: AppendixTable | None  # kön
    t6: AppendixTable | None  # kommuntillhörighet
    t7: AppendixTable | None  # bakgrund
    t8: AppendixTable | None  # kostnad per deltagare
    shares: MunicipalityShares

    @property
    def tables(self) -> tuple[AppendixTable, ...]:
        return tuple(t for t in (self.t1, self.t2, self.t3, self.t4, self.t5, self.t6, self.t7, self.t8) if t)


# Kommentar gäller (load.schema.COMMENT_TABLES) → the tables it names.
COMMENT_TOPIC_TABLES = COMMENT_TABLE_NUMBERS


class _Notes:
    """Footnote registry while the tables are built: one id per distinct key (renumbered per table
    afterwards by :func:`_numbered`)."""

    def __init__(self) -> None:
        self._by_key: dict[object, Footnote] = {}
        self._whole: dict[str, int] = {}  # insats → the table its blank-gäller Kommentar is printed under

    def ref(self, key: object, text: str, intervention: str | None = None, location: Location | None = None) -> int:
        if key not in self._by_key:
            self._by_key[key] = Footnote(len(self._by_key) + 1, text, intervention, location)
        return self._by_key[key].number

    def comment(self, i: Intervention, table: int) -> tuple[int, ...]:
        """The insats's Kommentar as a note of Tabell ``table``, unless Kommentar gäller excludes it.

        A blank Kommentar gäller: the note of the first table asked (tables are built in order 1–8)."""
        if not i.comment or not i.comment.strip():
            return ()
        if i.comment_tables and not any(table in COMMENT_TOPIC_TABLES[t] for t in i.comment_tables):
            return ()
        if not i.comment_tables and self._whole.setdefault(i.name, table) != table:
            return ()
        return (self.ref(("kommentar", i.name), i.comment.strip(), i.name, i.location),)

    @property
    def all(self) -> tuple[Footnote, ...]:
        return tuple(sorted(self._by_key.values(), key=lambda f: f.number))


def appendix_tables(inp: AnnualInput) -> AppendixTables:
    """Tabell 1–8 of Bilaga 3, in workbook order, with exact totals and footnotes per table."""
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
    if individ and sheet_used(inp, "Kön", inp.genders):
        t5 = _gender_table(inp, individ, first_rows(inp.genders, by_name), notes)
    if individ and sheet_used(inp, "Kommuner", inp.municipalities):
        t6 = _municipality_table(inp, individ, first_rows(inp.municipalities, by_name), notes)
    if individ and sheet_used(inp, "Bakgrund", inp.backgrounds):
        t7 = _background_table(inp, individ, first_rows(inp.backgrounds, by_name), notes)
    t8 = _cost_per_participant_table(individ, notes)

    registry = {f.number: f for f in notes.all}
    tables = [_numbered(t, registry) if t is not None else None for t in (t1, t2, t3, t4, t5, t6, t7, t8)]
    return AppendixTables(tables[0], tables[1], tables[2], tables[3], tables[4], tables[5], tables[6], tables[7],
                          shares=municipality_shares(inp))


def _numbered(t: AppendixTable, registry: dict[int, Footnote]) -> AppendixTable:
    """The table with its own footnotes 1, 2, … in the order the markers first appear."""
    order: list[int] = []
    for r in (*t.rows, *((t.total,) if t.total else ())):
        order += [k for k in r.notes if k not in order]
    local = {k: n for n, k in enumerate(order, 1)}

    def renumber(r: AppendixRow) -> AppendixRow:
        return replace(r, notes=tuple(sorted(local[k] for k in r.notes)))

    return replace(t, rows=tuple(renumber(r) for r in t.rows), total=renumber(t.total) if t.total else None,
                   footnotes=tuple(replace(registry[k], number=local[k]) for k in order))


def _total_row(rows: list[AppendixRow], columns: tuple[TableColumn, ...], notes: tuple[int, ...] = ()) -> AppendixRow:
    cells: list[Cell] = []
    for n, c in enumerate(columns):
        if not c.total:
            cells.append(None)
            continue
        given = [r.cells[n] for r in rows if r.cells[n] is not None]
        if not given:
            cells.append(None)
        elif c.kind is CellKind.MONEY:
            cells.append(sum(cast(list[Decimal], given), ZERO))
        else:
            cells.append(sum(cast(list[int], given)))
    return AppendixRow("Totalt", tuple(cells), notes)


def _intervention_table(number, interventions, notes: _Notes, label_header: str, title: str, columns, values,
                        total_notes=lambda: ()) -> AppendixTable | None:
    """T1–T4: one row per insats, ``values(insats)`` its cells; ``total_notes()`` is asked after the rows
    have taken their footnote numbers."""
    if not interventions:
        return None
    rows = [AppendixRow(i.name, values(i), notes.comment(i, number), (i.location,), i.name) for i in interventions]
    return AppendixTable(number, f"t{number}", title, label_header, columns, tuple(rows), _total_row(rows, columns, total_notes()))


def _participants_table(number, interventions, notes: _Notes, label_header: str, title: str) -> AppendixTable | None:
    def planned_missing() -> tuple[int, ...]:
        missing = [i.name for i in interventions if i.planned_participants is None]
        if not missing or len(missing) == len(interventions):
            return ()
        text = ("Summan av budgeterat antal deltagare omfattar bara insatser där antalet är angivet; "
                "uppgift saknas för " + _join(missing) + ".")
        return (notes.ref(("planned-missing", number), text),)

    def total_notes() -> tuple[int, ...]:
        out = planned_missing()
        if any(i.volume and i.participants for i in interventions):
            # the national template's Totalt adds every row; deltagare elsewhere are persons only
            # (compute/participants.py), so the reader is told why the two differ (no figure: masking)
            out += (notes.ref(("volume-in-total", number),
                              "Volyminsatsernas antal (Volyminsats Ja) är deltaganden: de ingår i Totalt men inte i "
                              "förbundets antal deltagare."),)
        return out

    columns = (TableColumn("planned", "Budgeterat antal deltagare", CellKind.COUNT),
               TableColumn("participants", "Antal deltagare", CellKind.COUNT),
               TableColumn("volume", "Volyminsats", CellKind.YES_NO, total=False))
    return _intervention_table(number, interventions, notes, label_header, title, columns,
                               lambda i: (i.planned_participants, i.participants, i.volume), total_notes)


def _cost_table(number, interventions, notes: _Notes, label_header: str, title: str) -> AppendixTable | None:
    columns = (TableColumn("budget", "Budgeterade kostnader", CellKind.MONEY),
               TableColumn("actual", "Utfall kostnader", CellKind.MONEY),
               TableColumn("variance", "Avvikelse", CellKind.MONEY))
    return _intervention_table(number, interventions, notes, label_header, title, columns,
                               lambda i: (i.budget, i.actual, i.budget - i.actual))


def _count_table(number, title, interventions, found: dict, fields, values, notes: _Notes, missing_text: str) -> AppendixTable:
    """T5–T7: person counts per Individ insats from the first Kön/Kommuner/Bakgrund row of each.

    ``fields``: (key, header) of the person columns; ``values``: a source row → its counts in that order."""
    columns = (*(TableColumn(key, header, CellKind.COUNT, maskable=True) for key, header in fields), TOTAL_COLUMN)
    rows = []
    for i in interventions:
        src = found.get(i.name)
        refs = list(notes.comment(i, number))
        if src is None:
            cells: tuple = (None,) * len(columns)
            sources: tuple[Location, ...] = (i.location,)
            if i.participants:
                refs.append(notes.ref(("missing", number), missing_text))
        else:
            counts = values(src)
            cells = (*counts, sum(counts))
            sources = (i.location, src.location)
        rows.append(AppendixRow(i.name, cells, tuple(sorted(refs)), sources, i.name))
    return AppendixTable(number, f"t{number}", title, "Insats", columns, tuple(rows), _total_row(rows, columns))


TOTAL_COLUMN = TableColumn("total", "Totalt", CellKind.COUNT, is_total=True)


def _optional(fields: list[tuple[str, str]], extra: tuple[str, str], shown: bool) -> list[tuple[str, str]]:
    return [*fields, extra] if shown else fields


def _gender_table(inp, individ, found: dict[str, GenderRow], notes: _Notes) -> AppendixTable:
    fields = _optional([("women", "Kvinnor"), ("men", "Män")], ("other", "Annat/ej angivet"),
                       inp.has_gender_other or any(r.other for r in found.values()))
    return _count_table(5, "Könsfördelningen i de olika individinriktade insatserna.", individ, found, fields,
                        lambda r: tuple(getattr(r, key) for key, _ in fields), notes,
                        "Uppgift om kön saknas för insatsen.")


def _municipality_table(inp, individ, found: dict[str, MunicipalityRow], notes: _Notes) -> AppendixTable:
    kommuner = kommun_members(inp)
    other = inp.has_municipality_other or any(r.other for r in found.values())
    fields = _optional([(m.name, m.short_name) for m in kommuner], ("other", "Övriga"), other)

    def values(r: MunicipalityRow):
        counts = dict(r.counts)
        vals = tuple(counts.get(m.name, 0) for m in kommuner)
        return (*vals, r.other) if other else vals

    return _count_table(6, "Kommuntillhörighet för deltagare i de olika individinriktade insatserna.", individ,
                        found, fields, values, notes, "Uppgift om kommuntillhörighet saknas för insatsen.")


def _background_table(inp, individ, found: dict[str, BackgroundRow], notes: _Notes) -> AppendixTable:
    fields = _optional([("swedish", "Svensk"), ("other", "Annan")], ("unreported", "Ej redovisad"),
                       inp.has_background_unreported or any(r.unreported for r in found.values()))
    return _count_table(7, "Etnisk bakgrund för deltagare i de olika individinriktade insatserna.", individ,
                        found, fields, lambda r: tuple(getattr(r, key) for key, _ in fields), notes,
                        "Uppgift om bakgrund saknas för insatsen.")


def _cost_per_participant_table(individ, notes: _Notes) -> AppendixTable | None:
    if not individ:
        return None
    columns = (
        TableColumn("actual", "Total kostnad", CellKind.MONEY),
        TableColumn("participants", "Antal deltagare", CellKind.COUNT),
        TableColumn("cost_per_participant", "Kostnad/deltagare", CellKind.MONEY, total=False),
    )
    rows = []
    for i in individ:
        value, reason = cost_per_participant(i)
        refs = list(notes.comment(i, 8))
        if reason:
            refs.append(notes.ref(("cost", reason), reason[0].upper() + reason[1:] + "."))
        rows.append(AppendixRow(i.name, (i.actual, i.participants, value), tuple(sorted(refs)), (i.location,), i.name))
    return AppendixTable(8, "t8", "Kostnad/deltagare i de olika individinriktade insatserna.", "Insats", columns,
                 tuple(rows), _total_row(rows, columns))


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
