"""Avstämning of Verksamhetens intäkter: the members' booked contributions plus the other income, each named.

| id | compares | level |
|---|---|---|
| RR-INTAKTER | Verksamhetens intäkter (resultaträkningen) with the medlemsbidrag booked on the members' Konto + every other intäkt account | info when other income exists (each account named), varning when the sides differ |

Made when at least one member has a Konto (otherwise medlemsbidrag and other income cannot be told
apart). Income that is not medlemsbidrag (e.g. extra state money for one insats) is no gap: it is
an explained part, and the message says which note row holds it. The figures come computed
(:class:`Financials` and its :class:`Contributions`); nothing is recomputed here.
"""

from __future__ import annotations

from decimal import Decimal

from ..compute.financials import Financials
from ..compute.ledger import ZERO, LedgerColumn, value
from ..compute.lines import INCOME, StatementKey as K
from ..files import WORKBOOK
from ..findings import Level, Reconciliation, Tolerance
from ..fmt import kr
from ..model import StatementLine as L
from .declaration import Accounts, Check, StatementCell, findings_of
from .ledger import INCOME_STATEMENT, FINANCIAL_OVERVIEW, note_anchors, saldobalans_location

RR_INTAKTER = Check("RR-INTAKTER", "Verksamhetens intäkter = medlemmarnas bokförda medlemsbidrag + övriga intäkter, varje del namngiven",
                    Tolerance("ingen skillnad godtas; övriga intäkter redovisas som namngivna delar"))
FINDINGS: dict[str, str] = findings_of(RR_INTAKTER)


def income_reconciliations(fin: Financials) -> list[Reconciliation]:
    c = fin.contributions
    if c is None:
        return []
    members = [s for s in c.members if s.booked is not None]
    if not members:
        return []
    member_accounts = {s.member.account for s in members if s.member.account is not None}
    ledger = fin.ledger
    other = [a for a in ledger.accounts_of(L.VERKSAMHETENS_INTAKTER) if a.number not in member_accounts]
    other_parts = [(f"konto {a.number} {a.name}", ZERO - value(a, LedgerColumn.CURRENT)) for a in other]
    other_parts = [(label, amount) for label, amount in other_parts if amount]
    booked = sum((s.booked for s in members if s.booked is not None), ZERO)
    accounts = ", ".join(str(s.member.account) for s in members)
    parts = ((f"Medlemsbidrag bokförda på medlemmarnas konton ({accounts})", booked), *other_parts)
    right = sum((amount for _, amount in parts), ZERO)
    left = fin.income_statement.value(K.VERKSAMHETENS_INTAKTER, 0)
    year = fin.year
    named = " + ".join(f"{label} {kr(amount)}" for label, amount in parts)
    level = RR_INTAKTER.level(left, right)
    if level is not None:
        message = (
            f"Verksamhetens intäkter {year} ({kr(left)}) är inte {named} = {kr(right)}, skillnad {kr(left - right)}. "
            "Ett medlemskonto (Medlemmar › Konto) hör troligen inte till raden Verksamhetens intäkter i "
            "kontoplanen, eller är fel konto. Kontrollera Konto i bladet Medlemmar och Kontoplan."
        )
    elif other_parts:
        level = Level.INFO
        others = sum((amount for _, amount in other_parts), ZERO)
        message = (
            f"Verksamhetens intäkter {year} ({kr(left)}) = medlemsbidrag {kr(booked)} + övriga intäkter "
            f"{kr(others)} ({', '.join(f'{label} {kr(amount)}' for label, amount in other_parts)}). De övriga "
            "intäkterna är inte medlemsbidrag och ingår inte i fördelningen mellan medlemmarna."
            + _mixed_note_rows(fin, member_accounts)
        )
    else:
        level = None
        message = f"Verksamhetens intäkter {year} är medlemmarnas bokförda medlemsbidrag: {kr(left)}."
    return [RR_INTAKTER.record(
        f"Verksamhetens intäkter {year} = medlemsbidrag + övriga intäkter",
        "Resultaträkningen, verksamhetens intäkter", left, "Medlemsbidrag + övriga intäkter (se delarna)", right,
        message, saldobalans_location(ledger), year, level=level,
        left_at=StatementCell(INCOME, K.VERKSAMHETENS_INTAKTER, 0),
        right_at=Accounts(tuple(sorted(member_accounts)) + tuple(a.number for a in other), LedgerColumn.CURRENT, -1),
        left_source=f"{WORKBOOK} › Saldobalans, kolumn Belopp (via Kontoplan)",
        right_source=f"{WORKBOOK} › Medlemmar, kolumn Konto, och Saldobalans, kolumn Belopp",
        left_printed=(INCOME_STATEMENT, *note_anchors(fin, L.VERKSAMHETENS_INTAKTER)),
        right_printed=(FINANCIAL_OVERVIEW, *note_anchors(fin, L.VERKSAMHETENS_INTAKTER)),
        parts=tuple(parts),
    )]


def _mixed_note_rows(fin: Financials, member_accounts: set) -> str:
    """Note rows (one Benämning) that hold both a member's Konto and other income: say what they hold,
    so the row is not read as that member's contribution."""
    note = next((n for n in fin.notes if n.line is L.VERKSAMHETENS_INTAKTER), None)
    if note is None or fin.contributions is None:
        return ""
    shares = {s.member.account: s.booked for s in fin.contributions.members if s.booked is not None}
    names = {s.member.account: s.member.name for s in fin.contributions.members}
    sentences = []
    for row in note.rows:
        mine = [n for n in row.accounts if n in member_accounts]
        rest = [n for n in row.accounts if n not in member_accounts]
        if not mine or not rest:
            continue
        pieces = [f"medlemsbidraget från {names[n]} {kr(shares[n])} (konto {n})" for n in mine]
        pieces += [f"{kr(_income(fin, n))} på konto {n}" for n in rest if _income(fin, n)]
        sentences.append(f" Not {note.number}:s rad ”{row.label}” ({kr(row.values[0])}) är {' och '.join(pieces)}.")
    return "".join(sentences)


def _income(fin: Financials, number: int) -> Decimal:
    return sum((ZERO - value(a, LedgerColumn.CURRENT) for a in fin.ledger.accounts if a.number == number), ZERO)
