"""The balanskravsresultat: the sign of each Balanskravsjusteringar row, and the avstämning of the sum.

| id | compares | level |
|---|---|---|
| BALANSKRAV-TECKEN | a row's Belopp with the direction its Post changes the result (realisationsvinster and medel till resultatutjämningsreserv reduce it, realisationsförluster enligt undantag and medel från the reserve increase it) | varning |
| BALANSKRAV-RESULTAT | the balanskravsresultat with årets resultat (resultaträkningen) + every row of Balanskravsjusteringar, each a named part | fel when they differ (holds by construction) |

The avstämning is made when the workbook has at least one adjustment (without any, the
balanskravsresultat is årets resultat and the utredning prints "Balanskravsjusteringar 0"). The
figures come computed (:class:`Financials` and its :class:`BalanceRequirement`).
"""

from __future__ import annotations

from ..anchors import Anchor
from ..compute.financials import Financials
from ..compute.lines import INCOME, StatementKey as K
from ..files import WORKBOOK
from ..findings import Finding, Location, Reconciliation, warning
from ..fmt import kr
from ..model import AnnualInput
from .declaration import Check, InputCell, Plus, RequirementResult, StatementCell, findings_of
from .ledger import INCOME_STATEMENT
from .statements import EXACT

BALANSKRAV_RESULTAT = Check("BALANSKRAV-RESULTAT",
                            "Årets balanskravsresultat = årets resultat + balanskravsjusteringarna, varje rad namngiven", EXACT)
FINDINGS: dict[str, str] = {
    "BALANSKRAV-TECKEN": "En balanskravsjustering har ett tecken som inte passar posten (t.ex. realisationsvinster som ökar balanskravsresultatet).",
    **findings_of(BALANSKRAV_RESULTAT),
}

SHEET = "Balanskravsjusteringar"
UTREDNING = Anchor.BALANCE_REQUIREMENT  # the report's anchor of the table


def check_adjustment_signs(inp: AnnualInput) -> list[Finding]:
    out = []
    for a in inp.balance_adjustments:
        sign = a.post.sign
        if not sign or not a.amount or (a.amount > 0) == (sign > 0):
            continue
        effect, wanted = ("minska", "negativt") if sign < 0 else ("öka", "positivt")
        out.append(warning(
            "BALANSKRAV-TECKEN",
            f"{a.post.value} är {kr(a.amount)}, men posten ska {effect} balanskravsresultatet. I bladet {SHEET} skrivs "
            f"Belopp med det tecken justeringen har på resultatet: här {wanted}, alltså {kr(-a.amount)}. "
            "Rätta tecknet, eller kontrollera att raden har rätt Post.",
            a.location,
        ))
    return out


def requirement_reconciliations(fin: Financials) -> list[Reconciliation]:
    req = fin.requirement
    if not req.adjustments:
        return []
    year = fin.year
    parts = (("Årets resultat (resultaträkningen)", req.result),
             *((f"{a.post.value} ({SHEET} › {a.location.cell})", a.amount) for a in req.adjustments))
    right = sum((amount for _, amount in parts[1:]), req.result)
    left = req.balance_result
    level = BALANSKRAV_RESULTAT.level(left, right)
    named = " + ".join(f"{label} {kr(amount)}" for label, amount in parts)
    message = (
        f"Årets balanskravsresultat {year} är årets resultat och balanskravsjusteringarna: {named} = {kr(left)}."
        if level is None
        else f"Årets balanskravsresultat {year} ({kr(left)}) är inte {named} = {kr(right)}, skillnad {kr(left - right)}. "
             "Det är ett fel i verktyget, inte i indata. Rapportera felet till förvaltaren av verktyget och publicera inte rapporten."
    )
    cells = ", ".join(a.location.cell for a in req.adjustments if a.location.cell)
    return [BALANSKRAV_RESULTAT.record(
        f"Årets balanskravsresultat {year} = årets resultat + balanskravsjusteringar",
        "Balanskravsutredningen, årets balanskravsresultat", left,
        "Årets resultat + balanskravsjusteringar (se delarna)", right,
        message, Location(req.adjustments[0].location.file, SHEET), year,
        left_at=RequirementResult(),
        right_at=Plus((StatementCell(INCOME, K.ARETS_RESULTAT, 0),
                       *(InputCell(SHEET, "Belopp", a.location) for a in req.adjustments))),
        left_source=f"{WORKBOOK} › Saldobalans, kolumn Belopp (via Kontoplan), och {SHEET}, kolumn Belopp",
        right_source=f"{WORKBOOK} › Saldobalans, kolumn Belopp (årets resultat), och {SHEET} › {cells}",
        left_printed=(UTREDNING,), right_printed=(INCOME_STATEMENT, UTREDNING),
        parts=parts,
    )]
