"""What one avstämning's difference says about another's, found once all of them are made: a
difference that follows wholly from another finding is nested under it (``caused_by``) and says so,
and two differences that are one mistake are named together. Nothing here finds a new mistake; it
makes the findings of the other modules state what is true about each other.

- **Last year's result not booked to eget kapital.** When Saldobalans › Belopp sums to exactly last
  year's result, SB-BALANS names it, and EK-UB (this year's opening equity, which then differs by
  the same amount) names the eget kapital account and the amount it should hold.
- **EK-RIKTVARDE under EK-UB.** Eget kapital in % of the medlemsbidrag is above the riktvärde only
  because the opening equity is wrong (with EK-UB's difference corrected it is within).
- **MEDLEM-BOKFORT in pairs.** Two members whose differences are equal and opposite: most likely one
  member's contribution booked on the other's account; each message names the other.
- **BILAGA-TABELLSUMMA under its rows.** A Bilaga 3 table's total differs only by the rows that
  INS-KON-SUMMA / INS-KOMMUN-SUMMA / INS-BAKGRUND-SUMMA and INS-SAKNAR-… report.
- **A text's figures under AR-TEXT-SAMMA.** A text word for word last year's (a draft of ``ny --fran``)
  has last year's figures: TEXT-TAL and TEXT-INSATS-TAL in it follow from that.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Callable

from ..compute.financials import Financials
from ..compute.ledger import LedgerColumn, value
from ..compute.lines import StatementKey as K
from ..findings import Finding, Level, Reconciliation
from ..fmt import kr, percent
from ..model import StatementLine as L

FINDINGS: dict[str, str] = {}  # no ids of its own: it links the findings of the other modules

# Bilaga 3 table → the row findings its total follows from (checks/interventions.py)
TABLE_ROWS = {"Kön": ("INS-KON-SUMMA", "INS-SAKNAR-KON"),
              "Kommuner": ("INS-KOMMUN-SUMMA", "INS-SAKNAR-KOMMUN"),
              "Bakgrund": ("INS-BAKGRUND-SUMMA", "INS-SAKNAR-BAKGRUND")}


def link_reconciliations(records: list[Reconciliation], fin: Financials) -> list[Reconciliation]:
    """``records`` with the consequences above linked and said (same order, same ids)."""
    records = _unbooked_prior_result(records, fin)
    records = _target_under_opening_equity(records, fin)
    return _member_pairs(records, fin)


def link_findings(findings: list[Finding]) -> list[Finding]:
    """BILAGA-TABELLSUMMA nested under the row findings of its sheet; a figure in a text
    (TEXT-TAL, TEXT-INSATS-TAL) under AR-TEXT-SAMMA of that text (last year's draft, last year's figures)."""
    drafts = {g.location.file: g.key for g in findings if g.id == "AR-TEXT-SAMMA" and g.location is not None}
    out = []
    for f in findings:
        causes: list[str] = []
        if f.id == "BILAGA-TABELLSUMMA" and f.location is not None and f.location.sheet in TABLE_ROWS:
            causes = [g.key for g in findings if g.id in TABLE_ROWS[f.location.sheet]]
        elif f.id in ("TEXT-TAL", "TEXT-INSATS-TAL") and f.location is not None and f.location.file in drafts:
            causes = [drafts[f.location.file]]
        if causes:
            f = replace(f, caused_by=tuple(dict.fromkeys((*f.caused_by, *causes))))
        out.append(f)
    return out


# --- last year's result not booked to eget kapital ---------------------------------------------


def _unbooked_prior_result(records: list[Reconciliation], fin: Financials) -> list[Reconciliation]:
    ledger = fin.ledger
    prior_result = ledger.result(LedgerColumn.PRIOR)
    imbalance = next((r for r in records if r.id == "SB-BALANS" and r.about == LedgerColumn.CURRENT.value), None)
    if imbalance is None or imbalance.level is not Level.ERROR or prior_result == 0 or imbalance.left != prior_result:
        return records
    accounts = ledger.accounts_of(L.EGET_KAPITAL)
    if not accounts:
        return records
    year = ledger.year
    account = accounts[0]
    now = value(account, LedgerColumn.CURRENT)
    should = now - prior_result  # ledger signs: eget kapital is a credit (negative)
    named = f"konto {account.number} {account.name}"
    others = f" (eller det av eget kapital-kontona {', '.join(str(a.number) for a in accounts)} som ska ha det)" if len(accounts) > 1 else ""
    fix = (f"Boka föregående års resultat mot eget kapital i bokföringen, eller rätta Belopp på {named}{others} "
           f"från {kr(now)} till {kr(should)}")

    def restate(r: Reconciliation) -> Reconciliation | None:
        if r is imbalance:
            return replace(r, message=(
                f"Saldobalansens kolumn {LedgerColumn.CURRENT.value} ({year}) summerar till {kr(r.left)}, inte 0: "
                f"precis föregående års resultat ({year - 1}: {kr(prior_result)}), som alltså inte är bokfört mot "
                f"eget kapital. {fix}; då balanserar saldobalansen."))
        if r.id == "EK-UB" and r.year == year and imbalance.key in r.caused_by and r.difference == -prior_result:
            return replace(r, message=(
                f"Eget kapital vid ingången av {year} ({named}: {kr(r.left)}) är inte föregående års utgående eget "
                f"kapital {kr(r.right)}: skillnaden {kr(r.difference)} är föregående års resultat, som inte är bokfört "
                f"mot eget kapital (se SB-BALANS). {fix}; då stämmer både eget kapital och saldobalansen."))
        return None

    return _restated(records, restate)


# --- EK-RIKTVARDE under EK-UB --------------------------------------------------------------------


def _target_under_opening_equity(records: list[Reconciliation], fin: Financials) -> list[Reconciliation]:
    opening = next((r for r in records if r.id == "EK-UB" and r.year == fin.ledger.year and r.level is not None), None)
    total = fin.contributions.total if fin.contributions else None
    if opening is None or not total:
        return records

    def restate(r: Reconciliation) -> Reconciliation | None:
        if r.id != "EK-RIKTVARDE" or r.level is None:
            return None
        equity = fin.balance_sheet.value(K.EGET_KAPITAL, 0) - opening.difference
        corrected = equity * 100 / total
        if corrected > r.right:
            return None
        return replace(r, caused_by=(*r.caused_by, opening.key), message=(
            f"{r.message} Men eget kapital vid årets ingång stämmer inte med föregående års utgående (EK-UB, "
            f"skillnad {kr(opening.difference)}); med det rättat är eget kapital {kr(equity)}, {percent(corrected)} "
            f"av medlemsbidraget, inom riktvärdet. Rätta EK-UB först."))

    return _restated(records, restate)


# --- MEDLEM-BOKFORT in pairs --------------------------------------------------------------------


def _member_pairs(records: list[Reconciliation], fin: Financials) -> list[Reconciliation]:
    c = fin.contributions
    if c is None:
        return records
    by_location = {s.member.location: s for s in c.members}
    off = [r for r in records if r.id == "MEDLEM-BOKFORT" and r.level is not None and r.location in by_location]
    partner: dict[int, Reconciliation] = {}
    for i, r in enumerate(off):
        d = _cents(r.difference)
        match = next((o for o in off[i + 1:] if id(o) not in partner and _cents(o.difference) == -d), None)
        if match is not None and id(r) not in partner:
            partner[id(r)], partner[id(match)] = match, r
    if not partner:
        return records

    def restate(r: Reconciliation) -> Reconciliation | None:
        other = partner.get(id(r))
        if other is None or r.location is None or other.location is None:
            return None
        m, o = by_location[r.location].member, by_location[other.location].member
        return replace(r, message=(
            f"{r.message} Skillnaden är lika stor men motsatt den för {o.name} (konto {o.account}: "
            f"{kr(_cents(other.difference))}): är en del av det ena medlemsbidraget bokfört på den andra medlemmens "
            f"konto? Flytta beloppet mellan konto {m.account} och {o.account}, så stämmer båda."))

    return _restated(records, restate)


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"))


def _restated(records: list[Reconciliation],
              restate: Callable[[Reconciliation], Reconciliation | None]) -> list[Reconciliation]:
    """``records`` in the same order, each one ``restate`` says anew replaced by what it says (None: kept)."""
    return [r if (new := restate(r)) is None else new for r in records]

