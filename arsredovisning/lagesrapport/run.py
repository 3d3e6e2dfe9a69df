"""The three ``lagesrapport`` commands as library calls: each returns what it did and its findings;
only the CLI prints. A ``fel`` finding anywhere means nothing is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .. import fmt
from ..files import write_all
from ..findings import Finding, Location, error, has_errors
from ..load import load_annual_input
from ..model import AnnualInput
from . import apply, form
from .fields import Measure
from .present import follow_up
from .read import read_reports
from .records import ProgressReport
from .render import write_follow_up
from .typed import shown_period
from .validate import find_intervention

FINDINGS: dict[str, str] = {
    "LAGE-SKRIVFEL": "Formulären, arbetsboken, texterna eller uppföljningen kunde inte skrivas",
    "LAGE-INGA-INSATSER": "Ingen insats är aktiv under den angivna perioden",
}


@dataclass
class Outcome:
    findings: list[Finding] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # per insats: what was read and what changes


def _workbook(folder: Path, outcome: Outcome) -> AnnualInput | None:
    inp, findings = load_annual_input(folder)
    outcome.findings += [f for f in findings if f.level.value != "info"]
    return None if inp is None or has_errors(findings) else inp


def _write(targets: list[tuple[Path, bytes]], outcome: Outcome, where: Path) -> None:
    try:
        write_all(targets)
    except OSError as exc:
        outcome.findings.append(error("LAGE-SKRIVFEL", f"Filerna kunde inte skrivas ({exc.strerror or type(exc).__name__}). Kontrollera att mappen är skrivbar och att ingen fil är öppen i ett annat program. Inget ändrades.", Location(str(getattr(exc, "filename", None) or where))))
        return
    outcome.written += [p for p, _ in targets]


def create_forms(folder: Path, period: tuple[date, date], out: Path) -> Outcome:
    outcome = Outcome()
    inp = _workbook(folder, outcome)
    if inp is None:
        return outcome
    documents = form.forms(inp, period)
    if not documents:
        outcome.findings.append(error("LAGE-INGA-INSATSER", f"Ingen insats i bladet Insatser är aktiv under {shown_period(period)} (Start, Slut). Ange en annan period.", Location(folder.name)))
        return outcome
    _write([(Path(out) / name, data) for name, data in documents], outcome, out)
    return outcome


def _read_returned(forms_folder: Path, folder: Path, outcome: Outcome):
    """The årsmapp's input, the returned reports and their findings; None (findings in ``outcome``)
    when the workbook or a report has a ``fel``."""
    inp = _workbook(folder, outcome)
    if inp is None:
        return None
    reports, findings = read_reports(forms_folder, inp)
    outcome.findings += findings
    if has_errors(outcome.findings):
        return None
    return inp, reports, findings


def read_and_apply(forms_folder: Path, folder: Path, write: bool, now: datetime | None = None) -> Outcome:
    outcome = Outcome()
    read = _read_returned(forms_folder, folder, outcome)
    if read is None:
        return outcome
    inp, reports, _findings = read
    plan, plan_findings = apply.plan(folder, reports, inp)
    outcome.findings += plan_findings
    if has_errors(outcome.findings):
        return outcome
    outcome.summary = summary(reports, inp, plan)
    if write:
        try:
            outcome.written = apply.write(folder, plan, now or datetime.now())
        except OSError as exc:
            outcome.findings.append(error("LAGE-SKRIVFEL", f"Årsmappen kunde inte skrivas ({exc.strerror or type(exc).__name__}). Stäng arbetsboken i Excel och försök igen. Inget ändrades.", Location(str(folder))))
    return outcome


def summarise(forms_folder: Path, folder: Path, out: Path, period: tuple[date, date] | None = None) -> Outcome:
    outcome = Outcome()
    read = _read_returned(forms_folder, folder, outcome)
    if read is None:
        return outcome
    inp, reports, findings = read
    view, found = follow_up(inp, reports, findings, period)
    outcome.findings += found
    try:
        paths, render_findings = write_follow_up(view, folder, out)
    except OSError as exc:
        outcome.findings.append(error("LAGE-SKRIVFEL", f"Uppföljningen kunde inte skrivas ({exc.strerror or type(exc).__name__}). Kontrollera att mappen är skrivbar.", Location(str(out))))
        return outcome
    outcome.findings += render_findings
    outcome.written += paths
    return outcome


def summary(reports: list[ProgressReport], inp: AnnualInput, plan: apply.Plan) -> list[str]:
    lines = []
    for r in reports:
        i = find_intervention(r.intervention or "", inp)
        name = i.name if i else (r.intervention or r.file)
        lines.append(f"{name} ({r.file})")
        nr = f", rapport {r.number} av {fmt.count(r.of)}" if r.number else ""
        lines.append(f"  Läst: period {shown_period(r.period)}{nr}")
        for measure in Measure:
            p = r.participants.get(measure)
            if p is None or p.empty:
                continue
            lines.append(f"    deltagare {measure.value}: planerat {fmt.count(p.planned)}, faktiskt {fmt.count(p.actual)} "
                         f"(kvinnor {fmt.count(p.women)}, män {fmt.count(p.men)})")
        economy = fmt.DASH if r.economy_ok is None else ("Ja" if r.economy_ok else "Nej")
        granted, invoiced = ("beviljat för perioden", "fakturerat för perioden") if r.own_form else ("beviljat", "fakturerat")
        forecast = "" if r.forecast is None else f", prognos för året {fmt.whole_kr(r.forecast)}"
        lines.append(f"    ekonomi i linje med budget: {economy}; {granted} {fmt.whole_kr(r.granted)}, {invoiced} {fmt.whole_kr(r.invoiced)}{forecast}")
        lines += [f"    {d.text()}" for d in r.deviations(i.budget if i else None)]
        lines.append(f"    svar: {len(r.answers)} frågor, {len(r.sections)} fria avsnitt")
        lines.append("  Ändras:")
        lines += [f"    {c}" for c in plan.changes.get(name, [])] or ["    inget"]
    return lines
