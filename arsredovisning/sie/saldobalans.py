"""A SIE file as the rows of the ``Saldobalans`` sheet (debit +, credit −, as SIE writes them).

Belopp is ``#UB 0`` for a balance account and ``#RES 0`` for a result account; Föregående år the
same for year −1; Ingående föregående år is ``#IB -1`` (balance accounts only; 0 for an account
the file leaves out when it has other ``#IB -1`` records, empty when it has none). Whether an account
is a balance or a result account: its ``#KTYP`` (T, S = balance; K, I = result) when given, else
whether the file has ``#RES`` or ``#UB``/``#IB`` for it, else its number (below 3000 = balance, as
in both BAS charts). Accounts that are zero in every column are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..accounts import above_balance_classes
from ..model import AccountFigures
from .reader import Amount, SieFile

ZERO = Decimal("0.00")
ZERO_AMOUNT = Amount(ZERO, 0)  # a balance the file leaves out is 0 (SIE 4B, "När saldon saknas")


@dataclass(frozen=True)
class SaldobalansRow(AccountFigures):
    """An account of the file as its row of the Saldobalans sheet (``opening_prior`` None for a result account)."""

    is_result: bool
    named: bool  # False: the file has no #KONTO for it


def is_result_account(sie: SieFile, account: int) -> bool:
    kind = sie.account_types.get(account)
    if kind in ("T", "S"):
        return False
    if kind in ("K", "I"):
        return True
    if any((y, account) in sie.results for y in (0, -1)):
        return True
    if any((y, account) in store for store in (sie.closing, sie.opening) for y in (0, -1)):
        return False
    return above_balance_classes(account)


def balance_accounts(sie: SieFile) -> list[int]:
    """Every account with a balance or result for this year or the year before."""
    return sorted({acc for store in (sie.opening, sie.closing, sie.results) for (y, acc) in store if y in (0, -1)})


def year_value(sie: SieFile, account: int, year: int) -> Decimal:
    store = sie.results if is_result_account(sie, account) else sie.closing
    found = store.get((year, account))
    return found.value if found else ZERO


def saldobalans_rows(sie: SieFile) -> list[SaldobalansRow]:
    rows = []
    has_opening_prior = any(y == -1 for (y, _) in sie.opening)
    for account in balance_accounts(sie):
        result = is_result_account(sie, account)
        opening = None if result or not has_opening_prior else sie.opening.get((-1, account), ZERO_AMOUNT)
        row = SaldobalansRow(
            account,
            sie.accounts[account].name if account in sie.accounts else f"Konto {account}",
            year_value(sie, account, 0),
            year_value(sie, account, -1),
            None if opening is None else opening.value,
            result,
            account in sie.accounts,
        )
        if row.amount or row.prior or row.opening_prior:
            rows.append(row)
    return rows


def year_sum(sie: SieFile, year: int) -> Decimal:
    """Σ #UB (balance accounts) + Σ #RES (result accounts) of one year: 0 in a balanced file."""
    return sum((year_value(sie, a, year) for a in balance_accounts(sie)), ZERO)


def year_result(sie: SieFile, year: int) -> Decimal:
    """The year's result as a surplus (positive = överskott): −Σ #RES."""
    return -sum((a.value for (y, acc), a in sie.results.items() if y == year and is_result_account(sie, acc)), ZERO)
