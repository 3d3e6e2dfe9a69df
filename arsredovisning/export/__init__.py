"""Revisorns underlag, written after the report: the JSON export, the revision workbook and the
kontrollrapport (``write_exports``), plus the version stamp (``stamp.input_stamp``)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..findings import Location, fel
from ..timing import timed

Progress = Callable[[str, float], None]

def write_exports(result, out: Path, progress: Progress | None = None, *, mallar: Path | None = None, **_options) -> list[Path]:
    """Write ``arsredovisning-<år>.json``, ``arsredovisning-<år>-underlag.xlsx`` and
    ``kontrollrapport-<år>.html/.pdf`` into ``out``. Each step is timed (``result.timings``); a
    file that cannot be written, or a broken kontrollrapport template, becomes a finding."""
    from jinja2 import TemplateError

    from .json_export import write_json
    from .kontrollrapport import write_control_report
    from .stamp import stamp as make_stamp
    from .workbook import write_workbook

    report = result.report
    stamp = make_stamp(result.inp.folder)

    def control_report() -> list[Path]:
        paths, findings = write_control_report(report, result.findings, stamp, out, mallar)
        result.findings.extend(findings)
        return paths

    steps = (
        ("Skriver JSON-export", lambda: [write_json(report, result.findings, stamp, out)]),
        ("Skriver revisionsunderlag", lambda: [write_workbook(report, stamp, out)[0]]),
        ("Skapar kontrollrapport", control_report),
    )
    written: list[Path] = []
    for stage, step in steps:
        try:
            with timed(result.timings, progress, stage):
                paths = step()
        except OSError as exc:
            target = getattr(exc, "filename", None) or out
            result.findings.append(fel(
                "UT-SKRIVFEL",
                f"Filen kunde inte skrivas ({exc.strerror or type(exc).__name__}). Kontrollera att mappen finns och "
                "är skrivbar och att filen inte är öppen i ett annat program (t.ex. Excel), och bygg igen.",
                Location(str(target)),
            ))
            continue
        except TemplateError as exc:
            result.findings.append(fel(
                "MALL-FEL",
                f"Kontrollrapportens mall kunde inte fyllas i: {exc}. Rätta mallen i mallmappen eller kör utan --mallar.",
            ))
            continue
        written += paths
    result.written += written
    return written

__all__ = ["write_exports"]
