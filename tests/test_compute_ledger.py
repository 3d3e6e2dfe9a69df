"""Mapping the saldobalans onto statement lines: KONTO-EJ-MAPPAT and KONTO-DUBBEL-MAPPNING."""

from arsredovisning.accounts import DEFAULT_CHART
from arsredovisning.compute.ledger import LedgerColumn, line_key, map_accounts
from arsredovisning.findings import Level, Location
from arsredovisning.model import ChartRule, StatementLine as L
from tests.records import annual_input


def test_default_chart_maps_each_account_once():
    inp = annual_input([(1930, "Bank", 100, 0), (2010, "Eget kapital", -100, 0), (6830, "Avskrivningar", 0, 0)])
    ledger, findings = map_accounts(inp)
    assert findings == []
    assert ledger.lines == {1930: L.KASSA_OCH_BANK, 2010: L.EGET_KAPITAL, 6830: L.AVSKRIVNINGAR}
    assert ledger.shown(L.KASSA_OCH_BANK, LedgerColumn.CURRENT) == 100
    assert ledger.shown(L.EGET_KAPITAL, LedgerColumn.CURRENT) == 100  # credit shown positive


def test_unmapped_nonzero_account_is_an_error_with_its_cell():
    inp = annual_input(
        [
            (1410, "Förråd", 0, 0),  # zero in every column: fine
            (1930, "Bank", 100, 0),
            (8010, "Skatteintäkter", -100, 0),
        ]
    )
    ledger, findings = map_accounts(inp)
    assert [(f.id, f.level) for f in findings] == [("KONTO-EJ-MAPPAT", Level.ERROR)]
    assert "8010 Skatteintäkter" in findings[0].message and "inbyggda kontoplanen" in findings[0].message
    assert findings[0].location == Location("indata.xlsx", "Saldobalans", "A4")
    assert [a.number for a in ledger.unmapped] == [1410, 8010]


def test_budget_only_amount_on_unmapped_account_is_an_error_too():
    inp = annual_input([(8999, "Resultat", 0, 0, None, 10)])
    assert [f.id for f in map_accounts(inp)[1]] == ["KONTO-EJ-MAPPAT"]


def test_overlapping_rules_name_accounts_and_kontoplan_rows():
    chart = (
        ChartRule(1900, 1999, L.KASSA_OCH_BANK, Location("indata.xlsx", "Kontoplan", "A2")),
        ChartRule(2000, 2099, L.EGET_KAPITAL, Location("indata.xlsx", "Kontoplan", "A3")),
        ChartRule(3000, 3999, L.VERKSAMHETENS_INTAKTER, Location("indata.xlsx", "Kontoplan", "A4")),
        ChartRule(3500, 3599, L.FINANSIELLA_INTAKTER, Location("indata.xlsx", "Kontoplan", "A5")),
    )
    inp = annual_input(
        [
            (1930, "Bank", 300, 0),
            (2010, "Eget kapital", 0, 0),
            (3510, "Bidrag", -100, 0),
            (3520, "Ränta", -200, 0),
            (3530, "Noll", 0, 0),  # zero: no finding
        ],
        chart=chart,
    )
    ledger, findings = map_accounts(inp)
    assert [(f.id, f.level) for f in findings] == [("KONTO-DUBBEL-MAPPNING", Level.ERROR)]
    msg = findings[0].message
    assert "3510 Bidrag, 3520 Ränta" in msg
    assert "rad 4 (3000–3999 Verksamhetens intäkter)" in msg and "rad 5 (3500–3599 Finansiella intäkter)" in msg
    assert ledger.lines[3510] is L.VERKSAMHETENS_INTAKTER  # provisionally the first rule
    assert not inp.chart_is_default


def test_user_chart_message_points_to_kontoplan_sheet():
    chart = (ChartRule(1900, 1999, L.KASSA_OCH_BANK, Location("indata.xlsx", "Kontoplan", "A2")),)
    _, findings = map_accounts(annual_input([(1930, "Bank", 5, 0), (2010, "EK", -5, 0)], chart=chart))
    assert "bladet Kontoplan" in findings[0].message


def test_line_keys_are_ascii():
    assert [line_key(x) for x in (L.KASSA_OCH_BANK, L.IMMATERIELLA, L.VERKSAMHETENS_INTAKTER)] == [
        "kassa_och_bank",
        "immateriella_anlaggningstillgangar",
        "verksamhetens_intakter",
    ]
    assert len({line_key(x) for x in L}) == len(L)
    assert DEFAULT_CHART  # the default chart has no overlaps
    for rule in DEFAULT_CHART:
        others = [r for r in DEFAULT_CHART if r is not rule]
        assert not any(r.start <= rule.end and rule.start <= r.end for r in others)
