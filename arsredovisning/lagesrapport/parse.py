"""Lines and tables of a report → :class:`RawReport`: which text answers which field.

Tolerant, for reports laid out like the seeds: a label and its answer on the same line or on the
next ones (``Insatsens namn: Steget före``; ``Ligger det … gått?`` then ``Ja``), several labels on
one line (``Lägesrapport nr: 4   Av totalt antal …: 6``), participant figures on a line
(``Planerat antal 24    Faktiskt antal 23``, ``Kvinnor: 8    Män 15``) or in a Kvinnor/Män ×
Planerat/Faktiskt table, money as label–amount pairs (``Beviljade medel 2 030 000``) or a table with
a Summa column, and free sections under headings. Nothing is typed here (``typed.py`` does that),
so a bad value is reported where it was written.
"""

from __future__ import annotations

import re
import unicodedata
from typing import cast
from dataclasses import dataclass, field

from .. import fmt
from ..findings import Finding, Location, Written, warning
from .documents import Document, Table
from .fields import (
    BY_KEY,
    ECONOMY_HEADINGS,
    FIELDS,
    GROUP_LABELS,
    HINT_PHRASES,
    HINTS,
    MONEY_LABELS,
    PERIOD_QUESTION,
    ROLE_LABELS,
    SINCE_START_QUESTION,
    Field,
    Group,
    Kind,
    Measure,
    Role,
)
from .records import RawReport, Section

FINDINGS: dict[str, str] = {
    "LAGE-FALT-DUBBEL": "Samma fält står två gånger i en lägesrapport med olika svar; det första gäller",
}

NUMBER = rf"[-−–]?\s?(?:{fmt.WHOLE})(?:,\d+)?(?:\s?kr)?"
DATE_TOKEN = re.compile(r"(?<!\d)(\d{4}-\d{1,2}-\d{1,2}|\d{2}-\d{2}-\d{2}|\d{1,2}/\d{1,2}\s*-?\s*\d{4}|\d{6,8})(?!\d)")
SHORT = (Kind.TEXT, Kind.PERIOD, Kind.DATE, Kind.COUNT, Kind.YES_NO, Kind.SIGNATURE)


def fold(text: str) -> str:
    """Case, diacritics, emphasis and spacing folded away: ``**Män**`` and ``man`` fold alike."""
    text = unicodedata.normalize("NFKD", text.replace("*", "").replace("_", " ")).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text).strip(" .,;")


def plain(text: str) -> str:
    """A line without Markdown emphasis and heading marks, trimmed."""
    text = re.sub(r"^#{1,6}\s+", "", text.strip())
    text = text.replace("**", "")
    m = re.fullmatch(r"[*_](.+)[*_]", text.strip())
    return (m.group(1) if m else text).strip()


def _variants() -> list[tuple[str, Field | str]]:
    """Every label variant, folded, longest first, with its field (or a question's meaning)."""
    out: list[tuple[str, Field | str]] = [(fold(v), f) for f in FIELDS for v in f.labels]
    out += [(fold(v), "since_start") for v in SINCE_START_QUESTION]
    out += [(fold(v), "period") for v in PERIOD_QUESTION]
    return sorted(out, key=lambda p: -len(p[0]))


VARIANTS = _variants()


def match_label(text: str) -> tuple[Field | str, str] | None:
    """``(field, rest)`` when ``text`` begins with a known label; the label ends at ``:`` or ``?``.
    A variant shorter than 12 characters must be the whole label."""
    m = re.search(r"[:?]", text)
    candidate, rest = (text[: m.start()], text[m.end():]) if m else (text, "")
    folded = fold(candidate)
    if m is None and text.rstrip("*_ ").endswith(".") and len(folded) > 60:
        return None  # a sentence that happens to begin like a label ("Skälet till avvikelse … är att …")
    for variant, target in VARIANTS:
        short = len(variant) < 12  # "Datum", "Övrigt": the whole label, not the start of a sentence
        if folded == variant or (not short and folded.startswith(variant)):
            return target, rest.strip()
    if m is None:  # a long label without its colon: "Namn på insatsen Första Steget"
        whole = fold(text)
        for variant, target in VARIANTS:
            if len(variant.split()) >= 3 and whole.startswith(variant + " "):
                return target, plain(text)[len(variant):].strip()
    return None


def _label_pattern(labels) -> str:
    return "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True))


ROLE_OF = {fold(l): r for r, ls in ROLE_LABELS.items() for l in ls}
GROUP_OF = {fold(l): g for g, ls in GROUP_LABELS.items() for l in ls}
MONEY_OF = {fold(l): k for k, ls in MONEY_LABELS.items() for l in ls}
PAIR = re.compile(rf"({_label_pattern([*ROLE_LABELS[Role.PLANNED], *ROLE_LABELS[Role.ACTUAL], *[l for ls in GROUP_LABELS.values() for l in ls], *[l for ls in MONEY_LABELS.values() for l in ls]])})\s*:?\s*({NUMBER})", re.I)


def figure_pairs(text: str) -> list[tuple[str, str]] | None:
    """``[(label, number)…]`` when the whole line is label–number pairs, else None."""
    pairs, pos = [], 0
    text = plain(text)
    for m in PAIR.finditer(text):
        if _gap(text[pos:m.start()]):
            return None
        pairs.append((fold(m.group(1)), m.group(2).strip()))
        pos = m.end()
    return pairs if pairs and not _gap(text[pos:]) else None


def _gap(text: str) -> str:
    """What is left between two pairs besides spaces (any kind) and separators."""
    return text.strip().strip(",;.").strip()


def _first_number(text: str) -> tuple[str, str]:
    m = re.match(rf"\s*({NUMBER})\s*(.*)$", text)
    return (m.group(1).strip(), m.group(2)) if m else (text, "")


@dataclass
class _State:
    doc: Document
    fields: dict[str, Written] = field(default_factory=dict)
    figures: dict = field(default_factory=dict)
    money: dict = field(default_factory=dict)
    sections: list[list] = field(default_factory=list)  # [heading, lines, where]
    texts: dict[str, list[str]] = field(default_factory=dict)
    economy: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    target: tuple[str, object] | None = None  # ("field", key) | ("section", index) | ("economy", None)
    pending: Field | None = None
    measure: Measure | None = None
    guessed: bool = False


def parse_document(doc: Document) -> tuple[RawReport, list[Finding]]:
    s = _State(doc)
    blocks = list(doc.blocks)
    for i, block in enumerate(blocks):
        if isinstance(block, Table):
            _table(s, block)
        else:
            _line(s, block, blocks[i + 1:])
    texts = {k: "\n".join(v).strip() for k, v in s.texts.items()}
    for key, text in texts.items():
        if key not in s.fields or not s.fields[key].text:
            where = s.fields[key].where if key in s.fields else Location(doc.file, BY_KEY[key].label)
            s.fields[key] = Written(text, where)
    sections = tuple(Section(h, "\n".join(ls).strip(), w) for h, ls, w in s.sections if "\n".join(ls).strip())
    raw = RawReport(doc.file, doc.own_form, s.fields, s.figures, s.money, sections, "\n".join(s.economy).strip(), s.guessed, doc.form_period)
    return raw, s.findings


def _where(s: _State, block, label: str) -> Location:
    """``file › field`` (with the line in a text file)."""
    return Location(s.doc.file, label, None, block.where.line)


def _set(s: _State, f: Field, text: str, block) -> None:
    text = plain(text)
    old = s.fields.get(f.key)
    if old is not None and old.text and text and fold(old.text) != fold(text):
        s.findings.append(warning("LAGE-FALT-DUBBEL", f"{f.label} står två gånger: ”{old.text}” och ”{text}”. Det första svaret läses; ta bort det andra.", _where(s, block, f.label)))
        return
    if old is None or not old.text:
        s.fields[f.key] = Written(text, _where(s, block, f.label))


def _append(s: _State, text: str) -> None:
    if s.target is None:
        s.sections.append([None, [], Location(s.doc.file, "Inledning")])
        s.target = ("section", len(s.sections) - 1)
    kind, key = s.target
    if kind == "field":
        s.texts.setdefault(cast(str, key), []).append(text)
    elif kind == "economy":
        s.economy.append(text)
    else:
        s.sections[cast(int, key)][1].append(text)


def _line(s: _State, block: Written, following) -> None:
    raw = block.text
    text = plain(raw)
    if not text or re.fullmatch(r"[-|\s]+", text):
        return
    if any(fold(text).startswith(fold(h)) for h in HINTS) or any(fold(h) in fold(text) for h in HINT_PHRASES):
        return
    label = match_label(text)
    if s.pending is not None and label is None:
        _set(s, s.pending, text, block)
        s.pending = None
        return
    s.pending = None
    if label is not None:
        _labelled(s, label, block)
        return
    if _period_title(s, text, block):
        return
    pairs = figure_pairs(text)
    if pairs is not None:
        _figures(s, pairs, block, None)
        return
    heading = _heading(s, raw, text, following)
    if heading is not None:
        if any(fold(heading) == fold(h) for h in ECONOMY_HEADINGS):
            s.target = ("economy", None)
        else:
            s.sections.append([heading, [], _where(s, block, heading)])
            s.target = ("section", len(s.sections) - 1)
        return
    in_free_text = s.target is None or s.target[0] in ("section", "economy") or s.target == ("field", "other")
    if not s.doc.own_form and in_free_text and DATE_TOKEN.fullmatch(text) and "signed_on" not in s.fields:
        _set(s, BY_KEY["signed_on"], text, block)  # a date alone after the text: the report's date (seed 002)
        return
    _append(s, _keep_bullet(raw, text))


def _keep_bullet(raw: str, text: str) -> str:
    return text if not re.match(r"\s*[-*•]\s", raw) else "- " + re.sub(r"^\s*[-*•]\s+", "", raw).strip()


def _labelled(s: _State, label, block) -> None:
    target, rest = label
    if target in ("since_start", "period"):
        s.measure = Measure.SINCE_START if target == "since_start" else Measure.PERIOD
        s.target = None
        return
    f: Field = target
    if f.kind is Kind.LONG:
        s.target = ("field", f.key)
        s.fields.setdefault(f.key, Written("", _where(s, block, f.label)))
        if rest:
            _append(s, plain(rest))
        return
    s.target = None
    if not rest:
        s.pending = f
        s.fields.setdefault(f.key, Written("", _where(s, block, f.label)))
        return
    if f.kind is Kind.COUNT:  # the rest of the line may hold the next label
        value, rest = _first_number(rest)
        _set(s, f, value, block)
        if rest.strip():
            _line(s, Written(rest, block.where), [])
        return
    _set(s, f, rest, block)


def _period_title(s: _State, text: str, block) -> bool:
    """``Tertialrapport för tiden 190501 - 190831``, ``Rapport för år 2020 (period 2020-02-01—2021-01-31)``."""
    if not re.match(r"^\w*rapport\b", fold(text)) or len(DATE_TOKEN.findall(text)) < 2:
        return False
    dates = DATE_TOKEN.findall(text)
    _set(s, BY_KEY["period"], f"{dates[0]} – {dates[1]}", block)
    return True


def _heading(s: _State, raw: str, text: str, following) -> str | None:
    """A free section's heading: Markdown ``#``, a Word heading, a bold lead (``**Ekonomi** (…)``) or,
    outside an answer, a short stand-alone line in capitals or without final punctuation."""
    stripped = raw.strip()
    if re.match(r"^#{1,6}\s", stripped):
        return text
    m = re.match(r"^\*\*([^*]+)\*\*(.*)$", stripped)
    if m and (not m.group(2).strip() or m.group(2).strip().startswith("(")) and len(m.group(1).split()) <= 6 and ":" not in m.group(1):
        return m.group(1).strip()
    if s.doc.own_form or (s.target is not None and s.target[0] == "field"):
        return None
    words = text.split()
    if len(words) > 8 or re.search(r"[.!?:;,)\d]$", text) or re.search(r"\d", text) or not text[0].isupper():
        return None
    if text.isupper() and len(text) > 2:
        return text
    nxt = next((b for b in following if isinstance(b, Table) or b.text.strip()), None)
    return text if isinstance(nxt, Written) and len(plain(nxt.text)) > len(text) + 20 else None


def _figures(s: _State, pairs, block, measure: Measure | None) -> None:
    for label, number in pairs:
        if label in MONEY_OF:
            key = MONEY_OF[label]
            s.money.setdefault(key, Written(number, _where(s, block, key.value.capitalize())))
            if s.target is None or s.target[0] != "economy":
                s.target = ("economy", None)
            continue
        if label in ROLE_OF:  # "Planerat antal 24": the total
            role, group = ROLE_OF[label], Group.TOTAL
        else:
            role, group = Role.ACTUAL, GROUP_OF[label]
        _figure(s, measure, role, group, number, block)


def _figure(s: _State, measure, role: Role, group: Group, number: str, block, where: Location | None = None) -> None:
    if measure is None:
        measure = s.measure
    if measure is None:
        measure, s.guessed = Measure.SINCE_START, True
    label = f"Deltagare {measure.value}, {role.value} {group.value}"
    s.figures.setdefault((measure, role, group), Written(number, where or _where(s, block, label)))


def _table(s: _State, table: Table) -> None:
    rows = [r for r in table.rows if any(c.strip() for c in r)]
    if not rows:
        return
    header = [fold(plain(c)) for c in rows[0]]
    if any(h.startswith(("planerat", "faktiskt", "planerade", "faktiska")) for h in header):
        _participant_table(s, table, rows)
        return
    money_rows = [r for r in rows if fold(plain(r[0])) in MONEY_OF or any(fold(plain(r[0])).startswith(l) for l in MONEY_OF)]
    if money_rows:
        _money_table(s, table, rows, header)
        return
    for row in rows:
        cells = [plain(c) for c in row]
        label = match_label(cells[0]) if cells else None
        if label is not None and len(cells) >= 2:
            target, _ = label
            if isinstance(target, Field):
                if target.kind is Kind.LONG:
                    s.fields[target.key] = Written("\n".join(c for c in cells[1:] if c), _where(s, table, target.label))
                else:
                    _set(s, target, cells[1], table)
                continue
        pairs = figure_pairs(" ".join(cells))
        if pairs is not None:
            _figures(s, pairs, table, None)
            continue
        _append(s, " | ".join(c for c in cells if c))


def _participant_table(s: _State, table: Table, rows) -> None:
    columns = {}
    for i, cell in enumerate(rows[0]):
        h = fold(plain(cell))
        role = Role.PLANNED if h.startswith("planer") else Role.ACTUAL if h.startswith("faktisk") else None
        if role is None:
            continue
        measure = Measure.SINCE_START if "sedan start" in h else Measure.PERIOD if "perioden" in h else None
        columns[i] = (role, measure, plain(cell))
    for r, row in enumerate(rows[1:], start=1):
        group = _group(row[0]) if row else None
        if group is None:
            continue
        for i, (role, measure, header) in columns.items():
            if i < len(row) and row[i].strip():
                where = Location(s.doc.file, f"Deltagare, {plain(row[0])} › {header}", None,
                                 table.where.line + r if table.where.line else None)
                _figure(s, measure, role, group, plain(row[i]), table, where)


def _group(cell: str) -> Group | None:
    folded = fold(plain(cell))
    return GROUP_OF.get(folded) or next((g for l, g in GROUP_OF.items() if folded.startswith(l + " ")), None)


def _money_table(s: _State, table: Table, rows, header) -> None:
    """Label rows with amounts; with several amount columns the Summa/Totalt column counts."""
    total_col = next((i for i, h in enumerate(header) if h in ("summa", "totalt", "total")), None)
    s.target = ("economy", None)
    for r, row in enumerate(rows):
        if r == 0 and (total_col is not None or not any(re.fullmatch(NUMBER, plain(c)) for c in row[1:])):
            continue  # the header row ("Prognos för ekonomin | Perstorp | Klippan | Summa")
        label = fold(plain(row[0]))
        key = MONEY_OF.get(label) or next((k for l, k in MONEY_OF.items() if label.startswith(l)), None)
        if key is None:
            if r > 0 and any(c.strip() for c in row):
                _append(s, " | ".join(plain(c) for c in row if c.strip()))
            continue
        values = [plain(c) for c in row[1:] if c.strip()]
        if total_col is not None and total_col < len(row) and row[total_col].strip():
            value = plain(row[total_col])
        elif values:
            value = values[-1]
        else:
            continue
        where = Location(s.doc.file, key.value.capitalize(), None, table.where.line + r if table.where.line else None)
        s.money.setdefault(key, Written(value, where))
