"""Året i korthet: the year's key figures against the prior year and a few sentences read off them,
as Swedish municipal reports open. Money comes from the rounded statements (the same figures the
resultaträkning and balansräkning print); counts from the key figures."""

from __future__ import annotations

import re

from dataclasses import dataclass, replace
from decimal import Decimal

from .. import fmt
from ..compute.lines import StatementKey as K
from ..compute.participants import Participation, participation
from ..money import to_unit
from .multi_year import MultiYearView
from .rounding import DisplayedFinancials


@dataclass(frozen=True)
class BriefRow:
    label: str
    values: tuple[int | Decimal | None, ...]  # this year, prior year (span_rows: per year); None: not in the data
    kind: str  # "money" (already in the unit), "count" or "percent"
    key: str = ""  # the flerårsöversikt's figure (compute/years.py FIGURES) the row shows, if any


@dataclass(frozen=True)
class YearInBrief:
    years: tuple[int, int]
    unit: str
    rows: tuple[BriefRow, ...]
    lines: tuple[str, ...]
    members: tuple[tuple[str, int], ...] = ()  # medlemsbidrag per member (whole unit), Medlemmar's order
    members_total: int = 0
    extra: tuple[str, ...] = ()  # result against budget, eget kapital against the riktvärde, work or studies
    # With earlier years known: the flerårsöversikt's view (its years, figures and chart) and the
    # table Året i korthet prints from it (see ``over_the_years``); None: this year and the prior one.
    span: MultiYearView | None = None
    span_rows: tuple[BriefRow, ...] = ()  # values per span.years, oldest first

    @property
    def span_partial(self) -> bool:
        """Some row of the span table is known for this year (and the prior one) only."""
        return any(v is None for r in self.span_rows if not r.key for v in r.values)


def over_the_years(brief: YearInBrief, view: MultiYearView | None) -> YearInBrief:
    """Året i korthet's key figures over the flerårsöversikt's years (up to five): its rows as it
    prints them (one definition: the same figures, the same rounding), then the brief's own rows
    that the flerårsöversikt has no figure for (summa tillgångar, struktur- and volyminsatser), with
    this year's and the prior year's value and – for older years. ``view`` None: unchanged."""
    if view is None:
        return brief
    rows = [BriefRow(r.label, r.values, r.kind, r.key) for r in view.rows]
    covered = {r.key for r in view.rows}
    current, prior = brief.years
    for r in brief.rows:
        if r.key in covered:
            continue
        by_year = {current: r.values[0], prior: r.values[1] if len(r.values) > 1 else None}
        rows.append(BriefRow(r.label, tuple(by_year.get(y) for y in view.years), r.kind))
    return replace(brief, span=view, span_rows=tuple(rows))


WORK_OR_STUDIES = re.compile(r"^(arbete|studier|arbete eller studier|anställning|utbildning)", re.IGNORECASE)


def key_lines(year: int, unit: str, budget_result: int | None, result: int, equity_pct, target_pct,
              outcomes: tuple[tuple[str, int], ...], individual: int | None) -> tuple[str, ...]:
    """The key-figure sentences of Året i korthet that need more than the statements:
    ``budget_result`` the driftredovisning's budgeted årets resultat (None: no budget);
    ``outcomes`` the individinriktade insatsernas (Resultat) outcomes as (utfall, antal)."""
    def amount(v: int) -> str:
        return fmt.with_unit(fmt.shown(v), unit)
    out = []
    if budget_result is not None:
        diff = result - budget_result
        word = "bättre" if diff > 0 else "sämre" if diff < 0 else "lika med"
        tail = f"{amount(abs(diff))} {word} än budgeterat" if diff else "som budgeterat"
        out.append(f"Årets resultat, {amount(result)}, är {tail} ({amount(budget_result)}).")
    if equity_pct is not None and target_pct is not None:
        where = "inom" if equity_pct <= target_pct else "över"
        out.append(f"Eget kapital motsvarar {fmt.percent(equity_pct, 1)} av medlemsbidraget, {where} riktvärdet "
                   f"om högst {fmt.percent(target_pct, 1)}.")
    went = sum(n for name, n in outcomes if WORK_OR_STUDIES.match(name.strip()))
    total = sum(n for _, n in outcomes)
    if total and went:
        out.append(f"Av de {fmt.count(total)} utfall som de individinriktade insatserna har redovisat är {fmt.count(went)} "
                   f"arbete eller studier ({fmt.percent(Decimal(went) * 100 / total, 0)}).")
    return tuple(out)


def year_in_brief(year: int, unit: str, shown: DisplayedFinancials, figures: dict, people: Participation) -> YearInBrief:
    """``people``: deltagare apart from Volyminsatser's counts, and the kostnad per deltagare
    (compute/participants.py)."""
    rr, br = shown.income_statement, shown.balance_sheet
    n = len(br.statement.years)

    def both(statement, key: str) -> tuple[int | None, ...]:
        return tuple(statement.value(key, c) if c < n else None for c in range(2))

    def figure(name: str):
        f = figures.get(name)
        return None if f is None else f.value

    participants = figure("antal_deltagare")  # persons (compute/participants.py), as the flerårsöversikt counts them
    exact = people.cost_per_participant  # persons only: the cost of the insatser whose Deltagare are persons
    cost = to_unit(exact, unit) if exact is not None else None
    rows = [
        BriefRow("Verksamhetens intäkter", both(rr, K.VERKSAMHETENS_INTAKTER), "money", "verksamhetens_intakter"),
        BriefRow("Verksamhetens kostnader", both(rr, K.VERKSAMHETENS_KOSTNADER), "money", "verksamhetens_kostnader"),
        BriefRow("Årets resultat", both(rr, K.ARETS_RESULTAT), "money", "arets_resultat"),
        BriefRow("Eget kapital vid årets slut", both(br, K.EGET_KAPITAL), "money", "eget_kapital"),
        BriefRow("Summa tillgångar", both(br, K.SUMMA_TILLGANGAR), "money"),
        BriefRow("Antal insatser", (figure("antal_insatser"), None), "count", "antal_insatser"),
        BriefRow("Deltagare i individinriktade insatser", (participants, None), "count", "antal_deltagare"),
    ]
    if people.structural:
        rows.append(BriefRow("Deltagare i strukturövergripande insatser", (people.structural, None), "count"))
    if people.volume:
        rows.append(BriefRow("Deltaganden i volyminsatser", (people.volume, None), "count"))
    if cost is not None:
        rows.append(BriefRow("Kostnad per deltagare, individinriktade insatser", (cost, None), "money", "kostnad_per_deltagare"))
    return YearInBrief((year, year - 1), unit, tuple(rows), _lines(rr, br, n, unit, figures, cost, people))


def report_year_in_brief(report, shown: DisplayedFinancials | None = None) -> YearInBrief | None:
    """Året i korthet of a computed report (``compute.Report``), as the report prints it; None
    without statements. The one place the report and the JSON export take it from. ``shown``: the
    report's financials already rounded (else rounded here)."""
    from .rounding import round_financials

    fin = report.financials
    if fin is None:
        return None
    org = report.inp.organisation
    shown = shown if shown is not None else round_financials(fin, org.unit.value)
    return year_in_brief(org.year, org.unit.value, shown, report.key_figures, participation(report.inp.interventions))


def _lines(rr, br, n: int, unit: str, figures: dict, cost: int | None, people: Participation) -> tuple[str, ...]:
    def amount(v: int) -> str:
        return fmt.with_unit(fmt.shown(v), unit)

    def count(name: str):
        f = figures.get(name)
        return None if f is None else f.value

    out = []
    result = rr.value(K.ARETS_RESULTAT, 0)
    prior = f" (föregående år {amount(rr.value('arets_resultat', 1))})" if n > 1 else ""
    word = "ett överskott" if result > 0 else "ett underskott" if result < 0 else "ett nollresultat"
    out.append(f"Årets resultat är {word} på {amount(abs(result)) if result else amount(0)}{prior}.")
    equity = br.value(K.EGET_KAPITAL, 0)
    pct = count("eget_kapital_andel_av_medlemsbidrag")
    share = f", vilket motsvarar {fmt.percent(pct, 1)} av årets medlemsbidrag" if pct is not None else ""
    out.append(f"Eget kapital vid årets slut är {amount(equity)}{share}.")
    total, individ, struktur = count("antal_insatser"), count("antal_individinsatser"), count("antal_strukturinsatser")
    if total:
        out.append(f"Förbundet har finansierat {total} insatser: {individ} individinriktade och {struktur} strukturövergripande.")
    persons, attendees = count("antal_deltagare"), count("antal_deltagare_struktur")  # persons, one definition
    if persons or attendees:
        text = f"{fmt.count(persons)} deltagare har tagit del av de individinriktade insatserna"
        text += f" och {fmt.count(attendees)} av de strukturövergripande." if attendees else "."
        out.append(text)
    if people.volume:
        out.append(f"Därtill har {people.volume_insatser} volyminsatser redovisat {fmt.count(people.volume)} deltaganden; "
                   "en volyminsats räknar deltaganden, inte personer, och de läggs inte till deltagarna.")
    if cost is not None:
        out.append(f"De individinriktade insatsernas kostnad per deltagare är {amount(cost)}.")
    return tuple(out)
