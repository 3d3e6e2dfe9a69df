"""Bookkeeping checks of a SIE file, as findings with file › line.

- ``#RAR 0`` must be a calendar year (a förbund's räkenskapsår is the calendar year) and the
  årsmapp's Räkenskapsår;
- each year's #UB + #RES nets to 0; when the difference is the prior year's result, the result
  was not booked to eget kapital, which the message says, with what to do;
- ``#IB 0`` of every balance account equals its ``#UB -1``;
- with ``#TRANS`` rows: per account #IB 0 + Σ #TRANS = #UB 0 (balance) or Σ #TRANS = #RES 0 (result);
- balances of accounts that have no ``#KONTO``.

The difference is never "balanced" away: the import writes the figures as they are.
"""

from __future__ import annotations

from decimal import Decimal

from .. import fmt
from ..accounts import EQUITY_ACCOUNTS
from ..findings import Finding, Location, error, info, warning
from .reader import SieFile
from .saldobalans import ZERO, balance_accounts, is_result_account, year_result, year_sum

EQUITY = EQUITY_ACCOUNTS  # eget kapital in both BAS charts

FINDINGS: dict[str, str] = {
    "SIE-RAR-BRUTET": "räkenskapsåret i SIE-filen är inte ett kalenderår (brutet räkenskapsår)",
    "SIE-RAR-AR": "räkenskapsåret i SIE-filen är inte årsmappens Räkenskapsår",
    "SIE-RAR-FOREG": "SIE-filen saknar föregående år (#RAR -1): Föregående år blir 0",
    "SIE-SALDON-SAKNAS": "SIE-filen har inga utgående balanser eller resultat för året",
    "SIE-BALANS": "årets #UB och #RES summerar inte till 0",
    "SIE-IB-UB": "ingående balans (#IB 0) skiljer sig från föregående års utgående balans (#UB -1)",
    "SIE-TRANS": "ingående balans plus verifikationerna ger inte utgående balans (eller resultat) för kontot",
    "SIE-KONTO-OKAND": "saldo för ett konto som saknar #KONTO-post",
}


def _kr(value: Decimal) -> str:
    return fmt.kr(value)


def check_sie(sie: SieFile, year: int | None) -> list[Finding]:
    """``year``: the årsmapp's Räkenskapsår (None for a new årsmapp)."""
    out = _year(sie, year)
    if any(f.level.value == "fel" for f in out):
        return out
    if not any(y == 0 for (y, _) in (*sie.closing, *sie.results)):
        return out + [error("SIE-SALDON-SAKNAS", "Filen har inga utgående balanser (#UB 0) eller resultat (#RES 0) för räkenskapsåret: den är troligen en importfil med bara verifikationer (typ 4I). Exportera SIE typ 4 (4E) från bokföringsprogrammet.", Location(sie.name))]
    for index in (0, -1):
        if index in sie.years or index == 0:
            out += _balanced(sie, index)
    out += _opening(sie)
    out += _transactions(sie)
    out += _unknown(sie)
    return out


def _year(sie: SieFile, year: int | None) -> list[Finding]:
    current = sie.years.get(0)
    if current is None:
        return []  # the reader reported SIE-RAR-SAKNAS
    where = Location(sie.name, line=current.line)
    period = f"{current.start.isoformat()}–{current.end.isoformat()}"
    if not current.is_calendar_year:
        return [error("SIE-RAR-BRUTET", f"Räkenskapsåret i filen är {period}, ett brutet räkenskapsår. Ett samordningsförbunds räkenskapsår är kalenderåret (1 januari–31 december). Exportera kalenderåret ur bokföringsprogrammet; inget har skrivits.", where)]
    if year is not None and current.start.year != year:
        return [error("SIE-RAR-AR", f"Filen gäller räkenskapsåret {current.start.year}, men årsmappens Räkenskapsår är {year}. Välj SIE-filen för {year}, eller importera till årsmappen för {current.start.year}; inget har skrivits.", where)]
    prior = sie.years.get(-1)
    if prior is None:
        return [info("SIE-RAR-FOREG", "Filen har inget föregående år (#RAR -1): kolumnerna Föregående år och Ingående föregående år blir tomma (0).", where)]
    return []


def _balanced(sie: SieFile, index: int) -> list[Finding]:
    diff = year_sum(sie, index)
    if diff == ZERO:
        return []
    fy = sie.years.get(index)
    where = Location(sie.name, line=fy.line if fy else None)
    label = f"{fy.start.year}" if fy else ("räkenskapsåret" if index == 0 else "föregående år")
    prior_result = year_result(sie, index - 1) if (index - 1) in sie.years else None
    text = f"Utgående balanser (#UB {index}) och resultat (#RES {index}) för {label} summerar till {_kr(diff)}, inte 0."
    if prior_result is not None and prior_result != ZERO and diff == prior_result:
        text += (f" Skillnaden är lika med föregående års resultat ({_kr(prior_result)}): föregående års resultat är inte bokfört mot eget kapital. "
                 "Boka föregående års resultat mot eget kapital (t.ex. konto 2080/2099) i bokföringsprogrammet, eller gör årsskiftet/bokslutet klart, och exportera filen igen.")
    else:
        text += " Troligen saknas en verifikation eller ingående balans, eller filen är ändrad för hand. Rätta i bokföringsprogrammet och exportera filen igen."
    text += " Saldona importeras som de är; kontrollera och bygg stoppar tills saldobalansen balanserar."
    return [warning("SIE-BALANS", text, where)]


def _opening(sie: SieFile) -> list[Finding]:
    """#IB 0 against #UB -1 per balance account. The year-end transfer of the prior year's result
    into eget kapital (accounts 2000–2099) is a difference the standard expects: equity accounts
    are not reported when all differences together equal the prior year's result."""
    if -1 not in sie.years or not any(y == 0 for (y, _) in sie.opening):
        return []  # no prior year, or a file without opening balances: nothing to compare
    diffs: dict[int, tuple[Decimal, Decimal, int]] = {}
    for account in balance_accounts(sie):
        if is_result_account(sie, account):
            continue
        ib = sie.opening.get((0, account))
        ub = sie.closing.get((-1, account))
        a = ib.value if ib else ZERO
        b = ub.value if ub else ZERO
        if a != b:
            diffs[account] = (a, b, ib.line if ib else ub.line if ub else 0)
    booked = -year_result(sie, -1)  # Σ #RES -1: what the transfer moves into eget kapital
    total = sum((a - b for a, b, _ in diffs.values()), ZERO)
    transferred = total == booked  # the prior result went into eget kapital: equity may differ
    out = []
    for account, (a, b, line) in diffs.items():
        if transferred and account in EQUITY:
            continue
        out.append(warning("SIE-IB-UB", f"Konto {account}: ingående balans {_kr(a)} (#IB 0) är inte föregående års utgående balans {_kr(b)} (#UB -1), skillnad {_kr(a - b)}. Kontrollera årsskiftet (ingående balanser) i bokföringsprogrammet.", Location(sie.name, line=line)))
    return out


def _transactions(sie: SieFile) -> list[Finding]:
    if not sie.transaction_count:
        return []
    out = []
    for account in sorted(set(balance_accounts(sie)) | set(sie.transactions)):
        moved = sie.transactions.get(account, ZERO)
        if is_result_account(sie, account):
            start, end = ZERO, sie.results.get((0, account))
            what = "resultatet (#RES 0)"
        else:
            ib = sie.opening.get((0, account))
            start, end = (ib.value if ib else ZERO), sie.closing.get((0, account))
            what = "utgående balansen (#UB 0)"
        expected = end.value if end else ZERO
        if start + moved != expected:
            line = end.line if end else None
            out.append(warning("SIE-TRANS", f"Konto {account}: ingående balans {_kr(start)} plus verifikationerna {_kr(moved)} ger {_kr(start + moved)}, men {what} är {_kr(expected)} (skillnad {_kr(expected - start - moved)}). Filen saknar verifikationer eller saldona är inaktuella; exportera igen.", Location(sie.name, line=line)))
    return out


def _unknown(sie: SieFile) -> list[Finding]:
    out = []
    for account in balance_accounts(sie):
        if account not in sie.accounts:
            lines = [a.line for store in (sie.opening, sie.closing, sie.results) for (y, acc), a in store.items() if acc == account]
            out.append(warning("SIE-KONTO-OKAND", f"Konto {account} har saldon men ingen #KONTO-post, så det saknar namn. Det importeras som ”Konto {account}”; skriv in rätt Benämning i Saldobalans.", Location(sie.name, line=min(lines))))
    return out
