"""The sheet Avstämningar: every avstämning of one report, and the formulas of its two sides.

The records come from ``checks.all_reconciliations``; each carries what its check declared
(``checks/declaration.py``): where each side is computed, written here as a formula over the
workbook's own cells, and its tolerance, written as the status cell's formula. This module names no
avstämning. A side without an expression (or one this workbook cannot write) is written as its
value, marked as a constant.
"""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from openpyxl.utils import get_column_letter

from ..checks import all_reconciliations
from ..checks.declaration import (Accounts, ColumnSum, Constant, ContributionTotal, CountIf, InputCell, LineShown,
                                  MemberShare, NoteTotal, Plus, RequirementResult, Scaled, Setting, StatementCell,
                                  TableTotal, YearResult)
from ..compute.contributions import Basis, Contributions, TotalSource
from ..compute.ledger import RESULT_ORDER, LedgerColumn
from ..compute.lines import StatementKey, layout
from ..findings import OK, Level, Location, Reconciliation, Side
from ..model import Member, MemberType
from .book import BOLD, COUNT_FORMAT, FIRST_VALUE_COLUMN, MONEY_FORMAT, PERCENT_FORMAT, Book, row_of, write_text
from .formulas import LedgerFormulas, plus, ref, text_literal
from .requirement_sheet import RESULT_KEY, TITLE as REQUIREMENT_TITLE

Sides = tuple[str | None, str | None]


def reconciliation_formulas(w: Book, records: list[Reconciliation]) -> list[Sides]:
    """Each record's two sides as formulas, from the expressions its check declared (None: a
    constant, for a side without an expression or one this workbook cannot write)."""
    return [(_side(w, rec.left_at), _side(w, rec.right_at)) for rec in records]


def _side(w: Book, side: Side | None) -> str | None:
    if side is None:
        return None
    try:
        return _formula(w, side)
    except (KeyError, IndexError, TypeError, StopIteration):  # a cell this workbook does not have
        return None


def _formula(w: Book, side: Side) -> str:
    match side:
        case Constant(value):
            return f"{value:f}"
        case StatementCell(statement, key, i):
            return _cell(w, statement, key, i)
        case ColumnSum(sheet, column):
            return f"SUM({w.inputs[sheet].column(column)})"
        case InputCell(sheet, column, location):
            cell = w.inputs[sheet].cell(column, _row(location))
            if cell is None:
                raise KeyError(column)
            return cell
        case CountIf(sheet, match_column, text, column):
            table = w.inputs[sheet]
            return f"SUMIF({table.column(match_column)},{text_literal(text)},{table.column(column)})"
        case LineShown(line, column):
            return _ledger(w).shown(line, column)
        case YearResult(column):
            return _result(w, column)
        case Accounts(accounts, column, sign):
            return _ledger(w).accounts_total(accounts, column, sign)
        case Setting(item, value):
            return _organisation_value(w, item, value)
        case ContributionTotal():
            return _contribution_total(w)
        case MemberShare(member):
            return _share(w, member)
        case NoteTotal(key, i):
            return ref("Noter", f"{get_column_letter(FIRST_VALUE_COLUMN + i)}{w.rows['Noter'][key]}")
        case TableTotal(number, column):
            table = getattr(w.report.appendix, f"t{number}")
            letter = get_column_letter(table.column_index(column) + 2)
            return ref(f"Tabell {number}", f"{letter}{5 + len(table.rows)}")
        case RequirementResult():
            return ref(REQUIREMENT_TITLE, f"B{w.rows[REQUIREMENT_TITLE][RESULT_KEY]}")
        case Plus(terms):
            return plus([t for t in (_formula(w, x) for x in terms) if t != "0"])
        case Scaled(term, times, per):
            return f"{_formula(w, term)}*{_formula(w, times)}/{_formula(w, per)}"
    raise TypeError(f"unknown side {side!r}")


def _cell(w: Book, sheet: str, key: StatementKey, i: int) -> str:
    """The statement cell of a declared row ("0" when the row is left out); an undeclared key raises."""
    layout(sheet).declared(key)
    cell = w.cell_of(sheet, key, i)
    return "0" if cell is None else ref(sheet, cell)


def _result(w: Book, column: LedgerColumn) -> str:
    if column in (LedgerColumn.CURRENT, LedgerColumn.PRIOR):
        result = w.result(0 if column is LedgerColumn.CURRENT else 1)
        if result is None:
            raise KeyError(column)
        return result
    return plus([t for t in (_ledger(w).shown(line, column) for line in RESULT_ORDER) if t != "0"])


def _ledger(w: Book) -> LedgerFormulas:
    """The Saldobalans formulas (a KeyError, so a constant, before the sheet is copied)."""
    if w.ledger is None:
        raise KeyError("Saldobalans")
    return w.ledger


def _contributions(w: Book) -> Contributions:
    c = w.fin.contributions if w.fin is not None else None
    if c is None:
        raise KeyError("Medlemmar")
    return c


def _row(location: Location | None) -> int:
    row = row_of(location)
    if row is None:
        raise KeyError(str(location))
    return row


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
    c = _contributions(w)
    if c.source is TotalSource.ORGANISATION:
        return _organisation_value(w, "Medlemsbidrag totalt", c.total)
    booked = [_ledger(w).accounts_total((cast(int, s.member.account),), LedgerColumn.CURRENT, -1) for s in c.members]
    return f"({plus(booked)})"


def _share(w: Book, member: Member) -> str:
    """The member's percent of the total, as a formula over Medlemmar (weights normalised)."""
    if member.type is MemberType.STAT:
        return "50"
    if member.type is MemberType.REGION:
        return "25"
    c = _contributions(w)
    if c.basis is Basis.SINGLE:
        return "25"
    header = "Andel" if c.basis is Basis.SHARE else "Invånare"
    sheet = w.inputs["Medlemmar"]
    kommuner = [m for m in w.inp.members if m.type is MemberType.KOMMUN]
    own = sheet.cell(header, _row(member.location))
    every = [sheet.cell(header, _row(m.location)) for m in kommuner]
    if own is None or None in every:
        raise KeyError(header)
    return f"25*{own}/({plus([c for c in every if c is not None])})"


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def status_formula(rec: Reconciliation, row: int) -> str | None:
    """The record's status recomputed in the workbook (columns D left, F right, G difference) by the
    :class:`~arsredovisning.findings.Tolerance` its check declared; None for a record without a rule
    or one the check marked ``info`` (the tool's status is written instead)."""
    rule = rec.rule
    if rule is None or rec.level is Level.INFO:
        return None
    beyond = rule.beyond.value
    if rule.at_most:
        above = f"D{row}>F{row}" if rule.ok == 0 else f"D{row}-F{row}>{_number(rule.ok)}"
        return f'IF({above},"{beyond}","{OK}")'
    g = f"G{row}"
    ok = f"ROUND({g},2)=0" if rule.ok == 0 else f"ROUND(ABS({g}),2)<={_number(rule.ok)}"
    otherwise = f'"{beyond}"'
    if rule.warning is not None:
        otherwise = f'IF(ROUND(ABS({g}),2)<={_number(rule.warning)},"{Level.WARNING.value}",{otherwise})'
    return f'IF({ok},"{OK}",{otherwise})'


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
