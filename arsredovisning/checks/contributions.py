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
from ..findings import Finding, Level, Reconciliation
from ..fmt import kr, percent
from ..model import AnnualInput, StatementLine as L
from .ledger import FINANCIAL_OVERVIEW, note_anchors

TOLERANCE = Decimal("0.50")


def check_contributions(inp: AnnualInput, fin: Financials) -> list[Finding]:
    return [f for r in contribution_reconciliations(inp, fin) if (f := r.finding()) is not None]


def contribution_reconciliations(inp: AnnualInput, fin: Financials) -> list[Reconciliation]:
    c = fin.contributions
    if c is None:
        return []
    out = []
    for share in c.members:
        if share.booked is None:
            continue
        m = share.member
        diff = share.difference
        ok = abs(diff) <= TOLERANCE
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
            Reconciliation(
                "MEDLEM-BOKFORT",
                f"Medlemsbidrag {m.name}: bokfört = beräknad andel",
                f"Bokfört på konto {m.account}",
                share.booked,
                "Beräknad andel",
                share.exact,
                None if ok else Level.WARNING,
                message,
                m.location,
                fin.year,
                tolerance="godtar ±0,50 kr (öresavrundning)",
                unit="öre",
                left_source=f"{m.location.file} › Saldobalans, konto {m.account}, kolumn Belopp",
                right_source=f"{m.location} (Medlemmar) och Förbund › Medlemsbidrag totalt",
                left_printed=note_anchors(fin, L.VERKSAMHETENS_INTAKTER),
                right_printed=(FINANCIAL_OVERVIEW,),
            )
        )
    target = inp.organisation.equity_target_pct
    if target is not None and c.total > 0:
        equity = fin.balance_sheet.value("eget_kapital", 0)
        pct = fin.equity_pct
        above = pct > target
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
            Reconciliation(
                "EK-RIKTVARDE",
                "Eget kapital i procent av medlemsbidraget ≤ riktvärdet",
                "Eget kapital / medlemsbidrag (%)",
                pct,
                "Riktvärde (%)",
                target,
                Level.WARNING if above else None,
                message,
                inp.organisation.locations.get("Riktvärde eget kapital (%)"),
                fin.year,
                tolerance="vänster får vara högst höger",
                unit="procent",
                left_source="Balansräkningens eget kapital / Förbund › Medlemsbidrag totalt",
                right_source=str(inp.organisation.locations.get("Riktvärde eget kapital (%)") or "Förbund › Riktvärde eget kapital (%)"),
                left_printed=(FINANCIAL_OVERVIEW,),
            )
        )
    return out
