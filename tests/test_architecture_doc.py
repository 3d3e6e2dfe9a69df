"""docs/ARCHITECTURE.md stays true: it names every module of the package, and every module it
names exists (it once named a ``load/workbook.py`` that did not)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
NAMED = set(re.findall(r"`(arsredovisning/[\w/]+\.py)`", DOC))
MODULES = {
    p.relative_to(ROOT).as_posix()
    for p in (ROOT / "arsredovisning").rglob("*.py")
    if p.name not in {"__init__.py", "__main__.py"}
}


def test_every_module_is_in_the_module_map():
    assert sorted(MODULES - NAMED) == []


def test_every_named_module_exists():
    assert sorted(NAMED - MODULES) == []
