"""Noter: one numbered note per non-empty statement line, its accounts grouped by Benämning.

Numbered in order of first reference: the resultaträkning's lines first, then the
balansräkning's (the kassaflödesanalys only refers to notes that already exist). Figures carry
the statement's sign (kostnader negative, skulder positive). Rows that are 0 in both years are
left out. The eget kapital note lists the equity accounts (opening equity) plus a row
"Årets resultat", so it sums to the balansräkning's Eget kapital.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import StatementLine as L
from .ledger import BALANCE_ORDER, RESULT_ORDER, ZERO, Ledger, LedgerColumn, display_sign, line_key, value

YEAR_COLUMNS = (LedgerColumn.CURRENT, LedgerColumn.PRIOR)



@dataclass(frozen=True)
class NoteRow:
    label: str  # Benämning (or "Årets resultat" in the eget kapital note)
    values: tuple[Decimal, ...]  # this year, prior year; statement sign
    accounts: tuple[int, ...]  # source accounts
    is_result: bool = False  # the eget kapital note's "Årets resultat" (computed from the result accounts)
    member: bool = False  # Verksamhetens intäkter: a medlemsbidrag row (only members' Konto accounts)


@dataclass(frozen=True)
class Note:
    number: int
    title: str
    line: L
    key: str  # the statement row it explains (line_key(line))
    years: tuple[int, ...]
    rows: tuple[NoteRow, ...]
    total: tuple[Decimal, ...]  # "Summa": equals the statement line

    @property
    def is_result(self) -> bool:
        return self.line.is_result


def equity_used(ledger: Ledger) -> bool:
    return ledger.is_used(L.EGET_KAPITAL) or any(ledger.result(c) != 0 for c in YEAR_COLUMNS)


def note_numbers(ledger: Ledger) -> dict[L, int]:
    """Statement line → note number, for every line that is shown with accounts."""
    used = [line for line in RESULT_ORDER if ledger.is_used(line)]
    used += [
        line
        for line in BALANCE_ORDER
        if (equity_used(ledger) if line is L.EGET_KAPITAL else ledger.is_used(line))
    ]
    return {line: n for n, line in enumerate(used, start=1)}


def notes(ledger: Ledger, member_accounts: frozenset[int] = frozenset()) -> tuple[Note, ...]:
    """``member_accounts``: the members' Konto (Medlemmar). In Verksamhetens intäkter the medlemsbidrag
    rows (those accounts) come first and never share a row with other income of the same Benämning
    (e.g. the state's medlemsbidrag and other state money): the other row is named "… utöver
    medlemsbidraget"."""
    years = (ledger.year, ledger.year - 1)
    out = []
    for line, number in note_numbers(ledger).items():
        if line is L.VERKSAMHETENS_INTAKTER and member_accounts:
            rows = _income_rows(ledger, member_accounts)
        else:
            rows = _account_rows(ledger, line)
        if line is L.EGET_KAPITAL:
            result_accounts = tuple(a.number for r in RESULT_ORDER for a in ledger.accounts_of(r))
            rows += (NoteRow("Årets resultat", tuple(ledger.result(c) for c in YEAR_COLUMNS), result_accounts, True),)
        total = tuple(sum((r.values[i] for r in rows), ZERO) for i in range(len(YEAR_COLUMNS)))
        out.append(Note(number, line.value, line, line_key(line), years, rows, total))
    return tuple(out)


def _income_rows(ledger: Ledger, member_accounts: frozenset[int]) -> tuple[NoteRow, ...]:
    line = L.VERKSAMHETENS_INTAKTER
    sign = display_sign(line)
    groups: dict[tuple[bool, str], list] = {}
    for acc in ledger.accounts_of(line):
        groups.setdefault((acc.number in member_accounts, acc.name), []).append(acc)
    member_names = {name for member, name in groups if member}
    rows = []
    for (member, name), accs in sorted(groups.items(), key=lambda g: not g[0][0]):  # stable: members first
        values = tuple(ZERO + sign * sum((value(a, c) for a in accs), ZERO) for c in YEAR_COLUMNS)
        if not any(values):
            continue
        label = name if member or name not in member_names else f"{name} utöver medlemsbidraget"
        rows.append(NoteRow(label, values, tuple(a.number for a in accs), member=member))
    return tuple(rows)


def _account_rows(ledger: Ledger, line: L) -> tuple[NoteRow, ...]:
    """Accounts of ``line`` grouped by Benämning, in order of their first account; zero rows left out."""
    sign = display_sign(line)
    rows = []
    for name, accs in ledger.by_name(line).items():
        values = tuple(ZERO + sign * sum((value(a, c) for a in accs), ZERO) for c in YEAR_COLUMNS)
        if any(values):
            rows.append(NoteRow(name, values, tuple(a.number for a in accs)))
    return tuple(rows)
