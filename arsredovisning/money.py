"""Money arithmetic shared by every layer: zero, half-up rounding and the kr/tkr scale.

Amounts are ``Decimal`` kronor. Rounding is half-up (halves away from zero, ``2,5 → 3``,
``−2,5 → −3``), as Swedish reports round; this module is the only place that says so. A leaf
module: it imports nothing from the package.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
ONE = Decimal(1)
THOUSAND = Decimal(1000)
UNITS = ("kr", "tkr")


def quantize(value: Decimal | int, decimals: int = 0) -> Decimal:
    """``value`` rounded half-up to ``decimals`` places (``ORE`` for 2), still a ``Decimal``."""
    return Decimal(value).quantize(ONE.scaleb(-decimals), rounding=ROUND_HALF_UP)


def round_half_up(value: Decimal | int) -> int:
    """Round to a whole number, halves away from zero."""
    return int(quantize(value))


def unit_name(unit) -> str:
    """``"kr"`` or ``"tkr"`` for a unit given as text or as ``model.Unit``; anything else raises."""
    text = getattr(unit, "value", unit)
    if text not in UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    return text


def in_unit(value: Decimal | int, unit="kr") -> Decimal:
    """Kronor expressed in ``unit``, exactly: tkr divides by 1000."""
    value = Decimal(value)
    return value / THOUSAND if unit_name(unit) == "tkr" else value


def to_unit(value: Decimal | int, unit="kr") -> int:
    """Kronor → whole kr or whole tkr, half-up."""
    return round_half_up(in_unit(value, unit))
