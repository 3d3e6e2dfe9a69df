"""Sign sanity of the Saldobalans Budget column against the accounts' class and Belopp.

Sign rule (as in Belopp): debet positive, kredit negative, so an intäkt is budgeted as a negative
figure and a kostnad as a positive one. A budget with the wrong sign silently turns the
driftredovisning upside down; the check catches it where the account's Belopp agrees with its class.

| id | level | when |
|---|---|---|
| BUDGET-TECKEN | varning | a result account's Budget has the opposite sign of its class (intäkt/kostnad) and of its Belopp |
"""

from __future__ import annotations

from ..compute.ledger import Ledger
from ..findings import Finding, warning
from ..fmt import kr
from ..model import StatementLine as L

FINDINGS: dict[str, str] = {
    "BUDGET-TECKEN": "Budget för ett resultatkonto har omvänt tecken mot kontots klass (intäkt/kostnad) och mot dess Belopp.",
}

INCOME = (L.VERKSAMHETENS_INTAKTER, L.FINANSIELLA_INTAKTER)  # kredit: negative in Saldobalans
COSTS = (L.VERKSAMHETENS_KOSTNADER, L.AVSKRIVNINGAR, L.FINANSIELLA_KOSTNADER)  # debet: positive


def check_budget_signs(ledger: Ledger) -> list[Finding]:
    out = []
    for a in ledger.accounts:
        line = ledger.lines.get(a.number)
        if a.budget is None or not a.budget or not a.amount or line not in INCOME + COSTS:
            continue
        sign = -1 if line in INCOME else 1
        if a.budget * sign < 0 and a.amount * sign > 0:
            kind, rule = ("en intäkt", "negativt (kredit)") if line in INCOME else ("en kostnad", "positivt (debet)")
            out.append(warning(
                "BUDGET-TECKEN",
                f"Konto {a.number} {a.name} är {kind} ({line.value}) med Belopp {kr(a.amount)}, men Budget är {kr(a.budget)}, "
                f"med omvänt tecken. I Saldobalans skrivs {kind} som {rule} belopp, också i Budget: skriv "
                f"{kr(-a.budget)}, annars vänds avvikelsen i driftredovisningen.",
                a.location,
            ))
    return out
