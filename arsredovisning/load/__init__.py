"""Load one årsmapp: ``indata.xlsx`` + ``texter/`` → :class:`AnnualInput` and findings."""

from __future__ import annotations

from pathlib import Path

from ..chart import DEFAULT_CHART
from ..findings import Finding, Location, fel, has_errors
from ..model import AnnualInput
from . import schema, sheets
from .grid import WORKBOOK, Workbook, read_table, read_workbook
from .texts import read_texts


def load_annual_input(folder: str | Path) -> tuple[AnnualInput | None, list[Finding]]:
    """Read everything; return ``(None, findings)`` when the input is too broken to use."""
    folder = Path(folder)
    if not folder.is_dir():
        return None, [fel("MAPP-SAKNAS", f"Mappen {folder} finns inte. Ange en årsmapp, t.ex. input/2016.", Location(str(folder)))]
    book, findings = read_workbook(folder / WORKBOOK)
    texts, text_findings = read_texts(folder)
    findings += text_findings
    if book is None:
        return None, findings
    inp = _records(book, folder, texts, findings)
    if inp is None or has_errors(findings):
        return (inp if not has_errors(findings) else None), findings
    return inp, findings


def _records(book: Workbook, folder: Path, texts, findings: list[Finding]) -> AnnualInput | None:
    tables = {}
    for sheet in schema.SHEETS:
        table = read_table(book, sheet)
        if table is None:
            if sheet.required:
                findings.append(_missing_sheet(book, sheet.name))
            continue
        findings.extend(table.findings)
        tables[sheet.name] = table
    empty = ()
    org = sheets.organisation(tables.get("Förbund"), book, findings) if "Förbund" in tables else None
    members = sheets.members(tables["Medlemmar"], findings) if "Medlemmar" in tables else empty
    accounts = sheets.accounts(tables["Saldobalans"], findings) if "Saldobalans" in tables else empty
    chart = sheets.chart(tables["Kontoplan"], findings) if "Kontoplan" in tables else DEFAULT_CHART
    interventions = sheets.interventions(tables["Insatser"], findings) if "Insatser" in tables else empty
    genders = sheets.genders(tables["Kön"], findings) if "Kön" in tables else empty
    municipalities = sheets.municipalities(tables["Kommuner"], members, findings) if "Kommuner" in tables else empty
    backgrounds = sheets.backgrounds(tables["Bakgrund"], findings) if "Bakgrund" in tables else empty
    outcomes = sheets.outcomes(tables["Resultat"], findings) if "Resultat" in tables else empty
    persons = sheets.persons(tables["Personer"], findings) if "Personer" in tables else empty
    meetings = sheets.meetings(tables["Möten"], findings) if "Möten" in tables else empty
    if org is None or not all(name in tables for name in ("Förbund", "Medlemmar", "Saldobalans", "Insatser")):
        return None
    present = lambda sheet, col: sheet in tables and col in tables[sheet].present  # noqa: E731
    return AnnualInput(
        folder=str(folder),
        organisation=org,
        members=members,
        accounts=accounts,
        chart=chart,
        chart_is_default="Kontoplan" not in tables,
        interventions=interventions,
        genders=genders,
        municipalities=municipalities,
        backgrounds=backgrounds,
        outcomes=outcomes,
        persons=persons,
        meetings=meetings,
        texts=texts,
        has_opening_prior=present("Saldobalans", "Ingående föregående år"),
        has_budget=present("Saldobalans", "Budget"),
        has_gender_other=present("Kön", "Annat/ej angivet"),
        has_municipality_other=present("Kommuner", "Övriga"),
        has_background_unreported=present("Bakgrund", "Ej redovisad"),
        sheets_present=frozenset(tables),
    )


def _missing_sheet(book: Workbook, name: str) -> Finding:
    import difflib

    from .grid import normalize

    close = difflib.get_close_matches(normalize(name), [normalize(n) for n in book.grids], n=1, cutoff=0.7)
    where = Location(book.file)
    if close:
        actual = next(n for n in book.grids if normalize(n) == close[0])
        return fel("BLAD-STAVNING", f"Bladet ”{name}” saknas, men det finns ett blad ”{actual}”. Menade du ”{name}”? Byt namn på bladet.", Location(book.file, actual))
    return fel("BLAD-SAKNAS", f"Bladet ”{name}” saknas i arbetsboken. Lägg till bladet (se docs/indata.md) eller skapa en ny årsmapp med ”arsredovisning ny”.", where)


__all__ = ["load_annual_input"]
