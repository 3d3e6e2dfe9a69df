"""Checks of read lägesrapporter: each on its own (figures that add up, a reason for a deviation)
and against the workbook (the insats exists, the period lies inside the insats's period and the
räkenskapsår, one report per insats and period). Pure: reports and records in, findings out."""

from __future__ import annotations

from datetime import date

from .. import fmt
from ..findings import Finding, Location, error, warning
from ..load.grid import near_miss
from ..model import AnnualInput, Intervention
from .fields import BY_KEY, DEVIATION_LIMIT_PCT
from .records import ProgressReport, Scope
from .typed import shown_period

FINDINGS: dict[str, str] = {
    "LAGE-INSATS-SAKNAS": "En lägesrapport saknar insatsens namn",
    "LAGE-INSATS-OKAND": "Insatsen i en lägesrapport finns inte i bladet Insatser",
    "LAGE-PERIOD-UTANFOR": "Rapportperioden ligger utanför insatsens period eller räkenskapsåret",
    "LAGE-DUBBEL": "Två lägesrapporter för samma insats och period",
    "LAGE-KON-SUMMA": "Kvinnor, män och annat/ej angivet summerar inte till totalt antal",
    "LAGE-RAPPORTNR": "Rapportens nummer är större än det totala antalet rapporter",
    "LAGE-AVVIKELSE-SKAL": "Periodens kostnader avviker mer än 10 % från periodens beviljade medel, eller årets prognos från årets budget, utan angivet skäl",
    "LAGE-EKONOMI-SKAL": "Ekonomin ligger inte i linje med budget och skälet saknas",
}


def check_report(r: ProgressReport) -> list[Finding]:
    """What a report must satisfy by itself."""
    findings: list[Finding] = []
    if not r.intervention:
        findings.append(error("LAGE-INSATS-SAKNAS", "Insatsens namn saknas. Skriv insatsens namn som i bladet Insatser efter ”Insatsens namn:”.", r.where("name") if "name" in r.locations else Location(r.file, BY_KEY["name"].label)))
    if r.number is not None and r.of is not None and r.number > r.of:
        findings.append(warning("LAGE-RAPPORTNR", f"Lägesrapport nr {r.number} av totalt {r.of}: numret är större än antalet. Kontrollera uppgifterna.", r.where("number")))
    for measure, p in r.participants.items():
        for role, total, parts in (("planerat", p.planned_total, (p.planned_women, p.planned_men, p.planned_other)),
                                   ("faktiskt", p.total, (p.women, p.men, p.other))):
            given = [n for n in parts if n is not None]
            if total is not None and given and len(given) >= 2 and sum(given) != total:
                where = r.where(f"{measure.value} {'planerat' if role == 'planerat' else 'faktiskt'} totalt")
                findings.append(warning("LAGE-KON-SUMMA", f"Deltagare {measure.value}, {role}: kvinnor, män och annat/ej angivet är {sum(given)} men totalt står {total}. Rätta siffrorna.", where))
    findings += deviation_findings(r, r.deviations())
    if r.economy_ok is False and not r.economy_reason:
        findings.append(warning("LAGE-EKONOMI-SKAL", "Ekonomin ligger inte i linje med budget, men frågan ”Om inte, ange varför” är obesvarad. Be insatsen ange skälet.", r.where("economy_ok")))
    return findings


def deviation_findings(r: ProgressReport, deviations) -> list[Finding]:
    """A comparison off by more than the limit without a reason, saying which comparison it is."""
    if r.economy_reason:
        return []
    return [warning("LAGE-AVVIKELSE-SKAL", f"{d.text()}, men skälet till avvikelsen saknas. Be insatsen ange skälet (krävs vid en avvikelse över {DEVIATION_LIMIT_PCT} %).",
                    r.where("beviljade medel" if d.scope is Scope.PERIOD or not r.own_form else "prognos för året"))
            for d in deviations if abs(d.pct) > DEVIATION_LIMIT_PCT]


def check_against_workbook(reports: list[ProgressReport], inp: AnnualInput) -> list[Finding]:
    """The insats exists, the period fits, one report per insats and period."""
    findings: list[Finding] = []
    seen: dict[tuple[str, tuple[date, date]], ProgressReport] = {}
    year = inp.organisation.year
    names = [i.name for i in inp.interventions]
    for r in reports:
        if not r.intervention:
            continue
        intervention = find_intervention(r.intervention, inp)
        if intervention is None:
            close = near_miss(r.intervention, names, cutoff=0.6)
            hint = f" Menade du ”{close}”?" if close else ""
            findings.append(error("LAGE-INSATS-OKAND", f"Insatsen ”{r.intervention}” finns inte i bladet Insatser.{hint} Skriv namnet som i Insatser, eller lägg till insatsen där.", r.where("name")))
            continue
        if r.period is None:
            continue
        own = set(r.deviations())  # checked by check_report
        findings += deviation_findings(r, [d for d in r.deviations(intervention.budget) if d not in own])
        start, end = r.period
        first, last = intervention.start or (r.total_period[0] if r.total_period else None), intervention.end or (r.total_period[1] if r.total_period else None)
        if (first and start < first) or (last and end > last):
            shown = f"{fmt.date(first)}{fmt.DASH}{fmt.date(last)}"
            findings.append(error("LAGE-PERIOD-UTANFOR", f"Rapportperioden {shown_period(r.period)} ligger utanför insatsens period {shown} (Insatser › Start, Slut). Rätta perioden i rapporten eller insatsens datum.", r.where("period")))
        elif end < date(year, 1, 1) or start > date(year, 12, 31):
            findings.append(error("LAGE-PERIOD-UTANFOR", f"Rapportperioden {shown_period(r.period)} ligger utanför räkenskapsåret {year}. Läs in rapporten i årsmappen för rätt år.", r.where("period")))
        key = (intervention.name, r.period)
        if key in seen:
            findings.append(error("LAGE-DUBBEL", f"Två lägesrapporter för {intervention.name} och perioden {shown_period(r.period)}: {seen[key].file} och {r.file}. Ta bort den ena ur mappen.", r.where("period")))
        else:
            seen[key] = r
    return findings


def find_intervention(name: str, inp: AnnualInput) -> Intervention | None:
    """The Insatser row a report names: exactly (ignoring case and spacing), or by the part before a
    parenthesis (``SIKTA (SIKTA-Arbetsmarknad & SIKTA-Unga)`` → ``SIKTA``)."""
    def norm(s: str) -> str:
        return " ".join(s.split()).casefold()

    wanted = [norm(name), norm(name.split("(")[0])]
    for w in wanted:
        for i in inp.interventions:
            if norm(i.name) == w:
                return i
    return None
