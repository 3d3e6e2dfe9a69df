"""docs/anvandarguide.md is generated from the schema and the catalogue, and names all of them."""

from arsredovisning.catalogue import catalogue
from arsredovisning.guide import EXAMPLES, GUIDE, guide
from arsredovisning.load import schema
from tests.conftest import ROOT

TEXT = (ROOT / GUIDE).read_text(encoding="utf-8")


def test_the_committed_guide_is_the_generated_one():
    assert TEXT == guide(), "run: python -m arsredovisning.guide"


def test_the_guide_names_every_sheet_column_item_and_finding_id():
    for sheet in schema.SHEETS:
        assert f"### {sheet.name} (" in TEXT, sheet.name
        for column in sheet.columns:
            assert f"| {column.name} |" in TEXT, (sheet.name, column.name)
        assert sheet.name in EXAMPLES, f"a worked example for {sheet.name}"
    for item in schema.FORBUND_ITEMS:
        assert f"| {item.name} |" in TEXT, item.name
    for id in catalogue():
        assert f"`{id}`" in TEXT, id


def test_the_guide_states_the_sign_rules_and_the_output_folder():
    assert "debet positivt, kredit negativt" in TEXT and "Budget" in TEXT
    assert "`output/`" in TEXT
