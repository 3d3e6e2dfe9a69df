"""One preview turn: the årsmapp's findings, key figures and report HTML, never an exception.

A :class:`PreviewSession` keeps an :class:`~arsredovisning.load.InputCache` (only the workbook or
the one text that changed is read again) and the charts come from their cache (keyed by their data),
so a turn after an edit costs the computing and the HTML, not the reading and drawing. A turn with
``fel`` findings keeps the last good report, marked as such; a bug becomes a finding, and the
server keeps running.

A turn can be *quick*: the report without the charts' phone drawings, which are the one costly
part of a changed chart (a second matplotlib figure each). The page shows it at once; the
complete turn that follows (``Preview.run``) adds them, so the report shown last is always the
HTML ``bygg`` writes.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..findings import Finding, error, has_errors
from ..load import InputCache
from ..pipeline import run_checks
from ..present.placeholders import display_values
from ..render import TemplateFailed, render_html

FINDINGS: dict[str, str] = {"GRANSKA-INTERNT": "ett programfel i förhandsvisningen (servern fortsätter)"}


@dataclass(frozen=True)
class KeyFigure:
    name: str
    shown: str
    description: str


@dataclass(frozen=True)
class Snapshot:
    version: int  # one more for every turn
    findings: tuple[Finding, ...]
    key_figures: tuple[KeyFigure, ...]
    report_version: int  # the turn whose report is shown (== version when it is current)
    report_html: str | None  # the last report rendered without fel; None before the first
    seconds: float  # how long the turn took
    complete: bool = True  # the report is the HTML bygg writes (a quick turn leaves out the phone charts)

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

    def refresh(self, quick: bool = False) -> Snapshot:
        """Read what changed, compute, check and render; the new :attr:`snapshot`. ``quick``:
        without the charts' phone drawings (a complete turn should follow)."""
        with self._lock:
            t0 = time.perf_counter()
            version = (self.snapshot.version if self.snapshot else 0) + 1
            previous = self.snapshot
            html, report_version = (previous.report_html, previous.report_version) if previous else (None, 0)
            try:
                findings, figures, fresh = self._turn(quick)
            except Exception as exc:  # noqa: BLE001 - a bug must not stop the preview
                findings, figures, fresh = [_internal(exc)], (), None
            if fresh is not None:
                html, report_version = fresh, version
            complete = not quick or fresh is None and (previous.complete if previous else True)
            self.snapshot = Snapshot(version, tuple(findings), figures, report_version, html, time.perf_counter() - t0, complete)
            return self.snapshot

    def _turn(self, quick: bool = False) -> tuple[list[Finding], tuple[KeyFigure, ...], str | None]:
        result = run_checks(self.folder, cache=self.cache)
        figures: tuple[KeyFigure, ...] = ()
        if result.inp is not None and result.key_figures:
            values = display_values(result.key_figures, result.inp.organisation.unit)
            figures = tuple(KeyFigure(name, values[name], fig.description) for name, fig in result.key_figures.items())
        if result.inp is None or result.report is None or has_errors(result.findings):
            return result.findings, figures, None
        try:
            rendered = render_html(result, templates=self.templates, phone_charts=not quick)
        except TemplateFailed as exc:
            return [*result.findings, exc.finding], figures, None
        return [*result.findings, *rendered.found, *rendered.policy.findings()], figures, rendered.standalone()


def _internal(exc: Exception) -> Finding:
    return error(
        "GRANSKA-INTERNT",
        f"Internt fel i förhandsvisningen ({type(exc).__name__}: {exc}). Detta är ett programfel, inte ett fel i din "
        "arbetsbok. Förhandsvisningen fortsätter; spara filen igen eller kör ”arsredovisning kontrollera” och skicka "
        "utskriften till utvecklarna.",
    )
