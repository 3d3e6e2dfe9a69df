"""Which of a report's participant figures are the räkenskapsår's (Insatser › Deltagare, Kön).

The årsredovisning counts the year's participants; a lägesrapport counts them under its period or
since the insats started. A figure is the year's only when what it counts is exactly the insats's
part of the year: a period figure when the period covers that part and lies inside the year (a
report for the whole year, or from the insats's start or to its end within the year); a since-start
figure when the insats started within the year and the period runs to the end of that part.
Anything else is kept as reported in Lägesrapporter and never summed or prorated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import Intervention
from .fields import Measure
from .records import Participants, ProgressReport


@dataclass(frozen=True)
class YearFigures:
    measure: Measure
    participants: Participants


def active_part(intervention: Intervention, year: int) -> tuple[date, date]:
    """The insats's part of the räkenskapsår (the whole year when Start/Slut are not given)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    return max(first, intervention.start or first), min(last, intervention.end or last)


def year_figures(report: ProgressReport, intervention: Intervention, year: int) -> YearFigures | None:
    if report.period is None:
        return None
    start, end = report.period
    first, last = active_part(intervention, year)
    period = report.participants.get(Measure.PERIOD)
    if period is not None and period.actual is not None and start <= first and end >= last and start >= date(year, 1, 1) and end <= date(year, 12, 31):
        return YearFigures(Measure.PERIOD, period)
    since = report.participants.get(Measure.SINCE_START)
    started_this_year = intervention.start is not None and intervention.start >= date(year, 1, 1)
    if since is not None and since.actual is not None and started_this_year and end >= last and end <= date(year, 12, 31):
        return YearFigures(Measure.SINCE_START, since)
    return None
