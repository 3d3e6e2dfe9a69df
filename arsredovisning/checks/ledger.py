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

from .. import anchors
from ..anchors import Anchor
from ..accounts import EQUITY_ACCOUNTS, RESULT_ACCOUNTS
from ..compute.financials import Financials
from ..compute.ledger import ZERO, Ledger, LedgerColumn, is_zero, value
from ..compute.lines import BALANCE, CASH_FLOW as CASH_FLOW_STATEMENT, StatementKey as K
from ..files import WORKBOOK
from ..findings import Finding, Level, Location, Reconciliation, Side, Tolerance, key_of
from ..fmt import kr
from ..model import Account, AnnualInput, StatementLine as L
from .declaration import (ONE_KRONA, Accounts, Check, ColumnSum, Constant, LineShown, Plus, StatementCell, YearResult,
                          findings_of)

SB_BALANS = Check("SB-BALANS", "En kolumn i Saldobalans summerar inte till 0.", ONE_KRONA)
BR_BALANS = Check("BR-BALANS", "Balansräkningen balanserar inte.", ONE_KRONA)
KF_LIKVIDA = Check("KF-LIKVIDA", "Kassaflödesanalysens likvida medel stämmer inte med balansräkningen.", ONE_KRONA)
KF_IB = Check("KF-IB", "Likvida medel vid årets början är inte föregående års utgående.", ONE_KRONA)
EK_UB = Check("EK-UB", "Eget kapital vid årets början är inte föregående års utgående eget kapital.", ONE_KRONA)
INS_PROJEKTMEDEL = Check("INS-PROJEKTMEDEL", "Insatsernas utfall stämmer inte med kostnaderna på insatskontona.",
                         Tolerance("ingen skillnad godtas (en skillnad är en varning)"))
FINDINGS: dict[str, str] = findings_of(SB_BALANS, BR_BALANS, KF_LIKVIDA, KF_IB, EK_UB, INS_PROJEKTMEDEL)

# The report's anchors (HTML ids of its sections, notes and tables) where figures are printed; the
# kontrollrapport turns them into page numbers of the laid-out PDF.
# (declared in anchors.py).
INCOME_STATEMENT, BALANCE_SHEET, CASH_FLOW = Anchor.INCOME_STATEMENT, Anchor.BALANCE_SHEET, Anchor.CASH_FLOW
APPENDIX_TABLES, FINANCIAL_OVERVIEW = Anchor.APPENDIX_TABLES, Anchor.FINANCIAL_OVERVIEW


def note_anchors(fin: Financials, line: L) -> tuple[str, ...]:
    """The anchor of the note of a statement line (``not-3``), none when the line has no note."""
    return tuple(anchors.note(n.number) for n in fin.notes if n.line is line)


def statement_source(ledger: Ledger, column: LedgerColumn) -> str:
    return f"{WORKBOOK} › Saldobalans, kolumn {column.value} (via Kontoplan)"


def check_ledger(inp: AnnualInput, fin: Financials) -> list[Finding]:
    """Findings of the avstämningar (the mapping findings come from ``compute_financials``)."""
    return [f for r in reconciliations(inp, fin) if (f := r.finding()) is not None]


def reconciliations(inp: AnnualInput, fin: Financials) -> list[Reconciliation]:
    ledger = fin.ledger
    sheet = saldobalans_location(fin.ledger)
    return [
        *_trial_balance(ledger, sheet),
        *_balance_sheet(fin, sheet),
        *_equity(fin, sheet),
        *_cash(fin, sheet),
        _interventions(inp, fin, sheet),
    ]


def _message(level: Level | None, agrees: str, differs: str) -> str:
    """The record's message: what was confirmed when OK, else what differs and how to fix it."""
    return agrees if level is None else differs


def saldobalans_location(ledger: Ledger) -> Location:
    """Where the avstämningar of figures computed from the saldobalans point: its sheet, in the
    workbook the accounts were read from (indata.xlsx or indata.ods)."""
    file = next((a.location.file for a in ledger.accounts if a.location is not None), WORKBOOK)
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
        level = SB_BALANS.level(total, ZERO)
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
            SB_BALANS.record(
                f"Saldobalansen balanserar, {what}",
                f"Summa {column.value}",
                total,
                "Noll",
                ZERO,
                message,
                sheet,
                ledger.year if column is LedgerColumn.CURRENT else ledger.year - 1,
                left_at=ColumnSum("Saldobalans", column.value),
                right_at=Constant(ZERO),
                about=column.value,
                left_source=f"{sheet}, kolumn {column.value}",
            )
        )
    return out


# --- causes: the earlier findings that explain a reconciliation's difference -------------------


def _imbalance(ledger: Ledger, column: LedgerColumn) -> tuple[Decimal, str, str] | None:
    """SB-BALANS of ``column`` as a cause: (its sum, its key, a Swedish clause), None when it balances."""
    total = ledger.column_sum(column)
    if total == 0:
        return None
    return total, key_of("SB-BALANS", about=column.value), f"saldobalansens kolumn {column.value} summerar till {kr(total)} i stället för 0 (SB-BALANS)"


def _unmapped_causes(ledger: Ledger, columns: tuple[LedgerColumn, ...]) -> list[tuple[Account, str, str]]:
    """KONTO-EJ-MAPPAT for the accounts with an amount in ``columns``: (account, key, clause)."""
    out = []
    for a in ledger.unmapped:
        amounts = [(c, value(a, c)) for c in columns if value(a, c) != 0]
        if amounts:
            listed = ", ".join(f"{c.value} {kr(v)}" for c, v in amounts)
            out.append((a, key_of("KONTO-EJ-MAPPAT", a.location), f"konto {a.number} {a.name} ({listed}) inte hör till någon rad i kontoplanen och inte räknas med (KONTO-EJ-MAPPAT)"))
    return out


def _because(clauses: list[str]) -> str:
    return clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + " och " + clauses[-1]


def _fix_first(n: int, consequence: str) -> str:
    it = "det" if n == 1 else "dem"
    return f" Rätta {it} först, så {consequence}; inget annat belopp behöver ändras för den här skillnaden."


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


def _balance_sheet(fin: Financials, sheet: Location) -> list[Reconciliation]:
    """Summa tillgångar = summa eget kapital, avsättningar och skulder, per year; located at the
    Saldobalans sheet, whose amounts the balansräkning is computed from."""
    br, ledger = fin.balance_sheet, fin.ledger
    out = []
    for i, (year, column) in enumerate(zip(br.years, (LedgerColumn.CURRENT, LedgerColumn.PRIOR))):
        assets = br.value(K.SUMMA_TILLGANGAR, i)
        claims = br.value(K.SUMMA_EGET_KAPITAL_AVSATTNINGAR_OCH_SKULDER, i)
        level = BR_BALANS.level(assets, claims)
        differs = (f"Balansräkningen {year} balanserar inte: summa tillgångar {kr(assets)}, summa eget kapital, "
                   f"avsättningar och skulder {kr(claims)}, skillnad {kr(assets - claims)}.")
        # The difference is the ledger sum of the mapped accounts: the column's sum less the unmapped ones.
        imbalance = _imbalance(ledger, column)
        unmapped = _unmapped_causes(ledger, (column,))
        causes = ([imbalance] if imbalance else []) + unmapped
        explained = (imbalance[0] if imbalance else ZERO) - sum((value(a, column) for a, _, _ in unmapped), ZERO)
        caused_by: tuple[str, ...] = ()
        if level is not None and causes and explained == assets - claims:
            caused_by = tuple(c[1] for c in causes)
            differs += (f" Skillnaden följer helt av att {_because([c[2] for c in causes])}."
                        + _fix_first(len(causes), "balanserar balansräkningen"))
        elif level is not None:
            differs += _causes(ledger, (column,))
        message = _message(level, f"Balansräkningen {year} balanserar: {kr(assets)}.", differs)
        out.append(
            BR_BALANS.record(
                f"Balansräkningen balanserar {year}-12-31",
                "Summa tillgångar",
                assets,
                "Summa eget kapital, avsättningar och skulder",
                claims,
                message,
                sheet,
                year,
                left_at=StatementCell(BALANCE, K.SUMMA_TILLGANGAR, i),
                right_at=StatementCell(BALANCE, K.SUMMA_EGET_KAPITAL_AVSATTNINGAR_OCH_SKULDER, i),
                caused_by=caused_by,
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


def _equity(fin: Financials, sheet: Location) -> list[Reconciliation]:
    ledger = fin.ledger
    pairs = [(LedgerColumn.CURRENT, LedgerColumn.PRIOR, ledger.year)]
    if ledger.has_opening_prior:
        pairs.append((LedgerColumn.PRIOR, LedgerColumn.OPENING_PRIOR, ledger.year - 1))
    accounts = ledger.accounts_of(L.EGET_KAPITAL)
    where = accounts[0].location if accounts else sheet
    names = ", ".join(str(a.number) for a in accounts) or "inga eget kapital-konton"
    out = []
    for start, before, year in pairs:
        opening = ledger.opening_equity(start)
        closing = ledger.closing_equity(before)
        level = EK_UB.level(opening, closing)
        if before is LedgerColumn.PRIOR:
            prior_text = (
                f"utgående eget kapital {year - 1} {kr(closing)} (ingående {kr(ledger.opening_equity(before))} "
                f"+ årets resultat {kr(ledger.result(before))})"
            )
        else:
            prior_text = f"eget kapital i kolumnen {before.value} {kr(closing)}"
        caused_by: tuple[str, ...] = ()
        if level is None:
            message = f"Eget kapital vid ingången av {year} är föregående års utgående: {kr(opening)}."
        else:
            message = (
                f"Eget kapital vid ingången av {year} (konto {names}, kolumn {start.value}: {kr(opening)}) "
                f"stämmer inte med {prior_text}, skillnad {kr(opening - closing)}."
            )
            causes, rest = _equity_causes(ledger, start, before, opening - closing)
            if causes and rest == 0:
                caused_by = tuple(c[1] for c in causes)
                message += (f" Skillnaden förklaras helt av att {_because([c[2] for c in causes])}."
                            + _fix_first(len(causes), "stämmer eget kapital"))
            elif causes:
                caused_by = tuple(c[1] for c in causes)
                left = f" ({kr(rest)} om de rättas)" if all(c[0] is not None for c in causes) else ""
                message += (f" En del av skillnaden kan bero på att {_because([c[2] for c in causes])}; rätta "
                            f"{'det' if len(causes) == 1 else 'dem'} först. Finns en skillnad kvar{left}, kontrollera "
                            "att eget kapital-kontot innehåller årets ingående eget kapital.")
            else:
                message += " Eget kapital-kontot ska innehålla årets ingående eget kapital; rätta beloppet i Saldobalans."
        out.append(
            EK_UB.record(
                f"Eget kapital {year}-01-01 = utgående eget kapital {year - 1}",
                f"Ingående eget kapital {year}",
                opening,
                f"Utgående eget kapital {year - 1}",
                closing,
                message,
                where,
                year,
                left_at=LineShown(L.EGET_KAPITAL, start),
                right_at=Plus((LineShown(L.EGET_KAPITAL, before), YearResult(before))),
                caused_by=caused_by,
                left_source=f"{where or 'Saldobalans'}, kolumn {start.value}",
                right_source=statement_source(ledger, before),
                left_printed=note_anchors(fin, L.EGET_KAPITAL),
                right_printed=(BALANCE_SHEET,) if before is LedgerColumn.PRIOR else (),
            )
        )
    return out




def _equity_causes(ledger: Ledger, start: LedgerColumn, before: LedgerColumn, difference: Decimal):
    """The earlier findings behind an EK-UB difference, and what is left when they are fixed.

    An unmapped account moves the difference by what it would add (BAS class 20 to both sides, 3–8
    to the year's result). An unbalanced column is taken as the explanation when the rest of the
    difference is exactly its sum: a typo on a result or eget kapital account of ``before`` moves
    the difference by +sum, one on the eget kapital account of ``start`` by −sum.
    """
    causes: list[tuple[object, str, str]] = []
    rest = difference
    for a, key, clause in _unmapped_causes(ledger, (start, before)):
        if a.number in RESULT_ACCOUNTS:
            effect = -value(a, before)
        elif a.number in EQUITY_ACCOUNTS:
            effect = value(a, start) - value(a, before)
        else:
            continue
        if effect:
            causes.append((a, key, clause))
            rest -= effect
    before_sum, start_sum = ledger.column_sum(before), ledger.column_sum(start)
    candidates = []
    for sign_before, sign_start in ((1, 0), (0, -1), (1, -1)):
        if (sign_before and not before_sum) or (sign_start and not start_sum):
            continue
        if rest == sign_before * before_sum + sign_start * start_sum:
            candidates = [c for c, used in ((before, sign_before), (start, sign_start)) if used]
            break
    for column in candidates:
        imbalance = _imbalance(ledger, column)
        assert imbalance is not None  # a candidate column does not balance
        total, key, clause = imbalance
        causes.append((None, key, clause))
        rest -= total if column is before else -total
    if not candidates:  # an unbalanced column may still lie behind part of it
        for column in (before, start):
            if (found := _imbalance(ledger, column)) and rest:
                causes.append((None, found[1], found[2]))
    return causes, rest


# --- KF-LIKVIDA, KF-IB -------------------------------------------------------------------------

_PAIRS = ((LedgerColumn.CURRENT, LedgerColumn.PRIOR), (LedgerColumn.PRIOR, LedgerColumn.OPENING_PRIOR))


def _cash_side(i: int) -> Plus:
    """Likvida medel in the balansräkning: kassa och bank + kortfristiga placeringar."""
    return Plus((StatementCell(BALANCE, K.KASSA_OCH_BANK, i), StatementCell(BALANCE, K.KORTFRISTIGA_PLACERINGAR, i)))


def _cash(fin: Financials, sheet: Location) -> list[Reconciliation]:
    kf, ledger = fin.cash_flow, fin.ledger
    out = []
    for i, year in enumerate(kf.years):
        end, start = _PAIRS[i]
        flow_closing = kf.value(K.LIKVIDA_MEDEL_UB, i)
        sheet_closing = fin.cash(i)
        diff = flow_closing - sheet_closing
        level = KF_LIKVIDA.level(flow_closing, sheet_closing)
        caused_by: tuple[str, ...] = ()
        if level is None:
            message = f"Kassaflödesanalysens likvida medel vid slutet av {year} stämmer med balansräkningen: {kr(sheet_closing)}."
        else:
            equity_diff = _equity_difference(ledger, end, start)
            unbalanced = (end, start) if ledger.column_sum(end) != ledger.column_sum(start) else ()
            message = (
                f"Kassaflödesanalysens likvida medel vid slutet av {year} ({kr(flow_closing)}) stämmer inte med "
                f"balansräkningens kassa och bank + kortfristiga placeringar ({kr(sheet_closing)}), skillnad "
                f"{kr(diff)}."
            )
            # The indirect method misses exactly: the change in the mapped accounts' sum and a change in
            # eget kapital that is not the year's result (EK-UB).
            causes: list[tuple[object, str, str]] = [c for c in (_imbalance(ledger, end), _imbalance(ledger, start)) if c]
            causes += [(a, k, t) for a, k, t in _unmapped_causes(ledger, (end, start))]
            if equity_diff:
                causes.append((None, key_of("EK-UB", about=str(year)), f"eget kapital vid årets början inte är föregående års utgående (EK-UB, {kr(equity_diff)})"))
            expected = ledger.mapped_sum(start) - ledger.mapped_sum(end) - equity_diff
            if causes and expected == diff:
                caused_by = tuple(c[1] for c in causes)
                message += (f" Skillnaden följer helt av att {_because([c[2] for c in causes])}."
                            + _fix_first(len(causes), "stämmer kassaflödesanalysen"))
            else:
                message += _causes(ledger, unbalanced, equity_diff != 0)
        out.append(
            KF_LIKVIDA.record(
                f"Likvida medel vid årets slut {year}: kassaflödesanalys = balansräkning",
                "Kassaflödesanalysen, likvida medel vid årets slut",
                flow_closing,
                "Balansräkningen, kassa och bank + kortfristiga placeringar",
                sheet_closing,
                message,
                sheet,
                year,
                left_at=StatementCell(CASH_FLOW_STATEMENT, K.LIKVIDA_MEDEL_UB, i),
                right_at=_cash_side(i),
                caused_by=caused_by,
                left_source=statement_source(ledger, end),
                right_source=statement_source(ledger, end),
                left_printed=(CASH_FLOW,),
                right_printed=(BALANCE_SHEET,),
            )
        )
    opening = kf.value(K.LIKVIDA_MEDEL_IB, 0)
    if len(kf.years) > 1:
        right_label, right = f"Kassaflödesanalysen {kf.years[1]}, likvida medel vid årets slut", kf.value(K.LIKVIDA_MEDEL_UB, 1)
        right_at: Side = StatementCell(CASH_FLOW_STATEMENT, K.LIKVIDA_MEDEL_UB, 1)
    else:
        right_label = f"Balansräkningen {ledger.year - 1}, kassa och bank + kortfristiga placeringar"
        right = fin.cash(1)
        right_at = _cash_side(1)
    level = KF_IB.level(opening, right)
    caused_by = ()
    prior_flow = [r for r in out if r.year == ledger.year - 1 and r.level is not None]
    if level is not None and prior_flow and prior_flow[0].difference == right - opening:
        caused_by = (prior_flow[0].key,)
        advice = f" Skillnaden är densamma som i KF-LIKVIDA för {ledger.year - 1} och följer av den; rätta orsaken där."
    else:
        advice = f" Se KF-LIKVIDA för {ledger.year - 1}."
    message = _message(
        level,
        f"Likvida medel vid årets början {ledger.year} är föregående års utgående: {kr(opening)}.",
        f"Likvida medel vid årets början {ledger.year} ({kr(opening)}) stämmer inte med "
        f"{right_label.lower()} ({kr(right)}), skillnad {kr(opening - right)}." + advice,
    )
    out.append(
        KF_IB.record(
            f"Likvida medel vid årets början {ledger.year} = föregående års slut",
            f"Kassaflödesanalysen {ledger.year}, likvida medel vid årets början",
            opening,
            right_label,
            right,
            message,
            sheet,
            ledger.year,
            left_at=StatementCell(CASH_FLOW_STATEMENT, K.LIKVIDA_MEDEL_IB, 0),
            right_at=right_at,
            caused_by=caused_by,
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


def _interventions(inp: AnnualInput, fin: Financials, sheet: Location) -> Reconciliation:
    ledger = fin.ledger
    actual = sum((i.actual for i in inp.interventions), ZERO)
    accounts = intervention_accounts(inp, ledger)
    booked = sum((value(a, LedgerColumn.CURRENT) for a in accounts), ZERO)
    configured = bool(inp.organisation.intervention_accounts)
    where = (inp.organisation.locations.get("Insatskonton") if configured else None) or sheet
    source = "Insatskonton i bladet Förbund" if configured else 'konton vars Benämning börjar med "Projektmedel" eller "Insats"'
    listed = ", ".join(f"{a.number} {a.name}" for a in accounts)
    if not accounts:
        level: Level | None = Level.INFO
        message = (
            f"Insatsernas utfall ({kr(actual)}) kan inte stämmas av mot saldobalansen: inga {source} finns. "
            "Ange kontona som Insatskonton i bladet Förbund (t.ex. 4510 eller 4500-4599)."
        )
    elif (level := INS_PROJEKTMEDEL.level(actual, booked)) is None:
        message = f"Insatsernas utfall stämmer med {listed}: {kr(actual)}."
    else:
        message = (
            f"Summan av Utfall i bladet Insatser ({kr(actual)}) skiljer sig från kostnaderna på {source} "
            f"({listed}: {kr(booked)}), skillnad {kr(actual - booked)}. Kontrollera insatsernas utfall "
            "eller vilka konton som är insatskonton."
        )
    return INS_PROJEKTMEDEL.record(
        "Insatsernas utfall = kostnader på insatskontona",
        "Summa Utfall, bladet Insatser",
        actual,
        f"Saldobalansen, {source}",
        booked,
        message,
        where,
        ledger.year,
        left_at=ColumnSum("Insatser", "Utfall"),
        right_at=Accounts(tuple(a.number for a in accounts), LedgerColumn.CURRENT),
        level=level,
        left_source=f"{WORKBOOK} › Insatser, kolumn Utfall",
        right_source=f"{WORKBOOK} › Saldobalans, " + (", ".join(f"konto {a.number}" for a in accounts) or "inga konton"),
        left_printed=tuple(anchors.appendix_table(f"t{n}") for n in (3, 4)),
        right_printed=tuple(anchor for line in _lines_of(ledger, accounts) for anchor in note_anchors(fin, line)),
    )
