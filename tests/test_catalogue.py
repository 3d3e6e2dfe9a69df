"""The finding catalogue names every id the code can raise, each with a Swedish description."""

import re

from arsredovisning.catalogue import catalogue, module_findings
from tests.conftest import ROOT


def ids_in_code() -> set[str]:
    ids = set()
    for path in (ROOT / "arsredovisning").rglob("*.py"):
        ids |= set(re.findall(r'"([A-Z][A-Z0-9]+(?:-[A-Z0-9]+)+)"', path.read_text(encoding="utf-8")))
    return ids


def test_every_id_raised_in_code_is_in_the_catalogue():
    assert sorted(ids_in_code() - set(catalogue())) == []


def test_every_entry_has_a_swedish_sentence():
    for id, text in catalogue().items():
        assert re.fullmatch(r"[A-Z][A-Z0-9]+(-[A-Z0-9]+)+", id), id
        assert text.strip().endswith(".") and len(text) > 10, id


def test_new_ids_are_declared_where_they_are_raised():
    declared = module_findings()
    assert "KONTROLL-EJ-GJORD" in declared["arsredovisning.checks.coverage"]
    assert "BUDGET-TECKEN" in declared["arsredovisning.checks.budget"]
    assert "BYGG-EXEMPEL" in declared["arsredovisning.build"]
