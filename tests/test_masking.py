"""Small-number protection: primary masking of 1 … N−1, secondary suppression so that no hidden
count can be recomputed from the row and column totals."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arsredovisning.compute.appendix_tables import appendix_tables
from arsredovisning.compute.masking import mask
from arsredovisning.compute.tables import Masked
from tests.records import annual_input


def shown(table):
    return [[str(c) if isinstance(c, Masked) else c for c in r.cells] for r in (*table.rows, table.total)]


def gender_table(rows, other=False):
    """Tabell 5 from (women, men[, other]) per insats; Deltagare = the row sum."""
    names = [f"Insats {n}" for n in range(len(rows))]
    inp = annual_input(
        interventions=[(name, "Individ", 0, 0, sum(r)) for name, r in zip(names, rows)],
        genders=[(name, *r) for name, r in zip(names, rows)],
        has_gender_other=other,
    )
    return appendix_tables(inp).t5


def municipality_table(rows):
    """Tabell 6 with one kommun per count column."""
    k = len(rows[0])
    members = (("Staten", "Stat"), ("Region", "Region")) + tuple((f"K{j} kommun", "Kommun", 1000) for j in range(k))
    names = [f"Insats {n}" for n in range(len(rows))]
    inp = annual_input(
        members=members,
        interventions=[(name, "Individ", 0, 0, sum(r)) for name, r in zip(names, rows)],
        municipalities=[(name, [(f"K{j} kommun", v) for j, v in enumerate(r)], 0) for name, r in zip(names, rows)],
    )
    return appendix_tables(inp).t6


# --- independent checker (numpy rank, not the implementation's elimination) ----------------------


def hidden_positions(masked):
    grid = [*masked.rows, masked.total]
    return {(i, j) for i, r in enumerate(grid) for j, c in enumerate(r.cells) if isinstance(c, Masked)}


def recoverable(original, masked):
    """Hidden cells whose value follows from the published identities: every row (total row
    included) sums to its Totalt, every column's body sums to its column total."""
    hidden = sorted(hidden_positions(masked))
    if not hidden:
        return []
    cols = [j for j, c in enumerate(original.columns) if c.maskable]
    tot = original.column_index("total")
    n = len(original.rows)
    index = {p: k for k, p in enumerate(hidden)}
    eqs = []
    for i, r in enumerate([*original.rows, original.total]):
        if r.cells[tot] is None:
            continue
        eqs.append({(i, j): 1 for j in cols})
    for j in cols:
        eq = {(i, j): 1 for i in range(n) if original.rows[i].cells[j] is not None}
        eq[(n, j)] = -1
        eqs.append(eq)
    a = np.array([[eq.get(p, 0) for p in hidden] for eq in eqs], dtype=float)
    rank = np.linalg.matrix_rank(a)
    out = []
    for p in hidden:
        e = np.zeros(len(hidden))
        e[index[p]] = 1
        if np.linalg.matrix_rank(np.vstack([a, e])) == rank:
            out.append(p)
    return out


def lines_with_one_hidden(original, masked):
    """The weaker, obvious property: no row/column whose total is shown has exactly one hidden cell."""
    cols = [j for j, c in enumerate(original.columns) if c.maskable]
    grid = [*masked.rows, masked.total]
    bad = []
    for i, r in enumerate(grid):
        if sum(isinstance(r.cells[j], Masked) for j in cols) == 1:
            bad.append(("rad", i))
    for j in cols:
        if sum(isinstance(r.cells[j], Masked) for r in grid) == 1:
            bad.append(("kolumn", j))
    return bad


def check(original, masked, under):
    assert recoverable(original, masked) == []
    assert lines_with_one_hidden(original, masked) == []
    cols = {j for j, c in enumerate(original.columns) if c.maskable}
    for i, (o, m) in enumerate(zip([*original.rows, original.total], [*masked.rows, masked.total])):
        for j, (a, b) in enumerate(zip(o.cells, m.cells)):
            small = j in cols and isinstance(a, int) and 1 <= a < under
            if small:
                assert b == Masked(under, True), (i, j, a, b)  # every small count is hidden as <N
            elif isinstance(b, Masked):
                assert not b.primary and j in cols  # only counts, and only as secondary
            else:
                assert b == a  # everything else is untouched
    assert masked.masked_under == under
    for r in masked.rows:  # Totalt (= Deltagare, published in Tabell 1) is never hidden
        assert not isinstance(r.cells[original.column_index("total")], Masked)


# --- examples -----------------------------------------------------------------------------------


def test_small_counts_show_as_less_than_n_and_a_partner_is_hidden():
    t5 = gender_table([(31, 32), (4, 6), (18, 9), (5, 4)])
    m = mask(t5, under=5)
    assert shown(m) == [
        [31, 32, 63],
        ["<5", "..", 10],
        [18, 9, 27],
        ["..", "<5", 9],
        [58, 51, 109],
    ]
    assert m.mask_legend == "<5 = färre än 5 personer; .. = dolt så att små tal inte kan räknas fram ur summorna."
    check(t5, m, 5)


def test_a_zero_is_hidden_when_the_row_offers_nothing_else():
    # 0 women, 3 men, Totalt 3: hiding only "3" would leave 3 − 0 = 3 in plain sight.
    t5 = gender_table([(0, 3), (20, 30), (25, 10)])
    m = mask(t5, under=5)
    assert isinstance(m.rows[0].cells[0], Masked) and not m.rows[0].cells[0].primary
    assert str(m.rows[0].cells[1]) == "<5"
    check(t5, m, 5)


def test_column_with_one_hidden_cell_gets_a_second_one():
    t6 = municipality_table([(20, 15, 21), (12, 22, 3), (30, 10, 25)])
    m = mask(t6, under=5)
    check(t6, m, 5)
    assert str(m.rows[1].cells[2]) == "<5"
    assert sum(isinstance(r.cells[2], Masked) for r in (*m.rows, m.total)) >= 2


def test_a_cell_joining_two_hidden_blocks_is_not_left_recoverable():
    # Two 2×2 blocks of small counts joined by a small cell: every row and column then has ≥ 2 hidden
    # cells, yet the joining cell would follow from the totals (a bridge). The rank test catches it.
    rows = [
        (2, 3, 20, 20, 20),
        (3, 2, 1, 20, 20),
        (20, 20, 2, 3, 20),
        (20, 20, 3, 2, 20),
        (20, 20, 20, 20, 20),
    ]
    t6 = municipality_table(rows)
    check(t6, mask(t6, under=5), 5)


def test_rows_without_data_take_no_part():
    inp = annual_input(
        interventions=[("A", "Individ", 0, 0, 5), ("B", "Individ", 0, 0, 4), ("C", "Individ", 0, 0, 30)],
        genders=[("A", 2, 3), ("C", 10, 20)],
    )
    t5 = appendix_tables(inp).t5
    m = mask(t5, under=5)
    assert m.row("B").cells == (None, None, None)
    check(t5, m, 5)


def test_nothing_to_hide_leaves_the_table_as_is():
    t5 = gender_table([(31, 32), (18, 9)])
    m = mask(t5, under=5)
    assert shown(m) == shown(t5) and m.mask_legend is None and m.masked_under == 5


def test_other_tables_have_no_maskable_columns():
    inp = annual_input(interventions=[("A", "Individ", 10, 5, 3, 2)])
    t = appendix_tables(inp)
    for table in (t.t1, t.t3, t.t8):
        assert mask(table, 5).rows == table.rows


def test_deterministic():
    t5 = gender_table([(4, 6), (5, 4), (0, 3), (2, 2), (30, 30)], other=True)
    assert mask(t5, 5) == mask(t5, 5)


def test_masked_values_do_not_carry_the_true_count():
    m = mask(gender_table([(3, 7), (20, 20)]), 5)
    cell = m.rows[0].cells[0]
    assert cell == Masked(5, True) and "3" not in repr(cell)


# --- property -----------------------------------------------------------------------------------

small_skewed = st.one_of(st.integers(0, 6), st.integers(0, 40))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(2, 5).flatmap(
        lambda k: st.lists(st.tuples(*[small_skewed] * k), min_size=1, max_size=9)
    ),
    st.integers(2, 6),
)
def test_no_hidden_count_can_be_recomputed(rows, under):
    t6 = municipality_table(rows)
    check(t6, mask(t6, under=under), under)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(small_skewed, small_skewed, st.integers(0, 3)), min_size=1, max_size=9))
def test_no_hidden_count_can_be_recomputed_gender_with_other(rows):
    t5 = gender_table(rows, other=True)
    check(t5, mask(t5, under=5), 5)
