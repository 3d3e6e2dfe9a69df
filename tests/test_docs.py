"""The format documentation names every sheet, column and Förbund item the loader declares.

Names are matched whole, in their own sheet's section of docs/indata.md: a column counts as
documented when its sheet's heading (``### `Kön` — `Insats`, `Kvinnor` …``) names it in backticks or a
table in that section has it as a first-column cell (``| Budget |``, ``| Från, Till |``). So
``Budget`` in ``Saldobalans`` does not document ``Budget`` in ``Insatser``, and ``Deltagare`` does not
document ``Budgeterade deltagare``.
"""

import re

from arsredovisning.load import schema
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "indata.md").read_text(encoding="utf-8")


def sections(doc: str) -> dict[str, str]:
    """Sheet name → its section: from the heading ``### `Name` …`` to the next heading."""
    found = {}
    for m in re.finditer(r"^### `([^`]+)`.*?(?=^#|\Z)", doc, re.M | re.S):
        found[m.group(1)] = m.group(0)
    return found


def names(section: str) -> set[str]:
    """The names a section documents: backticked in its heading, and the first cell of every table
    body row (a cell may list several, ``Från, Till``)."""
    heading, _, body = section.partition("\n")
    found = set(re.findall(r"`([^`]+)`", heading))
    lines = body.splitlines()
    for i, line in enumerate(lines):
        is_header = i + 1 < len(lines) and re.match(r"^\|[-| :]+\|$", lines[i + 1])
        if line.startswith("|") and not is_header and not re.match(r"^\|[-| :]+\|$", line):
            found |= {name.strip() for name in line.split("|")[1].split(",")}
    return found


def undocumented(doc: str) -> list[str]:
    """Every declared sheet without a section, every declared column and Förbund item its section
    does not name (``Sheet.Column``)."""
    parts = sections(doc)
    missing = []
    for sheet in schema.SHEETS:
        if sheet.name not in parts:
            missing.append(sheet.name)
            continue
        documented = names(parts[sheet.name])
        missing += [f"{sheet.name}.{col.name}" for col in sheet.columns if col.name not in documented]
        if sheet is schema.FORBUND:
            missing += [f"Förbund.{item.name}" for item in schema.FORBUND_ITEMS if item.name not in documented]
    return missing


def test_every_sheet_column_and_forbund_item_is_documented():
    assert undocumented(DOC) == []


def test_a_column_named_only_in_another_sheet_counts_as_missing():
    """Removing Insatser's ``| Budget |`` row is caught although Saldobalans documents a Budget too,
    and removing ``Kvinnor`` from the Kön heading although "Kvinnor" may appear elsewhere."""
    without_budget = DOC.replace("| Budget | yes | beviljade medel", "| Beviljat | yes | beviljade medel")
    assert without_budget != DOC and "| Budget |" in without_budget
    assert undocumented(without_budget) == ["Insatser.Budget"]
    without_kvinnor = DOC.replace("`Insats`, `Kvinnor`, `Män`", "`Insats`, `Män`")
    assert without_kvinnor != DOC
    assert undocumented(without_kvinnor) == ["Kön.Kvinnor"]
    without_webb = DOC.replace("| Adress, Telefon, E-post, Webb |", "| Adress, Telefon, E-post |")
    assert without_webb != DOC
    assert undocumented(without_webb) == ["Förbund.Webb"]
    without_sheet = DOC.replace("### `Möten`", "### Möten")
    assert undocumented(without_sheet) == ["Möten"]


def test_every_key_figure_is_documented():
    from arsredovisning.compute.key_figures import KEY_FIGURES

    assert [name for name, _, _ in KEY_FIGURES if f"`{name}`" not in DOC] == []


def test_every_finding_id_is_documented():
    """Every id-like string literal in the package (``"SB-BALANS"``) is a finding id: each is listed."""
    ids = set()
    for path in (ROOT / "arsredovisning").rglob("*.py"):
        ids |= set(re.findall(r'"([A-Z][A-Z0-9]+(?:-[A-Z0-9]+)+)"', path.read_text(encoding="utf-8")))
    assert sorted(i for i in ids if f"`{i}`" not in DOC) == []
