"""Rounding once to kr/tkr with tables that foot (compute/allocate.py, present/rounding.py); the rule itself: test_money.py."""

from decimal import Decimal as D

from arsredovisning.compute.allocate import allocate
from arsredovisning.compute.financials import compute_financials
from arsredovisning.present.rounding import round_financials, round_table, rounding_footnote
from tests.records import annual_input
from tests.test_compute_statements import SEED


def test_allocate_keeps_half_up_when_it_already_foots():
    assert allocate([D("1.4"), D("2.6")]) == [1, 3]


def test_allocate_moves_difference_to_largest_residual():
    # 1,4 + 1,4 + 1,4 = 4,2 → 4, but half-up gives 1 + 1 + 1 = 3: one row goes up; tie → first row
    assert allocate([D("1.4"), D("1.4"), D("1.4")]) == [2, 1, 1]
    # 0,6 + 0,6 + 0,6 = 1,8 → 2, half-up gives 3: the row closest to rounding down goes down
    assert allocate([D("0.6"), D("0.55"), D("0.7")]) == [1, 0, 1]
    # negative rows mirror positive ones
    assert allocate([D("-1.4"), D("-1.4"), D("-1.4")]) == [-2, -1, -1]


def test_allocate_prefers_non_zero_rows_and_respects_fixed():
    assert allocate([D(0), D("10.4"), D("-10.4")], target=1) == [0, 11, -10]
    assert allocate([D("5.2"), D("3.3")], target=9, fixed={0: 5}) == [5, 4]
    assert allocate([D("5.2")], target=9, fixed={0: 5}) == [5]  # nothing free: the target cannot be met


def test_allocate_with_target_far_away_moves_more_than_one_unit():
    assert allocate([D(1), D(1)], target=6) == [3, 3]
    assert sum(allocate([D("0.1")] * 7, target=-3)) == -3


def test_round_table_tkr_with_footnote():
    table = round_table([D(1400), D(1400), D(1400)], "tkr")
    assert (table.values, table.total, table.adjusted) == ((2, 1, 1), 4, (0,))
    assert rounding_footnote(["Projektmedel"]) == "Beloppen är avrundade; avrundningsdifferens justerad i Projektmedel."
    assert rounding_footnote(["A", "B", "C"]) == "Beloppen är avrundade; avrundningsdifferens justerad i A, B och C."
    assert rounding_footnote([]) is None


def test_round_table_exact_kronor_and_explicit_total():
    assert round_table([D("100.50"), D("-0.50")], "kr").values == (101, -1)  # already foots: 100
    table = round_table([D("0.50"), D("0.50")], "kr")  # 1 + 1 ≠ 1: the first of the tied rows goes down
    assert (table.values, table.total, table.adjusted) == ((0, 1), 1, (0,))
    assert round_table([D(1), D(2)], total=D(3)).values == (1, 2)
    assert round_table([], "kr").total == 0


def test_income_statement_ore_adjustment_is_reported():
    inp = annual_input([(1930, "Bank", "5.10", 0), (3010, "Bidrag", "-10.50", 0), (4010, "Kostnad", "5.40", 0)])
    fin, _ = compute_financials(inp)
    rr = round_financials(fin, "kr").income_statement
    # exact: 10,50 − 5,40 = 5,10 → 5; half-up rows 11 − 5 = 6: intäkter (residual −0,5) goes to 10
    assert [rr.value(k) for k in ("verksamhetens_intakter", "verksamhetens_kostnader", "arets_resultat")] == [10, -5, 5]
    assert rr.footnote == "Beloppen är avrundade; avrundningsdifferens justerad i Verksamhetens intäkter."


def test_seed_in_kr_needs_no_adjustment():
    fin, _ = compute_financials(annual_input(SEED))
    shown = round_financials(fin, "kr")
    for statement in (shown.income_statement, shown.balance_sheet, shown.cash_flow):
        assert statement.footnote is None
    assert shown.cash_flow.value("likvida_medel_ub") == 2_203_538  # the computed figure, 1 kr off the BR
    assert not shown.balance_sheet.has("avsattningar") and shown.balance_sheet.value("avsattningar") == 0


def test_seed_in_tkr_foots():
    fin, _ = compute_financials(annual_input(SEED))
    shown = round_financials(fin, "tkr")
    br = shown.balance_sheet
    assert [br.value("kortfristiga_fordringar", 1), br.value("kassa_och_bank", 1), br.value("summa_tillgangar", 1)] == [
        249,
        2_178,  # 2 178,505 rounds to 2 179, but 249 + 2 179 ≠ 2 427 (= 2 427,277 rounded)
        2_427,
    ]
    assert br.value("eget_kapital", 0) + br.value("summa_skulder", 0) == br.value("summa_eget_kapital_avsattningar_och_skulder", 0)
    assert br.value("darav_arets_resultat", 1) == shown.income_statement.value("arets_resultat", 1) == -996
    kf = shown.cash_flow
    assert kf.value("likvida_medel_ib", 0) == br.value("kassa_och_bank", 1)
    assert kf.value("likvida_medel_ub", 1) == br.value("kassa_och_bank", 1)
    assert kf.value("arets_resultat", 0) == shown.income_statement.value("arets_resultat", 0)
    for c in (0, 1):
        parts = ("arets_resultat", "forandring_kortfristiga_fordringar", "forandring_kortfristiga_skulder")
        assert sum(kf.value(k, c) for k in parts) == kf.value("arets_kassaflode", c)
        assert kf.value("likvida_medel_ib", c) + kf.value("arets_kassaflode", c) == kf.value("likvida_medel_ub", c)
    assert "Kassa och bank" in br.footnote
    for note in shown.notes:
        statement = shown.income_statement if note.note.is_result else br
        for c in (0, 1):
            assert sum(r.values[c] for r in note.rows) == note.total[c] == statement.value(note.note.key, c)


def test_statement_lines_keep_their_half_up_value_when_the_total_foots_with_them():
    """Issue 13: Verksamhetens kostnader −202 708,45 prints −202 708 (its half-up value) and Finansiella
    kostnader −193 725,65 prints −193 726: with them Årets resultat −381 500,42 → −381 500 foots, so no
    line moves (a level-by-level split moved both: the subtotal Verksamhetens nettokostnader
    −187 774,77 took the krona and passed it on). The subtotal is the sum of its lines, −187 774."""
    inp = annual_input(accounts=[
        (1930, "Bank", 1000000, 0), (2010, "Eget kapital", "-1381500.42", 0),
        (3010, "Bidrag", "-14933.68", 0), (4010, "Lokal", "202708.45", 0), (8510, "Räntor", "193725.65", 0),
    ])
    fin, _ = compute_financials(inp)
    rr = round_financials(fin).income_statement
    assert [rr.value(k) for k in ("verksamhetens_intakter", "verksamhetens_kostnader", "finansiella_kostnader",
                                  "verksamhetens_nettokostnader", "arets_resultat")] == [14934, -202708, -193726, -187774, -381500]
    assert [r.row.label for r in rr.rows if any(r.adjusted)] == ["Verksamhetens nettokostnader"]


def test_a_note_row_absorbs_the_difference_to_its_half_up_line():
    """−1 234 567,63 prints −1 234 568; its note rows −1 000 000,30 and −234 567,33 (half-up −1 234 567
    together) give the krona to the row with the largest remainder, and the note's footnote names it."""
    inp = annual_input(accounts=[
        (1930, "Bank", "765432.37", 0), (2010, "Eget kapital", 0, 0), (3010, "Bidrag", -2000000, 0),
        (4010, "Lokal", "1000000.30", 0), (4020, "Personal", "234567.33", 0),
    ])
    fin, _ = compute_financials(inp)
    shown = round_financials(fin)
    assert shown.income_statement.value("verksamhetens_kostnader") == -1234568
    note = next(n for n in shown.notes if n.note.key == "verksamhetens_kostnader")
    assert [r.values[0] for r in note.rows] == [-1000000, -234568]
    assert note.footnote == "Beloppen är avrundade; avrundningsdifferens justerad i Personal."
