"""One preview turn: the årsmapp's findings, key figures and report HTML, never an exception.

A :class:`PreviewSession` keeps an :class:`~arsredovisning.load.InputCache` (only the workbook or
the one text that changed is read again) and the charts come from their cache (keyed by their data),
so a turn after an edit costs the computing and the HTML, not the reading and drawing. A turn with
``fel`` findings keeps the last good report, marked as such; a bug becomes a finding, and the
server keeps running.

Each turn also says what changed since the turn before (``changes``): the figures, by the same
engine as ``jamfor`` (``compare.compare`` on the JSON export's document; a turn with ``fel`` is
compared once the workbook is correct again, with the last correct version), and the findings that
appeared or went away — kept for the day, newest first, each with its place in the report
(``places``). It costs a few tens of milliseconds, so the quick turn stays quick.

A turn can be *quick*: the report without the charts' phone drawings, which are the one costly
part of a changed chart (a second matplotlib figure each). The page shows it at once; the
complete turn that follows (``Preview.run``) adds them, so the report shown last is always the
HTML ``bygg`` writes. When every phone drawing is in the chart cache (a save that changed no chart,
or changed it back), the quick turn is that HTML already and no second turn follows.
"""

from __future__ import annotations

import datetime
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..compare import Side, compare, show_value, signed_value
from ..export.json_export import export_document
from ..findings import Finding, error, has_errors, sorted_findings
from ..load import InputCache
from ..load.stamp import Stamp
from ..pipeline import Result, run_checks
from ..present.placeholders import display_values
from ..render import TemplateFailed, render_html
from .places import Place, figure_place, finding_places, report_ids

FINDINGS: dict[str, str] = {"GRANSKA-INTERNT": "ett programfel i förhandsvisningen (servern fortsätter)"}


@dataclass(frozen=True)
class KeyFigure:
    """A key figure as the preview's panel lists it: its name, its value shown in Swedish format in
    the report's unit, and what it is."""

    name: str
    shown: str
    description: str


@dataclass(frozen=True)
class FigureChange:
    """A figure that changed in one turn, as ``jamfor`` lists it, shown in Swedish format."""

    section: str
    line: str
    before: str
    after: str
    difference: str
    place: Place | None


@dataclass(frozen=True)
class FindingChange:
    """A finding that appeared (``ny``), went away (``borta``) or changed its message (``ändrad``)."""

    kind: str
    id: str
    level: str
    where: str
    message: str
    key: str


@dataclass(frozen=True)
class Change:
    """What one turn changed: its time, figures and findings; ``note`` when figures were not compared."""

    number: int
    day: datetime.date
    time: str  # "14:05:31"
    figures: tuple[FigureChange, ...]
    findings: tuple[FindingChange, ...]
    note: str = ""

    @property
    def new_findings(self) -> int:
        return sum(1 for f in self.findings if f.kind == "ny")


@dataclass(frozen=True)
class Snapshot:
    version: int  # one more for every turn
    findings: tuple[Finding, ...]
    key_figures: tuple[KeyFigure, ...]
    report_version: int  # the turn whose report is shown (== version when it is current)
    report_html: str | None  # the last report rendered without fel; None before the first
    seconds: float  # how long the turn took
    complete: bool = True  # the report is the HTML bygg writes (a quick turn may leave out phone drawings)
    places: dict[str, tuple[Place, ...]] | None = None  # finding key → where in the report it shows
    changes: tuple[Change, ...] = ()  # today's changes, newest first
    new_keys: frozenset[str] = frozenset()  # findings that appeared in this turn's save
    report_time: str = ""  # when the report shown was made ("14:05:31")

    @property
    def report_current(self) -> bool:
        return self.report_html is not None and self.report_version == self.version


class PreviewSession:
    def __init__(self, folder: Path, templates: Path | None = None):
        self.folder = Path(folder)
        self.templates = templates
        self.cache = InputCache()
        self.snapshot: Snapshot | None = None
        self._lock = threading.Lock()
        self._good_doc: dict | None = None  # the export document of the last turn without fel
        self._findings_doc: list[dict] | None = None  # the findings of the last turn
        self._changes: list[Change] = []
        self._ids: frozenset[str] = frozenset()  # the anchors of the report shown

    def refresh(self, quick: bool = False) -> Snapshot:
        """Read what changed, compute, check and render; the new :attr:`snapshot`. ``quick``:
        without the charts' phone drawings (a complete turn should follow)."""
        with self._lock:
            t0 = time.perf_counter()
            version = (self.snapshot.version if self.snapshot else 0) + 1
            previous = self.snapshot
            html, report_version = (previous.report_html, previous.report_version) if previous else (None, 0)
            try:
                result, findings, figures, fresh, whole = self._turn(quick)
            except Exception as exc:  # noqa: BLE001 - a bug must not stop the preview
                result, findings, figures, fresh, whole = None, [_internal(exc)], (), None, True
            if fresh is not None:
                html, report_version = fresh, version
                self._ids = report_ids(fresh)
            # A quick turn whose phone drawings all came from the chart cache is complete at once.
            complete = whole if fresh is not None else not quick or (previous.complete if previous else True)
            report_time = (datetime.datetime.now().strftime("%H:%M:%S") if fresh is not None
                           else previous.report_time if previous else "")
            places: dict[str, tuple[Place, ...]] = {}
            new_keys: frozenset[str] = frozenset()
            try:
                places = finding_places(result.report if result else None, findings, self._ids)
                change = self._changed(result, findings, version)
                if change is not None:
                    today = change.day
                    self._changes = [change, *(c for c in self._changes if c.day == today)][:MAX_CHANGES]
                    new_keys = frozenset(f.key for f in change.findings if f.kind == "ny")
                elif not quick and previous is not None:  # the complete turn of the same save: still new
                    new_keys = previous.new_keys & {f.key for f in findings}
            except Exception as exc:  # noqa: BLE001
                findings = [*findings, _internal(exc)]
            self.snapshot = Snapshot(version, tuple(findings), figures, report_version, html, time.perf_counter() - t0,
                                     complete, places, tuple(self._changes), new_keys, report_time)
            return self.snapshot

    def _changed(self, result: Result | None, findings: list[Finding], number: int) -> Change | None:
        """What this turn changed since the last one (None for the first turn and when nothing did)."""
        if result is None or result.inp is None:
            # The workbook could not be read at all: most often a save caught half-written (the next
            # event brings the whole file). Not a change: the next turn is compared with the last one read.
            return None
        now_findings = [f.as_dict() for f in sorted_findings(findings)]
        before_findings, self._findings_doc = self._findings_doc, now_findings
        report = result.report
        doc = export_document(report, findings, Stamp("", "")) if report is not None and not has_errors(findings) else None
        figure_changes: list[FigureChange] = []
        note = ""
        if doc is not None and self._good_doc is not None:
            year = doc.get("forbund", {}).get("rakenskapsar")
            comparison = compare(Side("före", None, self._good_doc, True), Side("efter", None, doc, True))
            figure_changes = [FigureChange(c.section, c.line, show_value(c.before), show_value(c.after), signed_value(c.difference),
                                           figure_place(c.key, c.section, c.line, year))
                              for c in comparison.changes if c.key[0] not in UNLISTED]
        elif doc is None and before_findings is not None:
            note = "Arbetsboken har fel: talen jämförs igen när den är felfri (med den senaste felfria versionen)."
        if doc is not None:
            self._good_doc = doc
        if before_findings is None:
            return None
        found = compare(Side("före", None, {"fynd": before_findings}, False), Side("efter", None, {"fynd": now_findings}, False))
        finding_changes = [
            *(_finding_change("ny", f) for f in found.appeared),
            *(_finding_change("ändrad", new) for _old, new in found.changed_findings),
            *(_finding_change("borta", f) for f in found.disappeared),
        ]
        if not figure_changes and not finding_changes:
            return None
        now = datetime.datetime.now()
        return Change(number, now.date(), now.strftime("%H:%M:%S"), tuple(figure_changes), tuple(finding_changes), note)

    def _turn(self, quick: bool = False) -> tuple[Result, list[Finding], tuple[KeyFigure, ...], str | None, bool]:
        """The turn's result, findings, key figures, report HTML (None without one) and whether that
        HTML is complete (every phone drawing in)."""
        result = run_checks(self.folder, cache=self.cache)
        figures: tuple[KeyFigure, ...] = ()
        if result.inp is not None and result.key_figures:
            values = display_values(result.key_figures, result.inp.organisation.unit)
            figures = tuple(KeyFigure(name, values[name], fig.description) for name, fig in result.key_figures.items())
        if result.inp is None or result.report is None or has_errors(result.findings):
            return result, result.findings, figures, None, True
        try:
            rendered = render_html(result, templates=self.templates, phone_charts=not quick)
        except TemplateFailed as exc:
            return result, [*result.findings, exc.finding], figures, None, True
        return (result, [*result.findings, *rendered.found, *rendered.policy.findings()], figures, rendered.standalone(),
                rendered.complete)


MAX_CHANGES = 200  # turns kept (of one day)
UNLISTED = ("avstamning",)  # the avstämningar's sides: their findings say what matters


def _finding_change(kind: str, f: dict) -> FindingChange:
    return FindingChange(kind, f["id"], f["niva"], (f.get("plats") or {}).get("text") or "", f["meddelande"], f.get("nyckel") or f["id"])


def _internal(exc: Exception) -> Finding:
    return error(
        "GRANSKA-INTERNT",
        f"Internt fel i förhandsvisningen ({type(exc).__name__}: {exc}). Detta är ett programfel, inte ett fel i din "
        "arbetsbok. Förhandsvisningen fortsätter; spara filen igen eller kör ”arsredovisning kontrollera” och skicka "
        "utskriften till utvecklarna.",
    )
