"""The Finsam split of the medlemsbidrag and its checks (MEDLEM-*, EK-RIKTVARDE)."""

from decimal import Decimal as D

from arsredovisning.checks.contributions import check_contributions, contribution_reconciliations
from arsredovisning.compute.contributions import Basis, TotalSource, member_contributions
from arsredovisning.compute.financials import compute_financials
from arsredovisning.compute.ledger import map_accounts
from arsredovisning.findings import Level
from tests.records import annual_input

NNBSP = "\u202f"


def split(**kw):
    inp = annual_input(kw.pop("accounts", ()), **kw)
    return member_contributions(inp, map_accounts(inp)[0])


def test_finsam_split_by_population_rounds_once_and_sums_exactly():
    c, findings = split(total_contribution=1_000_001)  # Aby 6 000, Bby 4 000 invånare
    assert findings == []
    assert c.basis is Basis.POPULATION and c.source is TotalSource.ORGANISATION
    assert [s.exact for s in c.members] == [D("500000.5"), D("250000.25"), D("150000.15"), D("100000.1")]
    assert [s.amount for s in c.members] == [500_001, 250_000, 150_000, 100_000]
    assert sum(s.amount for s in c.members) == c.total_amount == 1_000_001
    assert [s.share_of_total for s in c.members] == [50, 25, 15, 10]
    assert [s.share_of_quarter for s in c.members] == [None, None, 60, 40]


def test_largest_remainder_when_half_up_does_not_sum():
    members = [("Staten", "Stat"), ("Regionen", "Region"), ("A", "Kommun", 1), ("B", "Kommun", 1), ("C", "Kommun", 1)]
    c, _ = split(members=members, total_contribution=100)
    # kommunerna 8,33 each: half-up 8 + 8 + 8 = 24 ≠ 25; the first (ties: member order) takes the krona
    assert [s.amount for s in c.members] == [50, 25, 9, 8, 8]
    assert sum(s.amount for s in c.members) == 100


def test_andel_overrides_invanare():
    members = [("Staten", "Stat"), ("Regionen", "Region"), ("A", "Kommun", 9_000, 25), ("B", "Kommun", 1_000, 75)]
    c, findings = split(members=members, total_contribution=400)
    assert findings == [] and c.basis is Basis.SHARE
    assert [s.amount for s in c.members] == [200, 100, 25, 75]


def test_andel_must_sum_to_100():
    members = [("Staten", "Stat"), ("Regionen", "Region"), ("A", "Kommun", None, D("10.66")), ("B", "Kommun", None, D("89.33"))]
    c, findings = split(members=members, total_contribution=100)
    assert c is None
    assert [(f.id, f.level) for f in findings] == [("MEDLEM-ANDELAR", Level.ERROR)]
    assert f"99,99{NNBSP}%" in findings[0].message and "A 10,66" in findings[0].message


def test_andel_missing_for_some_kommun():
    members = [("Staten", "Stat"), ("Regionen", "Region"), ("A", "Kommun", 10, 100), ("B", "Kommun", 10)]
    c, findings = split(members=members, total_contribution=100)
    assert c is None and [f.id for f in findings] == ["MEDLEM-ANDELAR"]
    assert findings[0].message.startswith("B saknar Andel")
    assert findings[0].location.cell == "A5"


def test_invanare_missing():
    members = [("Staten", "Stat"), ("Regionen", "Region"), ("A", "Kommun", 10), ("B", "Kommun")]
    c, findings = split(members=members, total_contribution=100)
    assert c is None and [f.id for f in findings] == ["MEDLEM-ANDELAR"]
    assert "B saknar Invånare" in findings[0].message


def test_single_kommun_takes_the_whole_quarter():
    c, findings = split(members=[("Staten", "Stat"), ("Regionen", "Region"), ("A", "Kommun")], total_contribution=1000)
    assert findings == [] and c.basis is Basis.SINGLE
    assert [s.amount for s in c.members] == [500, 250, 250]


def test_member_types():
    two_states = [("S1", "Stat"), ("S2", "Stat"), ("R", "Region"), ("A", "Kommun", 1)]
    c, findings = split(members=two_states, total_contribution=100)
    assert c is None and [(f.id, f.level) for f in findings] == [("MEDLEM-TYP", Level.ERROR)]
    assert "Typ Stat" in findings[0].message and "S1, S2" in findings[0].message
    c, findings = split(members=[("S", "Stat"), ("R", "Region")], total_contribution=100)
    assert [f.id for f in findings] == ["MEDLEM-TYP"] and "Kommun" in findings[0].message
    c, findings = split(members=[("S", "Stat"), ("A", "Kommun")], total_contribution=100)
    assert [f.id for f in findings] == ["MEDLEM-TYP"] and "Typ Region" in findings[0].message


BOOKED = [
    (1930, "Bank", 1_000, 0),
    (2010, "Eget kapital", 0, 0),
    (3511, "Bidrag staten", -500, 0),
    (3521, "Bidrag regionen", -250, 0),
    (3531, "Bidrag Aby", -150, 0),
    (3532, "Bidrag Bby", -100, 0),
]
BOOKED_MEMBERS = [
    ("Staten", "Stat", None, None, 3511),
    ("Regionen", "Region", None, None, 3521),
    ("Aby kommun", "Kommun", 6000, None, 3531),
    ("Bby kommun", "Kommun", 4000, None, 3532),
]


def test_total_falls_back_to_booked_accounts():
    c, findings = split(accounts=BOOKED, members=BOOKED_MEMBERS)
    assert findings == [] and c.source is TotalSource.BOOKED
    assert c.total == 1_000 and [s.amount for s in c.members] == [500, 250, 150, 100]
    assert [s.booked for s in c.members] == [500, 250, 150, 100]


def test_without_total_and_konto_the_split_is_skipped_with_info():
    c, findings = split()
    assert c is None
    assert [(f.id, f.level) for f in findings] == [("MEDLEM-TOTAL-SAKNAS", Level.INFO)]


def test_booked_vs_computed_share():
    accounts = [*BOOKED[:4], (3531, "Bidrag Aby", "-150.40", 0), (3532, "Bidrag Bby", -100, 0)]
    accounts[0] = (1930, "Bank", "1000.40", 0)
    inp = annual_input(accounts, members=BOOKED_MEMBERS, total_contribution=1_001)
    fin, _ = compute_financials(inp)
    records = contribution_reconciliations(inp, fin)
    # exact shares of 1 001: 500,50 / 250,25 / 150,15 / 100,10; booked 500 / 250 / 150,40 / 100
    assert [(r.id, r.level) for r in records] == [("MEDLEM-BOKFORT", None)] * 4
    by_name = {r.description.split(":")[0]: r for r in records}
    assert by_name["Medlemsbidrag Staten"].level is None  # |500 − 500,50| = 0,50 ≤ 0,50
    assert by_name["Medlemsbidrag Aby kommun"].difference == D("0.25")
    assert check_contributions(inp, fin) == []


def test_booked_difference_above_half_krona_is_a_warning_with_both_sides():
    accounts = [(1930, "Bank", 1_000, 0), (2010, "EK", 0, 0), (3511, "Bidrag staten", -700, 0), (3531, "Bidrag Aby", -300, 0)]
    members = [("Staten", "Stat", None, None, 3511), ("Regionen", "Region", None, None, 3521), ("Aby kommun", "Kommun", 1, None, 3531)]
    inp = annual_input(accounts, members=members, total_contribution=1_000)
    fin, _ = compute_financials(inp)
    findings = check_contributions(inp, fin)
    assert [(f.id, f.level) for f in findings] == [("MEDLEM-BOKFORT", Level.WARNING)] * 3
    staten, regionen, aby = findings
    assert f"700{NNBSP}kr" in staten.message and f"500{NNBSP}kr" in staten.message and f"skillnad 200{NNBSP}kr" in staten.message
    assert f"skillnad \u2212250{NNBSP}kr" in regionen.message  # konto 3521 is not in the saldobalans: 0 booked
    assert aby.location.sheet == "Medlemmar" and aby.location.cell == "A4"


def test_equity_within_target_is_ok():
    accounts = [(1930, "Bank", 100, 0), (2010, "EK", -100, 0)]
    inp = annual_input(accounts, total_contribution=1_000, equity_target_pct=10)
    fin, _ = compute_financials(inp)
    (record,) = contribution_reconciliations(inp, fin)
    assert (record.id, record.level, record.left, record.right) == ("EK-RIKTVARDE", None, D(10), D(10))
    assert check_contributions(inp, fin) == []
