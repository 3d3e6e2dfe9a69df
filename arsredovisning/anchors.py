"""The report's anchors (HTML ids of its sections, notes, tables and insats pages), declared once.

The report's view model (``present/view.py``) gives its sections these ids, the checks name where
a figure is printed with them (``Reconciliation.left_printed``), and the kontrollrapport turns them
into page numbers of the laid-out PDF (``render/pdf.anchor_pages``) and into the revisor's words
(:func:`place_name`).
"""

from __future__ import annotations

from enum import StrEnum


class Anchor(StrEnum):
    """A section (or table) of the report that a figure is printed in."""

    INCOME_STATEMENT = "resultatrakning"
    BALANCE_SHEET = "balansrakning"
    CASH_FLOW = "kassaflodesanalys"
    NOTES = "noter"
    FINANCIAL_OVERVIEW = "finansiell-oversikt"
    APPENDIX_TABLES = "bilaga-3"
    BALANCE_REQUIREMENT = "balanskravsutredning"  # the balanskravsutredning's table in the förvaltningsberättelse


_NAMES = {Anchor.INCOME_STATEMENT: "resultaträkningen", Anchor.BALANCE_SHEET: "balansräkningen",
          Anchor.CASH_FLOW: "kassaflödesanalysen", Anchor.FINANCIAL_OVERVIEW: "finansiell översikt",
          Anchor.BALANCE_REQUIREMENT: "balanskravsutredningen"}
_NOTE, _TABLE = "not-", f"{Anchor.APPENDIX_TABLES}-t"


def note(number: int) -> str:
    """``not-3``: the note numbered ``number``."""
    return f"{_NOTE}{number}"


def appendix_table(key: str) -> str:
    """``bilaga-3-t5``: a Bilaga 3 table by its key (``t5``)."""
    return f"{Anchor.APPENDIX_TABLES}-{key}"


def intervention_page(part: int, slug: str) -> str:
    """``bilaga1-steget``: an insats's page in Bilaga 1 or 2."""
    return f"bilaga{part}-{slug}"


def place_name(anchor: str) -> str:
    """An anchor as the revisor finds it: "Not 3", "Tabell 5", "Bilaga 1", "resultaträkningen"."""
    if anchor in _NAMES:
        return _NAMES[Anchor(anchor)]
    if anchor.startswith(_NOTE):
        return f"Not {anchor[len(_NOTE):]}"
    if anchor.startswith(_TABLE):
        return f"Tabell {anchor[len(_TABLE):]}"
    if anchor.startswith(("bilaga1-", "bilaga2-")):
        return f"Bilaga {anchor[6]}"
    return anchor
