"""Read a returned report (.docx, .md, .txt) into lines and tables, each with its Location.

A Word document becomes the same pseudo-Markdown a text file is: a heading paragraph is ``## …``,
a bold run ``**…**``; its tables stay tables. In a text file a line of tab-separated cells (the
seeds' participant block) or a Markdown pipe table is a table. The only module that opens them.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..findings import Finding, Location, error, info

SUFFIXES = (".docx", ".md", ".txt")
OWN_FORM = "arsredovisning-lagesrapport-1"  # the form's docx keywords: written by skapa
FORM_PERIOD = "Uppföljningsperiod"  # the form's docx subject: the period skapa was asked for, then two dates
FINDINGS: dict[str, str] = {
    "LAGE-FIL-LASFEL": "En lägesrapport kan inte läsas (skadad fil, fel teckenkodning)",
    "LAGE-FIL-TYP": "En fil i rapportmappen är ingen .docx, .md eller .txt och läses inte",
    "LAGE-MAPP": "Rapportmappen finns inte eller innehåller inga lägesrapporter",
}


@dataclass(frozen=True)
class Line:
    text: str
    where: Location


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    where: Location


@dataclass(frozen=True)
class Document:
    file: str  # the name shown in findings
    blocks: tuple[Line | Table, ...]
    own_form: bool = False  # written by ``lagesrapport skapa``
    form_period: tuple[date, date] | None = None  # the follow-up period skapa wrote the form for


def read_folder(folder: Path) -> tuple[list[Document], list[Finding]]:
    """Every report in ``folder`` (not recursive), in name order."""
    if not folder.is_dir():
        return [], [error("LAGE-MAPP", f"Mappen {folder} finns inte. Ange mappen med de ifyllda lägesrapporterna.", Location(str(folder)))]
    docs, findings = [], []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))):
        if path.suffix.lower() not in SUFFIXES:
            findings.append(info("LAGE-FIL-TYP", "Filen läses inte: lägesrapporter ska vara .docx, .md eller .txt.", Location(path.name)))
            continue
        doc, found = read_document(path)
        findings += found
        if doc is not None:
            docs.append(doc)
    if not docs and not any(f.level.value == "fel" for f in findings):
        findings.append(error("LAGE-MAPP", f"Mappen {folder} innehåller inga lägesrapporter (.docx, .md eller .txt).", Location(str(folder))))
    return docs, findings


def read_document(path: Path, name: str | None = None) -> tuple[Document | None, list[Finding]]:
    name = name or path.name
    if path.suffix.lower() == ".docx":
        return _docx(path, name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [error("LAGE-FIL-LASFEL", f"Filen kan inte läsas ({exc.strerror or type(exc).__name__}).", Location(name))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [error("LAGE-FIL-LASFEL", "Filen är inte sparad som UTF-8. Spara den med teckenkodningen UTF-8 och läs in igen.", Location(name))]
    return Document(name, tuple(text_blocks(text, name))), []


def text_blocks(text: str, file: str) -> list[Line | Table]:
    blocks: list[Line | Table] = []
    rows: list[tuple[str, ...]] = []
    start = 0

    def flush():
        if rows:
            blocks.append(Table(tuple(rows), Location(file, line=start)))
            rows.clear()

    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        cells = _cells(raw)
        if cells is not None:
            if not rows:
                start = number
            if cells:
                rows.append(cells)
            continue
        flush()
        blocks.append(Line(raw.strip(), Location(file, line=number)))
    flush()
    return blocks


def _cells(raw: str) -> tuple[str, ...] | None:
    """The cells of a table row, () for a separator row, None for a line that is no table row."""
    stripped = raw.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        cells = tuple(c.strip() for c in stripped[1:-1].split("|"))
        return () if all(re.fullmatch(r":?-+:?", c) for c in cells if c) else cells
    if "\t" in stripped:
        cells = tuple(c.strip() for c in raw.split("\t"))
        if all(re.fullmatch(r"-*", c) for c in cells):
            return ()
        if sum(1 for c in cells if c) >= 2:
            return cells  # a header row keeps its empty corner cell (``\tPlanerat\tFaktiskt``)
    return None


def _docx(path: Path, name: str) -> tuple[Document | None, list[Finding]]:
    import docx
    from docx.table import Table as DocxTable

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        return None, [error("LAGE-FIL-LASFEL", f"Word-filen kan inte läsas ({type(exc).__name__}). Öppna den i Word, spara som .docx och läs in igen.", Location(name))]
    blocks: list[Line | Table] = []
    paragraph = table = 0
    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            table += 1
            rows = tuple(tuple(_dedupe([c.text.strip() for c in row.cells])) for row in item.rows)
            blocks.append(Table(rows, Location(name, f"tabell {table}")))
            continue
        paragraph += 1
        for line in _paragraph_lines(item):
            blocks.append(Line(line, Location(name, f"stycke {paragraph}")))
    own = (document.core_properties.keywords or "") == OWN_FORM
    return Document(name, tuple(blocks), own, _form_period(document.core_properties.subject or "") if own else None), []


def _form_period(subject: str) -> tuple[date, date] | None:
    days = re.findall(r"\d{4}-\d{2}-\d{2}", subject) if subject.startswith(FORM_PERIOD) else []
    try:
        first, last = (date.fromisoformat(d) for d in days)
    except ValueError:
        return None
    return (first, last) if first <= last else None


def _dedupe(cells: list[str]) -> list[str]:
    """A merged Word cell is returned once per grid column: keep it once."""
    out: list[str] = []
    for c in cells:
        if not out or c != out[-1] or not c:
            out.append(c)
    return out


def _paragraph_lines(paragraph) -> list[str]:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    m = re.match(r"(?:Heading|Rubrik)\s*(\d)", style)
    if m or style == "Title":
        return ["#" * (int(m.group(1)) + 1 if m else 1) + " " + paragraph.text.strip()]
    parts: list[str] = []
    bold: list[str] = []
    for run in paragraph.runs:
        if run.bold and run.text.strip():
            bold.append(run.text)
            continue
        if bold:
            parts.append(_bold("".join(bold)))
            bold = []
        parts.append(run.text)
    if bold:
        parts.append(_bold("".join(bold)))
    text = "".join(parts) if paragraph.runs else paragraph.text
    # A line break inside a paragraph (Skift+Enter) separates lines just as in a text file.
    return [line.strip() for line in text.split("\n")] or [""]


def _bold(text: str) -> str:
    inner = text.strip()
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return f"{lead}**{inner}**{trail}"
