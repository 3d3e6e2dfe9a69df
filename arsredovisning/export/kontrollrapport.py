"""The kontrollrapport: every avstämning (both sides, difference, status) and every finding.

Written as ``<out>/kontrollrapport-<år>.html`` and ``.pdf`` beside the report, and available as
a last section of the report (``bygg --med-kontrollrapport``): the report adds

    Section("kontrollrapport", "Kontrollrapport", SECTION_TEMPLATE, control_report(report, findings, stamp))

whose template reads ``section.data`` like every report section. The view model holds formatted
strings only; the templates lay out. The PDF reuses the report's fonts, stylesheets, Jinja
environment and restricted URL fetcher (``render/``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from .. import fmt
from ..checks.ledger import Reconciliation, Status
from ..compute import Report
from ..findings import Finding, Level, sorted_findings
from .reconciliations import report_reconciliations
from .stamp import Stamp

SECTION_TEMPLATE = "kontrollrapport/section.html.j2"
DOCUMENT_TEMPLATE = "kontrollrapport/document.html.j2"
STYLESHEETS = ("css/page.css", "css/report.css", "kontrollrapport/kontrollrapport.css")
PERCENT_CHECKS = frozenset({"EK-RIKTVARDE"})  # sides in percent, not kronor

STATUS_TEXT = {Status.OK: "OK", Status.VARNING: "Varning", Status.FEL: "Fel", Status.INFO: "Info"}
LEVEL_TITLES = {Level.FEL: "Fel", Level.VARNING: "Varningar", Level.INFO: "Info"}


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
        status=STATUS_TEXT[r.status],
        status_class=r.status.value,
        message=r.message,
        location=str(r.location) if r.location else None,
    )


def _plural(n: int, one: str, many: str) -> str:
    return f"{n}{fmt.GROUP if n >= 1000 else ' '}{one if n == 1 else many}"


def _summary(findings: list[Finding], checks: list[Reconciliation]) -> str:
    counts = {level: sum(1 for f in findings if f.level is level) for level in Level}
    text = (f"{_plural(counts[Level.FEL], 'fel', 'fel')}, {_plural(counts[Level.VARNING], 'varning', 'varningar')}, "
            f"{counts[Level.INFO]} info.")
    if checks:
        parts = []
        for status, one, many in ((Status.OK, "OK", "OK"), (Status.VARNING, "varning", "varningar"),
                                  (Status.FEL, "fel", "fel"), (Status.INFO, "info", "info")):
            n = sum(1 for r in checks if r.status is status)
            if n:
                parts.append(_plural(n, one, many))
        text += f" {_plural(len(checks), 'avstämning', 'avstämningar')}: {', '.join(parts)}."
    return text


def control_report(report: Report, findings: list[Finding], stamp: Stamp) -> ControlReport:
    inp = report.inp
    org = inp.organisation
    checks = report_reconciliations(report)
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
    )


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Section:
    """The shape of a report section (``present.view.Section``) for the standalone document."""

    id: str
    title: str
    template: str
    data: ControlReport


def section(view: ControlReport) -> _Section:
    return _Section("kontrollrapport", "Kontrollrapport", SECTION_TEMPLATE, view)


def render(view: ControlReport, folder: Path, mallar: Path | None = None) -> tuple[str, bytes, list[Finding]]:
    """(standalone HTML, PDF, findings of refused URLs). A broken user template raises
    ``jinja2.TemplateError``; the caller turns it into a finding."""
    from ..render.assets import Assets
    from ..render.environment import make_environment
    from ..render.html import page_html, standalone_html
    from ..render.pdf import write_pdf_bytes
    from ..render.urls import UrlPolicy

    assets = Assets.create(mallar)
    stylesheets = tuple(name for name in STYLESHEETS if assets.find(name) is not None)
    body = make_environment(assets).get_template(DOCUMENT_TEMPLATE).render(doc=view, section=section(view))
    html = standalone_html(body, [assets.read_text(name) for name in stylesheets])
    policy = UrlPolicy(assets, folder)
    pdf = write_pdf_bytes(page_html(body, stylesheets), assets, policy)
    return html, pdf, policy.findings()


def write_control_report(report: Report, findings: list[Finding], stamp: Stamp, out: Path,
                         mallar: Path | None = None) -> tuple[list[Path], list[Finding]]:
    """Write ``kontrollrapport-<år>.html`` and ``.pdf`` atomically; return the paths and the
    rendering's findings (refused URLs)."""
    from ..files import control_report_names, write_atomic

    view = control_report(report, findings, stamp)
    html, pdf, render_findings = render(view, Path(report.inp.folder), mallar)
    html_name, pdf_name = control_report_names(view.year)
    paths = [Path(out) / pdf_name, Path(out) / html_name]
    write_atomic(paths[0], pdf)
    write_atomic(paths[1], html.encode("utf-8"))
    return paths, render_findings
