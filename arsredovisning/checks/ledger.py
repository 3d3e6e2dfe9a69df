"""Avstämningar of the saldobalans and the statements computed from it.

Each avstämning is first a :class:`~arsredovisning.findings.Reconciliation` record (both sides,
the difference, a level or None for OK) for the kontrollrapport; the findings are derived from the
records that are not OK. The figures come computed (:class:`Financials`); nothing is recomputed here.

| id | compares | level |
|---|---|---|
| SB-BALANS | each Saldobalans column (Belopp, Föregående år, Ingående föregående år) with 0 | ≤ 1 kr varning, else fel |
| BR-BALANS | summa tillgångar with summa eget kapital, avsättningar och skulder, per year | ≤ 1 kr varning, else fel |
| KF-LIKVIDA | kassaflödesanalysens likvida medel vid årets slut with the balansräkning's | ≤ 1 kr varning, else fel |
| KF-IB | likvida medel vid årets början with föregående års slut | ≤ 1 kr varning, else fel |
| EK-UB | eget kapital at the start of a year with the previous year's closing equity | ≤ 1 kr varning, else fel |
| INS-PROJEKTMEDEL | sum of Insatser.Utfall with the insatskonton's costs | varning; info without such accounts |
"""

from __future__ import annotations

from decimal import Decimal

from ..compute.financials import Financials
from ..compute.ledger import ZERO, Ledger, LedgerColumn, is_zero, value
from ..files import WORKBOOK
from ..findings import Finding, Level, Location, Reconciliation
from ..fmt import kr
from ..model import AnnualInput, StatementLine as L

ONE_KRONA = Decimal(1)
TOLERANCE_ONE_KRONA = "ska vara 0; ±1 kr avrundning godtas som varning, mer är fel"

# The report's anchors (HTML ids of its sections, notes and tables) where figures are printed; the
# kontrollrapport turns them into page numbers of the laid-out PDF.
INCOME_STATEMENT, BALANCE_SHEET, CASH_FLOW = "resultatrakning", "balansrakning", "kassaflodesanalys"
APPENDIX_TABLES, FINANCIAL_OVERVIEW = "bilaga-3", "finansiell-oversikt"


def note_anchors(fin: Financials, line: L) -> tuple[str, ...]:
    """The anchor of the note of a statement line (``not-3``), none when the line has no note."""
    return tuple(f"not-{n.number}" for n in fin.notes if n.line is line)


def statement_source(ledger: Ledger, column: LedgerColumn) -> str:
    return f"{WORKBOOK} › Saldobalans, kolumn {column.value} (via Kontoplan)"


def check_ledger(inp: AnnualInput, fin: Financials) -> list[Finding]:
    """Findings of the avstämningar (the mapping findings come from ``compute_financials``)."""
    return [f for r in reconciliations(inp, fin) if (f := r.finding()) is not None]


def reconciliations(inp: AnnualInput, fin: Financials) -> list[Reconciliation]:
    ledger = fin.ledger
    sheet = _sheet_location(inp)
    return [
        *_trial_balance(ledger, sheet),
        *_balance_sheet(fin),
        *_equity(fin),
        *_cash(fin),
        _interventions(inp, fin),
    ]


def _tolerance(difference: Decimal) -> Level | None:
    if difference == 0:
        return None
    return Level.WARNING if abs(difference) <= ONE_KRONA else Level.ERROR


def _message(level: Level | None, agrees: str, differs: str) -> str:
    """The record's message: what was confirmed when OK, else what differs and how to fix it."""
    return agrees if level is None else differs


def _sheet_location(inp: AnnualInput) -> Location:
    file = inp.accounts[0].location.file if inp.accounts else WORKBOOK
    return Location(file, "Saldobalans")


def _column_year(ledger: Ledger, column: LedgerColumn) -> str:
    return {
        LedgerColumn.CURRENT: str(ledger.year),
        LedgerColumn.PRIOR: str(ledger.year - 1),
        LedgerColumn.OPENING_PRIOR: f"ingående balans {ledger.year - 1}",
    }[column]


def _columns(ledger: Ledger) -> tuple[LedgerColumn, ...]:
    extra = (LedgerColumn.OPENING_PRIOR,) if ledger.has_opening_prior else ()
    return (LedgerColumn.CURRENT, LedgerColumn.PRIOR) + extra


# --- SB-BALANS ---------------------------------------------------------------------------------


def _trial_balance(ledger: Ledger, sheet: Location) -> list[Reconciliation]:
    out = []
    for column in _columns(ledger):
        total = ledger.column_sum(column)
        level = _tolerance(total)
        what = f"kolumn {column.value} ({_column_year(ledger, column)})"
        if level is None:
            message = f"Saldobalansen balanserar i {what}."
        elif level is Level.WARNING:
            message = (
                f"Saldobalansens {what} summerar till {kr(total)}, inte 0. En skillnad på högst 1 kr "
                "(avrundning) godtas och siffrorna visas som de är, men balansräkningen balanserar då inte "
                "exakt. Rätta helst beloppen så att kolumnen summerar till 0."
            )
        else:
            message = (
                f"Saldobalansens {what} summerar till {kr(total)}, inte 0. Rätta beloppen så att kolumnen "
                "summerar till 0 (debet positiva, kredit negativa; ett konto saknas eller har fel tecken?)."
            )
        out.append(
            Reconciliation(
                "SB-BALANS",
                f"Saldobalansen balanserar, {what}",
                f"Summa {column.value}",
                total,
                "Noll",
                ZERO,
                level,
                message,
                sheet,
                ledger.year if column is LedgerColumn.CURRENT else ledger.year - 1,
                tolerance=TOLERANCE_ONE_KRONA,
                left_source=f"{sheet}, kolumn {column.value}",
            )
        )
    return out


def _causes(ledger: Ledger, columns: tuple[LedgerColumn, ...], equity: bool = False) -> str:
    """Known causes of a difference, as a Swedish sentence ("" when none is known)."""
    causes = []
    sums = [(c, ledger.column_sum(c)) for c in columns]
    if any(s for _, s in sums):
        listed = ", ".join(f"{c.value} {kr(s)}" for c, s in sums if s)
        causes.append(f"saldobalansen balanserar inte ({listed}; se SB-BALANS)")
    if any(not is_zero(a) for a in ledger.unmapped):
        causes.append("konton med belopp hör inte till någon rad i kontoplanen (se KONTO-EJ-MAPPAT)")
    if equity:
        causes.append("eget kapital vid årets början är inte föregående års utgående eget kapital (se EK-UB)")
    return " Orsak: " + " och ".join(causes) + "." if causes else ""


# --- BR-BALANS ---------------------------------------------------------------------------------


def _balance_sheet(fin: Financials) -> list[Reconciliation]:
    br, ledger = fin.balance_sheet, fin.ledger
    out = []
    for i, (year, column) in enumerate(zip(br.years, (LedgerColumn.CURRENT, LedgerColumn.PRIOR))):
        assets = br.value("summa_tillgangar", i)
        claims = br.value("summa_eget_kapital_avsattningar_och_skulder", i)
        level = _tolerance(assets - claims)
        message = _message(
            level,
            f"Balansräkningen {year} balanserar: {kr(assets)}.",
            f"Balansräkningen {year} balanserar inte: summa tillgångar {kr(assets)}, summa eget kapital, "
            f"avsättningar och skulder {kr(claims)}, skillnad {kr(assets - claims)}." + _causes(ledger, (column,)),
        )
        out.append(
            Reconciliation(
                "BR-BALANS",
                f"Balansräkningen balanserar {year}-12-31",
                "Summa tillgångar",
                assets,
                "Summa eget kapital, avsättningar och skulder",
                claims,
                level,
                message,
                None,
                year,
                tolerance=TOLERANCE_ONE_KRONA,
                left_source=statement_source(ledger, column),
                right_source=statement_source(ledger, column),
                left_printed=(BALANCE_SHEET,),
                right_printed=(BALANCE_SHEET,),
            )
        )
    return out


# --- EK-UB -------------------------------------------------------------------------------------


def _equity_difference(ledger: Ledger, start: LedgerColumn, before: LedgerColumn) -> Decimal:
    return ledger.opening_equity(start) - ledger.closing_equity(before)


def _equity(fin: Financials) -> list[Reconciliation]:
    ledger = fin.ledger
    pairs = [(LedgerColumn.CURRENT, LedgerColumn.PRIOR, ledger.year)]
    if ledger.has_opening_prior:
        pairs.append((LedgerColumn.PRIOR, LedgerColumn.OPENING_PRIOR, ledger.year - 1))
    accounts = ledger.accounts_of(L.EGET_KAPITAL)
    where = accounts[0].location if accounts else None
    names = ", ".join(str(a.number) for a in accounts) or "inga eget kapital-konton"
    out = []
    for start, before, year in pairs:
        opening = ledger.opening_equity(start)
        closing = ledger.closing_equity(before)
        level = _tolerance(opening - closing)
        if before is LedgerColumn.PRIOR:
            prior_text = (
                f"utgående eget kapital {year - 1} {kr(closing)} (ingående {kr(ledger.opening_equity(before))} "
                f"+ årets resultat {kr(ledger.result(before))})"
            )
        else:
            prior_text = f"eget kapital i kolumnen {before.value} {kr(closing)}"
        if level is None:
            message = f"Eget kapital vid ingången av {year} är föregående års utgående: {kr(opening)}."
        else:
            message = (
                f"Eget kapital vid ingången av {year} (konto {names}, kolumn {start.value}: {kr(opening)}) "
                f"stämmer inte med {prior_text}, skillnad {kr(opening - closing)}. Eget kapital-kontot ska "
                "innehålla årets ingående eget kapital; rätta beloppet i Saldobalans."
            )
        out.append(
            Reconciliation(
                "EK-UB",
                f"Eget kapital {year}-01-01 = utgående eget kapital {year - 1}",
                f"Ingående eget kapital {year}",
                opening,
                f"Utgående eget kapital {year - 1}",
                closing,
                level,
                message,
                where,
                year,
                tolerance=TOLERANCE_ONE_KRONA,
                left_source=f"{where or 'Saldobalans'}, kolumn {start.value}",
                right_source=statement_source(ledger, before),
                left_printed=note_anchors(fin, L.EGET_KAPITAL),
                right_printed=(BALANCE_SHEET,) if before is LedgerColumn.PRIOR else (),
            )
        )
    return out


# --- KF-LIKVIDA, KF-IB -------------------------------------------------------------------------

_PAIRS = ((LedgerColumn.CURRENT, LedgerColumn.PRIOR), (LedgerColumn.PRIOR, LedgerColumn.OPENING_PRIOR))


def _cash(fin: Financials) -> list[Reconciliation]:
    kf, ledger = fin.cash_flow, fin.ledger
    out = []
    for i, year in enumerate(kf.years):
        end, start = _PAIRS[i]
        flow_closing = kf.value("likvida_medel_ub", i)
        sheet_closing = fin.cash(i)
        diff = flow_closing - sheet_closing
        level = _tolerance(diff)
        if level is None:
            message = f"Kassaflödesanalysens likvida medel vid slutet av {year} stämmer med balansräkningen: {kr(sheet_closing)}."
        else:
            equity = _equity_difference(ledger, end, start) != 0
            unbalanced = (end, start) if ledger.column_sum(end) != ledger.column_sum(start) else ()
            message = (
                f"Kassaflödesanalysens likvida medel vid slutet av {year} ({kr(flow_closing)}) stämmer inte med "
                f"balansräkningens kassa och bank + kortfristiga placeringar ({kr(sheet_closing)}), skillnad "
                f"{kr(diff)}." + _causes(ledger, unbalanced, equity)
            )
        out.append(
            Reconciliation(
                "KF-LIKVIDA",
                f"Likvida medel vid årets slut {year}: kassaflödesanalys = balansräkning",
                "Kassaflödesanalysen, likvida medel vid årets slut",
                flow_closing,
                "Balansräkningen, kassa och bank + kortfristiga placeringar",
                sheet_closing,
                level,
                message,
                None,
                year,
                tolerance=TOLERANCE_ONE_KRONA,
                left_source=statement_source(ledger, end),
                right_source=statement_source(ledger, end),
                left_printed=(CASH_FLOW,),
                right_printed=(BALANCE_SHEET,),
            )
        )
    opening = kf.value("likvida_medel_ib", 0)
    if len(kf.years) > 1:
        right_label, right = f"Kassaflödesanalysen {kf.years[1]}, likvida medel vid årets slut", kf.value("likvida_medel_ub", 1)
    else:
        right_label = f"Balansräkningen {ledger.year - 1}, kassa och bank + kortfristiga placeringar"
        right = fin.cash(1)
    level = _tolerance(opening - right)
    message = _message(
        level,
        f"Likvida medel vid årets början {ledger.year} är föregående års utgående: {kr(opening)}.",
        f"Likvida medel vid årets början {ledger.year} ({kr(opening)}) stämmer inte med "
        f"{right_label.lower()} ({kr(right)}), skillnad {kr(opening - right)}. Se KF-LIKVIDA för {ledger.year - 1}.",
    )
    out.append(
        Reconciliation(
            "KF-IB",
            f"Likvida medel vid årets början {ledger.year} = föregående års slut",
            f"Kassaflödesanalysen {ledger.year}, likvida medel vid årets början",
            opening,
            right_label,
            right,
            level,
            message,
            None,
            ledger.year,
            tolerance=TOLERANCE_ONE_KRONA,
            left_source=statement_source(ledger, LedgerColumn.PRIOR),
            right_source=statement_source(ledger, LedgerColumn.PRIOR),
            left_printed=(CASH_FLOW,),
            right_printed=(CASH_FLOW,) if len(kf.years) > 1 else (BALANCE_SHEET,),
        )
    )
    return out


# --- INS-PROJEKTMEDEL --------------------------------------------------------------------------

PROJECT_PREFIXES = ("projektmedel", "insats")


def intervention_accounts(inp: AnnualInput, ledger: Ledger):
    """The accounts holding the insatser's costs (Förbund › Insatskonton, else by Benämning)."""
    ranges = inp.organisation.intervention_accounts
    if ranges:
        return tuple(a for a in ledger.accounts if any(a.number in r for r in ranges))
    return tuple(a for a in ledger.accounts if a.name.strip().casefold().startswith(PROJECT_PREFIXES))


def _lines_of(ledger: Ledger, accounts) -> list[L]:
    """The statement lines holding ``accounts``, in statement order."""
    numbers = {a.number for a in accounts}
    return [line for line in L if any(a.number in numbers for a in ledger.accounts_of(line))]


def _interventions(inp: AnnualInput, fin: Financials) -> Reconciliation:
    ledger = fin.ledger
    actual = sum((i.actual for i in inp.interventions), ZERO)
    accounts = intervention_accounts(inp, ledger)
    booked = sum((value(a, LedgerColumn.CURRENT) for a in accounts), ZERO)
    configured = bool(inp.organisation.intervention_accounts)
    where = inp.organisation.locations.get("Insatskonton") if configured else None
    source = "Insatskonton i bladet Förbund" if configured else 'konton vars Benämning börjar med "Projektmedel" eller "Insats"'
    listed = ", ".join(f"{a.number} {a.name}" for a in accounts)
    if not accounts:
        level = Level.INFO
        message = (
            f"Insatsernas utfall ({kr(actual)}) kan inte stämmas av mot saldobalansen: inga {source} finns. "
            "Ange kontona som Insatskonton i bladet Förbund (t.ex. 4510 eller 4500-4599)."
        )
    elif actual == booked:
        level = None
        message = f"Insatsernas utfall stämmer med {listed}: {kr(actual)}."
    else:
        level = Level.WARNING
        message = (
            f"Summan av Utfall i bladet Insatser ({kr(actual)}) skiljer sig från kostnaderna på {source} "
            f"({listed}: {kr(booked)}), skillnad {kr(actual - booked)}. Kontrollera insatsernas utfall "
            "eller vilka konton som är insatskonton."
        )
    return Reconciliation(
        "INS-PROJEKTMEDEL",
        "Insatsernas utfall = kostnader på insatskontona",
        "Summa Utfall, bladet Insatser",
        actual,
        f"Saldobalansen, {source}",
        booked,
        level,
        message,
        where,
        ledger.year,
        tolerance="ingen skillnad godtas (en skillnad är en varning)",
        left_source=f"{WORKBOOK} › Insatser, kolumn Utfall",
        right_source=f"{WORKBOOK} › Saldobalans, " + (", ".join(f"konto {a.number}" for a in accounts) or "inga konton"),
        left_printed=tuple(f"{APPENDIX_TABLES}-t{n}" for n in (3, 4)),
        right_printed=tuple(anchor for line in _lines_of(ledger, accounts) for anchor in note_anchors(fin, line)),
    )
