"""``lagesrapport skapa``: one Word form per insats active in the period, pre-filled with what the
förbund knows (name, total period, rapportperiod, rapport nr N av M, budget, planned deltagare).

The labels are ``fields.py``'s, so ``las`` reads the returned form exactly: every question a
heading followed by its answer paragraphs, the numbers in tables (participants as Kvinnor / Män /
Annat/ej angivet / Totalt × planerat and faktiskt, under perioden and sedan start).
"""

from __future__ import annotations

import io
from datetime import date, datetime

from .. import fmt
from ..compute.slugs import slugify
from ..model import AnnualInput, Intervention
from .documents import FORM_PERIOD, OWN_FORM
from .fields import ANSWERS, BY_KEY, GROUP_LABELS, MONEY_LABELS, Group, Measure, Money
from .year import active_part

PARTICIPANT_COLUMNS = (
    ("Planerat", Measure.PERIOD), ("Faktiskt", Measure.PERIOD),
    ("Planerat", Measure.SINCE_START), ("Faktiskt", Measure.SINCE_START),
)
GROUPS = (Group.WOMEN, Group.MEN, Group.OTHER, Group.TOTAL)
MONEY_ROWS = (Money.GRANTED, Money.INVOICED, Money.FORECAST)


def column_header(role: str, measure: Measure) -> str:
    return f"{role} {measure.value}"


def active_in(intervention: Intervention, period: tuple[date, date]) -> bool:
    start, end = period
    return (intervention.start is None or intervention.start <= end) and (intervention.end is None or intervention.end >= start)


def _months(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` inclusive (2025-01-01 → 2025-06-30 is 6)."""
    return (end.year - start.year) * 12 + end.month - start.month + (1 if end.day >= start.day - 1 else 0)


def report_number(intervention: Intervention, period: tuple[date, date]) -> tuple[int | None, int | None]:
    """Rapport nr N av M over the insats's whole period: ``period`` (the follow-up period asked for,
    not its part inside the insats) and the periods as long before and after it form a calendar grid
    (half-years for a half-year); N counts the grid's periods from the one the insats starts in to this
    one, M those from it to the one the insats ends in (None without dates)."""
    if intervention.start is None:
        return None, None
    length = max(1, _months(*period))
    origin = period[0].year * 12 + period[0].month - 1

    def slot(day: date) -> int:
        return (day.year * 12 + day.month - 1 - origin) // length

    first = slot(intervention.start)
    number = max(1, slot(period[0]) - first + 1)
    total = slot(intervention.end) - first + 1 if intervention.end else None
    return number, total


def form_name(intervention: Intervention, period: tuple[date, date]) -> str:
    return f"lagesrapport-{slugify(intervention.name)}-{period[0].isoformat()}-{period[1].isoformat()}.docx"


def forms(inp: AnnualInput, period: tuple[date, date]) -> list[tuple[str, bytes]]:
    """``(file name, .docx bytes)`` for every insats active in ``period``, in workbook order."""
    return [(form_name(i, period), form(inp, i, period)) for i in inp.interventions if active_in(i, period)]


def clipped(intervention: Intervention, period: tuple[date, date]) -> tuple[date, date]:
    """The rapportperiod inside the insats's period (an insats starting mid-period reports from its start)."""
    start = max(period[0], intervention.start) if intervention.start else period[0]
    end = min(period[1], intervention.end) if intervention.end else period[1]
    return start, end


def form(inp: AnnualInput, intervention: Intervention, asked: tuple[date, date]) -> bytes:
    import docx

    period = clipped(intervention, asked)
    doc = docx.Document()
    year = inp.organisation.year
    props = doc.core_properties
    props.keywords = OWN_FORM
    props.subject = f"{FORM_PERIOD} {asked[0].isoformat()} {fmt.DASH} {asked[1].isoformat()}"  # sammanstall's default period
    props.title = f"Lägesrapport {intervention.name} {period[0].isoformat()}{fmt.DASH}{period[1].isoformat()}"
    props.author = props.last_modified_by = inp.organisation.name
    props.language = "sv-SE"
    props.created = props.modified = datetime.combine(period[1], datetime.min.time())
    props.revision = 1
    doc.add_heading("Lägesrapport", level=0)
    doc.add_paragraph(f"Skickas till {inp.organisation.name} efter rapportperioden. Skriv svaren under varje rubrik och "
                      "siffrorna i tabellerna. Ändra inte rubrikerna eller tabellernas första kolumn och rad: "
                      "förbundet läser rapporten med ett program.")
    number, total = report_number(intervention, asked)
    covers_year = _covers_year(intervention, period, year)
    facts = [
        (BY_KEY["name"].label, intervention.name),
        (BY_KEY["total_period"].label, f"{fmt.date(intervention.start)} – {fmt.date(intervention.end)}" if intervention.start and intervention.end else ""),
        (BY_KEY["period"].label, f"{period[0].isoformat()} – {period[1].isoformat()}"),
        (BY_KEY["number"].label, "" if number is None else str(number)),
        (BY_KEY["of"].label, "" if total is None else str(total)),
        (f"{BY_KEY['budget_year'].label} {year} (kr)", fmt.money(intervention.budget)),
        (f"{BY_KEY['planned_year'].label} {year}", fmt.count(intervention.planned_participants) if intervention.planned_participants is not None else ""),
    ]
    _table(doc, [list(row) for row in facts])

    for key in ("activities", "deviations"):
        _question(doc, BY_KEY[key].label, None)

    doc.add_heading("Ekonomi", level=2)
    doc.add_paragraph("Fyll i beviljade medel och fakturerade kostnader för rapportperioden i kronor, och prognosen "
                      "för året om den finns. Avviker periodens kostnader mer än 10 % från periodens beviljade medel, eller "
                      "prognosen mer än 10 % från årets budget, ska skälet anges nedan.")
    money = [[MONEY_LABELS[k][0], fmt.money(intervention.budget) if k is Money.GRANTED and covers_year else ""] for k in MONEY_ROWS]
    _table(doc, money)
    _question(doc, BY_KEY["economy_ok"].label + "?", "Skriv Ja eller Nej.")
    _question(doc, BY_KEY["economy_reason"].label, None)

    doc.add_heading("Deltagare", level=2)
    doc.add_paragraph("Fyll i antalet deltagare under rapportperioden och sedan insatsens start. Lämna en ruta tom "
                      "om uppgiften inte finns. Totalt behöver bara fyllas i om könen inte är kända.")
    header = [""] + [column_header(role, m) for role, m in PARTICIPANT_COLUMNS]
    rows = [header]
    for group in GROUPS:
        row = [GROUP_LABELS[group][0]] + [""] * len(PARTICIPANT_COLUMNS)
        if group is Group.TOTAL and covers_year and intervention.planned_participants is not None:
            row[1] = str(intervention.planned_participants)
        rows.append(row)
    _table(doc, rows)
    for f in ANSWERS:
        if f.key not in ("activities", "deviations", "economy_reason"):
            _question(doc, f.label + ("?" if f.label.startswith("Om det") else ""), None)
    _question(doc, BY_KEY["signed_by"].label, None)
    _question(doc, BY_KEY["signed_on"].label, None)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _covers_year(intervention: Intervention, period: tuple[date, date], year: int) -> bool:
    first, last = active_part(intervention, year)
    return period[0] <= first and period[1] >= last and period[0].year == year == period[1].year


def _question(doc, label: str, hint: str | None) -> None:
    doc.add_heading(label, level=2)
    if hint:
        doc.add_paragraph(hint).italic = True
    doc.add_paragraph("")


def _table(doc, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
