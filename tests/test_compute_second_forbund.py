"""A second, invented förbund: 2 kommuner, inventarier with avskrivningar (68xx), a long-term loan
(23xx) and a Budget column. Exercises investering, finansiering and the driftredovisning.

Story: IB 2015 bank 310 000, eget kapital 300 000. 2015: bought inventarier 75 000 (avskrivning
15 000), borrowed 70 000, surplus 192 500. 2016: bought inventarier 40 000 (avskrivning 20 000),
amortised 20 000, surplus 279 000.
"""

from decimal import Decimal as D

import pytest

from arsredovisning.checks.contributions import check_contributions
from arsredovisning.checks.ledger import reconciliations
from arsredovisning.compute.financials import compute_financials
from arsredovisning.compute.key_figures import key_figures
from arsredovisning.present.rounding import round_financials
from tests.records import annual_input

ACCOUNTS = [
    # konto, benämning, 2016, 2015, IB 2015, budget 2016
    (1220, "Inventarier", 80_000, 60_000, 0),
    (1510, "Kundfordringar", 10_000, 20_000, 5_000),
    (1930, "Bank", 761_500, 507_500, 310_000),
    (2010, "Eget kapital", -492_500, -300_000, -300_000),
    (2350, "Lån kreditinstitut", -50_000, -70_000, 0),
    (2440, "Leverantörsskulder", -30_000, -25_000, -15_000),
    (3511, "Bidrag staten", -1_000_000, -900_000, None, -1_000_000),
    (3521, "Bidrag regionen", -500_000, -450_000, None, -500_000),
    (3531, "Bidrag Aby kommun", -300_000, -270_000, None, -300_000),
    (3532, "Bidrag Bby kommun", -200_000, -180_000, None, -200_000),
    (4510, "Projektmedel", 1_500_000, 1_400_000, None, 1_600_000),
    (5010, "Arvoden", 200_000, 190_000, None, 210_000),
    (6830, "Avskrivningar inventarier", 20_000, 15_000, None, 20_000),
    (8410, "Ränteintäkter", -1_000, -500, None, 0),
    (8510, "Räntekostnader", 2_000, 3_000, None, 2_500),
]
MEMBERS = [
    ("Staten, FK/AF", "Stat", None, None, 3511),
    ("Region Test", "Region", None, None, 3521),
    ("Aby kommun", "Kommun", None, 60, 3531),
    ("Bby kommun", "Kommun", None, 40, 3532),
]
INTERVENTIONS = [("Steget", "Individ", 1_000_000, 900_000, 40), ("Nätverket", "Struktur", 600_000, 600_000, 25)]


@pytest.fixture(scope="module")
def inp():
    return annual_input(
        ACCOUNTS, members=MEMBERS, interventions=INTERVENTIONS, total_contribution=2_000_000, equity_target_pct=30
    )


@pytest.fixture(scope="module")
def fin(inp):
    fin, findings = compute_financials(inp)
    assert findings == []
    return fin


def figures(statement, key):
    return tuple(int(v) for v in statement.row(key).values)


def test_income_statement(fin):
    rr = fin.income_statement
    assert figures(rr, "verksamhetens_intakter") == (2_000_000, 1_800_000)
    assert figures(rr, "verksamhetens_kostnader") == (-1_700_000, -1_590_000)
    assert figures(rr, "avskrivningar") == (-20_000, -15_000)
    assert figures(rr, "verksamhetens_nettokostnader") == (280_000, 195_000)
    assert figures(rr, "finansiella_intakter") == (1_000, 500)
    assert figures(rr, "finansiella_kostnader") == (-2_000, -3_000)
    assert figures(rr, "arets_resultat") == (279_000, 192_500)
    assert [rr.row(k).note for k in ("verksamhetens_intakter", "avskrivningar", "finansiella_kostnader")] == [1, 3, 5]


def test_balance_sheet(fin):
    br = fin.balance_sheet
    assert figures(br, "materiella_anlaggningstillgangar") == (80_000, 60_000)
    assert figures(br, "summa_anlaggningstillgangar") == (80_000, 60_000)
    assert figures(br, "summa_omsattningstillgangar") == (771_500, 527_500)
    assert figures(br, "summa_tillgangar") == (851_500, 587_500)
    assert figures(br, "eget_kapital") == (771_500, 492_500)
    assert figures(br, "darav_arets_resultat") == (279_000, 192_500)
    assert figures(br, "langfristiga_skulder") == (50_000, 70_000)
    assert figures(br, "kortfristiga_skulder") == (30_000, 25_000)
    assert figures(br, "summa_skulder") == (80_000, 95_000)
    assert figures(br, "summa_eget_kapital_avsattningar_och_skulder") == (851_500, 587_500)
    assert [br.row(k).note for k in ("materiella_anlaggningstillgangar", "eget_kapital", "kortfristiga_skulder")] == [
        6,
        9,
        11,
    ]


def test_cash_flow_with_investing_and_financing(fin):
    kf = fin.cash_flow
    assert kf.column_labels == ("2016", "2015")
    assert [(r.label, tuple(int(v) for v in r.values) if r.values[0] is not None else None) for r in kf.rows] == [
        ("Den löpande verksamheten", None),
        ("Årets resultat", (279_000, 192_500)),
        ("Justering för av- och nedskrivningar", (20_000, 15_000)),
        ("Medel från verksamheten före förändring av rörelsekapital", (299_000, 207_500)),
        ("Ökning (−)/minskning (+) kortfristiga fordringar", (10_000, -15_000)),
        ("Ökning (+)/minskning (−) kortfristiga skulder", (5_000, 10_000)),
        ("Kassaflöde från den löpande verksamheten", (314_000, 202_500)),
        ("Investeringsverksamheten", None),
        ("Investering i materiella anläggningstillgångar", (-40_000, -75_000)),
        ("Kassaflöde från investeringsverksamheten", (-40_000, -75_000)),
        ("Finansieringsverksamheten", None),
        ("Ökning av långfristiga skulder", (0, 70_000)),
        ("Minskning av långfristiga skulder", (-20_000, 0)),
        ("Kassaflöde från finansieringsverksamheten", (-20_000, 70_000)),
        ("Årets kassaflöde", (254_000, 197_500)),
        ("Likvida medel vid årets början", (507_500, 310_000)),
        ("Likvida medel vid årets slut", (761_500, 507_500)),
    ]
    assert kf.row("investering_materiella").note == 6
    assert kf.row("minskning_langfristiga_skulder").note == 10


def test_every_reconciliation_is_ok(inp, fin):
    records = reconciliations(inp, fin)
    assert [r.id for r in records] == [
        "SB-BALANS",
        "SB-BALANS",
        "SB-BALANS",
        "BR-BALANS",
        "BR-BALANS",
        "EK-UB",
        "EK-UB",
        "KF-LIKVIDA",
        "KF-LIKVIDA",
        "KF-IB",
        "INS-PROJEKTMEDEL",
    ]
    assert {r.level for r in records} == {None}
    (ins,) = [r for r in records if r.id == "INS-PROJEKTMEDEL"]
    assert (ins.left, ins.right) == (D(1_500_000), D(1_500_000))  # 900 000 + 600 000 on 4510 Projektmedel


def test_operating_report(fin):
    op = fin.operating
    rows = {r.key: r for r in op.rows}
    assert [r.key for r in op.rows] == [
        "verksamhetens_intakter",
        "verksamhetens_intakter.1",
        "verksamhetens_intakter.2",
        "verksamhetens_intakter.3",
        "verksamhetens_intakter.4",
        "verksamhetens_kostnader",
        "verksamhetens_kostnader.1",
        "verksamhetens_kostnader.2",
        "avskrivningar",
        "avskrivningar.1",
        "verksamhetens_nettokostnader",
        "finansiella_intakter",
        "finansiella_intakter.1",
        "finansiella_kostnader",
        "finansiella_kostnader.1",
        "resultat_efter_finansiella_poster",
        "arets_resultat",
    ]

    def bav(key):
        r = rows[key]
        return int(r.budget), int(r.actual), int(r.variance)

    assert bav("verksamhetens_intakter") == (2_000_000, 2_000_000, 0)
    assert bav("verksamhetens_kostnader") == (-1_810_000, -1_700_000, 110_000)
    assert bav("verksamhetens_kostnader.1") == (-1_600_000, -1_500_000, 100_000)
    assert rows["verksamhetens_kostnader.1"].label == "Projektmedel"
    assert bav("avskrivningar") == (-20_000, -20_000, 0)
    assert bav("verksamhetens_nettokostnader") == (170_000, 280_000, 110_000)
    assert bav("finansiella_intakter") == (0, 1_000, 1_000)
    assert bav("finansiella_kostnader") == (-2_500, -2_000, 500)
    assert bav("arets_resultat") == (167_500, 279_000, 111_500)
    assert int(rows["arets_resultat"].prior_actual) == 192_500


def test_member_split_by_andel(fin):
    c = fin.contributions
    assert [(s.member.name, s.amount, s.share_of_total, s.share_of_quarter) for s in c.members] == [
        ("Staten, FK/AF", 1_000_000, 50, None),
        ("Region Test", 500_000, 25, None),
        ("Aby kommun", 300_000, 15, 60),
        ("Bby kommun", 200_000, 10, 40),
    ]
    assert c.basis.value == "Andel" and c.total_amount == 2_000_000
    assert all(s.difference == 0 for s in c.members)


def test_equity_above_target_is_a_warning(inp, fin):
    findings = check_contributions(inp, fin)
    assert [f.id for f in findings] == ["EK-RIKTVARDE"]
    assert "38,58\u202f%" in findings[0].message and "30,00\u202f%" in findings[0].message  # 771 500 / 2 000 000


def test_key_figures(inp, fin):
    k = key_figures(inp, fin)
    assert k["arets_resultat"].value == 279_000 and k["arets_resultat"].kind == "money"
    assert k["arets_resultat_foregaende_ar"].value == 192_500
    assert k["summa_skulder"].value == 80_000
    assert k["likvida_medel"].value == 761_500 and k["likvida_medel_foregaende_ar"].value == 507_500
    assert k["arets_kassaflode"].value == 254_000
    assert k["eget_kapital_andel_av_medlemsbidrag"].value == D("38.575")
    assert (k["antal_deltagare"].value, k["antal_deltagare_struktur"].value) == (40, 25)
    assert (k["antal_insatser"].value, k["antal_individinsatser"].value, k["antal_strukturinsatser"].value) == (2, 1, 1)
    assert (k["insatsernas_utfall"].value, k["insatsernas_budget"].value) == (1_500_000, 1_600_000)


def test_tkr_rounding_keeps_everything_footing(fin):
    shown = round_financials(fin, "tkr")
    kf = shown.cash_flow
    assert [kf.value("likvida_medel_ib", c) for c in (0, 1)] == [508, 310]  # 507,5 → 508 (half-up)
    assert kf.value("likvida_medel_ub", 0) == shown.balance_sheet.value("kassa_och_bank", 0) == 762
    assert kf.value("likvida_medel_ub", 1) == shown.balance_sheet.value("kassa_och_bank", 1)
    op = {r.row.key: r for r in shown.operating.rows}
    assert (op["arets_resultat"].budget, op["arets_resultat"].actual, op["arets_resultat"].variance) == (168, 279, 111)
    assert op["verksamhetens_nettokostnader"].actual == shown.income_statement.value("verksamhetens_nettokostnader")
