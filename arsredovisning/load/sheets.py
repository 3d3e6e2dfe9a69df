"""Turn mapped sheet tables into typed records, one function per sheet.

Each function appends its findings to the list it is given and returns records; a row that cannot
be read is reported and left out, so one pass reports every problem.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import TypeVar

from .. import cellref
from ..findings import Finding, Location, error, has_errors, info, warning
from ..model import (
    Account,
    AccountRange,
    AdjustmentPost,
    BackgroundRow,
    BalanceAdjustment,
    BudgetArea,
    Goal,
    Body,
    ChartRule,
    Disclosure,
    GenderRow,
    Intervention,
    InterventionKind,
    LedgerSource,
    Meeting,
    Member,
    MemberType,
    MunicipalityRow,
    Organisation,
    OutcomeRow,
    Person,
    ProgressReportRow,
    StatementLine,
    Unit,
)
from . import cells
from .grid import SheetRow, SheetTable, Workbook, near_miss, normalize, parse
from .schema import COMMENT_TABLE_NUMBERS, COMMENT_TABLES, EXAMPLE_SHORT_NAME, FORBUND_ITEMS, Blank, InputKind

FINDINGS: dict[str, str] = {
    "INS-KOMMENTAR-TABELL": "Kommentar gäller nämner en tabell som inte finns i Bilaga 3",
    "INS-KOMMENTAR-TABELLNR": "Kommentaren nämner en tabell i Bilaga 3 men Kommentar gäller är tomt",
}


def _value(table: SheetTable, row: SheetRow, name: str, findings: list[Finding]):
    return parse(row, table.sheet.column(name), findings, table.name_in_file)


def _row_values(table: SheetTable, row: SheetRow, findings: list[Finding], needed: tuple[str, ...], strict: tuple[str, ...] = ()) -> dict | None:
    """Every schema column of ``row`` parsed; None when a needed value is blank or a cell the row
    cannot do without is in error (the problem is already in ``findings``). A bad cell in an
    optional column (one whose blank means "not given") leaves only that field out: it becomes None."""
    values = {}
    row_ok = True
    for c in table.sheet.columns:
        local: list[Finding] = []
        values[c.name] = _value(table, row, c.name, local)
        findings.extend(local)
        if has_errors(local):
            if c.name in needed or c.name in strict or c.blank is not Blank.NONE:
                row_ok = False
            values[c.name] = None
    if not row_ok or any(values[name] is None for name in needed):
        return None
    return values


def _usable_rows(table: SheetTable, findings: list[Finding], needed: tuple[str, ...], strict: tuple[str, ...] = ()) -> Iterator[tuple[SheetRow, dict]]:
    """``(row, values)`` for each row whose needed cells parse and whose ``needed`` values are given
    (``strict``: optional columns whose unreadable cell still makes the row unusable)."""
    for row in table.rows:
        values = _row_values(table, row, findings, needed, strict)
        if values is not None:
            yield row, values


def organisation(table: SheetTable | None, book: Workbook, findings: list[Finding]) -> Organisation | None:
    if table is None or not table.rows and any(f.location and f.location.sheet == (table.name_in_file if table else None) for f in findings):
        return None
    items = {normalize(i.name): i for i in FORBUND_ITEMS}
    values: dict[str, object] = {}
    locations: dict[str, Location] = {}
    suggested: set[str] = set()  # items a misspelt Uppgift was taken for: reported once, as the misspelling
    for row in table.rows:
        where = row.loc("Värde")
        if isinstance(unreadable := row.values.get("Uppgift"), cells.Unreadable):
            findings.append(unreadable.finding)
            continue
        if cells.is_blank(row.values.get("Uppgift")):
            shown = cells.show(row.values.get("Värde"))
            findings.append(error("CELL-TOM", f"Uppgift saknas för värdet ”{shown}”. Skriv vilken uppgift värdet gäller (t.ex. Namn eller Ort) eller ta bort raden.", row.loc("Uppgift")))
            continue
        key = cells.show(row.values["Uppgift"]).strip()
        item = items.get(normalize(key))
        if item is None:
            right = near_miss(key, [i.name for i in FORBUND_ITEMS])
            if right:
                suggested.add(right)
                findings.append(error("FORBUND-UPPGIFT", f"Uppgiften ”{key}” känns inte igen. Menade du ”{right}”? Ändra texten till ”{right}”.", row.loc("Uppgift")))
            else:
                findings.append(info("FORBUND-UPPGIFT-OKAND", f"Uppgiften ”{key}” ingår inte i formatet och läses inte.", row.loc("Uppgift")))
            continue
        if item.name in values:
            findings.append(error("FORBUND-DUBBEL", f"Uppgiften ”{item.name}” finns två gånger (rad {cellref.row_of(locations[item.name].cell)} och rad {row.number}). Ta bort den ena.", row.loc("Uppgift")))
            continue
        raw = row.values.get("Värde")
        locations[item.name] = where
        if cells.is_blank(raw):
            values[item.name] = None
            continue
        value, found = cells.read(raw, where, item.kind, item.choices, item.name)
        findings.extend(found)
        values[item.name] = value
        if value is None and not found:  # pragma: no cover - parsers always explain
            findings.append(error("FORBUND-VARDE", f"”{cells.show(raw)}” kan inte läsas.", where))
    ok = True
    for item in FORBUND_ITEMS:
        if item.required and values.get(item.name) is None:
            ok = False
            if item.name in locations and not cells.is_blank(_raw_of(table, item.name)) or item.name in suggested:
                continue  # already reported as unreadable or misspelt
            where = locations.get(item.name, table.new_row())
            findings.append(error("FORBUND-SAKNAS", f"Uppgiften ”{item.name}” saknas. Lägg till en rad med Uppgift ”{item.name}” och ett värde ({item.help}).", where))
    if not ok:
        return None
    ranges = _item(values, "Insatskonton", tuple)
    return Organisation(
        name=_required(values, "Namn", str),
        org_number=_required(values, "Organisationsnummer", str),
        year=_required(values, "Räkenskapsår", int),
        city=_required(values, "Ort", str),
        address=_item(values, "Adress", str),
        phone=_item(values, "Telefon", str),
        email=_item(values, "E-post", str),
        web=_item(values, "Webb", str),
        decision_date=_item(values, "Beslutsdatum", date),
        total_contribution=_item(values, "Medlemsbidrag totalt", Decimal),
        unit=Unit(values.get("Belopp i") or "kr"),
        intervention_accounts=tuple(AccountRange(a, b) for a, b in ranges) if ranges else None,
        equity_target_pct=_item(values, "Riktvärde eget kapital (%)", Decimal),
        previous_folder=_item(values, "Föregående årsmapp", str),
        audit_date=_item(values, "Revisionsdatum", date),
        tagline=_item(values, "Framsidestext", str),
        pledged_assets=_item(values, "Ställda panter", Decimal),
        contingent_liabilities=_item(values, "Ansvarsförbindelser", Decimal),
        audit_cost=_item(values, "Kostnad för räkenskapsrevision", Decimal),
        locations=locations,
    )


_T = TypeVar("_T")


def _item(values: Mapping[str, object], name: str, kind: type[_T]) -> _T | None:
    """The Förbund item ``name`` as read: None (blank or absent) or of the type its InputKind parses
    to (cells.read gives ``object``; FORBUND_ITEMS fixes the kind per item)."""
    value = values.get(name)
    if value is None or isinstance(value, kind):
        return value
    raise TypeError(f"Förbund item {name} was read as {type(value).__name__}, not {kind.__name__}")


def _required(values: Mapping[str, object], name: str, kind: type[_T]) -> _T:
    """A required Förbund item: present, since a missing one makes ``organisation`` return None first."""
    value = _item(values, name, kind)
    if value is None:
        raise ValueError(f"required Förbund item {name} is missing")
    return value


def _raw_of(table: SheetTable, item_name: str):
    for row in table.rows:
        if not cells.is_blank(row.values.get("Uppgift")) and normalize(cells.show(row.values["Uppgift"])) == normalize(item_name):
            return row.values.get("Värde")
    return None


def members(table: SheetTable, findings: list[Finding]) -> tuple[Member, ...]:
    out: list[Member] = []
    seen: dict[str, Location] = {}
    andel_raw: list[tuple[int, Decimal]] = []
    for row in table.rows:
        local: list[Finding] = []
        name = _value(table, row, "Medlem", local)
        typ = _value(table, row, "Typ", local)
        population = _value(table, row, "Invånare", local)
        share = _value(table, row, "Andel", local)
        account = _value(table, row, "Konto", local)
        short = _value(table, row, "Kortnamn", local)
        findings.extend(local)
        if name is None or typ is None:  # a bad optional cell keeps the member (for Kommuner's columns)
            continue
        if normalize(name) in seen:
            findings.append(error("MEDLEM-DUBBEL", f"Medlemmen ”{name}” finns två gånger (även {seen[normalize(name)].cell}). Ta bort den ena raden.", row.loc("Medlem")))
            continue
        seen[normalize(name)] = row.loc("Medlem")
        if share is not None:
            andel_raw.append((len(out), share))
        out.append(Member(name, MemberType(typ), population, share, account, short or name.removesuffix(" kommun").strip(), row.loc("Medlem")))
    # An Andel column formatted as percent in Excel arrives as fractions (0,395 for 39,5 %).
    if andel_raw and all(v <= 1 for _, v in andel_raw) and Decimal("0.99") <= sum(v for _, v in andel_raw) <= Decimal("1.01"):
        for i, v in andel_raw:
            m = out[i]
            out[i] = Member(m.name, m.type, m.population, v * 100, m.account, m.short_name, m.location)
        first = table.rows[0].loc("Andel")
        header = first.at(f"{cellref.column_of(first.cell)}1")
        findings.append(info("MEDLEM-ANDEL-PROCENTFORMAT", "Andel är formaterad som procent i Excel; 0,395 läses som 39,5 %.", header))
    _member_types(out, table, findings)
    return tuple(out)


def _member_types(out: list[Member], table: SheetTable, findings: list[Finding]) -> None:
    where = table.new_row()
    for typ, word in ((MemberType.STAT, "Stat"), (MemberType.REGION, "Region")):
        rows = [m for m in out if m.type is typ]
        if len(rows) > 1:
            cellrefs = ", ".join(m.location.cell or "" for m in rows)
            findings.append(error("MEDLEM-TYP", f"Det finns {len(rows)} medlemmar med Typ {word} ({cellrefs}); Finsam har exakt en. Slå ihop raderna eller ändra Typ.", rows[1].location))
        elif not rows:
            findings.append(error("MEDLEM-TYP", f"Ingen medlem har Typ {word}. Lägg till en rad med Typ {word}.", where))
    if not any(m.type is MemberType.KOMMUN for m in out):
        findings.append(error("MEDLEM-TYP", "Ingen medlem har Typ Kommun. Lägg till minst en kommun.", where))
    # Kommuner's columns are matched by Kortnamn or Medlem: two kommuner must not share one.
    seen: dict[str, Member] = {}
    for m in (m for m in out if m.type is MemberType.KOMMUN):
        for label in dict.fromkeys((normalize(m.short_name), normalize(m.name))):
            other = seen.setdefault(label, m)
            if other is not m:
                shown = m.short_name if normalize(m.short_name) == label else m.name
                findings.append(error("MEDLEM-KORTNAMN", f"Både {other.name} och {m.name} heter ”{shown}” (Kortnamn eller Medlem), så kolumnerna i bladet Kommuner kan inte skiljas åt. Ge kommunerna olika Kortnamn.", m.location))


def accounts(table: SheetTable, findings: list[Finding]) -> tuple[Account, ...]:
    out: list[Account] = []
    seen: dict[int, int] = {}  # konto → Excel row
    for row, v in _usable_rows(table, findings, ("Konto", "Benämning", "Belopp")):
        number = v["Konto"]
        if number in seen:
            findings.append(
                error(
                    "SB-KONTO-DUBBEL",
                    f"Konto {number} finns på två rader (rad {seen[number]} och rad {row.number}). Slå ihop raderna till en.",
                    row.loc("Konto"),
                )
            )
            continue
        seen[number] = row.number
        out.append(Account(number, v["Benämning"], v["Belopp"], v["Föregående år"], v["Ingående föregående år"], v["Budget"], row.loc("Konto")))
    return tuple(out)


def chart(table: SheetTable, findings: list[Finding]) -> tuple[ChartRule, ...]:
    out = []
    for row in table.rows:
        local: list[Finding] = []
        start = _value(table, row, "Från", local)
        end = _value(table, row, "Till", local)
        line = _value(table, row, "Rad", local)
        findings.extend(local)
        if has_errors(local):
            continue
        if end < start:
            findings.append(error("KONTOPLAN-INTERVALL", f"Från {start} är större än Till {end}. Byt plats på värdena.", row.loc("Från")))
            continue
        out.append(ChartRule(start, end, StatementLine(line), row.loc("Från")))
    return tuple(out)


def interventions(table: SheetTable, findings: list[Finding]) -> tuple[Intervention, ...]:
    out: list[Intervention] = []
    seen: dict[str, Location] = {}
    for row, v in _usable_rows(table, findings, ("Insats", "Typ"), strict=("Deltagare",)):
        name = v["Insats"]
        kind = InterventionKind(v["Typ"])
        if normalize(name) in seen:
            findings.append(error("INS-DUBBEL", f"Insatsen ”{name}” finns två gånger (även {seen[normalize(name)].cell}). Ge insatserna unika namn eller slå ihop raderna.", row.loc("Insats")))
            continue
        seen[normalize(name)] = row.loc("Insats")
        participants = v["Deltagare"]
        if participants is None:
            if kind is InterventionKind.INDIVID and "Deltagare" in row.values:
                findings.append(error("INS-DELTAGARE-SAKNAS", f"Deltagare saknas för den individinriktade insatsen ”{name}”. Fyll i antalet deltagare (0 om ingen deltog).", row.loc("Deltagare")))
                continue
            participants = 0
        if v["Start"] and v["Slut"] and v["Slut"] < v["Start"]:
            findings.append(warning("INS-PERIOD", f"Insatsen ”{name}” slutar ({v['Slut'].isoformat()}) före den startar ({v['Start'].isoformat()}). Kontrollera datumen.", row.loc("Slut")))
        out.append(
            Intervention(
                name=name,
                kind=kind,
                lead_organisation=v["Huvudman"],
                start=v["Start"],
                end=v["Slut"],
                budget=v["Budget"],
                actual=v["Utfall"],
                planned_participants=v["Budgeterade deltagare"],
                participants=participants,
                volume=None if v["Volyminsats"] is None else v["Volyminsats"] == "Ja",
                comment=v["Kommentar"],
                location=row.loc("Insats"),
                granted_total=v.get("Beviljat totalt"),
                actual_before=v.get("Utfall tidigare år"),
                comment_tables=_comment_tables(v["Kommentar gäller"], name, row, findings),
            )
        )
        _comment_naming_a_table(out[-1], row, findings)
    return tuple(out)


def _comment_naming_a_table(i: Intervention, row, findings: list[Finding]) -> None:
    """A Kommentar that names "Tabell N" while Kommentar gäller is blank: it is printed under Tabell 1/2
    (the insats as a whole), which is likely not the table it speaks of (an info that says what to write)."""
    if i.comment_tables or not i.comment:
        return
    first = 1 if i.kind is InterventionKind.INDIVID else 2
    for m in re.finditer(r"\btabell\s+([1-8])\b", i.comment, re.IGNORECASE):
        number = int(m[1])
        topic = next(t for t, numbers in COMMENT_TABLE_NUMBERS.items() if number in numbers)
        if number != first:
            findings.append(info("INS-KOMMENTAR-TABELLNR", f"Insatsen ”{i.name}”: kommentaren nämner Tabell {number}, men Kommentar gäller "
                                 f"är tomt, så den skrivs som fotnot under Tabell {first}. Skriv {topic} i Kommentar gäller "
                                 f"om den gäller Tabell {number}.", row.loc("Kommentar")))
            return


def _comment_tables(value: str | None, name: str, row, findings: list[Finding]) -> tuple[str, ...]:
    """``Kommentar gäller``: the table topics, comma separated (or "och"), any case; () = the insats as a
    whole (one note, under Tabell 1 or 2). An unknown word is a warning and left out."""
    if not value or not value.strip():
        return ()
    known = {normalize(t): t for t in COMMENT_TABLES}
    out: list[str] = []
    for word in (w.strip() for w in value.replace(" och ", ",").split(",")):
        if not word:
            continue
        topic = known.get(normalize(word))
        if topic is None:
            findings.append(warning("INS-KOMMENTAR-TABELL", f"Insatsen ”{name}”: Kommentar gäller ”{word}” är ingen tabell i Bilaga 3. "
                                    f"Skriv en eller flera av {', '.join(COMMENT_TABLES)} med kommatecken emellan, eller lämna tomt om den gäller insatsen som helhet (en fotnot under Tabell 1 eller 2).",
                                    row.loc("Kommentar gäller")))
        elif topic not in out:
            out.append(topic)
    return tuple(sorted(out, key=COMMENT_TABLES.index))


def _counts(table: SheetTable, findings: list[Finding], columns: tuple[str, ...]):
    """Rows of an insats-by-count sheet (Kön, Bakgrund): (name, counts…, location)."""
    for row in table.rows:
        local: list[Finding] = []
        name = _value(table, row, "Insats", local)
        counts = [_value(table, row, c, local) for c in columns]
        findings.extend(local)
        if name is None or has_errors(local):
            continue
        yield name, counts, row.loc("Insats")


def genders(table: SheetTable, findings: list[Finding]) -> tuple[GenderRow, ...]:
    return tuple(GenderRow(n, c[0], c[1], c[2], loc) for n, c, loc in _counts(table, findings, ("Kvinnor", "Män", "Annat/ej angivet")))


def backgrounds(table: SheetTable, findings: list[Finding]) -> tuple[BackgroundRow, ...]:
    return tuple(BackgroundRow(n, c[0], c[1], c[2], loc) for n, c, loc in _counts(table, findings, ("Svensk", "Annan", "Ej redovisad")))


def outcomes(table: SheetTable, findings: list[Finding]) -> tuple[OutcomeRow, ...]:
    return tuple(OutcomeRow(n, str(c[0]), c[1], loc) for n, c, loc in _counts(table, findings, ("Utfall", "Antal")))


def municipalities(table: SheetTable, members_: tuple[Member, ...], findings: list[Finding]) -> tuple[MunicipalityRow, ...]:
    """Kommuner: each extra column must name a kommun member by Kortnamn or Medlem."""
    kommuner = [m for m in members_ if m.type is MemberType.KOMMUN]
    names: dict[str, Member] = {}
    for k in kommuner:
        names[normalize(k.short_name)] = k
        names[normalize(k.name)] = k
    column_member: dict[str, Member] = {}
    file = table.file
    for label, index in table.dynamic:
        m = names.get(normalize(label))
        where = Location(file, table.name_in_file, cellref.address(index, 1))
        if m is None:
            hint = _kommun_hint(label, names)
            known = ", ".join(k.short_name for k in kommuner) or "(inga kommuner i Medlemmar)"
            findings.append(
                error(
                    "KOMMUN-OKAND",
                    f"Kolumnen ”{label}” är ingen kommunmedlem.{hint} Kolumnerna ska heta som en kommuns Kortnamn eller Medlem i bladet Medlemmar: {known}.",
                    where,
                )
            )
        elif m.name in {x.name for x in column_member.values()}:
            findings.append(error("KOMMUN-DUBBEL", f"Kommunen {m.short_name} har två kolumner. Ta bort den ena.", where))
        else:
            column_member[label] = m
    out = []
    for row in table.rows:
        local: list[Finding] = []
        name = _value(table, row, "Insats", local)
        other = _value(table, row, "Övriga", local)
        per_member: dict[str, int] = defaultdict(int)
        for label, (raw, where) in row.extra.items():
            if label not in column_member:
                continue
            n: object
            if cells.is_blank(raw):
                n = 0
            else:
                n, found = cells.read(raw, where, InputKind.COUNT)
                local.extend(found)
            if isinstance(n, int):  # cells.read gives the count (int) or None
                per_member[column_member[label].name] += n
        findings.extend(local)
        if name is None or has_errors(local):
            continue
        counts = tuple((m.name, per_member.get(m.name, 0)) for m in kommuner)
        out.append(MunicipalityRow(name, counts, other or 0, row.loc("Insats")))
    return tuple(out)


def _kommun_hint(label: str, names: dict[str, Member]) -> str:
    """"Menade du …" for an unknown Kommuner column, only with a real candidate: the kommun whose
    Kortnamn or Medlem is close. A Kortnamn still ``ny``'s example is never proposed: the column may
    be right and the Kortnamn the thing to change."""
    close = near_miss(label, list(names), cutoff=0.6)
    if close is None:
        return ""
    m = names[close]
    if normalize(m.short_name) == normalize(EXAMPLE_SHORT_NAME):
        return (f" {m.name} har kvar Kortnamn ”{m.short_name}” från exemplet i ”arsredovisning ny”: ändra Kortnamn "
                f"i bladet Medlemmar till ”{label}”, eller töm cellen.")
    if close == normalize(m.short_name):
        return f" Menade du ”{m.short_name}”?"
    return (f" Menade du ”{m.name}”? Kolumnen ska heta som kommunens Kortnamn ”{m.short_name}” eller Medlem ”{m.name}”: "
            f"byt rubrik, eller ändra Kortnamn i bladet Medlemmar till ”{label}”.")


def persons(table: SheetTable, findings: list[Finding]) -> tuple[Person, ...]:
    out = []
    for row, v in _usable_rows(table, findings, ("Namn", "Organ")):
        if v["Från"] and v["Till"] and v["Till"] < v["Från"]:
            findings.append(warning("PERSON-PERIOD", f"{v['Namn']}: Till ({v['Till'].isoformat()}) är före Från ({v['Från'].isoformat()}). Kontrollera datumen.", row.loc("Till")))
        out.append(Person(v["Namn"], v["Roll"], Body(v["Organ"]), v["Representerar"], v["Från"], v["Till"], v["Telefon"], v["E-post"], row.loc("Namn")))
    return tuple(out)


def meetings(table: SheetTable, findings: list[Finding]) -> tuple[Meeting, ...]:
    out = []
    for row, v in _usable_rows(table, findings, ("Organ", "Datum")):
        out.append(Meeting(v["Organ"], v["Datum"], v["Kommentar"], row.loc("Organ")))
    return tuple(out)


def balance_adjustments(table: SheetTable, findings: list[Finding]) -> tuple[BalanceAdjustment, ...]:
    """Balanskravsjusteringar: one record per row, in sheet order; a row whose Post or Belopp cannot be
    read is reported (CELL-VAL, CELL-TAL, CELL-TOM) and left out. Whether the sign fits the post is a
    check (``checks/balance_requirement.py``)."""
    out = []
    for row, v in _usable_rows(table, findings, ("Post", "Belopp")):
        out.append(BalanceAdjustment(AdjustmentPost(v["Post"]), v["Belopp"], v["Kommentar"], row.loc("Belopp")))
    return tuple(out)


def disclosures(table: SheetTable, findings: list[Finding]) -> tuple[Disclosure, ...]:
    """Upplysningar: one record per row with both Kontroll and Text, in sheet order. The id is kept
    upper-case without spaces (``sb-balans`` is ``SB-BALANS``); whether an avstämning has it is a
    check (``checks/disclosures.py``)."""
    out = []
    for row, v in _usable_rows(table, findings, ("Kontroll", "Text")):
        check = "".join(str(v["Kontroll"]).split()).upper()
        out.append(Disclosure(check, " ".join(str(v["Text"]).split()), row.loc("Kontroll")))
    return tuple(out)


def budget_areas(table: SheetTable, findings: list[Finding]) -> tuple[BudgetArea, ...]:
    """Budget: one area per row, in sheet order."""
    out = []
    for row, v in _usable_rows(table, findings, ("Budgetområde", "Konton")):
        out.append(BudgetArea(v["Budgetområde"], tuple(AccountRange(a, b) for a, b in v["Konton"]), v["Budget"],
                              row.loc("Budgetområde")))
    return tuple(out)


def goals(table: SheetTable, findings: list[Finding]) -> tuple[Goal, ...]:
    """Mål: one goal per row, in sheet order."""
    out = []
    for row, v in _usable_rows(table, findings, ("Mål", "Typ", "Bedömning")):
        out.append(Goal(v["Mål"], v["Typ"], v["Målvärde"], v["Utfall"], v["Bedömning"], v["Kommentar"], row.loc("Mål")))
    return tuple(out)


def ledger_source(table: SheetTable, findings: list[Finding]) -> LedgerSource | None:
    """The Källa sheet written by ``importera``; None when it is empty."""
    items = []
    for row in table.rows:
        key = cells.show(row.values.get("Uppgift")).strip() if not cells.is_blank(row.values.get("Uppgift")) else ""
        value = row.values.get("Värde")
        if key:
            items.append((key, "" if cells.is_blank(value) else str(value).strip()))
    return LedgerSource(tuple(items), Location(table.file, table.name_in_file)) if items else None


def progress_reports(table: SheetTable, findings: list[Finding]) -> tuple[ProgressReportRow, ...]:
    """Lägesrapporter: only what the report shows (deltagare sedan start); the rest is kept as written."""
    out = []
    for row, v in _usable_rows(table, findings, ("Insats", "Från", "Till")):
        out.append(ProgressReportRow(v["Insats"], v["Från"], v["Till"], v["Deltagare sedan start"], row.loc("Insats")))
    return tuple(out)
