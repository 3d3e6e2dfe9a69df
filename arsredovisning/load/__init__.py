"""Load one årsmapp: ``indata.xlsx`` + ``texter/`` → :class:`AnnualInput` and findings.

``schema`` declares every sheet and column once; ``grid`` reads the workbook into raw tables,
``cells`` parses one cell, ``sheets`` turns tables into records with their Locations, ``copies``
keeps the sheets as read (for the revision workbook), ``texts`` reads texter/, ``placeholders`` is
the ``{{ name }}`` syntax and ``stamp`` the input checksum. The only layer that opens input files.
May import: the chart of accounts, model, findings and the leaf modules. ``limits`` refuses a
workbook that unpacks to far more than any förbund needs before it is read. ``indata.ods`` is read
like ``indata.xlsx`` (calamine reads both).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..accounts import DEFAULT_CHART
from ..files import WORKBOOK, WORKBOOK_ODS, workbook_path
from .. import cellref
from ..findings import Finding, Level, Location, error, has_errors, info
from ..model import AnnualInput, UnusableCell
from . import cells, schema, sheets
from .cache import InputCache
from .copies import copies_from_grids, read_copies
from .grid import Workbook, near_miss, normalize, read_table, read_workbook
from .stamp import input_hashes
from .texts import read_texts
from .attachments import read_attachments, read_workbook_bytes

FINDINGS: dict[str, str] = {"FIL-BADA": "årsmappen har både indata.xlsx och indata.ods"}


def load_annual_input(folder: str | Path, cache: InputCache | None = None) -> tuple[AnnualInput | None, list[Finding]]:
    """Read everything; return ``(None, findings)`` only when the input is too broken to use (no
    workbook, a required sheet or Förbund uppgift missing). A bad cell makes only its field or row
    unusable: the records come back with ``AnnualInput.unusable`` naming those cells, so that every
    check whose inputs are usable still runs (a ``fel`` still stops ``bygg``). With a ``cache`` (the
    live preview), files unchanged since its last load are not read again."""
    folder = Path(folder)
    if folder.is_file():
        return None, [error("MAPP-ARFIL", f"{folder} är en fil, inte en mapp. Ange årsmappen som innehåller {WORKBOOK}, t.ex. {folder.parent}.", Location(str(folder)))]
    if not folder.is_dir():
        return None, [error("MAPP-SAKNAS", f"Mappen {folder} finns inte. Ange en årsmapp, t.ex. input/2016.", Location(str(folder)))]
    if (folder / WORKBOOK).exists() and (folder / WORKBOOK_ODS).exists():
        return None, [error("FIL-BADA", f"Årsmappen har både {WORKBOOK} och {WORKBOOK_ODS}, och det går inte att veta vilken som gäller. Ta bort (eller flytta) den ena.", Location(str(folder)))]
    path = workbook_path(folder)
    if cache is None:
        book, findings = read_workbook(path)
    else:
        book, findings = cache.get("arbetsbok", path, lambda: read_workbook(path))
        findings = list(findings)
    texts, text_findings = read_texts(folder, cache)
    findings += text_findings
    if book is None:
        return None, findings
    inp = _records(book, folder, texts, findings)
    if inp is None:
        return None, findings + [_not_checked(findings)]
    members = inp.members
    if path.name == WORKBOOK_ODS:
        copies = copies_from_grids(book, members)
    elif cache is None:
        copies = read_copies(path, members)
    else:
        copies = cache.get(f"kopior:{hash(members)}", path, lambda: read_copies(path, members))
    logo, audit_report = read_attachments(folder)
    workbook = read_workbook_bytes(path)
    read = {a.name: a.data for a in (logo, audit_report, workbook) if a is not None}
    return replace(inp, sheet_copies=copies, logo=logo, audit_report=audit_report,
                   workbook=workbook, inputs=input_hashes(folder, read)), findings


def _not_checked(findings: list[Finding]) -> Finding:
    """The one ``info`` that says the avstämningar could not run at all, and why."""
    why = "arbetsboken saknar ett obligatoriskt blad eller en obligatorisk uppgift i bladet Förbund"
    if not has_errors(findings):  # pragma: no cover - _records returns None only after a fel
        why = "arbetsboken kunde inte läsas"
    first = next((f.location for f in findings if f.level is Level.ERROR and f.location is not None), None)
    return info(
        "KONTROLL-EJ-GJORD",
        f"Avstämningarna och kontrollerna av räkenskaperna och insatserna gjordes inte: {why} (se felen ovan). "
        "Rätta dem och kör kontrollera igen.",
        Location(first.file) if first is not None else Location(WORKBOOK),
    )


# What names a row in a message about a cell left out (the first of these the sheet has).
_ROW_NAMES = ("Insats", "Medlem", "Konto", "Namn", "Organ", "Uppgift", "Från", "Post", "Kontroll")


def _unusable(tables: dict, findings: list[Finding]) -> tuple[UnusableCell, ...]:
    """The cells behind the loader's ``fel`` findings, by contract sheet and column."""
    by_file_name = {t.name_in_file: (name, t) for name, t in tables.items()}
    rows_by_number = {name: {row.number: row for row in reversed(t.rows)} for name, t in tables.items()}  # the first row of a number
    out = []
    for f in findings:
        loc = f.location
        if f.level is not Level.ERROR or loc is None or loc.sheet not in by_file_name:
            continue
        sheet, table = by_file_name[loc.sheet]
        column, row_name = "", None
        row_number = cellref.row_of(loc.cell) if loc.cell else None
        row = rows_by_number[sheet].get(row_number)
        if row is not None:
            column = next((name for name, where in row.where.items() if where.cell == loc.cell), "")
            name_column = next((n for n in _ROW_NAMES if n in row.values), None)
            raw = row.values.get(name_column) if name_column else None
            if raw is not None and not cells.is_blank(raw) and not isinstance(raw, cells.Unreadable):
                row_name = cells.show(raw).strip()
        out.append(UnusableCell(sheet, column, loc, row_name))
    return tuple(out)


def _records(book: Workbook, folder: Path, texts, findings: list[Finding]) -> AnnualInput | None:
    findings.extend(_sheet_names(book))
    tables = {}
    for sheet in schema.SHEETS:
        table = read_table(book, sheet)
        if table is None:
            continue
        findings.extend(table.findings)
        tables[sheet.name] = table

    def read(sheet: str, reader, *context, default=()):
        return reader(tables[sheet], *context, findings) if sheet in tables else default

    org = read("Förbund", sheets.organisation, book, default=None)
    members = read("Medlemmar", sheets.members)
    accounts = read("Saldobalans", sheets.accounts)
    records = {
        "chart": read("Kontoplan", sheets.chart, default=DEFAULT_CHART),
        "interventions": read("Insatser", sheets.interventions),
        "genders": read("Kön", sheets.genders),
        "municipalities": read("Kommuner", sheets.municipalities, members),
        "backgrounds": read("Bakgrund", sheets.backgrounds),
        "outcomes": read("Resultat", sheets.outcomes),
        "persons": read("Personer", sheets.persons),
        "meetings": read("Möten", sheets.meetings),
        "balance_adjustments": read("Balanskravsjusteringar", sheets.balance_adjustments),
        "budget_areas": read("Budget", sheets.budget_areas),
        "goals": read("Mål", sheets.goals),
        "ledger_source": read("Källa", sheets.ledger_source, default=None),
        "progress_reports": read("Lägesrapporter", sheets.progress_reports),
        "disclosures": read("Upplysningar", sheets.disclosures),
    }
    if org is None or not all(name in tables for name in ("Förbund", "Medlemmar", "Saldobalans", "Insatser")):
        return None
    present = lambda sheet, col: sheet in tables and col in tables[sheet].present  # noqa: E731
    unusable = _unusable(tables, findings)
    return AnnualInput(
        folder=str(folder),
        organisation=org,
        members=members,
        accounts=accounts,
        chart_is_default="Kontoplan" not in tables,
        texts=texts,
        **records,
        # An optional column counts only when it holds a value (``ny`` writes every header).
        has_opening_prior=present("Saldobalans", "Ingående föregående år") and any(a.opening_prior is not None for a in accounts),
        has_budget=present("Saldobalans", "Budget") and any(a.budget is not None for a in accounts),
        has_gender_other=present("Kön", "Annat/ej angivet"),
        has_municipality_other=present("Kommuner", "Övriga"),
        has_background_unreported=present("Bakgrund", "Ej redovisad"),
        sheets_present=frozenset(tables),
        unusable=unusable,
    )


def _sheet_names(book: Workbook) -> list[Finding]:
    """Missing required sheets, and sheets whose name is a near miss of a contract sheet (a misspelt
    optional sheet would otherwise be silently ignored); other extra sheets are only mentioned."""
    findings = []
    absent = [s.name for s in schema.SHEETS if book.find(s.name) is None]
    known = {normalize(s.name) for s in schema.SHEETS}
    meant: set[str] = set()
    for actual in book.grids:
        if normalize(actual) in known:
            continue
        right = near_miss(actual, [n for n in absent if n not in meant])
        where = Location(book.file, actual)
        if right:
            meant.add(right)
            findings.append(error("BLAD-STAVNING", f"Bladet ”{actual}” känns inte igen. Menade du ”{right}”? Byt namn på bladet till ”{right}”.", where))
        elif book.grids[actual]:
            findings.append(info("BLAD-OKAND", f"Bladet ”{actual}” ingår inte i formatet och läses inte.", where))
    for sheet in schema.SHEETS:
        if sheet.required and sheet.name in absent and sheet.name not in meant:
            findings.append(error("BLAD-SAKNAS", f"Bladet ”{sheet.name}” saknas i arbetsboken. Lägg till bladet (se docs/indata.md) eller skapa en ny årsmapp med ”arsredovisning ny”.", Location(book.file)))
    return findings


__all__ = ["InputCache", "load_annual_input"]
