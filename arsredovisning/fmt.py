"""The one Swedish formatter: money, plain numbers, percent, dates.

* Thousands separator: U+202F NARROW NO-BREAK SPACE (``GROUP``), everywhere — tables, prose,
  messages. Also between a number and ``%`` or ``kr``.
* Minus: U+2212 (``MINUS``); a figure that rounds to zero is ``0`` without sign.
* Decimal comma. Rounding half-up (halves away from zero), once.
* An empty cell is ``–`` (U+2013, ``DASH``).

A leaf module (imports only ``money``), so every layer can use it — loader and checks for
messages, present/ and the Jinja filters for the report.
"""

from __future__ import annotations

import re
from datetime import date as Date
from decimal import Decimal

from .money import quantize, to_unit

GROUP = "\u202f"
NBSP = "\u00a0"  # the loader's messages group digits with a plain no-break space (see ``number``)
MINUS = "\u2212"
DASH = "\u2013"

# Reading a Swedish number (the one parser: the loader's cells, the lägesrapporter, the insats texts).
NUMBER_SPACES = "\u0020\u00a0\u202f\u2009"  # digit group separators: space, no-break, narrow no-break, thin
MINUSES = "\\-\u2212\u2013"  # hyphen, minus, en dash; escaped for use inside [...]
WHOLE = rf"\d{{1,3}}(?:[{NUMBER_SPACES}]\d{{3}})+|\d+"  # 1 234 567 or 1234567
_NUMBER = re.compile(rf"^(?P<sign>[+{MINUSES}])?\s*(?P<int>{WHOLE})(?:,(?P<dec>\d+))?(?:\s*kr)?$")


def parse_number(text: str) -> Decimal | None:
    """``−1 234,50 kr`` → ``Decimal("-1234.50")``: digits grouped by spaces, decimal comma, an
    optional sign (hyphen, minus or en dash) and ``kr``. None when ``text`` is no such number."""
    m = _NUMBER.match(text)
    if not m:
        return None
    value = Decimal(ungrouped(m.group("int")) + ("." + m.group("dec") if m.group("dec") else ""))
    return -value if m.group("sign") and m.group("sign") != "+" else value


def ungrouped(digits: str) -> str:
    """``1 234`` → ``1234``: the digit group separators taken out."""
    return re.sub(f"[{NUMBER_SPACES}]", "", digits)


def _grouped(whole: int, group: str = GROUP) -> str:
    """A non-negative whole number with ``group`` between thousands: ``1 234 567``."""
    return f"{whole:,}".replace(",", group)


def integer(n: int) -> str:
    """``-1234567`` → ``−1 234 567`` (grouped, true minus)."""
    if isinstance(n, bool) or int(n) != n:
        raise TypeError(f"not a whole number: {n!r}")
    n = int(n)
    digits = _grouped(abs(n))
    return f"{MINUS}{digits}" if n < 0 else digits


def money(value: Decimal | int | None, unit="kr") -> str:
    """An amount in kronor, rounded half-up to whole ``unit`` (kr or tkr): ``1 234 567``. None → ``–``."""
    if value is None:
        return DASH
    return integer(to_unit(value, unit))


def shown(n: int | None, zero_as_dash: bool = False) -> str:
    """A figure already rounded to its unit (``present.rounding``): ``integer``, or ``–`` for None (and 0 if asked)."""
    if n is None or (zero_as_dash and n == 0):
        return DASH
    return integer(n)


def amount(value: Decimal | int) -> str:
    """An exact amount for messages: whole kronor when integral, else with öre (``1 234,50``)."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return integer(int(value))
    return decimal(value, 2)


def decimal(value: Decimal | int, decimals: int = 2) -> str:
    """A number with a fixed number of decimals, half-up: ``−1 234,57``."""
    value = quantize(value, decimals)
    whole, _, frac = f"{abs(value):f}".partition(".")
    text = _grouped(int(whole)) + ("," + frac if frac else "")
    return f"{MINUS}{text}" if value < 0 and value != 0 else text


def number(value: Decimal | int, group: str = GROUP) -> str:
    """A number with exactly the decimals it has, unrounded: ``-1234.50`` → ``−1 234,5``.

    The loader echoes a cell's value this way and passes ``group=NBSP``: its messages have always
    grouped digits with U+00A0, and they stay byte-for-byte as they are.
    """
    value = Decimal(value)
    whole, _, frac = f"{abs(value).normalize():f}".partition(".")
    text = _grouped(int(whole), group) + ("," + frac if frac else "")
    return f"{MINUS}{text}" if value < 0 else text


def percent(value: Decimal | int | None, decimals: int = 2) -> str:
    """A value given in percent: ``2.5625`` → ``2,56 %``. None → ``–``."""
    if value is None:
        return DASH
    return f"{decimal(value, decimals)}{GROUP}%"


def count(n: int | None) -> str:
    """A count: ``1050`` → ``1 050``. None (not given) → ``–``."""
    return DASH if n is None else integer(n)


def date(d: Date | None) -> str:
    """ISO date ``2016-12-31``; None → ``–``."""
    return DASH if d is None else d.isoformat()


MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december")


def long_date(d: Date | None) -> str:
    """A date in running text, Swedish long form: ``3 februari 2017``; None → ``–``. (Tables keep ISO.)"""
    return DASH if d is None else f"{d.day}{NBSP}{MONTHS[d.month - 1]} {d.year}"


def span(start: Date | None, end: Date | None) -> str:
    """A period in a table: ``2016-01-01–2016-12-31``; one day once (``2016-11-09``); an open end
    ``fr.o.m. …``/``t.o.m. …``; neither ``–``."""
    if start and end:
        return date(start) if start == end else f"{date(start)}{DASH}{date(end)}"
    if start:
        return f"fr.o.m.{NBSP}{date(start)}"
    return f"t.o.m.{NBSP}{date(end)}" if end else DASH


def with_unit(text: str, unit: str) -> str:
    """A formatted figure and its unit, never torn apart at a line end: ``1 234 kr``."""
    return f"{text}{GROUP}{unit}"


# In prose written by users: a digit group ("700 000") and a figure followed by its unit
# ("700 000 kr", "25 %") are held together by no-break spaces, as the formatter's own figures are.
_DIGIT_GROUPS = re.compile(r"(?<![\d,.])\d{1,3}(?:[ \u00a0]\d{3})+(?![\d])")
_BEFORE_UNIT = re.compile(r"(?<=\d)[ \u00a0](?=(?:%|kr|tkr|mnkr|kronor|procent)(?![\wåäöÅÄÖ]))")


# A figure and the word that says what it counts stay on one line: a day and its month ("1 september"),
# a magnitude ("500 miljoner"), a span of time ("16 månader") and "st".
_BEFORE_WORD = re.compile(r"(?<=\d) (?=(?:" + "|".join(MONTHS) + r"|tusen|miljon(?:er)?|miljard(?:er)?|mdr"
                          r"|år|månad(?:er)?|veck(?:a|or)|dag(?:ar)?|timm(?:e|ar)|minuter|st)(?![\wåäöÅÄÖ]))")


def bind_units(text: str) -> str:
    """Ordinary spaces inside digit groups and before ``%``/``kr``/``tkr`` → ``GROUP`` (U+202F); before a
    month, a magnitude or a unit of time → ``NBSP``."""
    text = _DIGIT_GROUPS.sub(lambda m: m.group(0).replace(" ", GROUP).replace(NBSP, GROUP), text)
    return _BEFORE_WORD.sub(NBSP, _BEFORE_UNIT.sub(GROUP, text))


_LAST_WORD = re.compile(r" ((?=\S*[^\W\d_])\S{1,9})$")  # a word: at least one letter


def bind_last_word(text: str) -> str:
    """A paragraph's last word, when short, bound to the word before it (``NBSP``), so that the last
    line is never a lone fragment ("rikt.")."""
    return _LAST_WORD.sub(NBSP + r"\1", text)


def period(year: int) -> str:
    """The calendar-year period ``2016-01-01–2016-12-31`` (en dash, no spaces)."""
    return f"{year}-01-01{DASH}{year}-12-31"


def dash() -> str:
    """The empty-cell mark ``–``."""
    return DASH


def cell(value: Decimal | int | None, unit="kr", zero_as_dash: bool = False) -> str:
    """A table cell: money, or ``–`` for None (and for 0 when ``zero_as_dash``)."""
    if value is None or (zero_as_dash and to_unit(value, unit) == 0):
        return DASH
    return money(value, unit)


def whole_kr(value: Decimal | int | None) -> str:
    """An amount rounded half-up to whole kronor, with its unit: ``1 234 kr``. None → ``–``."""
    return DASH if value is None else f"{money(value)}{GROUP}kr"


def kr(value: Decimal | int) -> str:
    """An exact amount with its unit, for messages: ``1 234 kr``, ``0,40 kr``."""
    return f"{amount(value)}{GROUP}kr"
