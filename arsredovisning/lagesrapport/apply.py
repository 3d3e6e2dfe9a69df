"""``lagesrapport las``: what the read reports change in the årsmapp, and (``--skriv``) writing it.

Every report becomes (or replaces) its row in ``Lägesrapporter`` (one per insats and period, the
figures as reported with their meaning); figures that are the year's (``year.py``) go to
``Insatser › Deltagare`` and ``Kön``; the answers go to ``lagesrapportsvar/<insats>.md`` (for the
ekonom to draw from when writing the insats's text; never published, never carried to next year)
inside a marked section per period, so text the ekonom wrote outside the markers is never touched. The
changes are computed in memory first (:func:`plan`); :func:`write` makes a backup of every file it
replaces (``säkerhetskopior/<tid>/``) and then writes them all atomically.
"""

from __future__ import annotations

from typing import cast
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .. import fmt
from ..cellwrite import put, set_value
from ..compute.slugs import slugify
from ..files import WORKBOOK, write_all
from ..findings import Finding, Location, error
from ..load import schema
from ..load.grid import normalize
from ..load.texts import PROGRESS_MARK
from ..model import AnnualInput, Intervention, InterventionKind
from .fields import Measure
from .records import Participants, ProgressReport
from .typed import shown_period
from .validate import find_intervention
from .year import YearFigures, year_figures

BACKUP_DIR = "säkerhetskopior"
ANSWERS_DIR = "lagesrapportsvar"  # in the årsmapp: the answers, one file per insats (not read by bygg)
FINDINGS: dict[str, str] = {
    "LAGE-FORMLER": "Arbetsboken innehåller formler och kan inte skrivas utan att deras värden går förlorade",
    "LAGE-TEXT-MARKERING": "En insatstext har en början- utan slutmarkering för en lägesrapport",
}
MARK = PROGRESS_MARK


@dataclass
class Plan:
    workbook: bytes | None = None
    texts: list[tuple[Path, bytes]] = field(default_factory=list)
    changes: dict[str, list[str]] = field(default_factory=dict)  # insats → what changes, Swedish

    def note(self, insats: str, text: str) -> None:
        self.changes.setdefault(insats, []).append(text)

    @property
    def targets(self) -> list[tuple[Path, bytes]]:
        return ([] if self.workbook is None else [(Path(WORKBOOK), self.workbook)]) + self.texts


def plan(folder: Path, reports: list[ProgressReport], inp: AnnualInput) -> tuple[Plan, list[Finding]]:
    import openpyxl

    result = Plan()
    path = Path(folder) / WORKBOOK
    wb = openpyxl.load_workbook(path)
    formula = next(((ws.title, c.coordinate) for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"), None)
    if formula is not None:
        return result, [error("LAGE-FORMLER", "Arbetsboken innehåller formler; om programmet skrev arbetsboken skulle formlernas beräknade värden försvinna. Ersätt formlerna med värden (Kopiera, Klistra in special → Värden) eller för in lägesrapporternas siffror för hand.", Location(WORKBOOK, formula[0], formula[1]))]
    year = inp.organisation.year
    for r in reports:
        intervention = find_intervention(r.intervention or "", inp)
        if intervention is None or r.period is None:
            continue
        figures = year_figures(r, intervention, year)
        _progress_row(wb, r, intervention, figures, result)
        if figures is not None:
            _year_figures(wb, intervention, figures, result)
        elif any(p.actual is not None for p in r.participants.values()):
            result.note(intervention.name, "Deltagarsiffrorna är inte årets (de räknas över en annan tid än insatsens del av året) och förs bara till Lägesrapporter, inte till Insatser och Kön.")
        else:
            result.note(intervention.name, "Rapporten anger inget faktiskt antal deltagare; Insatser och Kön ändras inte.")
        text = _text(Path(folder), r, intervention, result)
        if isinstance(text, Finding):
            return Plan(), [text]
        result.texts.append(text)
    out = io.BytesIO()
    wb.save(out)
    result.workbook = out.getvalue()
    return result, []


def write(folder: Path, result: Plan, stamp: datetime) -> list[Path]:
    """Back up every file about to be replaced, then write all of them atomically."""
    folder = Path(folder)
    backup = folder / BACKUP_DIR / stamp.strftime("%Y-%m-%dT%H%M%S")
    copies = [(backup / rel, (folder / rel).read_bytes()) for rel, _ in result.targets if (folder / rel).is_file()]
    if copies:
        write_all(copies)
    write_all([(folder / rel, data) for rel, data in result.targets])
    return [folder / rel for rel, _ in result.targets]


# ---- the workbook ---------------------------------------------------------------------------------


def _sheet(wb, spec: schema.Sheet, columns: list[str]):
    """The sheet (created with its header row when missing) and column name → column number;
    missing headers among ``columns`` are added at the right."""
    from openpyxl.styles import Font

    title = next((ws.title for ws in wb if normalize(ws.title) == normalize(spec.name)), None)
    ws = wb[title] if title else wb.create_sheet(spec.name)
    header = {normalize(c.value): c.column for c in ws[1] if c.value is not None} if ws.max_row >= 1 else {}
    for name in columns:
        if normalize(name) not in header:
            col = max(header.values(), default=0) + 1
            cell = ws.cell(row=1, column=col, value=name)
            cell.font = Font(bold=True)
            header[normalize(name)] = col
    return ws, {name: header[normalize(name)] for name in columns}


def _last_used_row(ws) -> int:
    """The last row with a value (``ny`` formats empty rows ahead, which ``max_row`` counts)."""
    return max((c.row for row in ws.iter_rows() for c in row if c.value is not None and c.value != ""), default=1)


def _find_row(ws, cols: dict[str, int], match) -> int | None:
    for row in range(2, ws.max_row + 1):
        if match(lambda name: ws.cell(row=row, column=cols[name]).value):
            return row
    return None


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _progress_row(wb, r: ProgressReport, intervention: Intervention, figures: YearFigures | None, result: Plan) -> None:
    columns = [c.name for c in schema.LAGESRAPPORTER.columns]
    ws, cols = _sheet(wb, schema.LAGESRAPPORTER, columns)
    start, end = cast(tuple[date, date], r.period)
    row = _find_row(ws, cols, lambda get: normalize(get("Insats") or "") == normalize(intervention.name)
                    and _as_date(get("Från")) == start and _as_date(get("Till")) == end)
    if row is None:
        row = _last_used_row(ws) + 1
        result.note(intervention.name, f"Lägesrapporter › rad {row}: ny rad för {shown_period(r.period)}.")
    else:
        result.note(intervention.name, f"Lägesrapporter › rad {row}: raden för {shown_period(r.period)} ersätts.")
    values = _row_values(r, intervention, figures)
    for name in columns:
        cell = put(ws, row, cols[name], values.get(name))
        if isinstance(values.get(name), date):
            cell.number_format = "yyyy-mm-dd"


def _row_values(r: ProgressReport, intervention: Intervention, figures: YearFigures | None) -> dict[str, object]:
    values: dict[str, object] = {
        "Insats": intervention.name, "Från": cast(tuple[date, date], r.period)[0], "Till": cast(tuple[date, date], r.period)[1], "Rapport nr": r.number,
        "Antal rapporter": r.of, "Beviljade medel": _money(r.granted), "Fakturerade kostnader": _money(r.invoiced),
        "Prognos för året": _money(r.forecast),
        "Ekonomi enligt budget": None if r.economy_ok is None else ("Ja" if r.economy_ok else "Nej"),
        "Skäl till avvikelse": r.economy_reason, "Årets siffror": figures.measure.value if figures else None,
        "Underskrift": r.signed_by, "Datum": r.signed_on, "Fil": r.file,
    }
    for measure in Measure:
        p = r.participants.get(measure, Participants())
        m = measure.value
        values.update({
            f"Planerat {m}": p.planned_total if p.planned_total is not None else p.planned,
            f"Planerat kvinnor {m}": p.planned_women, f"Planerat män {m}": p.planned_men,
            f"Kvinnor {m}": p.women, f"Män {m}": p.men, f"Annat/ej angivet {m}": p.other, f"Deltagare {m}": p.actual,
        })
    return values


def _money(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _year_figures(wb, intervention: Intervention, figures: YearFigures, result: Plan) -> None:
    p = figures.participants
    ws, cols = _sheet(wb, schema.INSATSER, ["Insats", "Deltagare"])
    row = _find_row(ws, cols, lambda get: normalize(get("Insats") or "") == normalize(intervention.name))
    if row is not None:
        _update(ws, row, cols["Deltagare"], p.actual, result, intervention.name, f"{schema.INSATSER.name} › {{cell}} Deltagare")
    if (p.women is None and p.men is None) or intervention.kind is not InterventionKind.INDIVID:
        return  # Kön is for individinriktade insatser only
    names = ["Insats", "Kvinnor", "Män"] + (["Annat/ej angivet"] if p.other else [])
    ws, cols = _sheet(wb, schema.KON, names)
    row = _find_row(ws, cols, lambda get: normalize(get("Insats") or "") == normalize(intervention.name))
    if row is None:
        row = _last_used_row(ws) + 1
        put(ws, row, cols["Insats"], intervention.name)
        result.note(intervention.name, f"{schema.KON.name} › rad {row}: ny rad.")
    for name, value in (("Kvinnor", p.women), ("Män", p.men), ("Annat/ej angivet", p.other)):
        if name in cols:
            _update(ws, row, cols[name], value or 0, result, intervention.name, f"{schema.KON.name} › {{cell}} {name}")


def _update(ws, row: int, col: int, value, result: Plan, insats: str, label: str) -> None:
    cell = ws.cell(row=row, column=col)
    if cell.value != value:
        old = fmt.DASH if cell.value is None else cell.value
        result.note(insats, f"{label.format(cell=cell.coordinate)}: {old} → {value}")
        set_value(cell, value)


# ---- the insats's text ------------------------------------------------------------------------------


def section_key(r: ProgressReport) -> str:
    start, end = cast(tuple[date, date], r.period)
    return f"{start.isoformat()}--{end.isoformat()}"


def marked_section(r: ProgressReport) -> str:
    """The answers as Markdown between the two markers (link reference definitions: Markdown shows
    nothing for them)."""
    key = section_key(r)
    lines = [f"[//]: # (lägesrapport {key}: början – texten fram till slutmarkeringen skrivs om av lagesrapport las --skriv)", "",
             f"### Lägesrapport {shown_period(r.period)}", ""]
    for a in r.answers:
        lines += [f"**{a.label}**", "", *_paragraphs(a.text), ""]
    if r.economy_reason:
        lines += ["**Ekonomi**", "", *_paragraphs(r.economy_reason), ""]
    for s in r.sections:
        if s.heading:
            lines += [f"**{_safe(s.heading)}**", ""]
        lines += [*_paragraphs(s.text), ""]
    lines += [f"[//]: # (lägesrapport {key}: slut)"]
    return "\n".join(lines) + "\n"


def _safe(text: str) -> str:
    """No placeholder syntax from a report reaches a text (``{{`` would be an error there)."""
    return text.replace("{{", "{ {").replace("{%", "{ %").replace("}}", "} }")


def _paragraphs(text: str) -> list[str]:
    out: list[str] = []
    for line in _safe(text).split("\n"):
        if out and not (line.startswith("- ") and out[-1].startswith("- ")):
            out.append("")
        out.append(line)
    return out


def merge_section(existing: str, section: str, key: str) -> str | None:
    """``existing`` with the marked section ``key`` replaced by ``section`` (appended when absent);
    None when its start marker has no end marker."""
    lines = existing.split("\n")
    start = next((i for i, l in enumerate(lines) if (m := MARK.match(l)) and m["key"] == key and m["end"] == "början"), None)
    if start is None:
        base = existing.rstrip("\n")
        return (base + "\n\n" if base else "") + section
    end = next((i for i in range(start + 1, len(lines)) if (m := MARK.match(lines[i])) and m["key"] == key and m["end"] == "slut"), None)
    if end is None:
        return None
    merged = "\n".join(lines[:start] + section.rstrip("\n").split("\n") + lines[end + 1:])
    return merged if merged.endswith("\n") else merged + "\n"


def answers_file(intervention: Intervention) -> Path:
    return Path(ANSWERS_DIR) / f"{slugify(intervention.name)}.md"


def _answers_head(intervention: Intervention) -> str:
    return (f"# Lägesrapporter: {intervention.name}\n\n"
            f"Insatsens svar i lägesrapporterna, ett avsnitt per rapportperiod. Filen publiceras inte: hämta det som ska "
            f"stå i årsredovisningen till texter/insatser/{slugify(intervention.name)}.md.\n")


def _text(folder: Path, r: ProgressReport, intervention: Intervention, result: Plan):
    rel = answers_file(intervention)
    path = folder / rel
    pending = next((data for done, data in result.texts if done == rel), None)  # an earlier report of the insats
    if pending is not None:
        result.texts = [(done, data) for done, data in result.texts if done != rel]
        existing = pending.decode("utf-8")
    else:
        existing = path.read_text(encoding="utf-8-sig") if path.is_file() else _answers_head(intervention)
    merged = merge_section(existing, marked_section(r), section_key(r))
    if merged is None:
        return error("LAGE-TEXT-MARKERING", f"Texten har början på avsnittet för lägesrapporten {shown_period(r.period)} men ingen slutmarkering. Lägg tillbaka raden ”[//]: # (lägesrapport {section_key(r)}: slut)” efter avsnittet.", Location(rel.as_posix()))
    what = "avsnittet ersätts" if MARK.search(existing) and f"lägesrapport {section_key(r)}:" in existing else "nytt avsnitt"
    result.note(intervention.name, f"{rel.as_posix()}: {what} för lägesrapporten {shown_period(r.period)}.")
    return rel, merged.encode("utf-8")
