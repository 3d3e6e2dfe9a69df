"""Where in the report a finding or a changed figure stands: the report's anchors (the HTML ids the
kontrollrapport's page references use), and for a figure also its row and year, so the page can
scroll the report pane there and mark it.

- An avstämning's finding: the anchors both its sides are printed at (``Reconciliation.left_printed``
  and ``right_printed``, as in the kontrollrapport).
- A finding on a text file: that text's section (``texter/uppdraget.md`` → ``uppdraget``; an insats
  text → its Bilaga page).
- A finding on a row of an insats sheet: that insats's Bilaga page; on a Saldobalans row: the
  statement and the note the account is printed in.
- A changed figure (``compare.figures``' keys): its statement, note, Bilaga page or table, with the
  row's label and the year's column where it has them.

Anchors the report does not have (a section left out this year) are dropped, so every link leads
somewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..checks import all_reconciliations
from ..checks.appendix import page_anchor
from ..checks.ledger import BALANCE_SHEET, INCOME_STATEMENT, note_anchors
from ..compute import Report
from ..compute.slugs import slugify
from ..findings import Finding
from ..load.texts import TEXT_DIR
from ..model import InterventionKind

_ID = re.compile(r'\sid="([^"]+)"')


@dataclass(frozen=True)
class Place:
    """A place in the report: the element ``anchor``; within it the row labelled ``row`` and the
    column of ``year`` (either may be empty: then the whole element)."""

    anchor: str
    row: str = ""
    year: str = ""


def report_ids(html: str) -> frozenset[str]:
    return frozenset(_ID.findall(html))


def finding_places(report: Report | None, findings: list[Finding], ids: frozenset[str]) -> dict[str, tuple[Place, ...]]:
    """Finding key → the places in the report it concerns (only anchors in ``ids``)."""
    if report is None:
        return {}
    out: dict[str, list[Place]] = {}
    keys = {f.key for f in findings}
    for r in all_reconciliations(report):
        if r.level is not None and r.key in keys:
            out.setdefault(r.key, []).extend(Place(a) for a in (*r.left_printed, *r.right_printed))
    rows = _row_places(report)
    texts = _text_anchors(report)
    for f in findings:
        loc = f.location
        if loc is None or f.key in out:
            continue
        if loc.sheet is None and loc.file.startswith(f"{TEXT_DIR}/"):
            anchor = texts.get(loc.file.removeprefix(f"{TEXT_DIR}/").removesuffix(".md"))
            if anchor:
                out[f.key] = [Place(anchor)]
        elif loc.sheet is not None and loc.cell:
            out[f.key] = rows.get((loc.sheet, _row(loc.cell)), [])
    return {key: shown for key, places in out.items() if (shown := tuple(p for p in dict.fromkeys(places) if p.anchor in ids))}


def _row(cell: str) -> int:
    return int("".join(ch for ch in cell if ch.isdigit()) or 0)


def _row_places(report: Report) -> dict[tuple[str, int], list[Place]]:
    """(sheet, row) → places: each insats's rows on every sheet (its Bilaga page), each account's row
    in Saldobalans (the statement row it is printed on, and its note)."""
    out: dict[tuple[str, int], list[Place]] = {}
    pages = {p.name: page_anchor(p) for p in (*report.individual, *report.structural)}
    for records in _located_insats_records(report):
        for name, loc in records:
            if name in pages and loc is not None and loc.sheet and loc.cell:
                out.setdefault((loc.sheet, _row(loc.cell)), []).append(Place(pages[name]))
    fin = report.financials
    if fin is not None:
        printed: dict[int, list[Place]] = {}
        for anchor, statement in ((INCOME_STATEMENT, fin.income_statement), (BALANCE_SHEET, fin.balance_sheet)):
            for r in statement.rows:
                for number in r.accounts:
                    printed.setdefault(number, []).append(Place(anchor, r.label))
        for account in fin.ledger.accounts:
            line = fin.ledger.lines.get(account.number)
            loc = account.location
            if line is None or loc is None or not loc.cell:
                continue
            where = INCOME_STATEMENT if line.is_result else BALANCE_SHEET
            rows = printed.get(account.number, [Place(where)])[:1]
            out[(loc.sheet or "Saldobalans", _row(loc.cell))] = [*rows, *(Place(a) for a in note_anchors(fin, line))]
    return out


def _located_insats_records(report: Report):
    """(insats name, location) of every record of the input that belongs to one insats."""
    inp = report.inp
    yield [(i.name, i.location) for i in inp.interventions]
    for rows in (inp.genders, inp.municipalities, inp.backgrounds, inp.outcomes, inp.progress_reports):
        yield [(r.intervention, r.location) for r in rows]


def _text_anchors(report: Report) -> dict[str, str]:
    """A text's key (path below texter/ without .md) → the anchor it is printed under."""
    out = {t.key: t.key.rsplit("/", 1)[-1] for t in report.inp.texts}
    for i in report.inp.interventions:
        number = 1 if i.kind is InterventionKind.INDIVID else 2
        out[f"insatser/{slugify(i.name)}"] = f"bilaga{number}-{slugify(i.name)}"
    return out


def figure_place(key: tuple, section: str, line: str, year: int | None) -> Place | None:
    """Where a figure of ``compare.figures`` (its key, section and line) is printed, if known."""
    kind = key[0] if key else None
    if kind == "rakning":
        return Place(str(key[1]), line.removesuffix(f", {key[3]}"), str(key[3]))
    if kind == "not" and section.startswith("Not "):
        note = section.split()[1]
        return Place(f"not-{note}", str(key[2]), str(key[3]))
    if kind == "insats":
        number = 1 if section.startswith("Bilaga 1") else 2
        return Place(f"bilaga{number}-{slugify(str(key[1]))}")
    if kind == "tabell":
        return Place(f"bilaga-3-{key[1]}", str(key[2]))
    if kind == "kommunandel":
        return Place("bilaga-3-kommunandelar", str(key[1]))
    if kind == "medlemsbidrag" and year is not None:
        return Place(f"medlemsbidrag-{year}", "" if key[1] == "totalt" else str(key[1]))
    return None
