"""The format documentation names every sheet, column and Förbund item the loader declares."""

from arsredovisning.load import schema
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "indata.md").read_text(encoding="utf-8")


def test_every_sheet_and_column_is_documented():
    missing = []
    for sheet in schema.SHEETS:
        if f"`{sheet.name}`" not in DOC:
            missing.append(sheet.name)
        for col in sheet.columns:
            if col.name not in DOC:
                missing.append(f"{sheet.name}.{col.name}")
    assert missing == []


def test_every_forbund_item_is_documented():
    assert [i.name for i in schema.FORBUND_ITEMS if i.name not in DOC] == []


def test_every_key_figure_is_documented():
    from arsredovisning.compute.key_figures import KEY_FIGURES

    assert [name for name, _, _ in KEY_FIGURES if f"`{name}`" not in DOC] == []


def test_every_finding_id_is_documented():
    """Every id-like string literal in the package (``"SB-BALANS"``) is a finding id: each is listed."""
    import re

    ids = set()
    for path in (ROOT / "arsredovisning").rglob("*.py"):
        ids |= set(re.findall(r'"([A-Z][A-Z0-9]+(?:-[A-Z0-9]+)+)"', path.read_text(encoding="utf-8")))
    assert sorted(i for i in ids if f"`{i}`" not in DOC) == []
