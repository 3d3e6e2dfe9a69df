"""``arsredovisning jamfor FÖRE EFTER``: which input cells, figures and findings a correction changed.

Each side is an årsmapp (computed now) or a JSON export (``arsredovisning-<år>.json``). First the
input cells that changed (sheet › cell, before → after; only when both sides are årsmappar — the
revisor's first question), then the figures: both sides are turned into the JSON export's
document, flattened into figures with a stable key (statement row and year, note row, table cell
…), and every figure whose value differs, appears or disappears is listed. Findings are matched by
their key (id and what they are about): one whose message or level changed is one "ändrat" row
with before and after; the others appeared or disappeared. Everything a reader sees is compared:
every printed figure (Året i korthet and the balanskravsutredning among them), every changed paragraph
of every text (before and after, per text), the images and attachments by their SHA-256, and the two
version ids. ``jamfor --pdf FIL`` writes it as an ändringsrapport (PDF/UA-1, ``write_change_report``).
"""

from __future__ import annotations

import difflib
import re
import textwrap
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeGuard

from . import cellref, fmt
from .render.version import version_stamp
from .export.json_export import dec, export_document
from .files import WORKBOOK, WORKBOOK_ODS, workbook_path
from .findings import sorted_findings
from .load.cells import is_blank, show_number
from .load.grid import read_workbook
from .load.previous import UnreadableExport, load_export
from .load.stamp import input_checksum
from .pipeline import run_checks

Value = Decimal | int | bool | str | None
Key = tuple


@dataclass(frozen=True)
class ComparedFigure:
    section: str  # "Resultaträkning", "Not 2 Verksamhetens kostnader", "Tabell 3: …"
    line: str  # "Verksamhetens kostnader, 2016"
    value: Value


@dataclass(frozen=True)
class FigureChange:
    key: Key
    section: str
    line: str
    before: Value
    after: Value

    @property
    def difference(self) -> Decimal | int | None:
        if _number(self.before) and _number(self.after):
            return self.after - self.before
        return None


@dataclass(frozen=True)
class CellChange:
    """One input cell that differs: ``sheet › cell``, the text shown before and after (None: empty)."""

    sheet: str
    cell: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Side:
    label: str  # the path as given
    checksum: str | None
    doc: dict
    computed: bool  # figures exist (False: the årsmapp could not be read far enough)
    cells: dict[tuple[str, str], str] | None = None  # (sheet, cell) → shown value; None for a JSON export
    version: str | None = None  # the version id ("3f9c0a1b22de"): a JSON export's, or an utkast's of the årsmapp
    texts: dict[str, str] | None = None  # text key → Markdown; None: not known (an export before schema 2.2)
    files: dict[str, str] | None = None  # input file → SHA-256; None: not known


@dataclass(frozen=True)
class TextChange:
    """One changed block of paragraphs in a text: before and after (an empty tuple: added or removed)."""

    text: str  # the text's key ("presidiet", "insatser/steget")
    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True)
class FileChange:
    """An image or attachment (an input file other than the workbook and the texts) that differs."""

    name: str
    before: str | None  # SHA-256, or None: absent
    after: str | None


@dataclass
class Comparison:
    before: Side
    after: Side
    changes: list[FigureChange] = field(default_factory=list)
    appeared: list[dict] = field(default_factory=list)  # findings as in the JSON export
    disappeared: list[dict] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    cells: list[CellChange] = field(default_factory=list)  # changed input cells, sheet by sheet
    changed_findings: list[tuple[dict, dict]] = field(default_factory=list)  # (before, after), same key
    years: tuple[int, int] | None = None  # across years: (last year, this year); None for two versions of one year
    texts: list[TextChange] = field(default_factory=list)  # changed paragraphs, text by text
    files: list[FileChange] = field(default_factory=list)  # changed images and attachments


class SideError(Exception):
    """A side that is neither an årsmapp nor a readable JSON export (message in Swedish)."""


def _number(v: Value) -> TypeGuard[Decimal | int]:
    return isinstance(v, (Decimal, int)) and not isinstance(v, bool)


# --------------------------------------------------------------------------------------------
# Reading a side
# --------------------------------------------------------------------------------------------


def load_side(path: Path) -> Side:
    """An årsmapp (or its indata.xlsx) is computed; a ``.json`` file is read as an export."""
    path = Path(path)
    if path.is_file() and path.name.lower() in (WORKBOOK, WORKBOOK_ODS):
        path = path.parent
    if path.is_dir():
        return _from_folder(path)
    if path.is_file():
        return _from_json(path)
    raise SideError(f"{path} finns inte. Ange en årsmapp (t.ex. input/2016) eller en JSON-export (arsredovisning-2016.json).")


def _from_folder(path: Path) -> Side:
    result = run_checks(path)
    cells = input_cells(path / WORKBOOK)
    report = result.report
    if report is None or report.financials is None:
        doc = {"fynd": [f.as_dict() for f in sorted_findings(result.findings)]}
        checksum = input_checksum(path) if workbook_path(path).is_file() else None
        return Side(str(path), checksum, doc, computed=False, cells=cells)
    inp = report.inp  # the input the report was computed from (result.inp)
    loaded = version_stamp(inp, None)  # the version id of a plain ``bygg`` (an utkast) of the årsmapp
    return Side(str(path), loaded.checksum, export_document(report, result.findings, loaded), True, cells,
                loaded.version_id, {t.key: t.content for t in inp.texts}, dict(inp.inputs))


def input_cells(workbook: Path) -> dict[tuple[str, str], str] | None:
    """Every non-empty cell of the workbook as (sheet, ``C17``) → its value as shown in messages."""
    book, _ = read_workbook(workbook)
    if book is None:
        return None
    out = {}
    for sheet, grid in book.grids.items():
        for r, row in enumerate(grid, start=1):
            for c, raw in enumerate(row):
                if not is_blank(raw):
                    out[(sheet, cellref.address(c, r))] = show_number(raw)
    return out


def _from_json(path: Path) -> Side:
    try:
        doc = load_export(path)
    except UnreadableExport as exc:
        if exc.error:
            raise SideError(f"{path} kan inte läsas som JSON ({exc.error}). Ange en JSON-export från "
                            "”arsredovisning bygg” eller en årsmapp.") from exc
        raise SideError(f"{path} är ingen JSON-export från arsredovisning (schema_version 1.x saknas). Ange filen "
                        "arsredovisning-<år>.json från ”arsredovisning bygg” eller en årsmapp.") from exc
    try:  # the structure, once: a hand-edited or truncated export is the user's error, not ours
        figures(doc)
        {_finding_key(f) for f in doc.get("fynd", ())}
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SideError(f"{path} är en ofullständig eller ändrad JSON-export ({type(exc).__name__}: {exc}). "
                        "Skapa den igen med ”arsredovisning bygg”.") from exc
    texts = {t["nyckel"]: t["text"] for t in doc["texter"]} if isinstance(doc.get("texter"), list) else None
    files = {f["fil"]: f["sha256"] for f in doc["indatafiler"]} if isinstance(doc.get("indatafiler"), list) else None
    return Side(str(path), doc.get("kontrollsumma"), doc, computed="rakningar" in doc, version=doc.get("version_id") or None,
                texts=texts, files=files)


# --------------------------------------------------------------------------------------------
# Flattening an export into figures
# --------------------------------------------------------------------------------------------


def _value(v) -> Value:
    """A JSON value back to Python: decimal strings → Decimal."""
    if isinstance(v, str):
        try:
            return Decimal(v)
        except InvalidOperation:
            return v
    return v


class _Figures(dict):
    def add(self, key: Key, section: str, line: str, value) -> None:
        while key in self:  # two rows with the same label (unusual): keep both
            key = (*key, "+")
        self[key] = ComparedFigure(section, line, _value(value))


OPERATING_FIELDS = (("budget", "budget"), ("utfall", "utfall"), ("avvikelse", "avvikelse"),
                    ("utfall_foregaende_ar", "utfall föregående år"))
MEMBER_FIELDS = (("andel_av_totalt", "andel av totalt (%)"), ("exakt", "beräknat belopp, exakt"),
                 ("belopp", "belopp"), ("bokfort", "bokfört"), ("skillnad", "skillnad bokfört − beräknat"))
INTERVENTION_FIELDS = (("budget", "budget"), ("utfall", "utfall"), ("avvikelse", "avvikelse"),
                       ("deltagare", "deltagare"), ("budgeterade_deltagare", "budgeterade deltagare"),
                       ("kostnad_per_deltagare", "kostnad/deltagare"))
SHARE_FIELDS = (("deltagare", "deltagare"), ("andel_deltagare", "andel av deltagarna (%)"),
                ("invanare", "invånare"), ("andel_invanare", "andel av invånarna (%)"))


def figures(doc: dict) -> dict[Key, ComparedFigure]:
    out = _Figures()
    for sk, st in (doc.get("rakningar") or {}).items():
        for row in st["rader"]:
            for year, v in zip(st["ar"], row["varden"]):
                if row["typ"] != "heading":
                    out.add(("rakning", sk, row["nyckel"], year), st["titel"], f"{row['text']}, {year}", v)
    for note in doc.get("noter") or ():
        section = f"Not {note['nummer']} {note['titel']}"
        for row in [*note["rader"], {"text": "Summa", "varden": note["summa"]}]:
            for year, v in zip(note["ar"], row["varden"]):
                out.add(("not", note["rad"], row["text"], year), section, f"{row['text']}, {year}", v)
    op = doc.get("driftredovisning")
    for row in (op or {}).get("rader", ()):
        for name, label in OPERATING_FIELDS:
            out.add(("drift", row["nyckel"], name), "Driftredovisning", f"{row['text']}, {label}", row[name])
    c = doc.get("medlemsbidrag")
    if c:
        out.add(("medlemsbidrag", "totalt"), "Medlemsbidrag", "Medlemsbidrag totalt", c["totalt"])
        for m in c["medlemmar"]:
            for name, label in MEMBER_FIELDS:
                out.add(("medlemsbidrag", m["medlem"], name), "Medlemsbidrag", f"{m['medlem']}, {label}", m[name])
    for i in doc.get("insatser") or ():
        section = "Bilaga 1 (individinriktade insatser)" if i["typ"] == "Individ" else "Bilaga 2 (strukturövergripande insatser)"
        for name, label in INTERVENTION_FIELDS:
            out.add(("insats", i["namn"], name), section, f"{i['namn']}, {label}", i[name])
        for o in i["resultat"]:
            out.add(("insats", i["namn"], "resultat", o["utfall"]), section, f"{i['namn']}, resultat {o['utfall']}", o["antal"])
    appendix = doc.get("bilaga3") or {}
    for t in appendix.get("tabeller", ()):
        for row in [*t["rader"], *([t["summa"]] if t["summa"] else [])]:
            for col, v in zip(t["kolumner"], row["celler"]):
                who = row["insats"] if row["insats"] is not None else row["text"]
                out.add(("tabell", t["nyckel"], who, col["nyckel"]), t["titel"], f"{row['text']}, {col['rubrik']}", v)
    shares = appendix.get("kommunandelar") or {}
    for m in shares.get("kommuner", ()):
        for name, label in SHARE_FIELDS:
            out.add(("kommunandel", m["medlem"], name), "Kommuntillhörighet", f"{m['kortnamn']}, {label}", m[name])
    brief = doc.get("arets_korthet") or {}
    for row in brief.get("rader", ()):
        for year, v in zip(brief["ar"], row["varden"]):
            out.add(("korthet", row["text"], year), "Året i korthet", f"{row['text']}, {year}", v)
    req = doc.get("balanskrav")
    if req:
        for name, label in (("arets_resultat", "Årets resultat"), ("summa_justeringar", "Balanskravsjusteringar"),
                            ("resultat_efter_balanskravsjusteringar", "Årets resultat efter balanskravsjusteringar"),
                            ("balanskravsresultat", "Årets balanskravsresultat"), ("balanskravet_uppfyllt", "Balanskravet uppfyllt")):
            out.add(("balanskrav", name), "Balanskravsutredning", label, req[name])
        for a in req["justeringar"]:
            out.add(("balanskrav", "justering", a["post"]), "Balanskravsutredning", a["post"], a["belopp"])
    for name, k in (doc.get("nyckeltal") or {}).items():
        out.add(("nyckeltal", name), "Nyckeltal", f"{name}: {k['beskrivning']}", k["varde"])
    for r in doc.get("avstamningar") or ():
        for side, word, v in (("vanster", "vänster", r["vanster"]["belopp"]), ("hoger", "höger", r["hoger"]["belopp"]),
                              ("skillnad", "skillnad", r["skillnad"])):
            out.add(("avstamning", r["id"], r["beskrivning"], side), f"Avstämning {r['id']}",
                    f"{word}: {r['beskrivning']}", v)
    return dict(out)


def _year(doc: dict) -> int | None:
    year = (doc.get("forbund") or {}).get("rakenskapsar")
    return year if isinstance(year, int) else None


def own_year_figures(doc: dict) -> dict[Key, ComparedFigure]:
    """The figures of the document's own year, keyed without the year, so that two years can be
    compared row by row (``jamfor 2016 2017``); plus each account's Belopp from the saldobalans."""
    year = _year(doc)
    out: dict[Key, ComparedFigure] = {}
    for key, fig in figures(doc).items():
        if key[0] == "avstamning" or (key[0] == "nyckeltal" and key[1].endswith("_foregaende_ar")):
            continue  # checks and last year's figures: not "this year" of either side
        if key[0] in ("rakning", "not"):
            if key[3] != year:
                continue
            key = (*key[:3], "året", *key[4:])
            fig = ComparedFigure(fig.section, fig.line.removesuffix(f", {year}"), fig.value)
        out[key] = fig
    for a in doc.get("saldobalans") or ():
        out[("konto", a["konto"])] = ComparedFigure("Saldobalans", f"Konto {a['konto']} {a['benamning']}, Belopp",
                                                    _value(a["belopp"]))
    return out


# --------------------------------------------------------------------------------------------
# Comparing
# --------------------------------------------------------------------------------------------


def _finding_key(f: dict) -> tuple:
    place = (f.get("plats") or {}).get("text")
    return (f["id"], f["niva"], place, f["meddelande"])


def compare(before: Side, after: Side) -> Comparison:
    out = Comparison(before, after)
    for side, word in ((before, "Före"), (after, "Efter")):
        if not side.computed:
            out.remarks.append(f"{word}: {side.label} kunde inte beräknas (se fynden); bara fynden jämförs.")
    first, second = _year(before.doc), _year(after.doc)
    if first is not None and second is not None and first != second:
        out.years = (first, second)
        out.remarks.append(f"Jämförelse mellan år: {first} och {second}, samma konto och rad "
                           f"({second} mot {first}).")
    flatten = own_year_figures if out.years else figures
    if before.computed and after.computed:
        a, b = flatten(before.doc), flatten(after.doc)
        for key in [*b, *(k for k in a if k not in b)]:
            old, new = a.get(key), b.get(key)
            if old is not None and new is not None and old.value == new.value and type(old.value) is type(new.value):
                continue
            shown = new or a[key]  # the key is in b or, if not, in a
            out.changes.append(FigureChange(key, shown.section, shown.line, old.value if old else None, new.value if new else None))
    if before.checksum and before.checksum == after.checksum:
        out.remarks.append("Indata är identiska (samma kontrollsumma).")
    if before.texts is not None and after.texts is not None and not out.years:
        out.texts = text_changes(before.texts, after.texts)
    if before.files is not None and after.files is not None and not out.years:
        out.files = file_changes(before.files, after.files)
    if before.cells is not None and after.cells is not None:
        out.cells = _cell_changes(before.cells, after.cells)
    elif before.computed or after.computed:
        out.remarks.append("Ändrade celler visas bara när båda sidor är årsmappar (en JSON-export saknar indata).")
    old_findings = {_finding_key(f) for f in before.doc.get("fynd", ())}
    new_findings = {_finding_key(f) for f in after.doc.get("fynd", ())}
    appeared = [f for f in after.doc.get("fynd", ()) if _finding_key(f) not in old_findings]
    disappeared = [f for f in before.doc.get("fynd", ()) if _finding_key(f) not in new_findings]
    gone: dict[tuple, dict] = {}
    for f in disappeared:
        gone.setdefault(_identity(f), f)
    for f in appeared:
        earlier = gone.pop(_identity(f), None)
        if earlier is not None:
            out.changed_findings.append((earlier, f))
    paired = {id(f) for pair in out.changed_findings for f in pair}
    out.appeared = [f for f in appeared if id(f) not in paired]
    out.disappeared = [f for f in disappeared if id(f) not in paired]
    return out


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """A Markdown text as its paragraphs (blocks between blank lines), each on one line."""
    return [" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def text_changes(before: dict[str, str], after: dict[str, str]) -> list[TextChange]:
    """Every changed block of paragraphs, text by text (the texts in path order)."""
    out = []
    for key in sorted(set(before) | set(after)):
        old, new = paragraphs(before.get(key, "")), paragraphs(after.get(key, ""))
        if old == new:
            continue
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
            if tag != "equal":
                out.append(TextChange(key, tuple(old[i1:i2]), tuple(new[j1:j2])))
    return out


def file_changes(before: dict[str, str], after: dict[str, str]) -> list[FileChange]:
    """Images and attachments (input files other than the workbook and the texts) whose bytes differ."""
    def shown(name: str) -> bool:
        return name not in (WORKBOOK, WORKBOOK_ODS) and not name.endswith(".md")

    names = sorted(n for n in set(before) | set(after) if shown(n))
    return [FileChange(n, before.get(n), after.get(n)) for n in names if before.get(n) != after.get(n)]


def _identity(f: dict) -> tuple:
    """What a finding is about, across versions: its key (id and year/column/cell), else id and place."""
    return (f["id"], f.get("nyckel") or (f.get("plats") or {}).get("text"))


def _cell_changes(before: dict, after: dict) -> list[CellChange]:
    sheets = list(dict.fromkeys([s for s, _ in after] + [s for s, _ in before]))

    def order(key: tuple[str, str]) -> tuple[int, int, int]:
        sheet, cell = key
        parts = cellref.split(cell)
        assert parts is not None, cell  # input_cells keys its cells by their address (C17)
        column, row = parts
        return (sheets.index(sheet), row, cellref.column_index(column))

    keys = sorted(set(before) | set(after), key=order)
    return [CellChange(s, c, before.get((s, c)), after.get((s, c))) for s, c in keys if before.get((s, c)) != after.get((s, c))]


def compare_paths(before: Path, after: Path) -> Comparison:
    return compare(load_side(before), load_side(after))


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def show_value(v: Value) -> str:
    """A figure of a comparison as printed: – for none, Ja/Nej, Swedish integers and amounts."""
    if v is None:
        return fmt.DASH
    if isinstance(v, bool):
        return "Ja" if v else "Nej"
    if isinstance(v, int):
        return fmt.integer(v)
    if isinstance(v, Decimal):
        return fmt.amount(v)
    return str(v)


def signed_value(v: Decimal | int | None) -> str:
    if v is None:
        return ""
    text = show_value(v)
    return "+" + text if v > 0 else text


def _wrap(text: str, width: int) -> list[str]:
    """A label over as many lines as it needs: never cut (the year is often last)."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def comparison_text(c: Comparison) -> str:
    old, new = (str(c.years[0]), str(c.years[1])) if c.years else ("Före", "Efter")
    lines = ["Jämförelse mellan år" if c.years else "Jämförelse", f"  {old + ':':<6} {c.before.label}" + (f" (kontrollsumma {c.before.checksum})" if c.before.checksum else ""),
             f"  {new + ':':<6} {c.after.label}" + (f" (kontrollsumma {c.after.checksum})" if c.after.checksum else "")]
    if c.before.version or c.after.version:
        lines.append(f"  Version: {c.before.version or fmt.DASH} → {c.after.version or fmt.DASH}"
                     + (" (samma)" if c.before.version == c.after.version else ""))
    lines += [f"  {r}" for r in c.remarks]
    lines.append("")
    if c.cells:
        lines.append(f"Ändrade celler i indata ({len(c.cells)})")
        for ch in c.cells:
            lines.append(f"  {ch.sheet} › {ch.cell}: {ch.before if ch.before is not None else '(tom)'} → "
                         f"{ch.after if ch.after is not None else '(tom)'}")
        lines.append("")
    elif c.before.cells is not None and c.after.cells is not None:
        lines += ["Inga celler i indata har ändrats.", ""]
    if c.changes:
        rows = [(_wrap(ch.section, 34), _wrap(ch.line, 60), show_value(ch.before), show_value(ch.after), signed_value(ch.difference))
                for ch in c.changes]
        head = (["Avsnitt"], ["Rad"], old, new, "Skillnad")
        widths = [max(len(x) for r in [head, *rows] for x in r[i]) for i in (0, 1)]
        widths += [max(len(r[i]) for r in [head, *rows]) for i in (2, 3, 4)]
        lines.append(f"Ändrade tal ({len(c.changes)})")
        for r in [head, *rows]:
            for n in range(max(len(r[0]), len(r[1]))):
                first = n == 0
                section = r[0][n] if n < len(r[0]) else ""
                label = r[1][n] if n < len(r[1]) else ""
                figures = [x.rjust(w) if first else "" for x, w in zip(r[2:], widths[2:])]
                lines.append("  " + "  ".join([section.ljust(widths[0]), label.ljust(widths[1]), *figures]).rstrip())
    elif c.before.computed and c.after.computed:
        lines.append("Inga tal har ändrats.")
    if c.texts:
        lines += ["", f"Ändrade texter ({len(c.texts)} {'ställe' if len(c.texts) == 1 else 'ställen'})"]
        for t in c.texts:
            lines.append(f"  texter/{t.text}.md:")
            for word, group in (("före", t.before), ("efter", t.after)):
                for p in group or ("(inget)",):
                    wrapped = textwrap.wrap(p, 96, break_long_words=False) or [""]
                    lines.append(f"    {word + ':':<6} {wrapped[0]}")
                    lines += [f"           {w}" for w in wrapped[1:]]
    elif c.before.texts is not None and c.after.texts is not None and not c.years:
        lines += ["", "Inga texter har ändrats."]
    if c.files:
        lines += ["", f"Ändrade bilder och bilagor ({len(c.files)})"]
        for f in c.files:
            lines.append(f"  {f.name}: " + ("tillkommen" if f.before is None else "borttagen" if f.after is None
                                            else f"SHA-256 {f.before[:12]}… → {f.after[:12]}…"))
    if c.changed_findings:
        lines += ["", f"Ändrade fynd ({len(c.changed_findings)})"]
        for was, now in c.changed_findings:
            place = (now.get("plats") or {}).get("text")
            lines.append(f"  [{now['id']}] ändrat" + (f", {place}" if place else "") + ":")
            lines.append(f"    före ({was['niva']}):  {was['meddelande']}")
            lines.append(f"    efter ({now['niva']}): {now['meddelande']}")
    for title, found in (("Nya fynd", c.appeared), ("Försvunna fynd", c.disappeared)):
        lines.append("")
        if not found:
            lines.append(f"{title}: inga.")
            continue
        lines.append(f"{title} ({len(found)})")
        for finding in found:
            place = (finding.get("plats") or {}).get("text")
            lines.append(f"  [{finding['id']}] {finding['niva']}: " + (f"{place}: " if place else "") + finding["meddelande"])
    return "\n".join(lines) + "\n"


def _json_value(v: Value):
    if isinstance(v, Decimal):
        return dec(v)
    return v


def comparison_json(c: Comparison) -> dict:
    doc: dict[str, object] = {
        "schema_version": "1.1",  # 1.1: version_id, andrade_texter, andrade_filer
        "fore": {"kalla": c.before.label, "kontrollsumma": c.before.checksum, "beraknad": c.before.computed,
                 "version_id": c.before.version},
        "efter": {"kalla": c.after.label, "kontrollsumma": c.after.checksum, "beraknad": c.after.computed,
                  "version_id": c.after.version},
        "anmarkningar": c.remarks,
        "andrade_celler": [{"blad": ch.sheet, "cell": ch.cell, "fore": ch.before, "efter": ch.after} for ch in c.cells],
        "andrade_tal": [
            {
                "avsnitt": ch.section,
                "rad": ch.line,
                "nyckel": list(ch.key),
                "fore": _json_value(ch.before),
                "efter": _json_value(ch.after),
                "skillnad": _json_value(ch.difference),
            }
            for ch in c.changes
        ],
        "andrade_fynd": [{"fore": old, "efter": new} for old, new in c.changed_findings],
        "andrade_texter": [{"text": t.text, "fore": list(t.before), "efter": list(t.after)} for t in c.texts],
        "andrade_filer": [{"fil": f.name, "fore": f.before, "efter": f.after} for f in c.files],
        "nya_fynd": c.appeared,
        "forsvunna_fynd": c.disappeared,
    }
    if c.years:  # across years only, so that a comparison of two versions of one year is unchanged
        doc["mellan_ar"] = list(c.years)
    return doc


# --------------------------------------------------------------------------------------------
# The ändringsrapport (jamfor --pdf)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeReport:
    """The comparison as the ändringsrapport prints it: formatted strings only."""

    title: str
    name: str
    created: object  # a date: the PDF's dates (the later side's Beslutsdatum year, for determinism)
    footer: str  # "Version 3f9c0a1b22de → 4a1b…": every page footer
    sides: tuple
    remarks: tuple[str, ...]
    summary: str
    old: str
    new: str
    figures: tuple
    texts: tuple
    no_texts: str
    files: tuple[str, ...]
    cells: tuple[str, ...]
    no_cells: str
    findings: tuple[str, ...]


def change_report(c: Comparison) -> ChangeReport:
    from datetime import date
    from types import SimpleNamespace as Row

    doc = c.after.doc if c.after.computed else c.before.doc
    org = doc.get("forbund") or {}
    year = _year(doc)
    old, new = (str(c.years[0]), str(c.years[1])) if c.years else ("Före", "Efter")
    sides = tuple(Row(word=w, label=s.label, version=s.version or fmt.DASH, checksum=s.checksum or fmt.DASH)
                  for w, s in ((old, c.before), (new, c.after)))
    figures_ = tuple(Row(section=ch.section, line=ch.line, before=show_value(ch.before), after=show_value(ch.after),
                         difference=signed_value(ch.difference)) for ch in c.changes)
    texts = tuple(Row(name=f"texter/{t.text}.md", before=t.before or ("(inget)",), after=t.after or ("(inget)",)) for t in c.texts)
    files = tuple(f"{f.name}: " + ("tillkommen" if f.before is None else "borttagen" if f.after is None
                                   else f"SHA-256 {f.before} → {f.after}") for f in c.files)
    cells = tuple(f"{ch.sheet} › {ch.cell}: {ch.before if ch.before is not None else '(tom)'} → "
                  f"{ch.after if ch.after is not None else '(tom)'}" for ch in c.cells)
    findings = [f"Ändrat [{n['id']}]: {o['meddelande']} → {n['meddelande']}" for o, n in c.changed_findings]
    findings += [f"Nytt [{f['id']}] {f['niva']}: {f['meddelande']}" for f in c.appeared]
    findings += [f"Försvunnet [{f['id']}] {f['niva']}: {f['meddelande']}" for f in c.disappeared]
    summary = (f"{len(c.changes)} tal, {len(c.texts)} {'ställe' if len(c.texts) == 1 else 'ställen'} i texterna, {len(c.files)} bilder eller bilagor och "
               f"{len(c.cells)} celler har ändrats; {len(c.appeared)} fynd har tillkommit och {len(c.disappeared)} försvunnit.")
    return ChangeReport(
        title=f"Ändringsrapport – {org.get('namn') or 'årsredovisning'}" + (f" {year}" if year else ""),
        name=str(org.get("namn") or ""),
        created=date(year + 1, 1, 1) if year else date(1980, 1, 1),
        footer=f"Version {c.before.version or fmt.DASH} → {c.after.version or fmt.DASH}",
        sides=sides, remarks=tuple(c.remarks), summary=summary, old=old, new=new, figures=figures_, texts=texts,
        no_texts="Inga texter har ändrats." if c.before.texts is not None and c.after.texts is not None
        else "Texterna kan inte jämföras (en JSON-export från en äldre version saknar dem).",
        files=files, cells=cells,
        no_cells="Inga celler har ändrats." if c.before.cells is not None and c.after.cells is not None
        else "Celler jämförs bara när båda sidor är årsmappar.",
        findings=tuple(findings),
    )


CHANGE_REPORT_TEMPLATE = "andringsrapport/document.html.j2"
CHANGE_REPORT_STYLESHEETS = ("css/page.css", "css/report.css", "andringsrapport/andringsrapport.css")


def change_report_pdf(c: Comparison) -> bytes:
    """The ändringsrapport as tagged PDF (PDF/UA-1), with the report's fonts, stylesheets and fetcher."""
    from .render.assets import Assets
    from .render.environment import make_environment
    from .render.html import page_html
    from .render.pdf import write_pdf_bytes
    from .render.urls import UrlPolicy

    assets = Assets.create()
    body = make_environment(assets).get_template(CHANGE_REPORT_TEMPLATE).render(doc=change_report(c))
    folder = Path(c.after.label if Path(c.after.label).is_dir() else Path(c.after.label).parent)
    return write_pdf_bytes(page_html(body, CHANGE_REPORT_STYLESHEETS), assets, UrlPolicy(assets, folder))


def write_change_report(c: Comparison, path: Path) -> Path:
    from .files import write_atomic

    write_atomic(Path(path), change_report_pdf(c))
    return Path(path)
