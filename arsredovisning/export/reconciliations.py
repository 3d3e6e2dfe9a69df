"""The sheet Avstämningar: every avstämning of one report, and the formulas of its two sides.

The records come from ``checks.all_reconciliations``; for the workbook this module rebuilds
each side as a formula over the workbook's own cells. A record whose id is unknown here gets
``None`` for a side: the workbook then writes its value, marked as a constant.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl.utils import get_column_letter

from ..checks import all_reconciliations
from ..checks.ledger import intervention_accounts
from ..compute.contributions import Basis, TotalSource
from ..compute.ledger import RESULT_ORDER, LedgerColumn
from ..compute.lines import BALANCE, CASH_FLOW, INCOME, StatementKey, layout
from ..findings import Level, Reconciliation
from ..model import MemberType, StatementLine as L
from .book import BOLD, COUNT_FORMAT, FIRST_VALUE_COLUMN, MONEY_FORMAT, PERCENT_FORMAT, Book, row_of, write_text
from .formulas import plus, ref, text_literal
from .requirement_sheet import RESULT_KEY, TITLE as REQUIREMENT_TITLE

Sides = tuple[str | None, str | None]
_TB_COLUMNS = (LedgerColumn.CURRENT, LedgerColumn.PRIOR, LedgerColumn.OPENING_PRIOR)


def reconciliation_formulas(w: Book, records: list[Reconciliation]) -> list[Sides]:
    out: list[Sides] = []
    seen: dict[str, int] = {}
    for rec in records:
        k = seen.get(rec.id, 0)
        seen[rec.id] = k + 1
        build = _BUILDERS.get(rec.id)
        try:
            out.append(build(w, rec, k) if build else (None, None))
        except (KeyError, IndexError, TypeError):  # a record this module does not understand
            out.append((None, None))
    return out


def _index(w: Book, rec: Reconciliation) -> int:
    return w.inp.organisation.year - (rec.year if rec.year is not None else w.inp.organisation.year)


def _cell(w: Book, sheet: str, key: StatementKey, i: int) -> str:
    """The statement cell of a declared row ("0" when the row is left out); an undeclared key raises."""
    layout(sheet).declared(key)
    cell = w.cell_of(sheet, key, i)
    return "0" if cell is None else ref(sheet, cell)


def _cash(w: Book, i: int) -> str:
    terms = [_cell(w, BALANCE, key, i) for key in (StatementKey.KASSA_OCH_BANK, StatementKey.KORTFRISTIGA_PLACERINGAR)]
    return plus([t for t in terms if t != "0"])


def _result(w: Book, column: LedgerColumn) -> str:
    if column in (LedgerColumn.CURRENT, LedgerColumn.PRIOR):
        return w.result(0 if column is LedgerColumn.CURRENT else 1)
    return plus([t for t in (w.ledger.shown(line, column) for line in RESULT_ORDER) if t != "0"])


def _trial_balance(w, rec, k) -> Sides:
    column = _TB_COLUMNS[k]
    return f"SUM({w.inputs['Saldobalans'].column(column.value)})", "0"


def _balance(w, rec, k) -> Sides:
    i = _index(w, rec)
    return (_cell(w, BALANCE, StatementKey.SUMMA_TILLGANGAR, i),
            _cell(w, BALANCE, StatementKey.SUMMA_EGET_KAPITAL_AVSATTNINGAR_OCH_SKULDER, i))


def _equity(w, rec, k) -> Sides:
    start, before = ((LedgerColumn.CURRENT, LedgerColumn.PRIOR), (LedgerColumn.PRIOR, LedgerColumn.OPENING_PRIOR))[_index(w, rec)]
    opening = w.ledger.shown(L.EGET_KAPITAL, start)
    closing = plus([t for t in (w.ledger.shown(L.EGET_KAPITAL, before), _result(w, before)) if t != "0"])
    return opening, closing


def _cash_closing(w, rec, k) -> Sides:
    i = _index(w, rec)
    return _cell(w, CASH_FLOW, StatementKey.LIKVIDA_MEDEL_UB, i), _cash(w, i)


def _cash_opening(w, rec, k) -> Sides:
    left = _cell(w, CASH_FLOW, StatementKey.LIKVIDA_MEDEL_IB, 0)
    if len(w.fin.cash_flow.years) > 1:
        return left, _cell(w, CASH_FLOW, StatementKey.LIKVIDA_MEDEL_UB, 1)
    return left, _cash(w, 1)


def _interventions(w, rec, k) -> Sides:
    accounts = tuple(a.number for a in intervention_accounts(w.inp, w.fin.ledger))
    return f"SUM({w.inputs['Insatser'].column('Utfall')})", w.ledger.accounts_total(accounts, LedgerColumn.CURRENT)


def _organisation_value(w: Book, item: str, expected: Decimal) -> str:
    """The Förbund › Värde cell of ``item`` when the copy holds exactly that number, else the number."""
    loc = w.inp.organisation.locations.get(item)
    forbund = w.inputs.get("Förbund")
    if loc is not None and loc.cell and forbund is not None:
        value = w.wb[forbund.title][loc.cell].value
        if isinstance(value, (int, float)) and Decimal(str(value)) == expected:
            return ref(forbund.title, loc.cell)
    return f"{expected:f}"


def _contribution_total(w: Book) -> str:
    c = w.fin.contributions
    if c.source is TotalSource.ORGANISATION:
        return _organisation_value(w, "Medlemsbidrag totalt", c.total)
    booked = [w.ledger.accounts_total((s.member.account,), LedgerColumn.CURRENT, -1) for s in c.members]
    return f"({plus(booked)})"


def _share(w: Book, member) -> str:
    """The member's percent of the total, as a formula over Medlemmar (weights normalised)."""
    if member.type is MemberType.STAT:
        return "50"
    if member.type is MemberType.REGION:
        return "25"
    c = w.fin.contributions
    if c.basis is Basis.SINGLE:
        return "25"
    header = "Andel" if c.basis is Basis.SHARE else "Invånare"
    sheet = w.inputs["Medlemmar"]
    kommuner = [m for m in w.inp.members if m.type is MemberType.KOMMUN]
    own = sheet.cell(header, row_of(member.location))
    every = [sheet.cell(header, row_of(m.location)) for m in kommuner]
    return f"25*{own}/({plus(every)})"


def _booked(w, rec, k) -> Sides:
    share = next(s for s in w.fin.contributions.members if s.member.location == rec.location)
    left = w.ledger.accounts_total((share.member.account,), LedgerColumn.CURRENT, -1)
    return left, f"{_contribution_total(w)}*{_share(w, share.member)}/100"


def _equity_target(w, rec, k) -> Sides:
    equity = _cell(w, BALANCE, StatementKey.EGET_KAPITAL, 0)
    target = w.inp.organisation.equity_target_pct
    return f"{equity}*100/{_contribution_total(w)}", _organisation_value(w, "Riktvärde eget kapital (%)", target)


def _result_in_equity(w, rec, k) -> Sides:
    i = _index(w, rec)
    return _cell(w, INCOME, StatementKey.ARETS_RESULTAT, i), _cell(w, BALANCE, StatementKey.DARAV_ARETS_RESULTAT, i)


def _note_total(w, rec, k) -> Sides:
    number = int(rec.left_printed[0].removeprefix("not-"))
    note = next(n for n in w.fin.notes if n.number == number)
    i = _index(w, rec)
    row = w.rows["Noter"][note.key]
    sheet = INCOME if note.is_result else BALANCE
    return ref("Noter", f"{get_column_letter(FIRST_VALUE_COLUMN + i)}{row}"), _cell(w, sheet, note.key, i)


def _income(w, rec, k) -> Sides:
    members = {s.member.account for s in w.fin.contributions.members if s.booked is not None}
    other = tuple(a.number for a in w.fin.ledger.accounts_of(L.VERKSAMHETENS_INTAKTER) if a.number not in members)
    return (_cell(w, INCOME, StatementKey.VERKSAMHETENS_INTAKTER, 0),
            w.ledger.accounts_total(tuple(sorted(members)) + other, LedgerColumn.CURRENT, -1))


def _outcomes(w, rec, k) -> Sides:
    outcomes, insatser = w.inputs["Resultat"], w.inputs["Insatser"]
    name = next(o.intervention for o in w.inp.outcomes if o.location == rec.location)  # the insats's first Resultat row
    intervention = next(i for i in w.inp.interventions if i.name == name)
    left = f"SUMIF({outcomes.column('Insats')},{text_literal(name)},{outcomes.column('Antal')})"
    return left, insatser.cell("Deltagare", row_of(intervention.location))


def _table_total(w, rec, k) -> Sides:
    number = int(rec.left_printed[0].rsplit("-t", 1)[1])
    cells = []
    for n, key in ((number, "total"), (1, "participants")):
        table = getattr(w.report.appendix, f"t{n}")
        column = get_column_letter(table.column_index(key) + 2)
        cells.append(ref(f"Tabell {n}", f"{column}{5 + len(table.rows)}"))
    return cells[0], cells[1]


def _balance_requirement(w, rec, k) -> Sides:
    """Left: the sheet Balanskravsutredning's sum; right: årets resultat (the resultaträkning's cell) +
    every copied Belopp cell of Balanskravsjusteringar."""
    sheet = w.inputs["Balanskravsjusteringar"]
    cells = [sheet.cell("Belopp", row_of(a.location)) for a in w.fin.requirement.adjustments]
    left = ref(REQUIREMENT_TITLE, f"B{w.rows[REQUIREMENT_TITLE][RESULT_KEY]}")
    return left, plus([_cell(w, INCOME, StatementKey.ARETS_RESULTAT, 0), *cells])


def status_formula(rec: Reconciliation, row: int) -> str | None:
    """The record's status recomputed in the workbook (columns D left, F right, G difference), by the
    rule of its check; None for a record without such a rule (the tool's status is written instead)."""
    g = f"G{row}"
    if rec.level is Level.INFO:
        return None
    if rec.id in ("SB-BALANS", "BR-BALANS", "EK-UB", "KF-LIKVIDA", "KF-IB"):
        return f'IF(ROUND({g},2)=0,"ok",IF(ROUND(ABS({g}),2)<=1,"varning","fel"))'
    if rec.id == "INS-PROJEKTMEDEL":
        return f'IF(ROUND({g},2)=0,"ok","varning")'
    if rec.id == "MEDLEM-BOKFORT":
        return f'IF(ROUND(ABS({g}),2)<=0.5,"ok","varning")'
    if rec.id == "EK-RIKTVARDE":
        return f'IF(D{row}>F{row},"varning","ok")'
    if rec.id in ("RR-BR-RESULTAT", "NOT-SUMMA", "BALANSKRAV-RESULTAT"):
        return f'IF(ROUND({g},2)=0,"ok","fel")'
    if rec.id in ("RR-INTAKTER", "BILAGA-TABELLSUMMA"):
        return f'IF(ROUND({g},2)=0,"ok","varning")'
    if rec.id == "INS-RESULTAT-SUMMA":
        return f'IF(D{row}>F{row},"varning","ok")'
    return None


_BUILDERS = {
    "SB-BALANS": _trial_balance,
    "BR-BALANS": _balance,
    "EK-UB": _equity,
    "KF-LIKVIDA": _cash_closing,
    "KF-IB": _cash_opening,
    "INS-PROJEKTMEDEL": _interventions,
    "MEDLEM-BOKFORT": _booked,
    "EK-RIKTVARDE": _equity_target,
    "RR-BR-RESULTAT": _result_in_equity,
    "NOT-SUMMA": _note_total,
    "RR-INTAKTER": _income,
    "INS-RESULTAT-SUMMA": _outcomes,
    "BILAGA-TABELLSUMMA": _table_total,
    "BALANSKRAV-RESULTAT": _balance_requirement,
}
_FORMATS = {"procent": PERCENT_FORMAT, "antal": COUNT_FORMAT}


def reconciliation_sheet(book: Book) -> None:
    ws = book.sheet("Avstämningar", "Avstämningar", {"A": 20, "B": 60, "C": 44, "D": 18, "E": 44, "F": 18, "G": 18, "H": 12,
                                                     "I": 44, "J": 44, "K": 44})
    headers = ("Id", "Avstämning", "Vänster sida", "Belopp", "Höger sida", "Belopp", "Skillnad", "Status", "Tolerans",
               "Vänster sida kommer från", "Höger sida kommer från")
    for c, text in enumerate(headers, start=1):
        write_text(ws, 4, c, text, BOLD)
    records = all_reconciliations(book.report)
    formulas = reconciliation_formulas(book, records)
    for n, (rec, (left, right)) in enumerate(zip(records, formulas)):
        r = 5 + n
        write_text(ws, r, 1, rec.id)
        write_text(ws, r, 2, rec.description)
        write_text(ws, r, 3, rec.left_label)
        write_text(ws, r, 5, rec.right_label)
        fmt = _FORMATS.get(rec.unit, MONEY_FORMAT)
        for c, expr, value, side in ((4, left, rec.left, "vänster"), (6, right, rec.right, "höger")):
            what = f"Avstämning {rec.id} {rec.description}, {side}"
            if expr is None:
                book.constant(ws, r, c, value, what, fmt)
            else:
                book.formula(ws, r, c, expr, value, what, fmt)
        book.formula(ws, r, 7, f"D{r}-F{r}", rec.difference, f"Avstämning {rec.id} {rec.description}, skillnad", fmt)
        for c, text in ((9, rec.tolerance), (10, rec.left_source), (11, rec.right_source)):
            if text:
                write_text(ws, r, c, text)
        status = status_formula(rec, r)
        if status is None:
            write_text(ws, r, 8, rec.status)
        else:
            book.formula(ws, r, 8, status, rec.status, f"Avstämning {rec.id} {rec.description}, status", "@")
    ws.freeze_panes = "C5"
