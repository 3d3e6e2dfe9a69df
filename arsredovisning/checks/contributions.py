"""Avstämningar of the medlemsbidrag: booked per member vs the Finsam split, eget kapital vs riktvärde.

| id | compares | level |
|---|---|---|
| MEDLEM-BOKFORT | what is booked on a member's Konto with its computed (exact) share | varning when the difference exceeds 0,50 kr |
| EK-RIKTVARDE | eget kapital in % of the year's medlemsbidrag with Riktvärde eget kapital (%) | varning when above |

The structural findings (MEDLEM-TYP, MEDLEM-ANDELAR, MEDLEM-TOTAL-SAKNAS) come from
``compute/contributions.py`` via ``compute_financials``.
"""

from __future__ import annotations

from decimal import Decimal

from ..compute.financials import Financials
from ..compute.ledger import LedgerColumn
from ..compute.lines import BALANCE, StatementKey as K
from ..findings import Finding, Reconciliation, Tolerance
from ..fmt import kr, percent
from ..model import AnnualInput, StatementLine as L
from .declaration import Accounts, Check, Constant, ContributionTotal, MemberShare, Scaled, Setting, StatementCell, findings_of
from .ledger import FINANCIAL_OVERVIEW, note_anchors

MEDLEM_BOKFORT = Check("MEDLEM-BOKFORT", "Bokfört medlemsbidrag skiljer sig från den beräknade andelen.",
                       Tolerance("godtar ±0,50 kr (öresavrundning)", ok=Decimal("0.50")), unit="öre")
EK_RIKTVARDE = Check("EK-RIKTVARDE", "Eget kapital är över riktvärdet.",
                     Tolerance("vänster får vara högst höger", at_most=True), unit="procent")
FINDINGS: dict[str, str] = findings_of(MEDLEM_BOKFORT, EK_RIKTVARDE)
TARGET = "Riktvärde eget kapital (%)"


def check_contributions(inp: AnnualInput, fin: Financials) -> list[Finding]:
    return [f for r in contribution_reconciliations(inp, fin) if (f := r.finding()) is not None]


def contribution_reconciliations(inp: AnnualInput, fin: Financials) -> list[Reconciliation]:
    c = fin.contributions
    if c is None:
        return []
    out = []
    for share in c.members:
        if share.booked is None or share.member.account is None:
            continue
        m = share.member
        diff = share.booked - share.exact
        ok = MEDLEM_BOKFORT.level(share.booked, share.exact) is None
        computed = f"beräknad andel {percent(share.share_of_total)} av {kr(c.total)} = {kr(share.exact.quantize(Decimal('0.01')))}"
        if ok:
            message = f"Bokfört medlemsbidrag för {m.name} (konto {m.account}) stämmer med {computed}."
        else:
            message = (
                f"På konto {m.account} är {kr(share.booked)} bokfört som medlemsbidrag från {m.name}, men "
                f"{computed}; skillnad {kr(diff.quantize(Decimal('0.01')))}. Kontrollera Konto, Andel/Invånare "
                "i bladet Medlemmar och Medlemsbidrag totalt i bladet Förbund."
            )
        out.append(
            MEDLEM_BOKFORT.record(
                f"Medlemsbidrag {m.name}: bokfört = beräknad andel",
                f"Bokfört på konto {m.account}",
                share.booked,
                "Beräknad andel",
                share.exact,
                message,
                m.location,
                fin.year,
                left_at=Accounts((share.member.account,), LedgerColumn.CURRENT, -1),
                right_at=Scaled(ContributionTotal(), MemberShare(m), Constant(Decimal(100))),
                left_source=f"{m.location.file} › Saldobalans, konto {m.account}, kolumn Belopp",
                right_source=f"{m.location} (Medlemmar) och Förbund › Medlemsbidrag totalt",
                left_printed=note_anchors(fin, L.VERKSAMHETENS_INTAKTER),
                right_printed=(FINANCIAL_OVERVIEW,),
            )
        )
    target = inp.organisation.equity_target_pct
    pct = fin.equity_pct
    if target is not None and c.total > 0 and pct is not None:
        equity = fin.balance_sheet.value(K.EGET_KAPITAL, 0)
        above = EK_RIKTVARDE.level(pct, target) is not None
        text = (
            f"Eget kapital vid årets slut ({kr(equity)}) är {percent(pct)} av årets medlemsbidrag ({kr(c.total)})"
        )
        message = (
            f"{text}, över riktvärdet {percent(target)} (Förbund › Riktvärde eget kapital (%)). Beskriv i "
            "förvaltningsberättelsen hur det egna kapitalet ska användas."
            if above
            else f"{text}, inom riktvärdet {percent(target)}."
        )
        out.append(
            EK_RIKTVARDE.record(
                "Eget kapital i procent av medlemsbidraget ≤ riktvärdet",
                "Eget kapital / medlemsbidrag (%)",
                pct,
                "Riktvärde (%)",
                target,
                message,
                inp.organisation.locations.get(TARGET),
                fin.year,
                left_at=Scaled(StatementCell(BALANCE, K.EGET_KAPITAL, 0), Constant(Decimal(100)), ContributionTotal()),
                right_at=Setting(TARGET, target),
                left_source="Balansräkningens eget kapital / Förbund › Medlemsbidrag totalt",
                right_source=str(inp.organisation.locations.get(TARGET) or f"Förbund › {TARGET}"),
                left_printed=(FINANCIAL_OVERVIEW,),
            )
        )
    return out
