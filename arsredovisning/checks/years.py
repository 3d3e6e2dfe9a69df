"""Checks between years: this year's comparison columns against last year's report, per account.

| id | compares | level |
|---|---|---|
| AR-FOREG-BELOPP | this year's Föregående år with last year's Belopp | varning |
| AR-FOREG-INGAENDE | this year's Ingående föregående år with last year's opening balance (balance accounts) | varning |
| AR-FOREG-ORGNR | the organisationsnummer of both years (the other checks are left out when they differ) | varning |
| AR-TEXT-SAMMA | a yearly text with last year's, word for word (a draft copied by ``ny --fran``) | varning |

Last year is its published JSON export when there is one, otherwise its årsmapp (``history.py``);
the checks run only when last year is known (``Report.history.previous``) and has a saldobalans.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ..compute import Report
from ..compute.years import LedgerRow, YearFigures, is_balance, opening_balance, text_digests
from ..files import WORKBOOK
from ..findings import Finding, Location, warning
from ..fmt import kr
from ..load.schema import SALDOBALANS
from ..model import Account, AnnualInput, StatementLine
from ..money import ZERO

FINDINGS: dict[str, str] = {
    "AR-FOREG-BELOPP": "Föregående år för ett konto skiljer sig från Belopp i förra årets årsredovisning",
    "AR-FOREG-INGAENDE": "Ingående föregående år för ett konto skiljer sig från förra årets ingående saldo",
    "AR-FOREG-ORGNR": "förra årets årsredovisning gäller ett annat organisationsnummer",
    "AR-TEXT-SAMMA": "en text som beskriver året är oförändrad sedan förra året (kopierad som utkast av ny --fran)",
}

# Texts that describe the year: left as last year wrote them they are almost certainly a forgotten draft.
# (redovisningsprinciper, uppdraget and organisation may well stay the same.)
YEARLY_TEXTS = ("presidiet", "forvaltningsberattelse", "beslut")

PRIOR, OPENING = "Föregående år", "Ingående föregående år"


def check_years(report: Report) -> list[Finding]:
    last = report.history.previous if report.history is not None else None
    if last is None or report.financials is None:
        return []
    inp = report.inp
    if last.org_number != inp.organisation.org_number:
        return [warning("AR-FOREG-ORGNR", f"{last.source} gäller organisationsnummer {last.org_number}, men årsmappen "
                        f"{inp.organisation.org_number}; åren jämförs inte. Ange rätt föregående årsmapp.",
                        inp.organisation.locations.get("Organisationsnummer"))]
    findings = _unchanged_texts(inp, last)
    if not last.accounts:
        return findings
    lines = report.financials.ledger.lines
    this_year = {a.number: a for a in inp.accounts}
    last_year = {a.number: a for a in last.accounts}
    unread = _unread_rows(inp)
    for number in sorted({*this_year, *last_year}):
        acc, old = this_year.get(number), last_year.get(number)
        if acc is None and (unread is None or number in unread):
            continue  # the row is in the sheet but could not be read (its own fel says why): nothing to compare
        findings += _prior(inp, last, number, acc, old)
        line = lines.get(number) or (old.line if old else None)
        if inp.has_opening_prior and is_balance(line):
            findings += _opening(inp, last, number, acc, old)
    return findings


def _unread_rows(inp: AnnualInput) -> set[int] | None:
    """The Konto of every Saldobalans row left out because a cell of it could not be read (an empty
    Belopp straight after ``ny --fran``); None when such a row's Konto itself cannot be told."""
    numbers: set[int] = set()
    for u in inp.unusable_in(SALDOBALANS):
        name = (u.row_name or "").strip()
        if not name.isdigit():
            return None
        numbers.add(int(name))
    return numbers


def _unchanged_texts(inp: AnnualInput, last: YearFigures) -> list[Finding]:
    mine = text_digests(inp)
    out = []
    for text in inp.texts:
        yearly = text.key in YEARLY_TEXTS or text.key.startswith("insatser/") and text.key != "insatser/README"
        if yearly and last.texts.get(text.key) == mine[text.key]:
            out.append(warning("AR-TEXT-SAMMA", f"Texten är densamma som i årsredovisningen {last.year}. Skriv om den för "
                               f"{inp.organisation.year}, eller ändra den medvetet så att det syns att den är granskad.",
                               text.location))
    return out


def _cell(inp: AnnualInput, acc: Account | None, column: str) -> Location:
    """The account's cell in ``column`` of this year's Saldobalans (the sheet when the row is missing)."""
    copy = next((c for c in inp.sheet_copies if c.name == "Saldobalans"), None)
    letter = copy.columns.get(column) if copy else None
    if acc is None:
        file = inp.accounts[0].location.file if inp.accounts else str(Path(inp.folder) / WORKBOOK)
        return Location(file, "Saldobalans")
    row = "".join(ch for ch in (acc.location.cell or "") if ch.isdigit())
    return acc.location.at(f"{letter}{row}") if letter and row else acc.location


def _here(inp: AnnualInput, where: Location) -> str:
    """This year's cell with the årsmapp's path, so that the message names both files in full."""
    return str(Location(str(Path(inp.folder) / WORKBOOK), where.sheet, where.cell))


def _name(acc: Account | None, old: LedgerRow | None) -> str:
    return acc.name if acc else old.name if old else ""


def _where(last: YearFigures, at: Location | None) -> str:
    return str(at) if at is not None else last.source


def _what(last: YearFigures) -> str:
    return "förra årets publicerade JSON-export" if last.published else "förra årets arbetsbok"


def _prior(inp: AnnualInput, last: YearFigures, number: int, acc: Account | None, old: LedgerRow | None) -> list[Finding]:
    here = acc.prior if acc else ZERO
    there = old.amount if old else ZERO
    if here == there:
        return []
    year = inp.organisation.year
    where = _cell(inp, acc, PRIOR)
    return [warning(
        "AR-FOREG-BELOPP",
        f"Konto {number} {_name(acc, old)}: Föregående år är {kr(here)} i {_here(inp, where)}, men Belopp {year - 1} är "
        f"{kr(there)} i {_where(last, old.amount_at if old else None)} ({_what(last)}); skillnad {kr(here - there)}. "
        f"Skriv förra årets belopp i Föregående år{'' if acc else ' (lägg till kontot i Saldobalans)'}, "
        "eller förklara skillnaden för revisorerna.",
        where,
    )]


def _opening(inp: AnnualInput, last: YearFigures, number: int, acc: Account | None, old: LedgerRow | None) -> list[Finding]:
    here: Decimal = acc.opening_prior if acc is not None and acc.opening_prior is not None else ZERO
    there = opening_balance(old) if old else ZERO
    if here == there:
        return []
    year = inp.organisation.year
    where = _cell(inp, acc, OPENING)
    equity = old is not None and old.line is StatementLine.EGET_KAPITAL
    column, at = ("Belopp", old.amount_at) if old is not None and equity else ("Föregående år", old.prior_at if old else None)
    return [warning(
        "AR-FOREG-INGAENDE",
        f"Konto {number} {_name(acc, old)}: Ingående föregående år är {kr(here)} i {_here(inp, where)}, men ingående saldo "
        f"{year - 1} är {kr(there)} ({column} i {_where(last, at)}, {_what(last)}); skillnad "
        f"{kr(here - there)}. Skriv förra årets ingående saldo i Ingående föregående år, eller förklara skillnaden "
        "för revisorerna.",
        where,
    )]
