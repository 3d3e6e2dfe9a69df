"""Resultaträkning, balansräkning and noter computed from small inline saldobalanser."""

from decimal import Decimal as D

import pytest

from arsredovisning.compute.financials import compute_financials
from arsredovisning.compute.ledger import LedgerColumn, map_accounts
from arsredovisning.compute.law import default_accounting_principles
from arsredovisning.compute.notes import note_numbers, notes
from arsredovisning.compute.statements import RowKind, balance_sheet, income_statement
from tests.records import annual_input

# The seed's 2016 figures, one account per line (konto, benämning, 2016, 2015, IB 2015).
# 2015 sums to +1 kr, as in the seed.
SEED = [
    (1650, "Momsfordran", 326_943, 248_772, 164_868),
    (1930, "Bankkonton", 2_203_537, 2_178_505, 2_939_885),
    (2010, "Eget kapital", -1_443_122, -2_439_353, -2_439_353),
    (2440, "Leverantörsskulder", -1_119_681, -984_154, -665_399),
    (3511, "Bidrag Försäkringskassan", -6_249_712, -4_400_000),
    (4510, "Projektmedel", 6_281_011, 5_395_890),
    (8410, "Ränteintäkter", 0, -424),
    (8510, "Bankkostnader", 1_024, 765),
]


def figures(statement, key):
    return tuple(int(v) for v in statement.row(key).values)


def test_income_statement_seed_figures():
    rr = income_statement(map_accounts(annual_input(SEED))[0])
    assert [r.key for r in rr.rows] == [
        "verksamhetens_intakter",
        "verksamhetens_kostnader",
        "verksamhetens_nettokostnader",
        "finansiella_intakter",
        "finansiella_kostnader",
        "resultat_efter_finansiella_poster",
        "arets_resultat",
    ]
    assert figures(rr, "verksamhetens_intakter") == (6_249_712, 4_400_000)
    assert figures(rr, "verksamhetens_kostnader") == (-6_281_011, -5_395_890)
    assert figures(rr, "verksamhetens_nettokostnader") == (-31_299, -995_890)
    assert figures(rr, "finansiella_intakter") == (0, 424)
    assert figures(rr, "finansiella_kostnader") == (-1_024, -765)
    assert figures(rr, "resultat_efter_finansiella_poster") == (-32_323, -996_231)  # seed printed −996 232
    assert figures(rr, "arets_resultat") == (-32_323, -996_231)
    assert rr.row("arets_resultat").kind is RowKind.TOTAL
    assert rr.column_labels == ("2016-01-01–2016-12-31", "2015-01-01–2015-12-31")
    assert [rr.row(k).note for k in ("verksamhetens_intakter", "verksamhetens_kostnader", "finansiella_intakter")] == [1, 2, 3]
    assert rr.row("verksamhetens_kostnader").accounts == (4510,)


def test_balance_sheet_seed_figures():
    br = balance_sheet(map_accounts(annual_input(SEED))[0])
    assert [r.key for r in br.rows] == [
        "tillgangar",
        "omsattningstillgangar",
        "kortfristiga_fordringar",
        "kassa_och_bank",
        "summa_omsattningstillgangar",
        "summa_tillgangar",
        "eget_kapital_avsattningar_och_skulder",
        "eget_kapital",
        "darav_arets_resultat",
        "skulder",
        "kortfristiga_skulder",
        "summa_skulder",
        "summa_eget_kapital_avsattningar_och_skulder",
    ]
    assert figures(br, "kortfristiga_fordringar") == (326_943, 248_772)
    assert figures(br, "kassa_och_bank") == (2_203_537, 2_178_505)
    assert figures(br, "summa_tillgangar") == (2_530_480, 2_427_277)
    assert figures(br, "eget_kapital") == (1_410_799, 1_443_122)
    assert figures(br, "darav_arets_resultat") == (-32_323, -996_231)
    assert figures(br, "kortfristiga_skulder") == (1_119_681, 984_154)
    assert figures(br, "summa_eget_kapital_avsattningar_och_skulder") == (2_530_480, 2_427_276)  # 1 kr off, as the seed
    assert br.value("ingaende_eget_kapital", 1) == 2_439_353  # component: opening equity
    assert br.row("eget_kapital").parts == ("ingaende_eget_kapital", "darav_arets_resultat")
    assert [br.row(k).note for k in ("kortfristiga_fordringar", "kassa_och_bank", "eget_kapital", "kortfristiga_skulder")] == [
        5,
        6,
        7,
        8,
    ]


def test_empty_lines_and_groups_are_left_out_but_core_result_lines_stay():
    inp = annual_input([(1930, "Bank", 100, 0), (2010, "Eget kapital", -100, 0), (3010, "Bidrag", 0, 0)])
    ledger, findings = map_accounts(inp)
    assert findings == []
    rr, br = income_statement(ledger), balance_sheet(ledger)
    assert not rr.has("avskrivningar")
    assert figures(rr, "finansiella_intakter") == (0, 0)  # always shown (lkbr.md §1.1)
    assert not br.has("anlaggningstillgangar") and not br.has("summa_anlaggningstillgangar")
    assert not br.has("kortfristiga_fordringar") and not br.has("skulder") and not br.has("avsattningar")
    assert figures(br, "summa_tillgangar") == (100, 0)
    assert figures(br, "summa_eget_kapital_avsattningar_och_skulder") == (100, 0)


def test_avskrivningar_shown_when_used_in_either_year():
    inp = annual_input(
        [
            (1220, "Inventarier", 0, 10),
            (1930, "Bank", 0, -10),
            (6830, "Avskrivningar", 0, 5),
            (3010, "Bidrag", 0, -5),
        ]
    )
    rr = income_statement(map_accounts(inp)[0])
    assert figures(rr, "avskrivningar") == (0, -5)
    assert rr.row("verksamhetens_nettokostnader").parts == (
        "verksamhetens_intakter",
        "verksamhetens_kostnader",
        "avskrivningar",
    )


def test_all_balance_lines_in_lkbr_order():
    accounts = [
        (1010, "Licenser", 1, 0),
        (1220, "Inventarier", 2, 0),
        (1310, "Aktier", 3, 0),
        (1510, "Kundfordringar", 4, 0),
        (1810, "Placeringar", 5, 0),
        (1930, "Bank", 6, 0),
        (2010, "Eget kapital", -10, 0),
        (2210, "Pensionsavsättning", -4, 0),
        (2350, "Lån", -3, 0),
        (2440, "Leverantörsskulder", -4, 0),
    ]
    br = balance_sheet(map_accounts(annual_input(accounts))[0])
    assert [r.label for r in br.rows] == [
        "Tillgångar",
        "Anläggningstillgångar",
        "Immateriella anläggningstillgångar",
        "Materiella anläggningstillgångar",
        "Finansiella anläggningstillgångar",
        "Summa anläggningstillgångar",
        "Omsättningstillgångar",
        "Kortfristiga fordringar",
        "Kortfristiga placeringar",
        "Kassa och bank",
        "Summa omsättningstillgångar",
        "Summa tillgångar",
        "Eget kapital, avsättningar och skulder",
        "Eget kapital",
        "därav årets resultat",
        "Avsättningar",
        "Skulder",
        "Långfristiga skulder",
        "Kortfristiga skulder",
        "Summa skulder",
        "Summa eget kapital, avsättningar och skulder",
    ]
    assert figures(br, "summa_anlaggningstillgangar") == (6, 0)
    assert figures(br, "summa_omsattningstillgangar") == (15, 0)
    assert figures(br, "avsattningar") == (4, 0)
    assert figures(br, "summa_skulder") == (7, 0)
    assert figures(br, "summa_eget_kapital_avsattningar_och_skulder") == (21, 0)
    assert br.row("summa_eget_kapital_avsattningar_och_skulder").parts == ("eget_kapital", "avsattningar", "summa_skulder")
    assert list(note_numbers(map_accounts(annual_input(accounts))[0]).values()) == list(range(1, 11))


def test_notes_group_by_benamning_skip_zero_rows_and_use_statement_signs():
    inp = annual_input(
        [
            (1930, "Bank", 1_000, 500),
            (2010, "Eget kapital", -500, -500),
            (2440, "Leverantörsskulder", -300, 0),
            (2450, "Leverantörsskulder", -100, 0),
            (2990, "Övrigt", 0, 0),
            (3511, "Bidrag FK", -2_000, 0),
            (3512, "Bidrag FK", -500, 0),
            (3990, "Öresavrundning", 0, 0),
            (4510, "Projektmedel", 1_800, 0),
            (5010, "Arvoden", 100, 0),
        ]
    )
    ledger = map_accounts(inp)[0]
    by_title = {n.title: n for n in notes(ledger)}
    assert [n.number for n in by_title.values()] == [1, 2, 3, 4, 5]
    income = by_title["Verksamhetens intäkter"]
    assert [(r.label, r.values, r.accounts) for r in income.rows] == [("Bidrag FK", (D(2500), D(0)), (3511, 3512))]
    costs = by_title["Verksamhetens kostnader"]
    assert [r.values[0] for r in costs.rows] == [D(-1800), D(-100)]
    assert costs.total == (D(-1900), D(0))
    debts = by_title["Kortfristiga skulder"]
    assert [(r.label, r.values[0], r.accounts) for r in debts.rows] == [("Leverantörsskulder", D(400), (2440, 2450))]
    equity = by_title["Eget kapital"]
    assert [(r.label, r.values, r.is_result) for r in equity.rows] == [
        ("Eget kapital", (D(500), D(500)), False),
        ("Årets resultat", (D(600), D(0)), True),
    ]
    assert equity.total == (D(1100), D(500))
    br = balance_sheet(ledger)
    assert figures(br, "eget_kapital") == (1100, 500)


def test_note_totals_equal_statement_lines():
    fin, _ = compute_financials(annual_input(SEED))
    for note in fin.notes:
        statement = fin.income_statement if note.is_result else fin.balance_sheet
        assert note.total == statement.row(note.key).values
        assert statement.row(note.key).note == note.number
        for i in range(2):
            assert sum(r.values[i] for r in note.rows) == note.total[i]


def test_ledger_helpers_on_seed():
    ledger = map_accounts(annual_input(SEED))[0]
    assert ledger.result(LedgerColumn.CURRENT) == D(-32_323)
    assert ledger.closing_equity(LedgerColumn.PRIOR) == D(1_443_122)
    assert ledger.column_sum(LedgerColumn.PRIOR) == D(1)
    assert ledger.column_sum(LedgerColumn.OPENING_PRIOR) == D(1)
    assert ledger.cash(LedgerColumn.OPENING_PRIOR) == D(2_939_885)


def test_default_accounting_principles_text_is_swedish_markdown():
    text = " ".join(default_accounting_principles(2016).split())
    assert "anskaffningsvärdet" in text
    assert "Fordringar är upptagna till de belopp varmed de beräknas inflyta." in text
    assert "tkr" not in text  # no amounts, so no unit mix-up (the seed wrote "tkr")


@pytest.mark.parametrize("year, law, not_law", [
    (2016, "lagen (1997:614) om kommunal redovisning", "2018:597"),
    (2018, "lagen (1997:614) om kommunal redovisning", "2018:597"),
    (2019, "lagen (2018:597) om kommunal bokföring och redovisning", "1997:614"),
    (2024, "lagen (2018:597) om kommunal bokföring och redovisning", "1997:614"),
])
def test_default_accounting_principles_name_the_law_of_the_year(year, law, not_law):
    """KRL before 2019, LKBR from 2019; god redovisningssed, RKR and the deviations, periodisering,
    villkorade statliga medel and likvida medel are each stated."""
    text = " ".join(default_accounting_principles(year).split())
    assert law in text and not_law not in text
    for words in ("god redovisningssed", "Rådet för kommunal redovisnings (RKR) rekommendationer",
                  "avviker inte från någon rekommendation", "periodiserade", "villkorade statliga medel",
                  "Som likvida medel räknas kassa och disponibla banktillgodohavanden"):
        assert words in text, words
