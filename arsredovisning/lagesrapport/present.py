"""The halvårsuppföljning's view model: an overview row per insats (period, planned vs actual
deltagare by kön, economy in line with budget, deviations flagged), the insatser without a report
for the period, and one section per insats with its answers. Every value is formatted here
(``fmt``); the template only lays out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from .. import fmt
from ..compute.slugs import slugify
from ..findings import Finding, Level, Location, warning
from ..model import AnnualInput
from .fields import DEVIATION_LIMIT_PCT, Measure
from .form import active_in
from .records import Participants, ProgressReport, Scope
from .typed import shown_period
from .validate import find_intervention

FINDINGS: dict[str, str] = {
    "LAGE-RAPPORT-SAKNAS": "En insats som var aktiv under perioden har inte lämnat någon lägesrapport",
}


@dataclass(frozen=True)
class OverviewRow:
    name: str
    anchor: str
    period: str
    measure: str  # "sedan start" / "under perioden"
    planned: str
    actual: str
    women: str
    men: str
    economy: str  # Ja / Nej / –
    period_deviation: str  # the period's invoiced costs against the period's grant: "−12,5 %" / "–"
    year_deviation: str  # the year's forecast against the year's budget (or the report's one grant)
    flags: tuple[str, ...]


@dataclass(frozen=True)
class ParticipantRow:
    label: str
    cells: tuple[str, ...]  # planerat/faktiskt under perioden, planerat/faktiskt sedan start


@dataclass(frozen=True)
class Part:
    """A part of an insats's section under its heading: an answer, the reason for an economic
    deviation, or a free section of the report, in paragraphs."""

    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class InsatsSection:
    name: str
    anchor: str
    facts: tuple[tuple[str, str], ...]
    participants: tuple[ParticipantRow, ...]
    flags: tuple[str, ...]
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class FollowUp:
    title: str
    name: str  # the förbund
    org_number: str
    year: int
    created: date
    period: str
    rows: tuple[OverviewRow, ...]
    missing: tuple[str, ...]
    sections: tuple[InsatsSection, ...]
    notes: tuple[str, ...]  # warnings about the reports, "file › field: message"


def main_period(reports: list[ProgressReport]) -> tuple[date, date] | None:
    """The follow-up period: the one ``skapa`` wrote most of the forms for (the latest of equals).
    Without the tool's forms, the period ending on the day most reports end (the latest of equals),
    from the earliest start among them: an insats that started or ended inside the period reports a
    part of it, never cutting the period short."""
    asked = Counter(r.form_period for r in reports if r.form_period)
    if asked:
        return max(asked, key=lambda p: (asked[p], p[1], p[0]))
    ends = Counter(r.period[1] for r in reports if r.period)
    if not ends:
        return None
    end = max(ends, key=lambda e: (ends[e], e))
    return min(r.period[0] for r in reports if r.period and r.period[1] == end), end


def follow_up(inp: AnnualInput, reports: list[ProgressReport], findings: list[Finding],
              period: tuple[date, date] | None = None) -> tuple[FollowUp, list[Finding]]:
    period = period or main_period(reports)
    named: dict[str, list] = {}
    for r in reports:
        i = find_intervention(r.intervention or "", inp)
        if i is not None and r.period is not None:
            named.setdefault(i.name, []).append(r)
    rows, sections, missing, found = [], [], [], []
    for i in inp.interventions:
        own = sorted(named.get(i.name, []), key=lambda r: r.period)
        if not own:
            if period is None or active_in(i, period):
                missing.append(i.name)
                found.append(warning("LAGE-RAPPORT-SAKNAS", f"Insatsen ”{i.name}” har inte lämnat någon lägesrapport för {shown_period(period)}. Påminn insatsen eller notera det i uppföljningen.", Location(i.location.file, i.location.sheet, i.location.cell)))
            continue
        for r in own:
            anchor = f"insats-{slugify(i.name)}-{r.period[0].isoformat()}"
            deviations = r.deviations(i.budget)
            flags = _flags(r, deviations)
            measure, p = _shown_participants(r)
            shown = {d.scope: fmt.percent(d.pct, 1) for d in deviations}
            rows.append(OverviewRow(
                i.name, anchor, shown_period(r.period), measure.value if measure else fmt.DASH,
                fmt.count(p.planned), fmt.count(p.actual), fmt.count(p.women), fmt.count(p.men),
                fmt.DASH if r.economy_ok is None else ("Ja" if r.economy_ok else "Nej"),
                shown.get(Scope.PERIOD, fmt.DASH), shown.get(Scope.YEAR, fmt.DASH), flags))
            sections.append(_section(i.name, anchor, r, flags, i.budget))
    notes = tuple(f"{f.location}: {f.message}" if f.location else f.message
                  for f in findings if f.level is not Level.INFO)  # the missing reports are listed apart
    view = FollowUp(
        title=f"Uppföljning av insatserna {shown_period(period)}",
        name=inp.organisation.name, org_number=inp.organisation.org_number, year=inp.organisation.year,
        created=period[1] if period else date(inp.organisation.year, 12, 31), period=shown_period(period),
        rows=tuple(rows), missing=tuple(missing), sections=tuple(sections), notes=notes)
    return view, found


def _shown_participants(r: ProgressReport) -> tuple[Measure | None, Participants]:
    for measure in (Measure.PERIOD, Measure.SINCE_START):
        p = r.participants.get(measure)
        if p is not None and not p.empty:
            return measure, p
    return None, Participants()


def _flags(r: ProgressReport, deviations) -> tuple[str, ...]:
    flags = []
    if r.economy_ok is False:
        flags.append("Ekonomin ligger inte i linje med budget")
    for d in deviations:
        if abs(d.pct) > DEVIATION_LIMIT_PCT:
            flags.append(d.text() + ("" if r.economy_reason else " (skäl saknas)"))
    for measure, p in r.participants.items():
        if p.planned is not None and p.actual is not None and p.actual < p.planned:
            flags.append(f"Färre deltagare än planerat {measure.value} ({fmt.count(p.actual)} av {fmt.count(p.planned)})")
    if (deviations := r.answer("deviations")) and not _none_said(deviations):
        flags.append("Avvikelser mot ansökan beskrivs")
    return tuple(flags)


def _none_said(text: str) -> bool:
    folded = text.casefold()
    return folded.startswith(("inga", "nej", "ingen")) or "inga avvikelser" in folded


def _section(name: str, anchor: str, r: ProgressReport, flags, budget) -> InsatsSection:
    facts = (
        ("Rapportperiod", shown_period(r.period)),
        ("Insatsens period", shown_period(r.total_period)),
        ("Lägesrapport nr", f"{fmt.count(r.number)} av {fmt.count(r.of)}" if r.number else fmt.DASH),
        ("Beviljade medel för perioden" if r.own_form else "Beviljade medel", fmt.whole_kr(r.granted)),
        ("Fakturerade kostnader för perioden" if r.own_form else "Fakturerade kostnader", fmt.whole_kr(r.invoiced)),
        ("Prognos för året", fmt.whole_kr(r.forecast)),
        ("Årets budget för insatsen", fmt.whole_kr(budget) if budget else fmt.DASH),
        ("Ekonomin i linje med budget", fmt.DASH if r.economy_ok is None else ("Ja" if r.economy_ok else "Nej")),
        ("Underskrift", " ".join(x for x in (r.signed_by or "", fmt.date(r.signed_on) if r.signed_on else "") if x) or fmt.DASH),
        ("Fil", r.file),
    )
    rows = []
    for label, attr, planned in (("Kvinnor", "women", "planned_women"), ("Män", "men", "planned_men"),
                                 ("Annat/ej angivet", "other", "planned_other"), ("Totalt", "actual", "planned")):
        cells = []
        for measure in (Measure.PERIOD, Measure.SINCE_START):
            p = r.participants.get(measure, Participants())
            cells += [fmt.count(getattr(p, planned)), fmt.count(getattr(p, attr))]
        if any(c != fmt.DASH for c in cells):
            rows.append(ParticipantRow(label, tuple(cells)))
    parts = [Part(a.label, _paras(a.text)) for a in r.answers]
    if r.economy_reason:
        parts.append(Part("Ekonomi: skäl till avvikelse", _paras(r.economy_reason)))
    parts += [Part(s.heading or "Beskrivning", _paras(s.text)) for s in r.sections]
    return InsatsSection(name, anchor, facts, tuple(rows), flags, tuple(parts))


def _paras(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.split("\n") if line.strip())
