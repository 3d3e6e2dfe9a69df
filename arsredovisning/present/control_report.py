"""The kontrollrapport's view model, a revisor's working paper: every avstämning (both sides, the
difference, the tolerance, the report page where each side is printed and the cell or sheet it comes
from) and every other finding once; a summary for the first page.

Page references come from the laid-out report PDF (``render.pdf.anchor_pages``: the report's anchors
→ pages, passed in as ``pages``), never guessed; without a laid-out report they are "–".
Amounts are whole kr (exact figures, rounded half-up for display) unless the check is about öre.

``render/control_report.py`` lays it out as ``<out>/kontrollrapport-<år>.html`` and ``.pdf``
beside the report; it is also available as a last section of the report
(``bygg --med-kontrollrapport``), whose template reads ``section.data`` like every report section.
The view model holds formatted strings only; the templates lay out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Mapping

from .. import anchors, fmt
from ..checks import all_reconciliations
from ..checks.disclosures import explained
from ..compute import Report
from ..findings import (LEVEL_TITLES, OK, Finding, Level, Reconciliation, consequence_of, key_label, listed,
                        more_of_the_kind, sorted_findings)
from ..load.stamp import Stamp
from ..model import Disclosure, LedgerSource
from .view import Section

SECTION_TEMPLATE = "kontrollrapport/section.html.j2"

DASH = fmt.DASH
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
    tolerance: str = ""  # "godtar ±1 kr avrundning"
    left_source: str = ""  # cell or sheet
    right_source: str = ""
    left_pages: str = DASH  # "s. 12", "s. 12, 14" or "–" (not printed in the report)
    right_pages: str = DASH
    left_places: tuple[tuple[str, str], ...] = ()  # (place, anchor) where a side is printed: the
    right_places: tuple[tuple[str, str], ...] = ()  # links of a kontrollrapport inside the report
    parts: tuple[tuple[str, str], ...] = ()  # (label, amount) of a right side that is a sum
    caused_by: str | None = None  # "SB-BALANS (Föregående år)": the finding its difference follows from


@dataclass(frozen=True)
class OpenDifference:
    id: str
    description: str
    difference: str
    status: str
    explanation: str = ""  # the förbund's Upplysning that explains it, or what it follows from; "" = open
    row: int = 0  # its row in the table of avstämningar, from 1 (the web page links to it)


@dataclass(frozen=True)
class FindingRow:
    id: str
    location: str | None
    message: str
    caused_by: str | None = None  # "KONTO-EJ-MAPPAT (Saldobalans › A12)": the finding it follows from


@dataclass(frozen=True)
class FindingGroup:
    title: str  # "Fel", "Varningar", "Info"
    level: str  # "fel", "varning", "info" (CSS)
    findings: tuple[FindingRow, ...]


@dataclass(frozen=True)
class ControlReport:
    title: str  # "Kontrollrapport 2024 – Samordningsförbundet Exempel"
    name: str
    org_number: str
    year: int
    folder: str
    stamp: str  # "Version 3f9c0a1b22de · utkast" (load/stamp.py): every page footer
    checksum: str
    version: str
    created: date  # PDF dates: like the report (Beslutsdatum, else 1 January of the next year)
    summary: str  # "3 fel, 2 varningar, 10 info. 14 avstämningar: 12 OK, 2 varningar."
    checks: tuple[CheckRow, ...]
    groups: tuple[FindingGroup, ...]  # non-empty levels, fel first; findings of the avstämningar are in ``checks`` only
    open_differences: tuple[OpenDifference, ...] = ()  # every avstämning that is not OK, with its difference
    check_count: int = 0
    ok_count: int = 0
    pages_known: bool = False  # page references were taken from a laid-out report
    embedded: bool = False  # the last section of the report itself: places are links (and in its PDF
    #                         target-counter() prints their pages), not "–"
    source: str | None = None  # where the saldobalans came from (importera's Källa sheet), or None
    draft: bool = True  # an utkast (css/utkast.css marks every page)
    version_id: str = ""  # the build's version id (12 hex digits)
    state: str = "utkast"

    @property
    def has_errors(self) -> bool:
        return any(g.level == "fel" for g in self.groups)


def _amount(r: Reconciliation, value: Decimal) -> str:
    """One side in the check's unit: whole kr (half-up) unless the check is about öre."""
    if r.unit == "procent":
        return fmt.percent(value)
    if r.unit == "antal":
        return fmt.count(int(value))
    if r.unit == "öre":
        return fmt.decimal(value, 2) + fmt.GROUP + "kr"
    return fmt.money(value) + fmt.GROUP + "kr"


def _sides(r: Reconciliation) -> tuple[str, str, str]:
    if r.unit == "procent":
        return fmt.percent(r.left), fmt.percent(r.right), fmt.decimal(r.difference, 2) + fmt.GROUP + "procentenheter"
    return _amount(r, r.left), _amount(r, r.right), _amount(r, r.difference)


place_name = anchors.place_name  # a report anchor as the revisor finds it: "Not 3", "Tabell 5", "resultaträkningen"


def _pages(anchors: tuple[str, ...], pages: Mapping[str, int] | None) -> str:
    """Where a side is printed: "resultaträkningen s. 14, Not 1 s. 17"; "–" when not in the laid-out report."""
    found = [(place_name(a), pages[a]) for a in anchors if pages and a in pages]
    if not found:
        return DASH
    return ", ".join(f"{name} s.{fmt.NBSP}{page}" for name, page in found)


def check_row(r: Reconciliation, pages: Mapping[str, int] | None = None, caused_by: str | None = None) -> CheckRow:
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
        tolerance=r.tolerance,
        left_source=r.left_source,
        right_source=r.right_source,
        left_pages=_pages(r.left_printed, pages),
        right_pages=_pages(r.right_printed, pages),
        left_places=tuple((place_name(a), a) for a in r.left_printed),
        right_places=tuple((place_name(a), a) for a in r.right_printed),
        parts=tuple((label, _amount(r, amount)) for label, amount in r.parts),
        caused_by=caused_by,
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


def _cause(f: Finding, ordered: list[Finding]) -> str | None:
    key = consequence_of(f, ordered)
    return key_label(key) if key else None


def _rows(group: list[Finding], everything: list[Finding]) -> tuple[FindingRow, ...]:
    """The rows of one level: at most ``findings.LISTED_PER_KIND`` findings of one id, then one row
    saying how many more there are (the JSON export lists them all)."""
    first, more = listed(group)
    rows = [FindingRow(f.id, str(f.location) if f.location else None, f.message, _cause(f, everything)) for f in first]
    return tuple(rows + [FindingRow(kind, None, more_of_the_kind(n) + " (alla finns i JSON-exporten).") for kind, n in more.items()])


def control_report(report: Report, findings: list[Finding], stamp: Stamp,
                   pages: Mapping[str, int] | None = None, embedded: bool = False) -> ControlReport:
    """``pages``: the laid-out report's anchors → page numbers (``Result.pages`` after ``bygg``).
    ``embedded``: the kontrollrapport is the report's last section (``bygg --med-kontrollrapport``)."""
    inp = report.inp
    org = inp.organisation
    checks = all_reconciliations(report)
    in_table = {f for r in checks if (f := r.finding()) is not None}
    everything = sorted_findings(findings)  # causes first, each followed by its consequences
    ordered = [f for f in everything if f not in in_table]  # a finding appears once
    rows = tuple(check_row(r, pages, _cause(f, everything) if (f := r.finding()) is not None else None) for r in checks)
    groups = tuple(
        FindingGroup(LEVEL_TITLES[level], level.value, _rows([f for f in ordered if f.level is level], everything))
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
        checks=rows,
        groups=groups,
        open_differences=tuple(OpenDifference(c.id, c.description, c.difference, c.status, _explanation(r, checks, inp.disclosures), n)
                               for n, (c, r) in enumerate(zip(rows, checks), start=1)
                               if r.level is not None and (r.level is not Level.INFO or r.difference)),
        check_count=len(rows),
        ok_count=sum(1 for c in rows if c.status_class == OK),
        pages_known=bool(pages),
        embedded=embedded,
        source=source_text(inp.ledger_source),
        draft=stamp.draft,
        version_id=stamp.version_id,
        state=stamp.state,
    )


def _explanation(r: Reconciliation, checks: list[Reconciliation], disclosures: tuple[Disclosure, ...]) -> str:
    """How the open difference ``r`` is explained (checks/disclosures.py), or "" when it is not."""
    if r.key not in explained(checks, disclosures):
        return ""
    texts = [d.text for d in disclosures if d.check == r.id]
    if texts:
        return "förklarad i bladet Upplysningar: ”" + " ".join(texts) + "”"
    by_key = {c.key: c for c in checks}
    return "förklarad genom " + ", ".join(dict.fromkeys(by_key[k].id for k in r.caused_by if k in by_key)) + " i bladet Upplysningar"


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


