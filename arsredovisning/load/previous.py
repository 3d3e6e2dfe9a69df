"""Where last year's report is, and reading its published JSON export.

Last year is found, in this order: ``--foregaende`` (a JSON export or an årsmapp), ``Förbund ›
Föregående årsmapp`` (relative to the årsmapp; a folder or a JSON export), or the folder next to
the årsmapp named by last year's number (``input/2016`` beside ``input/2017``). A year's published
export is ``arsredovisning-<år>.json`` inside its årsmapp (or next to a given export, for the years
before it). Finding nothing is not a finding: a single year is the ordinary case.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..files import WORKBOOK, json_name
from ..findings import Finding, Location, warning
from ..model import Organisation

ITEM = "Föregående årsmapp"

FINDINGS: dict[str, str] = {
    "AR-FOREG-SAKNAS": "Föregående årsmapp (eller --foregaende) pekar på något som inte finns",
    "AR-FOREG-JSON": "förra årets JSON-export kan inte läsas",
}


@dataclass(frozen=True)
class YearSource:
    """Where one earlier year is: its årsmapp and/or its published JSON export."""

    year: int
    folder: Path | None
    export: Path | None

    @property
    def label(self) -> str:
        return str(self.export or Path(self.folder or ".") / WORKBOOK)


def published_export(folder: Path, year: int) -> Path | None:
    path = folder / json_name(year)
    return path if path.is_file() else None


def _source(path: Path, year: int) -> YearSource | None:
    if path.is_file() and path.name.lower() == WORKBOOK:
        path = path.parent
    if path.is_dir():
        return YearSource(year, path, published_export(path, year))
    if path.is_file():
        return YearSource(year, None, path)
    return None


def previous_source(folder: Path, org: Organisation, given: Path | None = None) -> tuple[YearSource | None, list[Finding]]:
    """Last year's source for the årsmapp ``folder`` (see the module docstring)."""
    year = org.year - 1
    if given is not None:
        found = _source(Path(given), year)
        if found is None:
            return None, [warning("AR-FOREG-SAKNAS", f"--foregaende {given} finns inte. Ange förra årets JSON-export "
                                  f"({json_name(year)}) eller årsmapp.", Location(str(given)))]
        return found, []
    if org.previous_folder:
        found = _source(folder / org.previous_folder, year)
        if found is None:
            where = org.locations.get(ITEM) or Location(str(folder / WORKBOOK), "Förbund")
            return None, [warning("AR-FOREG-SAKNAS", f"Föregående årsmapp ”{org.previous_folder}” finns inte (sökt som "
                                  f"{folder / org.previous_folder}). Skriv sökvägen till förra årets årsmapp relativt "
                                  "den här årsmappen, t.ex. ../2016, eller lämna cellen tom.", where)]
        return found, []
    sibling = folder.parent / str(year)
    if (sibling / WORKBOOK).is_file():
        return YearSource(year, sibling, published_export(sibling, year)), []
    return None, []


def sibling_export(export: Path, year: int) -> YearSource | None:
    """The export of ``year`` next to another year's export (``output/arsredovisning-2015.json``)."""
    path = export.parent / json_name(year)
    return YearSource(year, None, path) if path.is_file() else None


READABLE_MAJOR_VERSIONS = ("1", "2")  # 2.0 numbers the Bilaga 3 footnotes per table; the figures read here are the same


class UnreadableExport(Exception):
    """A file that is no JSON export this version reads: ``error`` names the exception when it is not
    JSON at all, None when it is JSON without a readable ``schema_version``."""

    def __init__(self, error: str | None):
        super().__init__(error or "schema_version")
        self.error = error


def load_export(path: Path) -> dict:
    """A JSON export as a dict (the one reader: ``jamfor`` and the earlier years both use it);
    raises :class:`UnreadableExport`."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnreadableExport(type(exc).__name__) from exc
    version = doc.get("schema_version") if isinstance(doc, dict) else None
    if not isinstance(version, str) or version.split(".")[0] not in READABLE_MAJOR_VERSIONS:
        raise UnreadableExport(None)
    return doc


def read_export(path: Path) -> tuple[dict | None, list[Finding]]:
    """A JSON export as a dict, or None with a warning."""
    try:
        return load_export(path), []
    except UnreadableExport as exc:
        if exc.error:
            return None, [warning("AR-FOREG-JSON", f"{path} kan inte läsas som JSON ({exc.error}); förra årets "
                                  "siffror jämförs inte. Skapa exporten igen med ”arsredovisning bygg” för det året.",
                                  Location(str(path)))]
        return None, [warning("AR-FOREG-JSON", f"{path} är ingen JSON-export från arsredovisning (schema_version 1.x "
                              "eller 2.x saknas); förra årets siffror jämförs inte.", Location(str(path)))]
