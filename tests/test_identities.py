"""Accounting identities over random balanced saldobalanser (hypothesis).

The generator builds three consistent columns (IB 2015, 2015, 2016) with öre amounts: random
balance and result accounts, eget kapital rolled forward (the eget kapital account holds each
year's opening equity), and the bank account as the plug that makes each column sum to 0.
"""

from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings, strategies as st

from arsredovisning.checks.ledger import reconciliations
from arsredovisning.money import round_half_up
from arsredovisning.compute.contributions import member_contributions
from arsredovisning.compute.financials import compute_financials
from arsredovisning.compute.ledger import map_accounts
from arsredovisning.findings import Level
from arsredovisning.present.rounding import round_financials, round_table
from tests.records import annual_input

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

BALANCE = (1010, 1220, 1310, 1510, 1650, 1810, 2210, 2350, 2440, 2890)
RESULT = (3010, 3020, 4510, 5010, 6830, 8410, 8510)
NAMES = ("Alfa", "Beta")  # few names, so that notes group accounts with the same Benämning

amounts = st.one_of(st.just(D(0)), st.integers(-(10**9), 10**9).map(lambda c: D(c) / 100))


@st.composite
def saldobalanser(draw, budget=False):
    def column(accounts):
        return {a: draw(amounts) for a in accounts}

    ib, prior, current = column(BALANCE), column(BALANCE), column(BALANCE)
    result_prior, result_current = column(RESULT), column(RESULT)
    equity_ib = draw(amounts)
    equity_prior = equity_ib  # opening equity 2015 = the IB column's equity
    equity_current = equity_prior + sum(result_prior.values())  # opening 2016 = closing 2015 (ledger signs)
    bank_ib = -(sum(ib.values()) + equity_ib)
    bank_prior = -(sum(prior.values()) + equity_prior + sum(result_prior.values()))
    bank_current = -(sum(current.values()) + equity_current + sum(result_current.values()))
    rows = [(1930, "Bank", bank_current, bank_prior, bank_ib), (2010, "Eget kapital", equity_current, equity_prior, equity_ib)]
    rows += [(a, draw(st.sampled_from(NAMES)), current[a], prior[a], ib[a]) for a in BALANCE]
    for a in RESULT:
        row = (a, draw(st.sampled_from(NAMES)), result_current[a], result_prior[a], None)
        rows.append(row + (draw(amounts),) if budget else row)
    return annual_input(rows, total_contribution=draw(st.integers(1, 10**8)))


@FAST
@given(saldobalanser(budget=True))
def test_statements_balance_and_cash_flow_reconciles(inp):
    fin, findings = compute_financials(inp)
    assert not [f for f in findings if f.level is Level.ERROR]
    br, kf, rr = fin.balance_sheet, fin.cash_flow, fin.income_statement
    for c in (0, 1):
        # BR balances
        assert br.value("summa_tillgangar", c) == br.value("summa_eget_kapital_avsattningar_och_skulder", c)
        # KF UB = kassa och bank + kortfristiga placeringar
        assert kf.value("likvida_medel_ub", c) == br.value("kassa_och_bank", c) + br.value("kortfristiga_placeringar", c)
        assert br.value("darav_arets_resultat", c) == rr.value("arets_resultat", c)
    assert kf.value("likvida_medel_ib", 0) == kf.value("likvida_medel_ub", 1)
    # EK UB = IB + årets resultat
    assert br.value("eget_kapital", 0) == br.value("eget_kapital", 1) + rr.value("arets_resultat", 0)
    statuses = {r.id: r.level for r in reconciliations(inp, fin) if r.id != "INS-PROJEKTMEDEL"}
    assert set(statuses.values()) == {None}
    # notes sum to their lines
    for note in fin.notes:
        statement = rr if note.is_result else br
        assert note.total == statement.row(note.key).values
        for c in (0, 1):
            assert sum((r.values[c] for r in note.rows), D(0)) == note.total[c]
    # driftredovisning: lines are the sum of their accounts, utfall is the resultaträkning's
    op = {r.key: r for r in fin.operating.rows}
    assert op["arets_resultat"].actual == rr.value("arets_resultat", 0)
    for r in fin.operating.rows:
        if r.parts:
            assert r.budget == sum((op[p].budget for p in r.parts), D(0))
            assert r.actual == sum((op[p].actual for p in r.parts), D(0))


def assert_foots(statement, skip=("eget_kapital",)):
    rows = {r.row.key: r for r in statement.rows}
    for r in statement.rows:
        if r.row.parts and r.row.key not in skip:
            for c, v in enumerate(r.values):
                assert v == sum(rows[p].values[c] for p in r.row.parts), (r.row.key, c)


@FAST
@given(saldobalanser(budget=True), st.sampled_from(["kr", "tkr"]))
def test_displayed_tables_foot_after_rounding(inp, unit):
    fin, _ = compute_financials(inp)
    shown = round_financials(fin, unit)
    rr, br, kf = shown.income_statement, shown.balance_sheet, shown.cash_flow
    scale = D(1000) if unit == "tkr" else D(1)
    for statement in (rr, br, kf):
        assert_foots(statement)
    for c in (0, 1):
        assert br.value("summa_tillgangar", c) == br.value("summa_eget_kapital_avsattningar_och_skulder", c)
        assert br.value("darav_arets_resultat", c) == rr.value("arets_resultat", c)
        assert kf.value("arets_resultat", c) == rr.value("arets_resultat", c)
        cash = br.value("kassa_och_bank", c) + br.value("kortfristiga_placeringar", c)
        assert kf.value("likvida_medel_ub", c) == cash
        # totals are the half-up rounding of their exact value
        for key in ("arets_resultat",):
            assert rr.value(key, c) == round_half_up(fin.income_statement.value(key, c) / scale)
        assert br.value("summa_tillgangar", c) == round_half_up(fin.balance_sheet.value("summa_tillgangar", c) / scale)
    assert kf.value("likvida_medel_ib", 0) == br.value("kassa_och_bank", 1) + br.value("kortfristiga_placeringar", 1)
    # every RR/BR line and total is its exact value rounded up or down (a subtotal is the sum of its
    # displayed lines, which keep their half-up value first: issue 13)
    totals = ("arets_resultat", "summa_tillgangar", "summa_eget_kapital_avsattningar_och_skulder")
    for displayed, exact in ((rr, fin.income_statement), (br, fin.balance_sheet)):
        for r in displayed.rows:
            if r.row.parts and r.row.line is None and r.row.key not in totals:
                continue
            for c, v in enumerate(r.values):
                if v is not None:
                    assert abs(v - exact.value(r.row.key, c) / scale) < 1, (r.row.key, c)
    # the resultaträkning moves no more lines off their half-up value than footing needs
    for c in (0, 1):
        lines = [r for r in rr.rows if r.row.line is not None]
        half_up = [round_half_up(fin.income_statement.value(r.row.key, c) / scale) for r in lines]
        needed = abs(sum(half_up) - rr.value("arets_resultat", c))
        moved = sum(1 for r, h in zip(lines, half_up) if r.values[c] != h)
        assert moved == needed or needed > len(lines), (c, moved, needed)
    for note in shown.notes:
        statement = rr if note.note.is_result else br
        for c in (0, 1):
            assert sum(r.values[c] for r in note.rows) == note.total[c] == statement.value(note.note.key, c)
    op = {r.row.key: r for r in shown.operating.rows}
    for r in shown.operating.rows:
        if r.row.parts:
            assert r.budget == sum(op[p].budget for p in r.row.parts)
            assert r.actual == sum(op[p].actual for p in r.row.parts)
            assert r.variance == sum(op[p].variance for p in r.row.parts)
        if rr.has(r.row.key):
            assert r.actual == rr.value(r.row.key, 0) and r.prior_actual == rr.value(r.row.key, 1)


@FAST
@given(st.lists(st.integers(-(10**9), 10**9).map(lambda c: D(c) / 100), max_size=12), st.sampled_from(["kr", "tkr"]))
def test_round_table_foots_and_stays_within_one_unit(values, unit):
    scale = D(1000) if unit == "tkr" else D(1)
    table = round_table(values, unit)
    assert sum(table.values) == table.total == round_half_up(sum(values, D(0)) / scale)
    for v, x in zip(table.values, values):
        assert abs(v - x / scale) < 1
    assert all(table.values[i] != round_half_up(values[i] / scale) for i in table.adjusted)


@st.composite
def member_lists(draw):
    n = draw(st.integers(1, 8))
    if draw(st.booleans()):  # Andel: random integer percents summing to 100
        cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=n - 1, max_size=n - 1)))
        shares = [b - a for a, b in zip([0, *cuts], [*cuts, 100])]
        kommuner = [(f"K{i}", "Kommun", None, s) for i, s in enumerate(shares)]
    else:
        kommuner = [(f"K{i}", "Kommun", draw(st.integers(1, 10**6))) for i in range(n)]
    return [("Staten", "Stat"), ("Regionen", "Region"), *kommuner]


@FAST
@given(member_lists(), st.integers(0, 10**11).map(lambda c: D(c) / 100))
def test_contribution_split_sums_exactly_to_total(members, total):
    inp = annual_input(members=members, total_contribution=total)
    c, findings = member_contributions(inp, map_accounts(inp)[0])
    assert findings == []
    assert sum(s.amount for s in c.members) == c.total_amount == round_half_up(total)
    assert sum(s.share_of_total for s in c.members) - 100 < D("1e-20")
    for s in c.members:
        assert abs(s.amount - s.exact) < 1
    assert c.members[0].exact == total / 2 and c.members[1].exact == total / 4
