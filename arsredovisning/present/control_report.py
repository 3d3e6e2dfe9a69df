"""The kontrollrapport's view model: every avstämning (both sides, difference, status) and every finding.

``render/control_report.py`` lays it out as ``<out>/kontrollrapport-<år>.html`` and ``.pdf``
beside the report; it is also available as a last section of the report
(``bygg --med-kontrollrapport``), whose template reads ``section.data`` like every report section.
The view model holds formatted strings only; the templates lay out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .. import fmt
from ..checks import all_reconciliations
from ..compute import Report
from ..findings import LEVEL_TITLES, Finding, Level, Reconciliation, sorted_findings
from ..load.stamp import Stamp
from ..model import LedgerSource
from .view import Section

SECTION_TEMPLATE = "kontrollrapport/section.html.j2"
PERCENT_CHECKS = frozenset({"EK-RIKTVARDE"})  # sides in percent, not kronor

STATUS_TEXT = {None: "OK", Level.WARNING: "Varning", Level.ERROR: "Fel", Level.INFO: "Info"}  # by Reconciliation.level


@dataclass(frozen=True)
class CheckRow:
    id: str
    description: str
    left_label: str
    left: str
    right_label: str
    right: str
    difference: str
    status: str  # "OK", "Varning", "Fel", "Info"
    status_class: str  # "ok", "varning", "fel", "info" (CSS)
    message: str
    location: str | None


@dataclass(frozen=True)
class FindingRow:
    id: str
    location: str | None
    message: str


@dataclass(frozen=True)
class FindingGroup:
    title: str  # "Fel", "Varningar", "Info"
    level: str  # "fel", "varning", "info" (CSS)
    findings: tuple[FindingRow, ...]


@dataclass(frozen=True)
class ControlReport:
    title: str  # "Kontrollrapport 2016 – Samordningsförbundet Sydnärke"
    name: str
    org_number: str
    year: int
    folder: str
    stamp: str  # "Kontrollsumma indata … · arsredovisning …"
    checksum: str
    version: str
    created: date  # PDF dates: like the report (Beslutsdatum, else 1 January of the next year)
    summary: str  # "3 fel, 2 varningar, 10 info. 14 avstämningar: 12 OK, 2 varningar."
    checks: tuple[CheckRow, ...]
    groups: tuple[FindingGroup, ...]  # non-empty levels, fel first
    source: str | None = None  # where the saldobalans came from (importera's Källa sheet), or None

    @property
    def has_errors(self) -> bool:
        return any(g.level == "fel" for g in self.groups)


def _sides(r: Reconciliation) -> tuple[str, str, str]:
    """Left, right and difference in one precision: öre on all three when any of them has öre."""
    if r.id in PERCENT_CHECKS:
        return fmt.percent(r.left), fmt.percent(r.right), fmt.decimal(r.difference, 2) + fmt.GROUP + "procentenheter"
    values = (r.left, r.right, r.difference)
    if all(Decimal(v) == Decimal(v).to_integral_value() for v in values):
        return tuple(fmt.kr(v) for v in values)
    return tuple(fmt.decimal(v, 2) + fmt.GROUP + "kr" for v in values)


def check_row(r: Reconciliation) -> CheckRow:
    left, right, difference = _sides(r)
    return CheckRow(
        id=r.id,
        description=r.description,
        left_label=r.left_label,
        left=left,
        right_label=r.right_label,
        right=right,
        difference=difference,
        status=STATUS_TEXT[r.level],
        status_class=r.status,
        message=r.message,
        location=str(r.location) if r.location else None,
    )


def _plural(n: int, one: str, many: str) -> str:
    return f"{n}{fmt.GROUP if n >= 1000 else ' '}{one if n == 1 else many}"


def _summary(findings: list[Finding], checks: list[Reconciliation]) -> str:
    counts = {level: sum(1 for f in findings if f.level is level) for level in Level}
    text = (f"{_plural(counts[Level.ERROR], 'fel', 'fel')}, {_plural(counts[Level.WARNING], 'varning', 'varningar')}, "
            f"{counts[Level.INFO]} info.")
    if checks:
        parts = []
        for level, one, many in ((None, "OK", "OK"), (Level.WARNING, "varning", "varningar"),
                                 (Level.ERROR, "fel", "fel"), (Level.INFO, "info", "info")):
            n = sum(1 for r in checks if r.level is level)
            if n:
                parts.append(_plural(n, one, many))
        text += f" {_plural(len(checks), 'avstämning', 'avstämningar')}: {', '.join(parts)}."
    return text


def control_report(report: Report, findings: list[Finding], stamp: Stamp) -> ControlReport:
    inp = report.inp
    org = inp.organisation
    checks = all_reconciliations(report)
    ordered = sorted_findings(findings)
    groups = tuple(
        FindingGroup(LEVEL_TITLES[level], level.value,
                     tuple(FindingRow(f.id, str(f.location) if f.location else None, f.message)
                           for f in ordered if f.level is level))
        for level in Level
        if any(f.level is level for f in ordered)
    )
    return ControlReport(
        title=f"Kontrollrapport {org.year} – {org.name}",
        name=org.name,
        org_number=org.org_number,
        year=org.year,
        folder=inp.folder,
        stamp=str(stamp),
        checksum=stamp.checksum,
        version=stamp.version,
        created=org.decision_date or date(org.year + 1, 1, 1),
        summary=_summary(findings, checks),
        checks=tuple(check_row(r) for r in checks),
        groups=groups,
        source=source_text(inp.ledger_source),
    )


def source_text(source: LedgerSource | None) -> str | None:
    """``Saldobalansen är importerad från SIE-filen x.se (Fortnox 3.2, exporterad 2017-01-15;
    SHA-256 …; #KSUMMA stämmer).`` None when the saldobalans was not imported."""
    if source is None:
        return None
    details = [f"program {source.get('Program') or 'okänt'}", f"exporterad {source.get('Exportdatum') or 'okänt datum'}"]
    if source.get("Kontrollsumma"):
        details.append(f"kontrollsumma {source.get('Kontrollsumma')}")
    if source.get("KSUMMA"):
        details.append(f"#KSUMMA {source.get('KSUMMA')}")
    sheet = source.location.sheet if source.location else "Källa"
    return f"Saldobalansen är importerad från SIE-filen {source.get('Fil') or '(okänd fil)'} ({'; '.join(details)}), enligt bladet {sheet}."


def section(view: ControlReport) -> Section:
    """The kontrollrapport as a report section (last in the report, or alone in its own document)."""
    return Section("kontrollrapport", "Kontrollrapport", SECTION_TEMPLATE, view)


