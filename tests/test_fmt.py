"""The one Swedish formatter."""

from datetime import date
from decimal import Decimal as D

import pytest

from arsredovisning import fmt
from arsredovisning.model import Unit

S = "\u202f"  # narrow no-break space
M = "\u2212"  # minus


@pytest.mark.parametrize(
    "value, unit, text",
    [
        (D("1234567"), "kr", f"1{S}234{S}567"),
        (-8_308, "kr", f"{M}8{S}308"),
        (0, "kr", "0"),
        (D("0.49"), "kr", "0"),
        (D("-0.49"), "kr", "0"),  # no "−0"
        (D("2.5"), "kr", "3"),  # half-up
        (D("-2.5"), "kr", f"{M}3"),  # halves away from zero
        (D("999.50"), "kr", f"1{S}000"),
        (D("1234567"), "tkr", f"1{S}235"),
        (D("1234499.99"), "tkr", f"1{S}234"),
        (D("1500"), Unit.TKR, "2"),
        (D("-1500"), Unit.TKR, f"{M}2"),
        (D("499"), "tkr", "0"),
        (None, "kr", "\u2013"),
    ],
)
def test_money(value, unit, text):
    assert fmt.money(value, unit) == text


def test_unknown_unit_is_a_bug():
    with pytest.raises(ValueError):
        fmt.money(1, "mnkr")


@pytest.mark.parametrize(
    "value, decimals, text",
    [
        (D("2.5625"), 2, f"2,56{S}%"),
        (25, 2, f"25,00{S}%"),
        (D("39.5"), 1, f"39,5{S}%"),
        (D("-1.005"), 2, f"{M}1,01{S}%"),
        (D("100"), 0, f"100{S}%"),
        (D("12345.678"), 2, f"12{S}345,68{S}%"),
        (None, 2, "\u2013"),
    ],
)
def test_percent(value, decimals, text):
    assert fmt.percent(value, decimals) == text


def test_counts_dates_and_dashes():
    assert fmt.count(1050) == f"1{S}050"
    assert fmt.count(0) == "0"
    assert fmt.count(None) == "\u2013"
    assert fmt.date(date(2016, 12, 31)) == "2016-12-31"
    assert fmt.date(None) == "\u2013"
    assert fmt.period(2016) == "2016-01-01\u20132016-12-31"
    assert fmt.dash() == fmt.DASH == "\u2013"
    assert fmt.integer(-1234) == f"{M}1{S}234"
    with pytest.raises(TypeError):
        fmt.integer(1.5)


def test_exact_amounts_for_messages():
    assert fmt.amount(D("1234.50")) == f"1{S}234,50"
    assert fmt.amount(D("1234.00")) == f"1{S}234"
    assert fmt.kr(D("0.4")) == f"0,40{S}kr"
    assert fmt.kr(D("-271")) == f"{M}271{S}kr"


def test_cells():
    assert fmt.cell(None) == "\u2013"
    assert fmt.cell(D("0.2"), zero_as_dash=True) == "\u2013"
    assert fmt.cell(D("0.2")) == "0"
    assert fmt.cell(D("1500"), "tkr") == "2"
    assert fmt.shown(-1234) == f"{M}1{S}234"
    assert fmt.shown(0, zero_as_dash=True) == "\u2013"
    assert fmt.shown(None) == "\u2013"


def test_whole_kr_rounds_and_adds_the_unit():
    assert fmt.whole_kr(D("1234.5")) == f"1{S}235{S}kr"
    assert fmt.whole_kr(None) == "\u2013"


def test_number_keeps_its_own_decimals_and_takes_the_group_mark():
    assert fmt.number(D("-1234.50")) == f"{M}1{S}234,5"
    assert fmt.number(D("1000000"), group="\u00a0") == "1\u00a0000\u00a0000"
    assert fmt.number(D("0.25")) == "0,25"


def test_a_figure_keeps_its_month_magnitude_and_time_unit_and_a_short_last_word_its_neighbour():
    """Issue 25 point 2: "den 1 | september 2015" and "500 | miljoner" were torn across lines or pages."""
    from arsredovisning import fmt

    assert fmt.bind_units("den 1 september 2015") == "den 1\u00a0september 2015"
    assert fmt.bind_units("500 miljoner kronor under 16 månader") == "500\u00a0miljoner kronor under 16\u00a0månader"
    assert fmt.bind_units("2016 har 27 personer") == "2016 har 27 personer"  # only units, months and magnitudes
    assert fmt.bind_last_word("och det blev bra.") == "och det blev\u00a0bra."
    assert fmt.bind_last_word("pågår fortfarande.") == "pågår fortfarande."  # ten characters stand alone
