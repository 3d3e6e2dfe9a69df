"""One SIE line → its label and fields, and the field types (amount, date, whole number).

SIE 4B: a record is one line, ``#LABEL field field …``; fields are separated by spaces or tabs; a
field with spaces is quoted, ``\\"`` inside quotes is a quote; an object list is ``{…}`` (one
field, its own fields inside); amounts use ``.`` as decimal point with at most two decimals;
dates are ``YYYYMMDD``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation


@dataclass(frozen=True)
class ObjectList:
    """A ``{…}`` field: its inner fields (``{1 "Syd"}`` → ("1", "Syd"))."""

    items: tuple[str, ...]


Field = str | ObjectList


@dataclass(frozen=True)
class Record:
    label: str  # "#KONTO", upper case; "{" and "}" for the brackets around a #VER's rows
    fields: tuple[Field, ...]
    line: int
    unterminated: bool = False  # a quote or "{" left open at the end of the line


def split_line(text: str, line: int) -> Record | None:
    """The record on one line, or None for a blank line."""
    stripped = text.strip()
    if not stripped:
        return None
    tokens, open_end = _tokens(stripped)
    if not tokens:
        return None
    head = tokens[0]
    label = head.upper() if isinstance(head, str) else "{"
    return Record(label, tuple(tokens[1:]), line, open_end)


def _tokens(text: str) -> tuple[list[Field], bool]:
    out: list[Field] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in " \t":
            i += 1
        elif ch == '"':
            value, i, closed = _quoted(text, i + 1)
            out.append(value)
            if not closed:
                return out, True
        elif ch == "{":
            end = text.find("}", i + 1)
            if end < 0:
                if i == 0 and text.strip() == "{":
                    out.append("{")
                    return out, False
                inner, _ = _tokens(text[i + 1:])
                out.append(ObjectList(tuple(str(t) for t in inner)))
                return out, True
            inner, _ = _tokens(text[i + 1:end])
            out.append(ObjectList(tuple(t if isinstance(t, str) else "" for t in inner)))
            i = end + 1
        else:
            j = i
            while j < n and text[j] not in " \t":
                j += 1
            out.append(text[i:j])
            i = j
    return out, False


def _quoted(text: str, i: int) -> tuple[str, int, bool]:
    chars: list[str] = []
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] == '"':
            chars.append('"')
            i += 2
        elif ch == '"':
            return "".join(chars), i + 1, True
        else:
            chars.append(ch)
            i += 1
    return "".join(chars), i, False


AMOUNT = re.compile(r"^[+-]?(\d+)(?:\.(\d*))?$|^[+-]?\.(\d+)$")


def amount(text: str) -> Decimal | None:
    """``-1234.50`` → Decimal('-1234.50'); None when it is no SIE amount. More than two decimals
    are accepted only as zeros (``17240.000``)."""
    m = AMOUNT.match(text)
    if not m:
        return None
    decimals = m.group(2) or m.group(3) or ""
    if len(decimals) > 2 and decimals[2:].strip("0"):
        return None
    try:
        return Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def sie_date(text: str) -> date | None:
    if not re.fullmatch(r"\d{8}", text or ""):
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def whole(text: str) -> int | None:
    return int(text) if re.fullmatch(r"[+-]?\d+", text or "") else None


def field_text(f: Field) -> str:
    return f if isinstance(f, str) else " ".join(f.items)
