"""The one guarded way to put a value into a workbook cell (every writer uses it: ``importera``,
``lagesrapport las --skriv``, ``ny``/``ny --fran`` and the revision workbook).

A string from a file (a SIE name, a Word report's answer, last year's workbook) is data, never a
formula. openpyxl turns any string starting with ``=`` into a live formula, so a name such as
``=cmd|' /C calc'!A0`` would run when the workbook is recalculated. Here a string is always written
with the text data type; one that a spreadsheet would read as a formula or a command when it is
typed, edited or exported to CSV (a leading ``=``, ``+``, ``-``, ``@``, tab or carriage return, the
OWASP list) also gets the cell's *quote prefix*: Excel and LibreOffice show the text exactly, with
the apostrophe only in the edit line, and keep it text when the cell is edited. The text itself is
unchanged, so names round-trip exactly. Control characters that an XML file cannot hold (NUL, BEL
…) are removed; the readers (SIE, Word reports) report them where they found them.

A leaf module: it imports nothing from the package.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The characters an .xlsx cannot hold: the C0 controls but tab, LF and CR (XML 1.0; openpyxl refuses them).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean_text(text: str) -> str:
    """``text`` without the control characters a workbook cannot hold."""
    return CONTROL.sub("", text)


def has_control(text: str) -> bool:
    return CONTROL.search(text) is not None


def set_value(cell, value: object):
    """Write ``value`` into the openpyxl ``cell``: a string as text (never a formula), anything else
    as it is (numbers, dates, None). Returns the cell."""
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        cell.data_type = "s"  # openpyxl made it "f" if it starts with "="
        if text.startswith(FORMULA_START):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def put(ws, row: int, column: int, value: object):
    """Write ``value`` into ``ws`` at (``row``, ``column``) with :func:`set_value`."""
    return set_value(ws.cell(row=row, column=column), value)
