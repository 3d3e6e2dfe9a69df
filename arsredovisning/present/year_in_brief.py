"""Året i korthet: the year's key figures against the prior year and a few sentences read off them,
as Swedish municipal reports open. Money comes from the rounded statements (the same figures the
resultaträkning and balansräkning print); counts from the key figures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .. import fmt
from ..compute.lines import StatementKey as K
from ..money import to_unit
from .rounding import DisplayedFinancials


@dataclass(frozen=True)
class BriefRow:
    label: str
    values: tuple[int | None, ...]  # this year, prior year; None: not in the data
    kind: str  # "money" (already in the unit) or "count"


@dataclass(frozen=True)
class YearInBrief:
    years: tuple[int, int]
    unit: str
    rows: tuple[BriefRow, ...]
    lines: tuple[str, ...]


def year_in_brief(year: int, unit: str, shown: DisplayedFinancials, figures: dict,
                  individual_actual: Decimal | None) -> YearInBrief:
    """``individual_actual``: the individinriktade insatsernas Utfall together (None: no such insats)."""
    rr, br = shown.income_statement, shown.balance_sheet
    n = len(br.statement.years)

    def both(statement, key: str) -> tuple[int | None, ...]:
        return tuple(statement.value(key, c) if c < n else None for c in range(2))

    def figure(name: str):
        f = figures.get(name)
        return None if f is None else f.value

    participants = figure("antal_deltagare")
    cost = _cost_per_participant(figures, individual_actual, unit)
    rows = [
        BriefRow("Verksamhetens intäkter", both(rr, K.VERKSAMHETENS_INTAKTER), "money"),
        BriefRow("Verksamhetens kostnader", both(rr, K.VERKSAMHETENS_KOSTNADER), "money"),
        BriefRow("Årets resultat", both(rr, K.ARETS_RESULTAT), "money"),
        BriefRow("Eget kapital vid årets slut", both(br, K.EGET_KAPITAL), "money"),
        BriefRow("Summa tillgångar", both(br, K.SUMMA_TILLGANGAR), "money"),
        BriefRow("Antal insatser", (figure("antal_insatser"), None), "count"),
        BriefRow("Deltagare i individinriktade insatser", (participants, None), "count"),
    ]
    if cost is not None:
        rows.append(BriefRow("Kostnad per deltagare, individinriktade insatser", (cost, None), "money"))
    return YearInBrief((year, year - 1), unit, tuple(rows), _lines(rr, br, n, unit, figures, cost))


def report_year_in_brief(report) -> YearInBrief | None:
    """Året i korthet of a computed report (``compute.Report``), as the report prints it; None
    without statements. The one place the report and the JSON export take it from."""
    from .rounding import round_financials

    fin = report.financials
    if fin is None:
        return None
    org = report.inp.organisation
    shown = round_financials(fin, org.unit.value)
    actual = sum((p.actual for p in report.individual), Decimal(0)) if report.individual else None
    return year_in_brief(org.year, org.unit.value, shown, report.key_figures, actual)


def _cost_per_participant(figures: dict, actual: Decimal | None, unit: str) -> int | None:
    """The individinriktade insatsernas redovisade kostnader per deltagare, in the report's unit."""
    participants = figures.get("antal_deltagare")
    if participants is None or not participants.value or actual is None:
        return None
    return to_unit(actual / participants.value, unit)


def _lines(rr, br, n: int, unit: str, figures: dict, cost: int | None) -> tuple[str, ...]:
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
    people, attendees = count("antal_deltagare"), count("antal_deltagare_struktur")
    if people or attendees:
        text = f"{fmt.count(people)} deltagare har tagit del av de individinriktade insatserna"
        text += f" och {fmt.count(attendees)} av de strukturövergripande." if attendees else "."
        out.append(text)
    if cost is not None:
        out.append(f"De individinriktade insatsernas kostnad per deltagare är {amount(cost)}.")
    return tuple(out)
