"""Money arithmetic: half-up rounding and the kr/tkr scale (arsredovisning/money.py)."""

from decimal import Decimal as D

import pytest

from arsredovisning import money
from arsredovisning.model import Unit


def test_round_half_up_goes_away_from_zero():
    assert [money.round_half_up(D(x)) for x in ("0.5", "1.49", "-0.5", "-1.5", "2.4999")] == [1, 1, -1, -2, 2]


def test_quantize_to_ore_is_half_up():
    assert money.quantize(D("2.345"), 2) == D("2.35")
    assert money.quantize(D("-2.345"), 2) == D("-2.35")


def test_tkr_scales_by_a_thousand_and_then_rounds():
    assert money.in_unit(D("1500"), "tkr") == D("1.5")
    assert money.to_unit(D("1500"), Unit.TKR) == 2
    assert money.to_unit(D("1499.99"), "kr") == 1500


def test_an_unknown_unit_raises():
    with pytest.raises(ValueError):
        money.to_unit(1, "mkr")
