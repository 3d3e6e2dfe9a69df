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

from ..cellwrite import CONTROL
from ..findings import Finding, Location, Written, error, info, warning
from ..load.limits import MB, archive_limits, megabytes

SUFFIXES = (".docx", ".md", ".txt")
MAX_FILE_BYTES = 50 * MB  # a report, photos included, is well under 10 MB
MAX_UNPACKED_BYTES = 100 * MB  # all parts of a .docx together
MAX_TEXT_BYTES = 5 * MB  # a .md or .txt report
HEAD_BYTES = 4096  # where document.xml would declare a DOCTYPE
OWN_FORM = "arsredovisning-lagesrapport-1"  # the form's docx keywords: written by skapa
FORM_PERIOD = "Uppföljningsperiod"  # the form's docx subject: the period skapa was asked for, then two dates
FINDINGS: dict[str, str] = {
    "LAGE-FIL-LASFEL": "En lägesrapport kan inte läsas (skadad fil, fel teckenkodning)",
    "LAGE-FIL-INTE-DOCX": "En .docx-fil i rapportmappen är ingen Word-fil (en PDF, ett äldre .doc, en tom fil …)",
    "LAGE-FIL-FOR-STOR": "En lägesrapport är större än gränsen eller packas upp till mer än gränsen (zip-bomb)",
    "LAGE-STYRTECKEN": "En lägesrapport i text innehåller styrtecken (NUL, BEL …), som togs bort",
    "LAGE-FIL-TYP": "En fil i rapportmappen är ingen .docx, .md eller .txt och läses inte",
    "LAGE-MAPP": "Rapportmappen finns inte eller innehåller inga lägesrapporter",
}


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    where: Location


@dataclass(frozen=True)
class Document:
    file: str  # the name shown in findings
    blocks: tuple[Written | Table, ...]
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
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            return None, [error("LAGE-FIL-FOR-STOR", f"Filen är {megabytes(size)}, mer än gränsen {megabytes(MAX_TEXT_BYTES)} för en lägesrapport i text. Kontrollera att det är rätt fil.", Location(name))]
        data = path.read_bytes()
    except OSError as exc:
        return None, [error("LAGE-FIL-LASFEL", f"Filen kan inte läsas ({exc.strerror or type(exc).__name__}).", Location(name))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [error("LAGE-FIL-LASFEL", "Filen är inte sparad som UTF-8. Spara den med teckenkodningen UTF-8 och läs in igen.", Location(name))]
    found = []
    first = CONTROL.search(text)
    if first is not None:  # they would reach the workbook and the insats's text
        line = text.count("\n", 0, first.start()) + 1
        found.append(warning("LAGE-STYRTECKEN", "Filen innehåller styrtecken (osynliga tecken som NUL eller BEL), som togs bort. Kontrollera texten i rapporten.", Location(name, line=line)))
        text = CONTROL.sub("", text)
    return Document(name, tuple(text_blocks(text, name))), found


def text_blocks(text: str, file: str) -> list[Written | Table]:
    blocks: list[Written | Table] = []
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
        blocks.append(Written(raw.strip(), Location(file, line=number)))
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


# What a file named .docx is when it is not a Word document, by its first bytes.
_SIGNATURES = (
    (b"%PDF", "en PDF-fil", "Be insatsen skicka Word-filen (.docx), eller skriv av svaren i formuläret"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ett äldre Word-dokument (.doc) eller ett lösenordsskyddat dokument",
     "Öppna den i Word, ta bort ett eventuellt lösenord och spara som Word-dokument (.docx)"),
    (b"{\\rtf", "ett RTF-dokument", "Öppna den i Word och spara som Word-dokument (.docx)"),
)


def _not_docx(path: Path, name: str) -> Finding | None:
    """A located finding when the file cannot be a .docx at all (empty, too large, another format, a
    zip bomb), decided from its size, first bytes and zip directory: nothing is unpacked."""
    where = Location(name)
    size = path.stat().st_size
    if size == 0:
        return error("LAGE-FIL-INTE-DOCX", "Filen är tom (0 byte). Be insatsen skicka rapporten igen.", where)
    if size > MAX_FILE_BYTES:
        return error("LAGE-FIL-FOR-STOR", f"Filen är {megabytes(size)}, mer än gränsen {megabytes(MAX_FILE_BYTES)} för en lägesrapport. Kontrollera att det är rätt fil; spara bilderna i mindre storlek.", where)
    with path.open("rb") as fh:
        head = fh.read(8)
    for magic, kind, advice in _SIGNATURES:
        if head.startswith(magic):
            return error("LAGE-FIL-INTE-DOCX", f"Filen heter .docx men är {kind}. {advice}.", where)
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        kind = "en textfil" if head and all(32 <= b < 127 or b in (9, 10, 13) for b in head) else "ingen Word-fil (inget .docx-arkiv, eller ett avbrutet)"
        return error("LAGE-FIL-INTE-DOCX", f"Filen heter .docx men är {kind}. Öppna den i Word och spara som Word-dokument (.docx), eller be insatsen skicka den igen.", where)
    found = archive_limits(infos, where, "Word-filen", "be insatsen spara den igen i Word (bilder i mindre storlek).",
                           max_unpacked=MAX_UNPACKED_BYTES, id="LAGE-FIL-FOR-STOR")
    if found is not None:
        return found
    if "word/document.xml" not in names:
        return error("LAGE-FIL-INTE-DOCX", "Filen är ett zip-arkiv men inget Word-dokument (word/document.xml saknas). Öppna den i Word och spara som Word-dokument (.docx).", where)
    with zipfile.ZipFile(path) as z, z.open("word/document.xml") as part:
        head = part.read(HEAD_BYTES)
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        return error("LAGE-FIL-LASFEL", "Word-filen läses inte: dess text (word/document.xml) deklarerar egna XML-entiteter, vilket Word aldrig skriver och vilket är hur en fil som ska fylla minnet ser ut. Be insatsen spara rapporten igen i Word och skicka den på nytt.", where)
    return None


def _docx(path: Path, name: str) -> tuple[Document | None, list[Finding]]:
    """A Word report as blocks; any file that cannot be read is a located finding, never an error of
    the program: the size and kind are checked before anything is unpacked, and what the Word reader
    then refuses (a cut or hostile document.xml) is said in Swedish."""
    try:
        refused = _not_docx(path, name)
    except OSError as exc:
        return None, [error("LAGE-FIL-LASFEL", f"Filen kan inte läsas ({exc.strerror or type(exc).__name__}).", Location(name))]
    if refused is not None:
        return None, [refused]
    try:
        return _docx_blocks(path, name), []
    except Exception as exc:  # noqa: BLE001 - the Word reader's refusal of a user's file (cut XML, entities …), said in Swedish
        return None, [error("LAGE-FIL-LASFEL", f"Word-filen kan inte läsas: den är skadad, avbruten eller innehåller något som inte hör hemma i en rapport ({_reason(exc)}). Öppna den i Word, spara som Word-dokument (.docx) och läs in igen, eller be insatsen skicka den igen.", Location(name))]


def _reason(exc: Exception) -> str:
    """What the Word reader said, short: ``XMLSyntaxError: … line 1``."""
    text = str(exc).splitlines()[0][:120] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _docx_blocks(path: Path, name: str) -> Document:
    import docx
    from docx.table import Table as DocxTable

    document = docx.Document(str(path))
    blocks: list[Written | Table] = []
    paragraph = table = 0
    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            table += 1
            rows = tuple(tuple(_dedupe([c.text.strip() for c in row.cells])) for row in item.rows)
            blocks.append(Table(rows, Location(name, f"tabell {table}")))
            continue
        paragraph += 1
        for line in _paragraph_lines(item):
            blocks.append(Written(line, Location(name, f"stycke {paragraph}")))
    own = (document.core_properties.keywords or "") == OWN_FORM
    return Document(name, tuple(blocks), own, _form_period(document.core_properties.subject or "") if own else None)


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
