"""An insats whose period (Insatser › Start, Slut) lies wholly outside the räkenskapsår but has the
year's costs or deltagare.

| id | level | when |
|---|---|---|
| INS-UTANFOR-PERIOD | varning | Utfall ≠ 0 or Deltagare > 0 for an insats that starts after the year or ended before it |

A cost booked on the wrong insats, or a Start/Slut written for the wrong year: either the figures
or the dates are wrong. (Budget is not read: medel may be granted in the year before a start.)
"""

from __future__ import annotations

from datetime import date

from .. import fmt
from ..findings import Finding, warning
from ..model import AnnualInput

FINDINGS: dict[str, str] = {
    "INS-UTANFOR-PERIOD": "En insats har årets kostnader eller deltagare fast dess period (Start–Slut) ligger utanför räkenskapsåret",
}


def check_intervention_periods(inp: AnnualInput) -> list[Finding]:
    year = inp.organisation.year
    first, last = date(year, 1, 1), date(year, 12, 31)
    out = []
    for i in inp.interventions:
        after = i.start is not None and i.start > last
        before = i.end is not None and i.end < first
        if not (after or before) or (not i.actual and not i.participants):
            continue
        has = " och ".join(part for part in (
            f"Utfall {fmt.kr(i.actual)}" if i.actual else "",
            f"{i.participants} deltagare" if i.participants else "",
        ) if part)
        when = f"börjar {fmt.date(i.start)}, efter" if after else f"slutade {fmt.date(i.end)}, före"
        out.append(warning(
            "INS-UTANFOR-PERIOD",
            f"Insatsen ”{i.name}” {when} räkenskapsåret {year}, men har {has} för {year}. Rätta Start och Slut "
            f"i Insatser om insatsen pågick {year}, annars hör kostnaderna och deltagarna till en annan insats eller ett annat år.",
            i.location,
        ))
    return out
