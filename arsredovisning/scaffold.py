"""``arsredovisning ny``: write a new årsmapp (workbook with every sheet, validation, texter/)."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from .cellref import address, column_letter
from .accounts import DEFAULT_CHART
from .files import WORKBOOK, write_atomic
from .load import schema
from .load.schema import InputKind

TEXT_SKELETON = {
    "presidiet.md": "Skriv presidiets inledning här. Rubriken ”Presidiet har ordet” sätts av programmet.\n",
    "forvaltningsberattelse.md": "Skriv förvaltningsberättelsens text här: väsentliga händelser, förväntad utveckling …\n",
    "uppdraget.md": "Beskriv förbundets uppdrag här.\n",
    "organisation.md": "Beskriv förbundets organisation här. Styrelse, beredningsgrupp och revisorer hämtas från bladet Personer.\n",
    "insatser/README.md": None,
}

INSATS_README = (
    "Lägg en text per insats här. Filnamnet är insatsens namn med små bokstäver, å/ä → a, ö → o, é → e\n"
    "och andra tecken ersatta med bindestreck, t.ex. ”På väg/Sydnärke” → pa-vag-sydnarke.md.\n"
    "`arsredovisning kontrollera` visar det väntade filnamnet för varje insats.\n"
)


def _example_rows(year: int) -> dict[str, list[list[object]]]:
    return {
        "Förbund": [
            ["Namn", "Samordningsförbundet Exempel"],
            ["Organisationsnummer", "222000-0000"],
            ["Räkenskapsår", year],
            ["Ort", "Exempelstad"],
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
        ],
        "Medlemmar": [
            ["Staten, FK/AF", "Stat", None, None, None, None],
            ["Region Exempel", "Region", None, None, None, None],
            ["Exempel kommun", "Kommun", None, None, None, "Exempel"],
        ],
        "Kontoplan": [[r.start, r.end, r.line.value] for r in DEFAULT_CHART],
    }


def write_new_folder(folder: Path, year: int) -> Path:
    """Create ``folder`` with indata.xlsx and a texter/ skeleton. Refuses to overwrite."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    folder.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    examples = _example_rows(year)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")
    for sheet in schema.SHEETS:
        ws = wb.create_sheet(sheet.name)
        columns = list(sheet.columns)
        if sheet.dynamic_columns:  # Kommuner: one column per example kommun before Övriga
            columns.insert(1, schema.InputColumn("Exempel", InputKind.COUNT, False, help="En kolumn per kommun (Kortnamn)"))
        for i, col in enumerate(columns):
            cell = ws.cell(row=1, column=i + 1, value=col.name)
            cell.font, cell.fill = bold, fill
            if col.help:
                cell.comment = Comment(col.help, "arsredovisning")
            ws.column_dimensions[column_letter(i)].width = max(col.width, len(col.name) + 2)
            _validate(ws, col, i, DataValidation)
        ws.freeze_panes = "A2"
        for row in examples.get(sheet.name, []):
            ws.append(row)
        if sheet.name == "Förbund":
            _validate_items(ws, DataValidation)
    wb.properties.creator = "arsredovisning"
    wb.properties.created = wb.properties.modified = datetime(year + 1, 1, 1)
    data = io.BytesIO()
    wb.save(data)
    write_atomic(folder / WORKBOOK, data.getvalue())
    texts = folder / "texter"
    (texts / "insatser").mkdir(parents=True, exist_ok=True)
    for name, content in TEXT_SKELETON.items():
        path = texts / name
        if not path.exists():
            path.write_text(INSATS_README if content is None else content, encoding="utf-8")
    return folder / WORKBOOK


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
