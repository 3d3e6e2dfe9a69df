"""The one Swedish formatter: money, plain numbers, percent, dates.

* Thousands separator: U+202F NARROW NO-BREAK SPACE (``GROUP``), everywhere — tables, prose,
  messages. Also between a number and ``%`` or ``kr``.
* Minus: U+2212 (``MINUS``); a figure that rounds to zero is ``0`` without sign.
* Decimal comma. Rounding half-up (halves away from zero), once.
* An empty cell is ``–`` (U+2013, ``DASH``).

A leaf module (imports nothing from the package), so checks and compute can use it for messages.
"""

from __future__ import annotations

from datetime import date as Date
from decimal import ROUND_HALF_UP, Decimal

GROUP = "\u202f"
MINUS = "\u2212"
DASH = "\u2013"
THOUSAND = Decimal(1000)


def _unit(unit) -> str:
    text = getattr(unit, "value", unit)
    if text not in ("kr", "tkr"):
        raise ValueError(f"unknown unit {unit!r}")
    return text


def to_unit(value: Decimal | int, unit="kr") -> int:
    """Kronor → whole kr or whole tkr, half-up (the same rule as ``compute.allocate.round_half_up``)."""
    value = Decimal(value)
    if _unit(unit) == "tkr":
        value = value / THOUSAND
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def integer(n: int) -> str:
    """``-1234567`` → ``−1 234 567`` (grouped, true minus)."""
    if isinstance(n, bool) or int(n) != n:
        raise TypeError(f"not a whole number: {n!r}")
    n = int(n)
    digits = f"{abs(n):,}".replace(",", GROUP)
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
    q = Decimal(1).scaleb(-decimals)
    value = Decimal(value).quantize(q, rounding=ROUND_HALF_UP)
    whole, _, frac = f"{abs(value):f}".partition(".")
    text = integer(int(whole)).lstrip(MINUS) + ("," + frac if frac else "")
    return f"{MINUS}{text}" if value < 0 and value != 0 else text


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


def kr(value: Decimal | int) -> str:
    """An exact amount with its unit, for messages: ``1 234 kr``, ``0,40 kr``."""
    return f"{amount(value)}{GROUP}kr"
