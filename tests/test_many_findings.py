"""Checks linear in the size of the workbook (issue 27, point 4): text in one column of sheet Möten
took 5 s for 2 000 rows and 75 s for 8 000 (every finding's cause looked up by rebuilding a map of
all findings; every bad cell's row looked up by walking the sheet). 20 000 bad rows are checked now,
and the list shows at most ``LISTED_PER_KIND`` findings of one kind with a count of the rest. The
work is measured, not the time: how often a finding's key is made, how many rows are walked."""

from __future__ import annotations

from datetime import date

import arsredovisning.findings as findings_module
from arsredovisning.findings import LISTED_PER_KIND, Location, error, listed, sorted_findings, warning

from .builders import minimal_sheets, run_cli, workbook

ROWS = 20_000


def test_20000_bad_rows_in_moten_are_checked_and_listed_capped(tmp_path, monkeypatch):
    sheets = minimal_sheets()
    sheets["Möten"] = [["Organ", "Datum", "Kommentar"], ["Styrelsen", date(2016, 3, 1), None],
                       *([None, f"text {i}"] for i in range(ROWS))]
    folder = workbook(tmp_path, sheets)
    made = [0]
    key_of = findings_module.key_of

    def counting(*args, **kwargs):
        made[0] += 1
        return key_of(*args, **kwargs)

    monkeypatch.setattr(findings_module, "key_of", counting)
    r = run_cli("kontrollera", folder)
    assert r.exit_code == 1
    assert f"[CELL-TOM] … och {ROWS - LISTED_PER_KIND:,} till av samma slag (alla med --json).".replace(",", "\u202f") in r.stdout
    assert f"[CELL-DATUM] … och {ROWS - LISTED_PER_KIND:,} till av samma slag (alla med --json).".replace(",", "\u202f") in r.stdout
    assert r.stdout.count("[CELL-DATUM]") == LISTED_PER_KIND + 1 and r.stdout.count("[CELL-TOM]") == LISTED_PER_KIND + 1
    assert "Möten › B20002: Cellen" not in r.stdout and "Möten › B3: " in r.stdout
    assert f"Sammanfattning: {2 * ROWS} fel" in r.stdout
    assert made[0] < 5 * 2 * ROWS  # each finding's key made a few times, not once per pair of findings (4·10⁸)


def test_finding_the_row_of_every_bad_cell_walks_each_sheet_once():
    from arsredovisning.load import _unusable
    from arsredovisning.load.grid import SheetRow

    walked = [0]

    class Rows(list):
        def __iter__(self):
            for row in super().__iter__():
                walked[0] += 1
                yield row

    class Table:
        name_in_file = "Möten"
        rows = Rows(SheetRow(r, {"Organ": None, "Datum": "x"}, {"Datum": Location("indata.xlsx", "Möten", f"B{r}")}) for r in range(2, 2002))

    found = [error("CELL-DATUM", "x", Location("indata.xlsx", "Möten", f"B{r}")) for r in range(2, 2002)]
    cells = _unusable({"Möten": Table()}, found)
    assert [c.column for c in cells] == ["Datum"] * 2000
    assert walked[0] <= 2 * 2000  # not once per bad cell (4·10⁶)


def test_causes_first_order_is_kept_for_long_chains_and_many_consequences():
    """sorted_findings without recursion and without rescanning: a chain of 5 000 consequences
    (deeper than Python's recursion limit) in cause order, and 5 000 consequences of one cause right
    after it."""
    chain = [warning("A", "x", Location("f", "S", f"A{i}")) for i in range(2, 5002)]
    chain = [chain[0]] + [warning("A", "x", Location("f", "S", f"A{i}"), caused_by=(chain[i - 3].key,))
                          for i in range(3, 5002)]
    shuffled = list(reversed(chain))
    assert [f.location.cell for f in sorted_findings(shuffled)] == [f.location.cell for f in chain]
    cause = error("Z", "orsak", Location("f", "T", "A1"))
    many = [warning("B", "följd", Location("f", "S", f"B{i}"), caused_by=(cause.key,)) for i in range(2, 5002)]
    ordered = sorted_findings([*many, cause])
    assert ordered[0] is cause and ordered[1:] == many
    first, more = listed(ordered)
    assert len(first) == 1 + LISTED_PER_KIND and more == {"B": 5000 - LISTED_PER_KIND}


def test_the_kontrollrapport_lists_at_most_one_page_of_a_kind():
    from arsredovisning.present.control_report import _rows

    many = [error("CELL-DATUM", f"rad {r}", Location("indata.xlsx", "Möten", f"B{r}")) for r in range(2, 2 + 3 * LISTED_PER_KIND)]
    rows = _rows([*many, warning("X", "en", Location("indata.xlsx"))], sorted_findings(many))
    assert [r.message for r in rows[:2]] == ["rad 2", "rad 3"] and len(rows) == LISTED_PER_KIND + 2
    assert (rows[-1].id, rows[-1].location, rows[-1].message) == (
        "CELL-DATUM", None, f"… och {2 * LISTED_PER_KIND} till av samma slag (alla finns i JSON-exporten).")
    assert rows[-2].id == "X"
