"""``arsredovisning importera FIL.se ÅRSMAPP``: the Saldobalans sheet filled from a SIE file.

Reads and checks the SIE file (:mod:`.sie`), opens ``indata.xlsx`` with openpyxl (creating the
årsmapp as ``ny`` does when it is missing) and rewrites only the values of the Saldobalans sheet's
SIE columns, keeping every other sheet, the user's formatting and the other columns of each
account (Budget) as they were. It also writes the ``Källa`` sheet (where the figures came from) and,
when chosen, the built-in chart into ``Kontoplan``. The workbook is saved deterministically (same
input, same bytes) and atomically, with the previous one kept as ``indata-backup.xlsx``.
"""

from __future__ import annotations

import io
from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import cast

from . import __version__, fmt
from .accounts import CHART_NAMES, CHARTS, LedgerAccount, above_balance_classes, chart_for_type, fitting_charts
from .cellwrite import put, set_value
from .files import BACKUP_WORKBOOK, FIXED_TIME, WORKBOOK, WORKBOOK_ODS, fixed_time_workbook, remove_stale_temps, write_all
from .findings import Finding, Location, error, has_errors, info, warning
from .load import schema
from .load.grid import normalize
from .load.limits import workbook_limits
from .scaffold import new_workbook_bytes, write_text_skeleton
from .sie.checks import check_sie
from .sie.reader import SieFile, read_sie
from .sie.saldobalans import SaldobalansRow, saldobalans_rows

FINDINGS: dict[str, str] = {
    "IMPORT-ODS": "importera skriver bara indata.xlsx, inte indata.ods",
    "IMPORT-ARBETSBOK": "arbetsboken kan inte öppnas för import",
    "IMPORT-KONTOPLAN": "Kontoplanen som passar SIE-filens konton (eller dess #KPTYP) skiljer sig från bladet Kontoplan eller från #KPTYP",
    "IMPORT-RAD-BORT": "en rad utan konto i Saldobalans togs bort vid importen",
    "IMPORT-ORGNR": "SIE-filens organisationsnummer (#ORGNR) är inte förbundets",
}

SIE_COLUMNS = ("Konto", "Benämning", "Belopp", "Föregående år", "Ingående föregående år")
MONEY_FORMAT = "#,##0.00"
SOURCE_SHEET = "Källa"


@dataclass(frozen=True)
class Change:
    kind: str  # "tillkom", "försvann", "ändrades"
    account: int
    name: str
    before: tuple | None  # (Benämning, Belopp, Föregående år, Ingående föregående år)
    after: tuple | None


@dataclass
class ImportResult:
    findings: list[Finding] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    created_folder: bool = False
    unchanged: bool = False
    chart: str | None = None  # the built-in chart written into Kontoplan
    rows: int = 0
    sie: SieFile | None = None


def run_import(sie_path: Path, folder: Path, dry_run: bool = False, chart: str | None = None) -> ImportResult:
    """``chart``: "kommun", "bas", or None (decided from #KPTYP for a new årsmapp; kept otherwise)."""
    result = ImportResult()
    sie, found = read_sie(Path(sie_path))
    result.sie = sie
    result.findings += found
    if sie is None or has_errors(found):
        return result
    folder = Path(folder)
    path = folder / WORKBOOK
    if (folder / WORKBOOK_ODS).is_file():
        result.findings.append(error("IMPORT-ODS", f"Årsmappen har {WORKBOOK_ODS}. importera skriver bara {WORKBOOK}: spara arbetsboken som Excel-arbetsbok (.xlsx) i LibreOffice, ta bort {WORKBOOK_ODS} och importera igen.", Location(str(folder / WORKBOOK_ODS))))
        return result
    exists = path.is_file()
    wb, year = (None, None)
    if exists:
        limit = workbook_limits(path)
        if limit is not None:
            result.findings.append(limit)
            return result
        wb, year, problem = _open(path)
        if problem is not None:
            result.findings.append(problem)
            return result
    result.findings += check_sie(sie, year)
    if wb is not None:
        result.findings += _orgnr(wb, sie)
    if has_errors(result.findings):
        return result
    if not exists:
        wb = _scaffold(sie)
        result.created_folder = not folder.exists()
    rows = saldobalans_rows(sie)
    result.rows = len(rows)
    before = _write_saldobalans(wb, rows, sie, result.findings)
    result.changes = _changes(before, rows)
    result.chart = _choose_chart(wb, sie, chart, new=not exists, findings=result.findings)
    if result.chart is not None:
        _write_rows(wb, schema.KONTOPLAN, [[r.start, r.end, r.line.value] for r in CHARTS[result.chart]])
    _write_source(wb, sie, result.chart)
    data = _deterministic(wb)
    old = path.read_bytes() if exists else None
    if exists and not dry_run:
        remove_stale_temps(folder)  # what a killed earlier import left, also when nothing changes now
    if old == data:
        result.unchanged = True
        return result
    if dry_run:
        return result
    if not exists:
        folder.mkdir(parents=True, exist_ok=True)
        write_text_skeleton(folder)  # texter/ as `ny` writes it; the workbook is `data`
    targets = [(path, data)]
    if old is not None:
        targets.insert(0, (folder / BACKUP_WORKBOOK, old))
    write_all(targets)
    result.written = [p for p, _ in targets]
    return result


# --------------------------------------------------------------------------------------------
# The workbook
# --------------------------------------------------------------------------------------------


def _open(path: Path):
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path)
    except Exception as exc:  # noqa: BLE001 - any reader failure is the user's file, said in Swedish
        return None, None, error("IMPORT-ARBETSBOK", f"Arbetsboken kan inte öppnas ({type(exc).__name__}). Öppna den i Excel eller LibreOffice, spara som .xlsx och försök igen; kör ”arsredovisning kontrollera” för detaljer.", Location(path.name))
    return wb, _year_of(wb), None


def _forbund_item(wb, name: str):
    ws = _sheet(wb, "Förbund")
    if ws is None:
        return None
    for row in ws.iter_rows(min_row=2, max_col=2, values_only=True):
        if row and isinstance(row[0], str) and normalize(row[0]) == normalize(name):
            return row[1]
    return None


def _orgnr(wb, sie: SieFile) -> list[Finding]:
    """A SIE file from another organisation's ledger is worth a warning before it is imported."""
    mine = "".join(ch for ch in str(_forbund_item(wb, "Organisationsnummer") or "") if ch.isdigit())
    theirs = "".join(ch for ch in (sie.orgnr or "") if ch.isdigit())
    if len(mine) == 10 and len(theirs) == 10 and mine != theirs:
        return [warning("IMPORT-ORGNR", f"Filen är exporterad för organisationsnummer {sie.orgnr} ({sie.company or 'namn saknas'}), men förbundets Organisationsnummer är {mine[:6]}-{mine[6:]}. Kontrollera att det är rätt förbunds bokföring.", Location(sie.name))]
    return []


def _sheet(wb, name: str):
    for ws in wb.worksheets:
        if normalize(ws.title) == normalize(name):
            return ws
    return None


def _year_of(wb) -> int | None:
    value = _forbund_item(wb, "Räkenskapsår")
    try:
        return int(Decimal(str(value).strip())) if value is not None else None
    except (InvalidOperation, TypeError, ValueError):
        return None


def _scaffold(sie: SieFile):
    """The workbook ``ny`` writes for the file's year, in memory."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(new_workbook_bytes(sie.years[0].start.year)))
    _identity_from_sie(wb, sie)
    return wb


def _identity_from_sie(wb, sie: SieFile) -> None:
    """A new årsmapp takes the ledger's own name (#FNAMN) and organisationsnummer (#ORGNR) instead of
    the example ones ``ny`` writes, so that it is the förbund's from the start."""
    digits = "".join(ch for ch in (sie.orgnr or "") if ch.isdigit())
    values = {"Namn": (sie.company or "").strip() or None,
              "Organisationsnummer": f"{digits[:6]}-{digits[6:]}" if len(digits) == 10 else None}
    ws = _sheet(wb, "Förbund")
    for row in ws.iter_rows(min_row=2, max_col=2):
        label = row[0].value
        if isinstance(label, str) and values.get(label.strip()):
            set_value(row[1], values[label.strip()])


def _columns(ws, sheet: schema.Sheet, wanted: tuple[str, ...]) -> dict[str, int]:
    """Column index (1-based) of each wanted column; missing headers are added at the end."""
    header = {normalize(c.value): c.column for c in ws[1] if c.value is not None} if ws.max_row >= 1 else {}
    out: dict[str, int] = {}
    for name in wanted:
        col = header.get(normalize(name))
        if col is None:
            col = max([*header.values(), *out.values(), 0]) + 1
            cell = ws.cell(row=1, column=col, value=name)
            left = ws.cell(row=1, column=max(col - 1, 1))
            if left.has_style and col > 1:
                cell._style = copy(left._style)
        out[name] = col
    return out


def _get_sheet(wb, spec: schema.Sheet):
    ws = _sheet(wb, spec.name)
    if ws is None:
        ws = wb.create_sheet(spec.name)
        for i, col in enumerate(spec.columns, start=1):
            ws.cell(row=1, column=i, value=col.name)
    return ws


def _money(value) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value).replace("\u2212", "-").replace("\u00a0", "").replace(" ", "").replace(",", ".")).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def _konto(value) -> int | None:
    d = _money(value)
    return int(d) if d is not None and d == d.to_integral_value() and d > 0 else None


def _write_saldobalans(wb, rows: list[SaldobalansRow], sie: SieFile, findings: list[Finding]) -> dict[int, tuple]:
    """Rewrite the SIE columns; return what the sheet held before, by account."""
    ws = _get_sheet(wb, schema.SALDOBALANS)
    cols = _columns(ws, schema.SALDOBALANS, SIE_COLUMNS)
    header = {c.column: c.value for c in ws[1] if c.value is not None}
    others = [c for c in header if c not in cols.values()]
    before: dict[int, tuple] = {}
    kept: dict[int, dict[int, object]] = {}  # account → other columns' values (Budget …)
    formulas: set[tuple[int, int]] = set()  # (account, column) of the user's own formulas, kept as formulas
    last = ws.max_row
    for r in range(2, last + 1):
        values = {c: ws.cell(row=r, column=c).value for c in [*cols.values(), *others]}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values.values()):
            continue
        account = _konto(values[cols["Konto"]])
        if account is None:
            findings.append(info("IMPORT-RAD-BORT", f"Rad {r} saknar kontonummer och togs bort vid importen (den finns kvar i {BACKUP_WORKBOOK}).", Location(WORKBOOK, ws.title, f"A{r}")))
            continue
        before.setdefault(account, (values[cols["Benämning"]], *(_money(values[cols[c]]) for c in SIE_COLUMNS[2:])))
        extra = {c: values[c] for c in others if values[c] is not None}
        formulas.update((account, c) for c in extra if ws.cell(row=r, column=c).data_type == "f")
        if extra:
            kept.setdefault(account, extra)
    by_account = {row.number: row for row in rows}
    for account in kept:  # an account with a budget but no balance keeps its row
        if account not in by_account:
            name = before[account][0] or f"Konto {account}"
            by_account[account] = SaldobalansRow(account, str(name), Decimal("0.00"), Decimal("0.00"), None, above_balance_classes(account), True)
    template = {c: copy(ws.cell(row=2, column=c)._style) for c in [*cols.values(), *others]} if last >= 2 else {}
    for i, account in enumerate(sorted(by_account)):
        row = by_account[account]
        r = i + 2
        values = {cols["Konto"]: row.number, cols["Benämning"]: row.name, cols["Belopp"]: row.amount,
                  cols["Föregående år"]: row.prior, cols["Ingående föregående år"]: row.opening_prior}
        for c in others:
            values[c] = kept.get(account, {}).get(c)
        for c, value in values.items():
            cell = ws.cell(row=r, column=c)
            if r > last and c in template:
                cell._style = copy(template[c])
            if (account, c) in formulas:
                cell.value = value
            else:
                set_value(cell, value)
            if isinstance(value, Decimal) and cell.number_format == "General":
                cell.number_format = MONEY_FORMAT
    for r in range(len(by_account) + 2, last + 1):
        for c in [*cols.values(), *others]:
            ws.cell(row=r, column=c).value = None
    return before


def _write_rows(wb, spec: schema.Sheet, rows: list[list[object]]) -> None:
    ws = _get_sheet(wb, spec)
    cols = _columns(ws, spec, tuple(c.name for c in spec.columns))
    last = ws.max_row
    for i, values in enumerate(rows):
        for name, value in zip([c.name for c in spec.columns], values):
            put(ws, i + 2, cols[name], value)
    for r in range(len(rows) + 2, last + 1):
        for c in cols.values():
            ws.cell(row=r, column=c).value = None


def source_items(sie: SieFile, chart: str | None) -> list[list[object]]:
    """The rows of the Källa sheet (Uppgift, Värde)."""
    program = " ".join(p for p in (sie.program, sie.program_version) if p) or "(anges inte i filen)"
    checksum = {True: "stämmer", False: "stämmer inte", None: "saknas i filen"}[sie.checksum_verified]
    return [
        ["Källa", "SIE-fil"],
        ["Fil", sie.name],
        ["Program", program],
        ["Exportdatum", sie.generated.isoformat() if sie.generated else "(anges inte i filen)"],
        ["Kontrollsumma", f"SHA-256 {sie.sha256}"],
        ["KSUMMA", checksum],
        ["Företag i filen", " ".join(p for p in (sie.company, sie.orgnr) if p) or "(anges inte)"],
        ["Kontoplan i filen", sie.chart_type or "(anges inte)"],
        ["Importerad av", f"arsredovisning {__version__}"],
    ]


def _write_source(wb, sie: SieFile, chart: str | None) -> None:
    _write_rows(wb, schema.KALLA, source_items(sie, chart))
    ws = _sheet(wb, schema.KALLA.name)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 80


def _choose_chart(wb, sie: SieFile, chart: str | None, new: bool, findings: list[Finding]) -> str | None:
    """The built-in chart to write into Kontoplan (None: leave the sheet). Chosen from the accounts
    themselves: the chart that maps the file's accounts to the right lines with the right signs
    (``accounts.fitting_charts``); ``#KPTYP`` decides only between charts that fit equally well.
    A new årsmapp gets that chart; an existing one keeps its sheet, with advice when it fits worse."""
    if chart is not None:
        return chart
    suggested = chart_for_type(sie.chart_type)
    accounts = [LedgerAccount(r.number, r.name, r.amount or r.prior, sie.account_types.get(r.number)) for r in saldobalans_rows(sie)]
    best, found = fitting_charts(accounts)
    choice = suggested if suggested in best else best[0] if len(best) == 1 else DEFAULT_CHART_KEY
    where = Location(sie.name, line=sie.chart_type_line)
    said = f"Filen anger kontoplanen {sie.chart_type} ({CHART_NAMES[suggested]})" if suggested else ""
    if new:
        if suggested is not None and choice != suggested:
            findings.append(info("IMPORT-KONTOPLAN", f"{said}, men kontona är {CHART_NAMES[choice]}: {_misfit_text(found[suggested], suggested)}. Den nya årsmappen får {CHART_NAMES[choice]}; vill du ändå ha {CHART_NAMES[suggested]}, kör igen med --kontoplan {suggested}.", where))
        elif suggested is None and choice != DEFAULT_CHART_KEY:
            findings.append(info("IMPORT-KONTOPLAN", f"Kontona i filen är {CHART_NAMES[choice]}: {_misfit_text(found[DEFAULT_CHART_KEY], DEFAULT_CHART_KEY)}. Den nya årsmappen får {CHART_NAMES[choice]}.", where))
        return None if choice == DEFAULT_CHART_KEY else choice  # ny already wrote Kommun-BAS
    current = _current_chart(wb)
    if current is None:
        return None  # the förbund's own Kontoplan: left as it is
    if current != choice:
        if len(found[current]) > len(found[choice]):
            reason = f"kontona i filen passar {CHART_NAMES[choice]}: {_misfit_text(found[current], current)}"
            findings.append(info("IMPORT-KONTOPLAN", f"Bladet Kontoplan är {CHART_NAMES[current]}, men {reason}. Kör igen med --kontoplan {choice} för att skriva den inbyggda {CHART_NAMES[choice]}-kontoplanen i bladet Kontoplan.", where))
        else:
            findings.append(info("IMPORT-KONTOPLAN", f"{said}, men bladet Kontoplan är {CHART_NAMES[current]}. Kör igen med --kontoplan {choice} för att skriva den inbyggda {CHART_NAMES[choice]}-kontoplanen i bladet Kontoplan.", where))
    elif suggested is not None and suggested != current:
        findings.append(info("IMPORT-KONTOPLAN", f"{said}, men kontona är {CHART_NAMES[current]}: {_misfit_text(found[suggested], suggested)}. Bladet Kontoplan ({CHART_NAMES[current]}) behålls.", where))
    return None


DEFAULT_CHART_KEY = "kommun"  # what ny writes and a workbook without a Kontoplan sheet uses


def _current_chart(wb) -> str | None:
    """The built-in chart the Kontoplan sheet holds ("kommun" without the sheet); None for the förbund's own."""
    ws = _sheet(wb, "Kontoplan")
    if ws is None:
        return DEFAULT_CHART_KEY
    rows = tuple(tuple(r[:3]) for r in ws.iter_rows(min_row=2, max_col=3, values_only=True) if any(v is not None for v in r[:3]))
    if not rows:
        return DEFAULT_CHART_KEY
    return next((key for key, rules in CHARTS.items() if rows == tuple((r.start, r.end, r.line.value) for r in rules)), None)


def _misfit_text(found: list, chart: str) -> str:
    shown = "; ".join(m.text(chart) for m in found[:3])
    return shown + (f" och {len(found) - 3} konton till" if len(found) > 3 else "")


def _deterministic(wb) -> bytes:
    """The saved workbook with fixed document and zip times, saved twice: openpyxl's first save of a
    workbook written by another program (LibreOffice) renumbers its cell styles once more on the
    next load, so the bytes are taken after one reload. Then importing the same file again gives
    the same bytes."""
    import openpyxl

    first = _save(wb)
    return _save(openpyxl.load_workbook(io.BytesIO(first)))


def _save(wb) -> bytes:
    from xml.etree.ElementTree import tostring

    props = wb.properties
    created = props.created or FIXED_TIME
    props.created = created
    props.modified = created
    props.lastModifiedBy = "arsredovisning importera"
    raw = io.BytesIO()
    wb.save(raw)
    props.modified = created
    return fixed_time_workbook(raw.getvalue(), tostring(props.to_tree()))


# --------------------------------------------------------------------------------------------
# What changed
# --------------------------------------------------------------------------------------------


def _changes(before: dict[int, tuple], rows: list[SaldobalansRow]) -> list[Change]:
    after = {r.number: (r.name, r.amount, r.prior, r.opening_prior) for r in rows}
    out = []
    for account in sorted(set(before) | set(after)):
        b, a = before.get(account), after.get(account)
        if b is None:
            a = cast(tuple, a)  # an account in neither is not in the union
            out.append(Change("tillkom", account, a[0], None, a))
        elif a is None:
            if any(v for v in b[1:]):
                out.append(Change("försvann", account, str(b[0] or ""), b, None))
        elif (str(b[0] or ""), *b[1:]) != a:
            out.append(Change("ändrades", account, a[0], b, a))
    return out


LABELS = ("Benämning", "Belopp", "Föregående år", "Ingående föregående år")


def _show(v) -> str:
    return "tomt" if v is None else fmt.decimal(v, 2) if isinstance(v, Decimal) else f"”{v}”"


def changes_text(result: ImportResult) -> str:
    """The changes, one account a line, like ``jamfor``."""
    lines = []
    counts = {k: sum(1 for c in result.changes if c.kind == k) for k in ("tillkom", "försvann", "ändrades")}
    lines.append(f"Saldobalans: {result.rows} konton från SIE-filen; {counts['tillkom']} tillkom, {counts['försvann']} försvann, {counts['ändrades']} ändrades.")
    for c in result.changes:
        if c.kind == "tillkom":
            parts = [f"{label} {_show(v)}" for label, v in zip(LABELS[1:], cast(tuple, c.after)[1:]) if v is not None]
            lines.append(f"  + {c.account} {c.name}: {', '.join(parts)}")
        elif c.kind == "försvann":
            parts = [f"{label} {_show(v)}" for label, v in zip(LABELS[1:], cast(tuple, c.before)[1:]) if v is not None]
            lines.append(f"  − {c.account} {c.name}: {', '.join(parts)}")
        else:
            parts = []
            for label, b, a in zip(LABELS, cast(tuple, c.before), cast(tuple, c.after)):
                if label == "Benämning":
                    if str(b or "") != a:
                        parts.append(f"Benämning ”{b or ''}” → ”{a}”")
                elif b != a:
                    diff = f" ({'+' if (a or 0) - (b or 0) > 0 else ''}{fmt.decimal((a or 0) - (b or 0), 2)})" if a is not None and b is not None else ""
                    parts.append(f"{label} {_show(b)} → {_show(a)}{diff}")
            lines.append(f"  ~ {c.account} {c.name}: {'; '.join(parts)}")
    return "\n".join(lines) + "\n"
