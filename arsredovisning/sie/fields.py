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


@dataclass(frozen=True, slots=True)
class Record:
    label: str  # "#KONTO", upper case; "{" and "}" for the brackets around a #VER's rows
    fields: tuple[Field, ...]
    line: int
    unterminated: bool = False  # a quote or "{" left open at the end of the line


# A quoted field (``\"`` inside), an object list, a plain field, or an open quote/brace to the end.
TOKEN = re.compile(r'"((?:\\"|[^"])*)"|\{([^}]*)\}|([^\s"{]+)|(["{].*)')


def split_line(text: str, line: int) -> Record | None:
    """The record on one line, or None for a blank line."""
    stripped = text.strip()
    if not stripped:
        return None
    if stripped == "{":
        return Record("{", (), line)
    words = stripped.split()
    if '"' not in stripped and all(w == "{}" or ("{" not in w and "}" not in w) for w in words):
        tokens, open_end = [EMPTY if w == "{}" else w for w in words], False  # the common case, fast
    else:
        tokens, open_end = _tokens(stripped)
    head = tokens[0]
    label = head.upper() if isinstance(head, str) else "{"
    return Record(label, tuple(tokens[1:]), line, open_end)


EMPTY = ObjectList(())


def _tokens(text: str) -> tuple[list[Field], bool]:
    out: list[Field] = []
    for m in TOKEN.finditer(text):
        quoted, objects, plain, rest = m.groups()
        if plain is not None:
            out.append(plain)
        elif quoted is not None:
            out.append(quoted.replace('\\"', '"'))
        elif objects is not None:
            out.append(ObjectList(tuple(t for t in _tokens(objects)[0] if isinstance(t, str))))
        else:  # an open quote or brace: the line ends inside a field
            if rest.startswith('"'):
                out.append(rest[1:].replace('\\"', '"'))
            else:
                out.append(ObjectList(tuple(t for t in _tokens(rest[1:])[0] if isinstance(t, str))))
            return out, True
    return out, False


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
