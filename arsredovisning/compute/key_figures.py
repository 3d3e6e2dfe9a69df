"""Named figures for ``{{ name }}`` placeholders in the Markdown texts.

:data:`KEY_FIGURES` is the registry (name, kind, Swedish description), defined once: the texts,
``kontrollera``'s list and the documentation all read it. :func:`key_figures` returns the values
in the same order. Money is exact ``Decimal`` kronor (the renderer formats it like the tables, in
the report's unit); ``percent`` values are in percent; a value is None only when it cannot be
computed for this input (e.g. medlemsbidrag_totalt without a total or booked contributions).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, NamedTuple

from ..model import AnnualInput, InterventionKind
from .financials import Financials
from .intervention_pages import InterventionPage
from .ledger import ZERO
from .lines import StatementKey as K
from .participants import participation

KeyFigureKind = Literal["money", "count", "percent"]


class KeyFigure(NamedTuple):
    value: Decimal | int | None
    kind: KeyFigureKind
    description: str


_PRIOR = "_foregaende_ar"

_THIS_YEAR: tuple[tuple[str, KeyFigureKind, str], ...] = (
    ("arets_resultat", "money", "Årets resultat (resultaträkningen)"),
    ("verksamhetens_intakter", "money", "Verksamhetens intäkter"),
    ("verksamhetens_kostnader", "money", "Verksamhetens kostnader (negativt tal)"),
    ("verksamhetens_nettokostnader", "money", "Verksamhetens nettokostnader"),
    ("summa_tillgangar", "money", "Summa tillgångar vid årets slut"),
    ("eget_kapital", "money", "Eget kapital vid årets slut (inklusive årets resultat)"),
    ("summa_skulder", "money", "Summa skulder (lång- och kortfristiga) vid årets slut"),
    ("likvida_medel", "money", "Likvida medel vid årets slut (kassa och bank + kortfristiga placeringar)"),
    ("arets_kassaflode", "money", "Årets kassaflöde (kassaflödesanalysen)"),
    ("medlemsbidrag_totalt", "money", "Årets medlemsbidrag totalt (Förbund › Medlemsbidrag totalt)"),
    ("eget_kapital_andel_av_medlemsbidrag", "percent", "Eget kapital i procent av årets medlemsbidrag"),
    ("antal_deltagare", "count", "Antal deltagare i de individinriktade insatserna (volyminsatsernas deltaganden oräknade)"),
    ("antal_deltagare_struktur", "count", "Antal deltagare i de strukturövergripande insatserna (volyminsatsernas deltaganden oräknade)"),
    ("antal_insatser", "count", "Antal insatser"),
    ("antal_individinsatser", "count", "Antal individinriktade insatser"),
    ("antal_strukturinsatser", "count", "Antal strukturövergripande insatser"),
    ("insatsernas_utfall", "money", "Insatsernas redovisade kostnader (summa Utfall i Insatser)"),
    ("insatsernas_budget", "money", "Insatsernas beviljade medel (summa Budget i Insatser)"),
)
# The figures also given for the prior year (``<name>_foregaende_ar``, from the statements' prior-year
# column), each with the short label its description starts from.
_ALSO_PRIOR: dict[str, str] = {
    "arets_resultat": "Årets resultat",
    "verksamhetens_intakter": "Verksamhetens intäkter",
    "verksamhetens_kostnader": "Verksamhetens kostnader (negativt tal)",
    "verksamhetens_nettokostnader": "Verksamhetens nettokostnader",
    "summa_tillgangar": "Summa tillgångar vid årets slut",
    "eget_kapital": "Eget kapital vid årets slut",
    "summa_skulder": "Summa skulder vid årets slut",
    "likvida_medel": "Likvida medel vid årets slut",
}


def _prior_description(label: str) -> str:
    return label.replace("vid årets slut", "vid föregående års slut") if "vid årets slut" in label else label + ", föregående år"


KEY_FIGURES: tuple[tuple[str, KeyFigureKind, str], ...] = _THIS_YEAR + tuple(
    (name + _PRIOR, kind, _prior_description(_ALSO_PRIOR[name])) for name, kind, _ in _THIS_YEAR if name in _ALSO_PRIOR
)

def key_figures(inp: AnnualInput, fin: Financials) -> dict[str, KeyFigure]:
    """Ordered mapping name → KeyFigure(value, kind, description), in :data:`KEY_FIGURES` order."""
    rr, br = fin.income_statement, fin.balance_sheet
    individ = [i for i in inp.interventions if i.kind is InterventionKind.INDIVID]
    struktur = [i for i in inp.interventions if i.kind is InterventionKind.STRUKTUR]
    total = fin.contributions.total if fin.contributions else None
    people = participation(inp.interventions)
    values: dict[str, Decimal | int | None] = {
        "arets_kassaflode": fin.cash_flow.value(K.ARETS_KASSAFLODE, 0),
        "medlemsbidrag_totalt": total,
        "eget_kapital_andel_av_medlemsbidrag": fin.equity_pct,
        "antal_deltagare": people.individual,  # persons: a Volyminsats's deltaganden are their own unit
        "antal_deltagare_struktur": people.structural,
        "antal_insatser": len(inp.interventions),
        "antal_individinsatser": len(individ),
        "antal_strukturinsatser": len(struktur),
        "insatsernas_utfall": sum((i.actual for i in inp.interventions), ZERO),
        "insatsernas_budget": sum((i.budget for i in inp.interventions), ZERO),
    }
    for column, suffix in ((0, ""), (1, _PRIOR)):
        values.update(
            {
                "arets_resultat" + suffix: rr.value(K.ARETS_RESULTAT, column),
                "verksamhetens_intakter" + suffix: rr.value(K.VERKSAMHETENS_INTAKTER, column),
                "verksamhetens_kostnader" + suffix: rr.value(K.VERKSAMHETENS_KOSTNADER, column),
                "verksamhetens_nettokostnader" + suffix: rr.value(K.VERKSAMHETENS_NETTOKOSTNADER, column),
                "summa_tillgangar" + suffix: br.value(K.SUMMA_TILLGANGAR, column),
                "eget_kapital" + suffix: br.value(K.EGET_KAPITAL, column),
                "summa_skulder" + suffix: br.value(K.SUMMA_SKULDER, column),
                "likvida_medel" + suffix: fin.cash(column),
            }
        )
    return {name: KeyFigure(values[name], kind, text) for name, kind, text in KEY_FIGURES}


# Per-insats figures: ``{{ insats.budget }}`` … in ``texter/insatser/<insats>.md`` only, each the
# figure of that text's insats (as its Bilaga 1/2 page shows it, in kr).
INTERVENTION_PREFIX = "insats."
INTERVENTION_FIGURES: tuple[tuple[str, KeyFigureKind, str], ...] = (
    ("insats.budget", "money", "Insatsens beviljade medel (Insatser › Budget)"),
    ("insats.utfall", "money", "Insatsens redovisade kostnader (Insatser › Utfall)"),
    ("insats.avvikelse", "money", "Insatsens avvikelse (budget − utfall)"),
    ("insats.deltagare", "count", "Insatsens antal deltagare (Insatser › Deltagare)"),
    ("insats.budgeterade_deltagare", "count", "Insatsens budgeterade deltagare (Insatser › Budgeterade deltagare)"),
    ("insats.kostnad_per_deltagare", "money", "Insatsens kostnad per deltagare (individinriktade insatser)"),
    ("insats.resultat_totalt", "count", "Summan av insatsens utfall i bladet Resultat"),
)


def intervention_figures(page: InterventionPage) -> dict[str, KeyFigure]:
    """The per-insats placeholders of one Bilaga 1/2 page, in :data:`INTERVENTION_FIGURES` order."""
    values: dict[str, Decimal | int | None] = {
        "insats.budget": page.budget,
        "insats.utfall": page.actual,
        "insats.avvikelse": page.variance,
        "insats.deltagare": page.participants,
        "insats.budgeterade_deltagare": page.planned_participants,
        "insats.kostnad_per_deltagare": page.cost_per_participant,
        "insats.resultat_totalt": page.outcomes_total if page.outcomes else None,
    }
    return {name: KeyFigure(values[name], kind, text) for name, kind, text in INTERVENTION_FIGURES}
