"""The saldobalans mapped onto statement lines: each account → exactly one StatementLine.

Signs stay as in the ledger (debit +, credit −) inside :class:`Ledger`; :func:`display_sign` gives
the factor that turns a line's ledger sum into the figure a Swedish report prints (intäkter,
eget kapital and skulder positive, kostnader negative).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from .. import cellref
from ..accounts import line_for
from ..findings import Finding, Location, error
from ..model import Account, AnnualInput, ChartRule, StatementLine as L
from ..money import ZERO
from .slugs import slugify


class LedgerColumn(str, Enum):
    """A money column of ``Saldobalans``."""

    CURRENT = "Belopp"
    PRIOR = "Föregående år"
    OPENING_PRIOR = "Ingående föregående år"
    BUDGET = "Budget"


# Statement order (lkbr.md §1.1–1.2); notes are numbered in this order.
RESULT_ORDER: tuple[L, ...] = (
    L.VERKSAMHETENS_INTAKTER,
    L.VERKSAMHETENS_KOSTNADER,
    L.AVSKRIVNINGAR,
    L.FINANSIELLA_INTAKTER,
    L.FINANSIELLA_KOSTNADER,
)
FIXED_ASSETS: tuple[L, ...] = (L.IMMATERIELLA, L.MATERIELLA, L.FINANSIELLA_ANL)
CURRENT_ASSETS: tuple[L, ...] = (L.KORTFRISTIGA_FORDRINGAR, L.KORTFRISTIGA_PLACERINGAR, L.KASSA_OCH_BANK)
LIABILITIES: tuple[L, ...] = (L.LANGFRISTIGA_SKULDER, L.KORTFRISTIGA_SKULDER)
BALANCE_ORDER: tuple[L, ...] = FIXED_ASSETS + CURRENT_ASSETS + (L.EGET_KAPITAL, L.AVSATTNINGAR) + LIABILITIES
ASSETS = frozenset(FIXED_ASSETS + CURRENT_ASSETS)
CASH = (L.KORTFRISTIGA_PLACERINGAR, L.KASSA_OCH_BANK)  # likvida medel (RKR 16.2)


def display_sign(line: L) -> int:
    """+1 for asset lines, −1 for result, equity, provision and liability lines."""
    return 1 if line in ASSETS else -1


def line_key(line: L) -> str:
    """Stable ascii key of a statement line: ``Kassa och bank`` → ``kassa_och_bank``."""
    return slugify(line.value, "_")


def value(account: Account, column: LedgerColumn) -> Decimal:
    """The account's amount in ``column``; a blank (None) counts as 0."""
    v = {
        LedgerColumn.CURRENT: account.amount,
        LedgerColumn.PRIOR: account.prior,
        LedgerColumn.OPENING_PRIOR: account.opening_prior,
        LedgerColumn.BUDGET: account.budget,
    }[column]
    return ZERO if v is None else v


def is_zero(account: Account) -> bool:
    """True when the account is 0 (or blank) in every column."""
    return all(value(account, c) == 0 for c in LedgerColumn)


@dataclass(frozen=True)
class Ledger:
    """The saldobalans with each mapped account's statement line. Ledger signs throughout."""

    year: int
    accounts: tuple[Account, ...]  # every row of Saldobalans, in account-number order
    lines: dict[int, L] = field(compare=False, hash=False)  # account number → line (mapped accounts only)
    has_opening_prior: bool = False
    has_budget: bool = False

    @property
    def unmapped(self) -> tuple[Account, ...]:
        return tuple(a for a in self.accounts if a.number not in self.lines)

    def accounts_of(self, line: L) -> tuple[Account, ...]:
        return tuple(a for a in self.accounts if self.lines.get(a.number) is line)

    def by_name(self, line: L) -> dict[str, tuple[Account, ...]]:
        """The line's accounts grouped by Benämning, in order of each name's first account."""
        groups: dict[str, list[Account]] = {}
        for acc in self.accounts_of(line):
            groups.setdefault(acc.name, []).append(acc)
        return {name: tuple(accs) for name, accs in groups.items()}

    def total(self, line: L, column: LedgerColumn) -> Decimal:
        """Ledger-sign sum of the line's accounts in ``column``."""
        return sum((value(a, column) for a in self.accounts_of(line)), ZERO)

    def shown(self, line: L, column: LedgerColumn) -> Decimal:
        """The line's figure as the statement prints it (see :func:`display_sign`)."""
        total = self.total(line, column)
        return total if display_sign(line) > 0 else ZERO - total  # no "−0"

    def result(self, column: LedgerColumn) -> Decimal:
        """Årets resultat in ``column``, displayed sign (surplus positive)."""
        return sum((self.shown(line, column) for line in RESULT_ORDER), ZERO)

    def opening_equity(self, column: LedgerColumn) -> Decimal:
        """The eget kapital accounts (opening equity of the column's year), displayed sign."""
        return self.shown(L.EGET_KAPITAL, column)

    def closing_equity(self, column: LedgerColumn) -> Decimal:
        return self.opening_equity(column) + self.result(column)

    def cash(self, column: LedgerColumn) -> Decimal:
        """Likvida medel: Kassa och bank + Kortfristiga placeringar."""
        return sum((self.shown(line, column) for line in CASH), ZERO)

    def mapped_sum(self, column: LedgerColumn) -> Decimal:
        """Ledger sum of the mapped accounts (0 for a balanced, fully mapped column)."""
        return sum((value(a, column) for a in self.accounts if a.number in self.lines), ZERO)

    def column_sum(self, column: LedgerColumn) -> Decimal:
        """Ledger sum of every account (what SB-BALANS checks)."""
        return sum((value(a, column) for a in self.accounts), ZERO)

    def is_used(self, line: L, columns: tuple[LedgerColumn, ...] = (LedgerColumn.CURRENT, LedgerColumn.PRIOR)) -> bool:
        """True when any account of the line is non-zero in ``columns`` (the line is shown and gets a note)."""
        return any(value(a, c) != 0 for a in self.accounts_of(line) for c in columns)


def map_accounts(inp: AnnualInput) -> tuple[Ledger, list[Finding]]:
    """Map each account through ``inp.chart``.

    A non-zero account in no range is ``KONTO-EJ-MAPPAT`` (fel); one in several ranges is
    ``KONTO-DUBBEL-MAPPNING`` (fel, one finding per set of overlapping Kontoplan rows) and is
    provisionally mapped by the first of them so the other checks can still run. Accounts that are
    0 in every column may stay unmapped or overlap without a finding.
    """
    findings: list[Finding] = []
    lines: dict[int, L] = {}
    overlaps: dict[tuple[ChartRule, ...], list[Account]] = {}
    accounts = tuple(sorted(inp.accounts, key=lambda a: a.number))
    for acc in accounts:
        rules = line_for(acc.number, inp.chart)
        if rules:
            lines[acc.number] = rules[0].line
        if is_zero(acc):
            continue
        if not rules:
            findings.append(_unmapped(acc, inp.chart_is_default))
        elif len(rules) > 1:
            overlaps.setdefault(tuple(rules), []).append(acc)
    for overlapping, accs in overlaps.items():
        findings.append(_overlap(overlapping, accs))
    ledger = Ledger(inp.organisation.year, accounts, lines, inp.has_opening_prior, inp.has_budget)
    return ledger, findings


def _unmapped(acc: Account, default_chart: bool) -> Finding:
    where = "den inbyggda kontoplanen" if default_chart else "bladet Kontoplan"
    fix = (
        "Lägg till bladet Kontoplan med ett intervall som täcker kontot, eller boka om beloppet."
        if default_chart
        else "Lägg till ett intervall (Från, Till, Rad) som täcker kontot, eller boka om beloppet."
    )
    return error(
        "KONTO-EJ-MAPPAT",
        f"Konto {acc.number} {acc.name} har belopp men hör inte till någon rad i {where}. {fix}",
        acc.location,
    )


def _overlap(rules: tuple[ChartRule, ...], accs: list[Account]) -> Finding:
    names = ", ".join(f"{a.number} {a.name}" for a in accs)
    noun = "Kontot" if len(accs) == 1 else "Kontona"
    rows = " och ".join(_rule_text(r) for r in rules)
    return error(
        "KONTO-DUBBEL-MAPPNING",
        f"{noun} {names} täcks av flera rader i Kontoplan: {rows}. "
        "Ändra intervallen så att varje konto hör till exakt en rad.",
        accs[0].location,
    )


def _rule_text(rule: ChartRule) -> str:
    row = _row_number(rule.location)
    where = f"rad {row} " if row else ""
    return f"{where}({rule.start}–{rule.end} {rule.line.value})"


def _row_number(loc: Location | None) -> int | None:
    if loc is None:
        return None
    return loc.line if loc.line is not None else cellref.row_of(loc.cell)
