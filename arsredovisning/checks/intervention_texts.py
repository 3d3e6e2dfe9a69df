"""Figures written in an insats text that are none of that insats's figures.

| id | level | when |
|---|---|---|
| TEXT-INSATS-TAL | varning | a kr amount, or a participant count of the year ("Under 2016 deltog 7 personer", "Under 2016 har 62 personer deltagit"), in `texter/insatser/<insats>.md` equals none of the insats's figures |

The insats's figures are those of its Bilaga 1/2 page (budget, utfall, avvikelse, kostnad per
deltagare, Beviljat totalt; deltagare, budgeterade deltagare, the Kön/Kommuner/Bakgrund counts, each outcome and
their sum). Only amounts with a unit (kr, kronor, tkr), and counts of who took part in a sentence that
names the report's year, are read: other numbers in prose (years, percentages, goals,
subgroups, a whole project period) are not figures of the year.
The finding names the file and line, the figure the text may mean, and the placeholder
(``{{ insats.budget }}`` …) that prints that figure and follows the workbook.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .. import fmt
from ..compute.intervention_pages import InterventionPage
from ..findings import Finding, Location, warning
from ..model import InterventionKind

FINDINGS: dict[str, str] = {
    "TEXT-INSATS-TAL": "Ett belopp eller antal deltagare i en insatstext är inget av insatsens tal i arbetsboken",
}

_NUMBER = fmt.WHOLE
MONEY = re.compile(rf"(?<![\d,.])({_NUMBER})(?:,(\d{{1,2}}))?[ \u00a0\u202f]?(kr|kronor|tkr)\b", re.I)
COUNT = re.compile(
    rf"\bdeltog\s+({_NUMBER})\s+(?:personer|deltagare)\b"
    rf"|(?<![\d,.])({_NUMBER})\s+(?:personer|deltagare)\s+(?:har\s+|hade\s+)?deltagit\b",
    re.I,
)
_BUDGET_WORDS = re.compile(r"bevilja|budget", re.I)
_ACTUAL_WORDS = re.compile(r"kostnad|utfall|redovisa|förbruka", re.I)


def check_intervention_texts(pages: tuple[InterventionPage, ...], year: int) -> list[Finding]:
    findings = []
    for page in pages:
        if page.text is None:
            continue
        file = page.text.location.file
        for n, line in enumerate(page.text.content.split("\n"), start=1):
            findings += _money(page, file, n, line)
        findings += _counts(page, file, page.text.content, year)
    return findings


def _amount(digits: str, ore: str | None, unit: str) -> Decimal:
    value = Decimal(re.sub(r"\D", "", digits) + ("." + ore if ore else ""))
    return value * 1000 if unit.lower() == "tkr" else value


def _money_figures(page: InterventionPage) -> dict[str, Decimal]:
    figures = {"budget": page.budget, "utfall": page.actual, "avvikelse": page.variance}
    if page.cost_per_participant is not None:
        figures["kostnad_per_deltagare"] = page.cost_per_participant
    return figures


def _known_money(page: InterventionPage) -> set[Decimal]:
    """Every amount of the insats a text may write: its figures and Beviljat totalt (the whole period)."""
    known = {abs(v) for v in _money_figures(page).values()}
    if page.granted_total is not None:
        known.add(abs(page.granted_total))
    return known


def _money(page: InterventionPage, file: str, n: int, line: str) -> list[Finding]:
    out = []
    figures = _money_figures(page)
    known = _known_money(page)
    for m in MONEY.finditer(line):
        value = _amount(m[1], m[2], m[3])
        if value in known:
            continue
        before = re.split(r"[.;:!?]\s", line[: m.start()])[-1]
        if _BUDGET_WORDS.search(before):
            name = "budget"
        elif _ACTUAL_WORDS.search(before):
            name = "utfall"
        else:
            name = min(("budget", "utfall"), key=lambda k: abs(figures[k] - value))
        label = {"budget": "Budget (beviljade medel)", "utfall": "Utfall (redovisade kostnader)"}[name]
        out.append(warning(
            "TEXT-INSATS-TAL",
            f"Texten om ”{page.name}” skriver ”{m[0]}”, men inget av insatsens belopp i arbetsboken är det "
            f"(Budget {fmt.kr(page.budget)}, Utfall {fmt.kr(page.actual)}, avvikelse {fmt.kr(page.variance)}). "
            f"Menar texten {label}, {fmt.kr(figures[name])}? Gäller beloppet ett annat år kan det stå kvar; skriv "
            f"annars {{{{ insats.{name} }}}} så visar texten arbetsbokens belopp och följer med när det ändras.",
            Location(file, line=n),
        ))
    return out


def _count_figures(page: InterventionPage) -> set[int]:
    counts = {page.participants, page.outcomes_total}
    if page.planned_participants is not None:
        counts.add(page.planned_participants)
    for group in (page.gender, page.background):
        if group is not None:
            counts.update(v for k, v in vars(group).items() if isinstance(v, int))
    counts.update(m.count for m in page.municipalities or () if isinstance(m.count, int))
    counts.update(o.count for o in page.outcomes if isinstance(o.count, int))
    return counts


_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]|$)")


def _counts(page: InterventionPage, file: str, content: str, year: int) -> list[Finding]:
    """Counts in sentences that name the year ("Under 2016 deltog 7 personer"): the year's
    participants, not a goal, a subgroup or a whole project period."""
    out = []
    known = _count_figures(page)
    for sentence in _SENTENCE.finditer(content):
        if str(year) not in sentence[0]:
            continue
        out += _sentence_counts(page, file, content, sentence, known)
    return out


def _sentence_counts(page: InterventionPage, file: str, content: str, sentence: re.Match, known: set[int]) -> list[Finding]:
    out = []
    for m in COUNT.finditer(sentence[0]):
        n = content.count("\n", 0, sentence.start() + m.start()) + 1
        digits = m[1] or m[2]
        value = int(re.sub(r"\D", "", digits))
        if value in known:
            continue
        what = "deltagare" if page.kind is InterventionKind.INDIVID else "deltagare (antal närvarande)"
        out.append(warning(
            "TEXT-INSATS-TAL",
            f"Texten om ”{page.name}” skriver ”{m[0]}”, men insatsen har {page.participants} {what} i Insatser "
            f"({page.location}) och inget av dess antal i arbetsboken är {value}. Menar texten Deltagare, "
            f"{page.participants}? Skriv {{{{ insats.deltagare }}}} så visar texten arbetsbokens antal och följer med när "
            "det ändras.",
            Location(file, line=n),
        ))
    return out
