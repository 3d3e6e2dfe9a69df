"""`bygg --maskera-under N`: the published report hides small person counts everywhere they show."""

from pathlib import Path

from arsredovisning.compute.tables import Masked
from arsredovisning.pipeline import run_checks
from arsredovisning.compute import published
from tests.conftest import EXAMPLE


def _masked_report(under: int):
    result = run_checks(Path(EXAMPLE))
    return result.report, published(result.report, under)


def test_person_tables_and_pages_are_masked_consistently():
    exact, shown = _masked_report(5)
    t5 = shown.appendix.t5
    ips = t5.row("IPS")
    assert str(ips.cell(t5, "women")) == "<5"  # 4 women
    page = next(p for p in shown.individual if p.name == "IPS")
    assert isinstance(page.gender.women, Masked)  # the insats page hides what the table hides
    # The exact report (used by the revision underlag) keeps every figure.
    assert exact.appendix.t5.row("IPS").cell(exact.appendix.t5, "women") == 4


def test_no_small_count_left_in_person_tables():
    _, shown = _masked_report(5)
    for t in (shown.appendix.t5, shown.appendix.t6, shown.appendix.t7):
        for row in (*t.rows, t.total):
            for col, value in zip(t.columns, row.cells):
                if col.maskable and isinstance(value, int):
                    assert value == 0 or value >= 5, (t.key, row.label, col.key, value)


def test_kommun_comparison_hides_what_tabell_6_hides():
    _, shown = _masked_report(25)  # Laxå has 21 participants in all
    laxa = next(r for r in shown.appendix.shares.rows if r.short_name == "Laxå")
    assert isinstance(laxa.participants, Masked) and laxa.participant_pct is None
    kumla = next(r for r in shown.appendix.shares.rows if r.short_name == "Kumla")
    assert kumla.participants == 79
