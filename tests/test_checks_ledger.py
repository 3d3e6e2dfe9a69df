"""Avstämningar: SB-BALANS, BR-BALANS, KF-LIKVIDA, KF-IB, EK-UB, INS-PROJEKTMEDEL."""

from decimal import Decimal as D

from arsredovisning.checks.ledger import check_ledger, reconciliations
from arsredovisning.compute.financials import compute_financials
from arsredovisning.findings import Level
from arsredovisning.model import AccountRange
from tests.records import annual_input
from tests.test_compute_statements import SEED

NNBSP = "\u202f"


def records_of(inp):
    fin, _ = compute_financials(inp)
    return reconciliations(inp, fin)


def by_id(records, id):
    return [r for r in records if r.id == id]


def test_seed_ledger_gives_the_seed_warnings():
    inp = annual_input(SEED, interventions=[("Steget", "Individ", 5_100_000, 5_092_151, 10)])
    records = records_of(inp)
    sb = by_id(records, "SB-BALANS")
    assert [(r.level, r.left, r.year) for r in sb] == [
        (None, D(0), 2016),
        (Level.WARNING, D(1), 2015),
        (Level.WARNING, D(1), 2015),  # Ingående föregående år also sums to +1
    ]
    assert "kolumn Föregående år (2015) summerar till 1" in sb[1].message
    assert "kolumn Ingående föregående år (ingående balans 2015)" in sb[2].message
    assert sb[1].location.sheet == "Saldobalans"

    br = by_id(records, "BR-BALANS")
    assert [(r.level, r.left, r.right, r.difference) for r in br] == [
        (None, D(2_530_480), D(2_530_480), D(0)),
        (Level.WARNING, D(2_427_277), D(2_427_276), D(1)),
    ]
    assert f"summa tillgångar 2{NNBSP}427{NNBSP}277{NNBSP}kr" in br[1].message
    assert "följer helt av att saldobalansens kolumn Föregående år summerar till 1" in br[1].message
    assert br[1].caused_by == ("SB-BALANS/Föregående år",)

    kf = by_id(records, "KF-LIKVIDA")
    assert [(r.level, r.left, r.right, r.year) for r in kf] == [
        (Level.WARNING, D(2_203_538), D(2_203_537), 2016),
        (None, D(2_178_505), D(2_178_505), 2015),
    ]
    assert "följer helt av att saldobalansens kolumn Föregående år summerar till 1" in kf[0].message
    assert kf[0].caused_by == ("SB-BALANS/Föregående år",)

    (ib,) = by_id(records, "KF-IB")
    assert (ib.level, ib.left, ib.right) == (None, D(2_178_505), D(2_178_505))
    assert [r.level for r in by_id(records, "EK-UB")] == [None, None]

    (ins,) = by_id(records, "INS-PROJEKTMEDEL")
    assert (ins.level, ins.left, ins.right, ins.difference) == (Level.WARNING, D(5_092_151), D(6_281_011), D(-1_188_860))

    findings = check_ledger(inp, compute_financials(inp)[0])
    assert sorted(f.id for f in findings) == ["BR-BALANS", "INS-PROJEKTMEDEL", "KF-LIKVIDA", "SB-BALANS", "SB-BALANS"]
    assert {f.level for f in findings} == {Level.WARNING}


def test_trial_balance_off_by_more_than_one_krona_is_an_error():
    inp = annual_input([(1930, "Bank", 100, 0), (2010, "Eget kapital", "-98.50", 0)])
    (sb, _) = by_id(records_of(inp), "SB-BALANS")
    assert (sb.level, sb.left) == (Level.ERROR, D("1.50"))
    assert f"summerar till 1,50{NNBSP}kr" in sb.message
    br = by_id(records_of(inp), "BR-BALANS")[0]
    assert br.level is Level.ERROR


def test_unmapped_account_explains_balance_sheet_difference():
    inp = annual_input([(1930, "Bank", 100, 0), (2010, "Eget kapital", -90, 0), (8010, "Skatt", -10, 0)])
    records = records_of(inp)
    assert by_id(records, "SB-BALANS")[0].level is None
    br = by_id(records, "BR-BALANS")[0]
    assert (br.level, br.difference) == (Level.ERROR, D(10))
    assert "KONTO-EJ-MAPPAT" in br.message


def test_equity_not_rolled_forward_breaks_cash_flow_and_names_ek_ub():
    # 2015 closes with equity 100 + 50 = 150, but 2016 opens with 160 (and bank is 10 higher)
    inp = annual_input(
        [
            (1930, "Bank", 160, 150, 100),
            (2010, "Eget kapital", -160, -100, -100),
            (3010, "Bidrag", 0, -50),
        ]
    )
    records = records_of(inp)
    ek = by_id(records, "EK-UB")
    assert [(r.level, r.left, r.right, r.year) for r in ek] == [
        (Level.ERROR, D(160), D(150), 2016),
        (None, D(100), D(100), 2015),
    ]
    assert "konto 2010" in ek[0].message and f"skillnad 10{NNBSP}kr" in ek[0].message
    assert ek[0].location.cell == "A3"
    kf = by_id(records, "KF-LIKVIDA")
    assert [(r.level, r.left, r.right) for r in kf] == [(Level.ERROR, D(150), D(160)), (None, D(150), D(150))]
    assert "(EK-UB, 10" in kf[0].message and kf[0].caused_by == ("EK-UB/2016",)
    assert "rätta beloppet i Saldobalans" in ek[0].message  # no earlier finding explains it: the advice stands


def test_cash_flow_opening_vs_prior_closing():
    # the IB column is inconsistent with the prior year: bank IB 100, but 2015's changes lead to 120
    inp = annual_input(
        [
            (1930, "Bank", 150, 150, 100),
            (2010, "Eget kapital", -150, -120, -100),
            (3010, "Bidrag", 0, -30),
        ]
    )
    records = records_of(inp)
    kf = by_id(records, "KF-LIKVIDA")
    assert [(r.level, r.left, r.right) for r in kf] == [(None, D(150), D(150)), (Level.ERROR, D(130), D(150))]
    (ib,) = by_id(records, "KF-IB")
    assert (ib.level, ib.left, ib.right, ib.difference) == (Level.ERROR, D(150), D(130), D(20))
    assert "densamma som i KF-LIKVIDA för 2015" in ib.message and ib.caused_by == ("KF-LIKVIDA/2015",)


def test_without_opening_column_kf_ib_compares_with_prior_balance_sheet():
    inp = annual_input([(1930, "Bank", 150, 150), (2010, "Eget kapital", -150, -150)], total_contribution=0)
    fin, findings = compute_financials(inp)
    assert [(f.id, f.level) for f in findings] == [("KF-FOREG-SAKNAS", Level.INFO)]
    records = reconciliations(inp, fin)
    assert [r.id for r in records].count("SB-BALANS") == 2
    (ib,) = by_id(records, "KF-IB")
    assert (ib.level, ib.right_label) == (None, "Balansräkningen 2015, kassa och bank + kortfristiga placeringar")


def test_intervention_accounts_from_organisation_ranges():
    accounts = [(1930, "Bank", -1_000, 0), (4510, "Köpta insatser", 600, 0), (4520, "Övriga insatser", 400, 0)]
    interventions = [("A", "Individ", 700, 600, 5), ("B", "Struktur", 400, 400, 0)]
    inp = annual_input(
        accounts, interventions=interventions, intervention_accounts=(AccountRange(4510, 4510), AccountRange(4520, 4599))
    )
    (ins,) = by_id(records_of(inp), "INS-PROJEKTMEDEL")
    assert (ins.level, ins.left, ins.right) == (None, D(1_000), D(1_000))


def test_intervention_accounts_by_name_prefix_and_difference():
    accounts = [(1930, "Bank", -1_000, 0), (4510, "Projektmedel", 700, 0), (4520, "Insats Steget", 29, 0), (5010, "Arvoden", 271, 0)]
    inp = annual_input(accounts, interventions=[("Steget", "Individ", 1_000, 1_000, 5)])
    (ins,) = by_id(records_of(inp), "INS-PROJEKTMEDEL")
    assert (ins.level, ins.left, ins.right, ins.difference) == (Level.WARNING, D(1_000), D(729), D(271))
    assert "4510 Projektmedel, 4520 Insats Steget" in ins.message and f"skillnad 271{NNBSP}kr" in ins.message
    finding = ins.finding()
    assert (finding.id, finding.level) == ("INS-PROJEKTMEDEL", Level.WARNING)


def test_no_intervention_accounts_is_info():
    inp = annual_input([(1930, "Bank", -10, 0), (5010, "Arvoden", 10, 0)], interventions=[("A", "Individ", 1, 1, 1)])
    (ins,) = by_id(records_of(inp), "INS-PROJEKTMEDEL")
    assert ins.level is Level.INFO and "Insatskonton" in ins.message
    assert ins.finding().level is Level.INFO


def test_ek_ub_names_an_unbalanced_prior_column_instead_of_advising_a_change_to_eget_kapital():
    # 2015's costs are typed 30 kr too high: the prior column sums to 30 and 2015's result is 30 kr low,
    # so eget kapital 2016 (correct: 100 + 50) looks 30 kr too high.
    inp = annual_input([(1930, "Bank", 150, 150), (2010, "Eget kapital", -150, -100), (3010, "Bidrag", 0, -80), (4010, "Kostnad", 0, 60)])
    (ek, _) = by_id(records_of(inp), "EK-UB") + [None]
    assert (ek.level, ek.difference) == (Level.ERROR, D(30))
    assert ek.caused_by == ("SB-BALANS/Föregående år",)
    assert "förklaras helt av" in ek.message and "rätta beloppet" not in ek.message


def test_ek_ub_and_br_balans_follow_from_an_unmapped_result_account():
    # 8310 is outside the built-in Kontoplan (8400–8499): 2015's result misses its 20 kr.
    inp = annual_input([(1930, "Bank", 170, 170), (2010, "Eget kapital", -170, -100), (3010, "Bidrag", 0, -50), (8310, "Ränta", 0, -20)])
    records = records_of(inp)
    (ek, _) = by_id(records, "EK-UB") + [None]
    assert ek.difference == D(20) and ek.caused_by == ("KONTO-EJ-MAPPAT/Saldobalans!A5",)
    br = by_id(records, "BR-BALANS")
    assert [(r.difference, r.caused_by) for r in br] == [(D(0), ()), (D(20), ("KONTO-EJ-MAPPAT/Saldobalans!A5",))]


def test_a_budget_with_the_wrong_sign_is_a_warning_with_both_figures():
    from arsredovisning.checks.budget import check_budget_signs

    inp = annual_input([
        (1930, "Bank", 100, 0, None, None),
        (3010, "Bidrag", -1000, 0, None, 1000),  # intäkt budgeted as positive: wrong
        (4010, "Kostnad", 900, 0, None, 950),  # right
        (2010, "Eget kapital", 0, 0, None, None),
    ])
    [f] = check_budget_signs(compute_financials(inp)[0].ledger)
    assert f.id == "BUDGET-TECKEN" and f.level is Level.WARNING
    assert f"Belopp −1{NNBSP}000{NNBSP}kr" in f.message and f"Budget är 1{NNBSP}000{NNBSP}kr" in f.message


def test_ek_ub_with_a_cause_that_explains_only_part_keeps_the_advice_and_names_the_cause():
    # 2015 sums to 30 (a typo on the bank: no effect on equity), and eget kapital 2016 is 10 kr off on its own.
    inp = annual_input([(1930, "Bank", 160, 180), (2010, "Eget kapital", -160, -100), (3010, "Bidrag", 0, -50)])
    (ek, _) = by_id(records_of(inp), "EK-UB") + [None]
    assert ek.difference == D(10) and ek.caused_by == ("SB-BALANS/Föregående år",)
    assert "En del av skillnaden kan bero på" in ek.message and "eget kapital-kontot" in ek.message
