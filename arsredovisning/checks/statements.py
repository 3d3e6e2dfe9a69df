"""Avstämningar between the statements and their notes: the figures a revisor ticks on every page.

| id | compares | level |
|---|---|---|
| RR-BR-RESULTAT | the resultaträkning's Årets resultat with the balansräkning's "därav årets resultat", per year | fel when they differ |
| NOT-SUMMA | each note's Summa with its statement line, per year | fel when they differ |

Both hold by construction (one ledger, one declaration per line); they are shown as OK rows
because a revisor ticks them, and they guard future changes. A difference is a fault of the tool,
not of the input, and the message says so. The figures come computed (:class:`Financials`).
"""

from __future__ import annotations

from decimal import Decimal

from .. import anchors
from ..compute.financials import Financials
from ..compute.lines import BALANCE, INCOME, StatementKey as K
from ..compute.notes import YEAR_COLUMNS, Note
from ..findings import Level, Reconciliation, Side, Tolerance
from ..fmt import kr
from .declaration import Check, NoteTotal, StatementCell, findings_of
from .ledger import BALANCE_SHEET, INCOME_STATEMENT, saldobalans_location, statement_source

EXACT = Tolerance("ingen skillnad godtas (gäller per konstruktion)", beyond=Level.ERROR)
RR_BR_RESULTAT = Check("RR-BR-RESULTAT", "Årets resultat i resultaträkningen = ”därav årets resultat” i balansräkningen, båda åren", EXACT)
NOT_SUMMA = Check("NOT-SUMMA", "Varje nots summa = dess rad i resultat- eller balansräkningen, båda åren", EXACT)
FINDINGS: dict[str, str] = findings_of(RR_BR_RESULTAT, NOT_SUMMA)
_TOOL_FAULT = ("Det är ett fel i verktyget, inte i indata: beloppen kommer ur samma saldobalans. "
               "Rapportera felet till förvaltaren av verktyget och publicera inte rapporten.")


def statement_reconciliations(fin: Financials) -> list[Reconciliation]:
    return [*_result(fin), *_notes(fin)]


def _result(fin: Financials) -> list[Reconciliation]:
    rr, br = fin.income_statement, fin.balance_sheet
    out = []
    for i, year in enumerate(rr.years):
        result, in_equity = rr.value(K.ARETS_RESULTAT, i), br.value(K.DARAV_ARETS_RESULTAT, i)
        out.append(_by_construction(
            RR_BR_RESULTAT, fin, i, year, f"Årets resultat {year}: resultaträkning = balansräkning (därav årets resultat)",
            "Resultaträkningen, årets resultat", result, "Balansräkningen, därav årets resultat", in_equity,
            f"Årets resultat {year} är detsamma i resultaträkningen och i balansräkningens eget kapital: {kr(result)}.",
            f"Årets resultat {year} i resultaträkningen ({kr(result)}) är inte balansräkningens ”därav årets "
            f"resultat” ({kr(in_equity)}), skillnad {kr(result - in_equity)}.",
            left_at=StatementCell(INCOME, K.ARETS_RESULTAT, i), right_at=StatementCell(BALANCE, K.DARAV_ARETS_RESULTAT, i),
            left_printed=(INCOME_STATEMENT,), right_printed=(BALANCE_SHEET,),
        ))
    return out


def _notes(fin: Financials) -> list[Reconciliation]:
    out = []
    for note in fin.notes:
        statement = fin.income_statement if note.is_result else fin.balance_sheet
        anchor = INCOME_STATEMENT if note.is_result else BALANCE_SHEET
        for i, year in enumerate(note.years):
            if i >= len(statement.years):
                continue
            out.append(_note(fin, note, i, year, statement.title, statement.value(note.key, i), anchor))
    return out


def _note(fin: Financials, note: Note, i: int, year: int, title: str, line, anchor: str) -> Reconciliation:
    total = note.total[i]
    what = f"Not {note.number} {note.title}"
    return _by_construction(
        NOT_SUMMA, fin, i, year, f"{what} {year}: summa = {title.lower()}ens rad",
        f"{what}, summa", total, f"{title}, {note.title.lower()}", line,
        f"{what} summerar till {title.lower()}ens rad {year}: {kr(total)}.",
        f"{what} summerar till {kr(total)} {year}, men {title.lower()}ens rad är {kr(line)}, skillnad {kr(total - line)}.",
        left_at=NoteTotal(K(note.key), i), right_at=StatementCell(INCOME if note.is_result else BALANCE, K(note.key), i),
        left_printed=(anchors.note(note.number),), right_printed=(anchor,),
    )


def _by_construction(check: Check, fin: Financials, i: int, year: int, description: str, left_label: str,
                     left: Decimal, right_label: str, right: Decimal, agree: str, differ: str, *,
                     left_at: Side, right_at: Side, left_printed: tuple[str, ...],
                     right_printed: tuple[str, ...]) -> Reconciliation:
    """The record of an avstämning that holds by construction: both sides from the saldobalans's
    column ``i``; a difference (``differ``) is the tool's fault and the message says so."""
    message = agree if check.level(left, right) is None else f"{differ} {_TOOL_FAULT}"
    source = statement_source(fin.ledger, YEAR_COLUMNS[i])
    return check.record(description, left_label, left, right_label, right, message, saldobalans_location(fin.ledger),
                        year, left_at=left_at, right_at=right_at, left_source=source, right_source=source,
                        left_printed=left_printed, right_printed=right_printed)
