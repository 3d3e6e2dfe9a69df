"""Which checks can run: a check whose input cells could not be read is not made, and one ``info``
says which checks were left out and why (the cells' own ``fel`` findings say what is wrong).

| id | level | when |
|---|---|---|
| KONTROLL-EJ-GJORD | info | a group of avstämningar did not run because cells it reads could not be read |
"""

from __future__ import annotations

from ..findings import Finding, info
from ..load.schema import BALANSKRAVSJUSTERINGAR, FORBUND, INSATSER, KONTOPLAN, MEDLEMMAR, SALDOBALANS
from ..model import AnnualInput, UnusableCell

FINDINGS: dict[str, str] = {
    "KONTROLL-EJ-GJORD": "En grupp avstämningar gjordes inte eftersom celler som de läser inte kunde läsas.",
}

# The Saldobalans columns every avstämning of the accounts reads (Budget is read only by the
# driftredovisning, so a bad Budget cell leaves the avstämningar in place).
LEDGER_COLUMNS = ("Konto", "Benämning", "Belopp", "Föregående år", "Ingående föregående år")

LEDGER_CHECKS = "avstämningarna av saldobalansen, balansräkningen, eget kapital och kassaflödesanalysen (SB-BALANS, BR-BALANS, EK-UB, KF-…)"
CONTRIBUTION_CHECKS = "avstämningarna av medlemsbidragen (MEDLEM-BOKFORT, EK-RIKTVARDE)"
REQUIREMENT_CHECK = "avstämningen av balanskravsresultatet (BALANSKRAV-RESULTAT)"
INTERVENTION_COST_CHECK = "avstämningen av insatsernas utfall mot insatskontona (INS-PROJEKTMEDEL)"


def ledger_blockers(inp: AnnualInput) -> tuple[UnusableCell, ...]:
    return inp.unusable_in(SALDOBALANS, LEDGER_COLUMNS) + inp.unusable_in(KONTOPLAN)


def contribution_blockers(inp: AnnualInput) -> tuple[UnusableCell, ...]:
    return ledger_blockers(inp) + inp.unusable_in(MEDLEMMAR) + inp.unusable_in(FORBUND)


def requirement_blockers(inp: AnnualInput) -> tuple[UnusableCell, ...]:
    """The balanskravsresultat reads årets resultat (the accounts) and every row of Balanskravsjusteringar."""
    return ledger_blockers(inp) + inp.unusable_in(BALANSKRAVSJUSTERINGAR)


def intervention_cost_blockers(inp: AnnualInput) -> tuple[UnusableCell, ...]:
    return ledger_blockers(inp) + inp.unusable_in(INSATSER, ("Insats", "Typ", "Budget", "Utfall", "Deltagare"))  # the cells that leave a row out


def not_run(what: str, blockers: tuple[UnusableCell, ...]) -> Finding:
    """``KONTROLL-EJ-GJORD``: ``what`` was not made because of ``blockers`` (at least one)."""
    cells = list(dict.fromkeys(_cell(u) for u in blockers))
    shown = ", ".join(cells[:5]) + (f" och {len(cells) - 5} till" if len(cells) > 5 else "")
    noun = "cellen" if len(cells) == 1 else "cellerna"
    return info(
        "KONTROLL-EJ-GJORD",
        f"{what[:1].upper()}{what[1:]} gjordes inte: {noun} {shown} kunde inte läsas (se felen där). "
        f"Rätta {'den' if len(cells) == 1 else 'dem'} och kör kontrollera igen, så görs avstämningarna.",
        blockers[0].location,
    )


def _cell(u: UnusableCell) -> str:
    return f"{u.sheet} › {u.location.cell}" if u.location.cell else u.sheet
