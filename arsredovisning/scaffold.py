"""``arsredovisning ny``: write a new årsmapp (workbook with every sheet, validation, texter/), empty or
(``--fran``) started from last year's årsmapp."""

from __future__ import annotations

import io
import os
from datetime import date, datetime
from pathlib import Path

from .cellref import address, column_letter
from .cellwrite import put
from .accounts import DEFAULT_CHART
from .compute.ledger import Ledger, map_accounts
from .compute.slugs import slugify
from .files import TEXT_DIR, WORKBOOK, write_all, write_atomic
from .findings import Finding, Location, error, has_errors
from .load import load_annual_input, schema
from .load.schema import InputKind
from .load.texts import INSATS_README, TEXT_SKELETON, without_progress_sections
from .model import AnnualInput, MemberType, StatementLine

FINDINGS: dict[str, str] = {
    "NY-SAMMA-MAPP": "ny --fran: den nya årsmappen är förra årets årsmapp",
}

def _example_rows(year: int) -> dict[str, list[list[object]]]:
    return {
        "Förbund": [
            ["Namn", schema.EXAMPLE_NAME],
            ["Organisationsnummer", schema.EXAMPLE_ORGNR],
            ["Räkenskapsår", year],
            ["Ort", schema.EXAMPLE_CITY],
            ["Adress", None],
            ["Telefon", None],
            ["E-post", None],
            ["Webb", None],
            ["Beslutsdatum", None],
            ["Medlemsbidrag totalt", None],
            ["Belopp i", "kr"],
            ["Insatskonton", None],
            ["Riktvärde eget kapital (%)", None],
            ["Revisionsdatum", None],
            ["Framsidestext", None],
            ["Ställda panter", None],
            ["Ansvarsförbindelser", None],
            ["Kostnad för räkenskapsrevision", None],
        ],
        "Medlemmar": [[name, typ, None, None, None, short] for name, typ, short in schema.EXAMPLE_MEMBERS],
        "Kontoplan": [[r.start, r.end, r.line.value] for r in DEFAULT_CHART],
    }


def write_new_folder(folder: Path, year: int) -> Path:
    """Create ``folder`` with indata.xlsx (:func:`new_workbook_bytes`) and a texter/ skeleton
    (:func:`write_text_skeleton`)."""
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / WORKBOOK, new_workbook_bytes(year))
    write_text_skeleton(folder)
    return folder / WORKBOOK


def new_workbook_bytes(year: int) -> bytes:
    """The workbook ``ny`` writes for ``year``: every sheet, the example values to replace."""
    return _workbook_bytes(year, _example_rows(year), (schema.EXAMPLE_SHORT_NAME,))


def write_text_skeleton(folder: Path) -> None:
    """texter/ with a file per text and insatser/; a text already there is kept."""
    texts = folder / TEXT_DIR
    (texts / "insatser").mkdir(parents=True, exist_ok=True)
    for name, content in TEXT_SKELETON.items():
        path = texts / name
        if not path.exists():
            path.write_text(INSATS_README if content is None else content, encoding="utf-8")


def _workbook_bytes(year: int, rows: dict[str, list[list[object]]], kommun_columns: tuple[str, ...]) -> bytes:
    """Every sheet with its headers, help comments and validation, then ``rows`` per sheet.
    ``kommun_columns``: the Kommuner sheet's one column per kommun, before Övriga."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")
    for sheet in schema.SHEETS:
        if sheet.generated:
            continue
        ws = wb.create_sheet(sheet.name)
        columns = list(sheet.columns)
        if sheet.dynamic_columns:  # Kommuner: one column per kommun before Övriga
            columns[1:1] = [schema.InputColumn(name, InputKind.COUNT, False, help="En kolumn per kommun (Kortnamn)")
                            for name in kommun_columns]
        for r, row in enumerate(rows.get(sheet.name, []), start=2):  # before _validate formats the date cells
            for c, value in enumerate(row, start=1):
                put(ws, r, c, value)
        for i, col in enumerate(columns):
            cell = ws.cell(row=1, column=i + 1, value=col.name)
            cell.font, cell.fill = bold, fill
            if col.help:
                cell.comment = Comment(col.help, "arsredovisning")
            ws.column_dimensions[column_letter(i)].width = max(col.width, len(col.name) + 2)
            _validate(ws, col, i, DataValidation)
        ws.freeze_panes = "A2"
        if sheet.name == "Förbund":
            _validate_items(ws, DataValidation)
    wb.properties.creator = "arsredovisning"
    wb.properties.created = wb.properties.modified = datetime(year + 1, 1, 1)
    data = io.BytesIO()
    wb.save(data)
    return data.getvalue()


# --------------------------------------------------------------------------------------------
# ``ny NY --fran FÖRRA``: next year's årsmapp from last year's


def _actual_so_far(i, year: int):
    """An insats's costs up to the end of ``year``: Utfall tidigare år (0 when it started that year
    or is not given) + Utfall."""
    before = i.actual_before
    if before is None:
        before = 0
    return before + i.actual


def write_from_previous(folder: Path, previous: Path) -> tuple[Path | None, list[Finding]]:
    """Start next year's årsmapp ``folder`` from last year's ``previous`` (see :func:`next_year_rows`)
    and copy its texts as drafts. Nothing is written when ``previous`` has a ``fel`` or when
    ``folder`` is ``previous``; ``previous`` is only read."""
    inp, findings = load_annual_input(previous)
    if inp is None or has_errors(findings):
        return None, findings
    if folder.resolve().is_relative_to(previous.resolve()):  # never write into last year's årsmapp
        return None, [error("NY-SAMMA-MAPP", f"Den nya årsmappen {folder} är förra årets årsmapp eller ligger i den. Ange en ny mapp bredvid, "
                            f"t.ex. {previous.parent / str(inp.organisation.year + 1)}.", Location(str(folder)))]
    ledger, _ = map_accounts(inp)
    rows = next_year_rows(inp, ledger, _previous_reference(folder, previous, inp.organisation.year))
    kommuner = tuple(m.short_name for m in inp.members if m.type is MemberType.KOMMUN)
    data = _workbook_bytes(inp.organisation.year + 1, rows, kommuner)
    texts = _draft_texts(inp, previous)
    write_all([(folder / WORKBOOK, data), *((folder / rel, content) for rel, content in texts)])
    return folder / WORKBOOK, findings


def _previous_reference(folder: Path, previous: Path, year: int) -> str | None:
    """``Föregående årsmapp`` for the new workbook: empty when last year is the folder next to it
    named by the year (found without it), else the path relative to the new årsmapp."""
    if previous.resolve() == (folder.parent / str(year)).resolve():
        return None
    relative = Path(os.path.relpath(previous.resolve(), folder.resolve()))
    return (relative if relative.parts.count("..") <= 2 else previous.resolve()).as_posix()


# Emptied by ``ny --fran``: they belong to one year (amounts at the year's end, the year's cost, dates).
ONE_YEAR_ITEMS = ("Beslutsdatum", "Medlemsbidrag totalt", "Revisionsdatum", "Ställda panter", "Ansvarsförbindelser",
                  "Kostnad för räkenskapsrevision")


def next_year_rows(inp: AnnualInput, ledger: Ledger, previous_reference: str | None) -> dict[str, list[list[object]]]:
    """The new year's sheets from last year's records:

    - Förbund: Räkenskapsår + 1; the ONE_YEAR_ITEMS (Beslutsdatum, Medlemsbidrag totalt, Revisionsdatum …) emptied (the
      year's); Föregående årsmapp set; every other item (Framsidestext …) kept.
    - Medlemmar and Kontoplan as they were (the built-in Kontoplan written out, as ``ny`` does, when
      last year had no sheet).
    - Saldobalans: Belopp and Budget empty; Föregående år = last year's Belopp; Ingående föregående år =
      last year's opening balance on balance accounts (its Föregående år; for eget kapital, whose
      account holds the opening equity, its Belopp), empty on result accounts.
    - Insatser: those still running on 1 January of the new year (no Slut, or Slut after it), with
      Start, Slut, Huvudman, Typ, Volyminsats and Beviljat totalt kept, Utfall tidigare år = what was
      reported up to the end of last year (its Utfall tidigare år + Utfall), the year's figures and
      Kommentar emptied.
    - Personer: those still in office on 1 January of the new year. Möten, Kön, Kommuner, Bakgrund,
      Resultat: empty.
    """
    org = inp.organisation
    new_year = org.year + 1
    first_day = date(new_year, 1, 1)
    kept = {
        "Namn": org.name, "Organisationsnummer": org.org_number, "Räkenskapsår": new_year, "Ort": org.city,
        "Adress": org.address, "Telefon": org.phone, "E-post": org.email, "Webb": org.web, "Belopp i": org.unit.value,
        "Insatskonton": _ranges_text(org.intervention_accounts), "Riktvärde eget kapital (%)": org.equity_target_pct,
        "Föregående årsmapp": previous_reference, "Framsidestext": org.tagline,
    }
    members = [_row(schema.MEDLEMMAR, Medlem=m.name, Typ=m.type.value, Invånare=m.population, Andel=m.share_pct,
                    Konto=m.account, Kortnamn=None if m.short_name == m.name.removesuffix(" kommun").strip() else m.short_name)
               for m in inp.members]  # a default Kortnamn stays blank
    accounts = [_row(schema.SALDOBALANS, Konto=a.number, Benämning=a.name, **{"Föregående år": a.amount,
                     "Ingående föregående år": _opening(a, ledger)}) for a in ledger.accounts]
    interventions = [_row(schema.INSATSER, Insats=i.name, Typ=i.kind.value, Huvudman=i.lead_organisation, Start=i.start,
                          Slut=i.end, Volyminsats=None if i.volume is None else ("Ja" if i.volume else "Nej"),
                          **{"Beviljat totalt": i.granted_total, "Utfall tidigare år": _actual_so_far(i, org.year)})
                     for i in inp.interventions if i.end is None or i.end >= first_day]
    persons = [_row(schema.PERSONER, Namn=p.name, Roll=p.role, Organ=p.body.value, Representerar=p.represents,
                    Från=p.start, Till=p.end, Telefon=p.phone, **{"E-post": p.email})
               for p in inp.persons if p.end is None or p.end >= first_day]
    rules = DEFAULT_CHART if inp.chart_is_default else inp.chart
    rows: dict[str, list[list[object]]] = {
        "Förbund": [[item.name, None if item.name in ONE_YEAR_ITEMS else kept.get(item.name)] for item in schema.FORBUND_ITEMS],
        "Medlemmar": members,
        "Saldobalans": accounts,
        "Kontoplan": [_row(schema.KONTOPLAN, Från=r.start, Till=r.end, Rad=r.line.value) for r in rules],
        "Insatser": interventions,
        "Personer": persons,
    }
    return rows


def _row(sheet: schema.Sheet, **values) -> list[object]:
    """One row in the sheet's column order; columns not named stay empty."""
    unknown = set(values) - {c.name for c in sheet.columns}
    if unknown:  # a bug, not an input problem
        raise KeyError(f"{sheet.name}: {sorted(unknown)}")
    return [values.get(c.name) for c in sheet.columns]


def _opening(account, ledger: Ledger):
    line = ledger.lines.get(account.number)
    if line is None or line.is_result:
        return None
    return account.amount if line is StatementLine.EGET_KAPITAL else account.prior


def _ranges_text(ranges) -> str | None:
    if not ranges:
        return None
    return ", ".join(str(r.start) if r.start == r.end else f"{r.start}-{r.end}" for r in ranges)


def _draft_texts(inp: AnnualInput, previous: Path) -> list[tuple[str, bytes]]:
    """Last year's texts, byte for byte, to be rewritten for the new year; the insats texts only of the
    insatser carried over; the logo too."""
    running = {f"insatser/{slugify(i.name)}" for i in inp.interventions
               if i.end is None or i.end >= date(inp.organisation.year + 1, 1, 1)}
    out = []
    for text in inp.texts:
        if text.key.startswith("insatser/") and text.key not in running:
            continue
        data = (previous / text.location.file).read_bytes()
        if b"(l\xc3\xa4gesrapport " in data:  # a lägesrapport's answers belong to last year: not carried over
            data = without_progress_sections(data.decode("utf-8-sig")).encode("utf-8")
        out.append((f"texter/{text.key}.md", data))
    readme = previous / TEXT_DIR / "insatser" / "README.md"
    if not any(rel == "texter/insatser/README.md" for rel, _ in out):
        out.append(("texter/insatser/README.md", readme.read_bytes() if readme.is_file() else INSATS_README.encode("utf-8")))
    for name in ("logo.svg", "logo.png", "logo.jpg", "logo.jpeg"):
        if (previous / name).is_file():
            out.append((name, (previous / name).read_bytes()))
    return out


def _validate(ws, col, index: int, DataValidation) -> None:
    rng = f"{address(index, 2)}:{address(index, 1000)}"
    if col.choices:
        dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True)
        if len(dv.formula1) > 255:  # Excel's limit for inline lists: fall back to a prompt
            dv = DataValidation(type="custom", formula1="TRUE", allow_blank=True)
            dv.prompt = "Tillåtna värden: " + ", ".join(col.choices)
            dv.showInputMessage = True
    elif col.kind is InputKind.COUNT:
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    elif col.kind is InputKind.ACCOUNT:
        dv = DataValidation(type="whole", operator="greaterThan", formula1="0", allow_blank=True)
    elif col.kind is InputKind.DATE:
        dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
    elif col.kind is InputKind.MONEY:
        dv = DataValidation(type="decimal", operator="between", formula1="-1000000000000", formula2="1000000000000", allow_blank=True)
    else:
        return
    dv.error = "Ogiltigt värde för " + col.name + (": " + col.help if col.help else "")
    dv.errorTitle = col.name
    dv.showErrorMessage = True
    ws.add_data_validation(dv)
    dv.add(rng)
    if col.kind is InputKind.DATE:
        for r in range(2, 200):
            ws[address(index, r)].number_format = "yyyy-mm-dd"


def _validate_items(ws, DataValidation) -> None:
    names = ",".join(i.name for i in schema.FORBUND_ITEMS)
    if len(names) <= 255:
        dv = DataValidation(type="list", formula1=f'"{names}"', allow_blank=True)
        ws.add_data_validation(dv)
        dv.add("A2:A100")
    for r, item in enumerate(schema.FORBUND_ITEMS, start=2):
        if item.kind is InputKind.DATE:
            ws[f"B{r}"].number_format = "yyyy-mm-dd"
