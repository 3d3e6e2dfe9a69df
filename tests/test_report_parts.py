"""The parts the law asks of the årsredovisning (issue 24): the law of the year, default texts that
state it right, the balanskrav stated as met / not met, the eget kapital's roll-forward, and the
findings that say which part is printed from a default."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from arsredovisning.checks.report_parts import check_report_parts
from arsredovisning.compute import compute_report
from arsredovisning.findings import Level, Location
from arsredovisning.model import Text

from .records import annual_input

ROOT = Path(__file__).resolve().parent.parent
D0 = D(0)

# A deficit year: 1 000 000 medlemsbidrag, 1 100 000 projektmedel → årets resultat −100 000.
DEFICIT = [(1930, "Bank", 400000, 500000), (2010, "Eget kapital", -500000, -300000),
           (3010, "Medlemsbidrag", -1000000, -900000), (4510, "Projektmedel", 1100000, 700000)]


def _text(key: str, content: str) -> Text:
    return Text(key, content, Location(f"texter/{key}.md"))


def _ids(findings) -> list[tuple[str, Level]]:
    return sorted((f.id, f.level) for f in findings)


def test_defaults_are_named_and_a_deficit_without_decision_is_a_warning():
    report, _ = compute_report(annual_input(DEFICIT, year=2024))
    found = check_report_parts(report)
    standard = [f for f in found if f.id == "TEXT-STANDARD"]
    assert {f.location.file for f in standard} >= {"texter/redovisningsprinciper.md", "texter/balanskrav.md", "texter/beslut.md"}
    assert all(f.level is Level.INFO and "standardtext används" in f.message for f in standard)
    decision = [f for f in found if f.id == "BALANSKRAV-BESLUT"]
    assert len(decision) == 1 and decision[0].level is Level.WARNING
    assert "återställas inom tre år" in decision[0].message and "synnerliga skäl" in decision[0].message


def test_the_styrelses_text_silences_the_balanskrav_warning_and_its_default():
    texts = (_text("balanskrav", "Styrelsen beslutar att underskottet återställs 2025."),)
    report, _ = compute_report(annual_input(DEFICIT, year=2024, texts=texts))
    found = check_report_parts(report)
    assert "BALANSKRAV-BESLUT" not in {f.id for f in found}
    assert "texter/balanskrav.md" not in {f.location.file for f in found if f.id == "TEXT-STANDARD"}


def test_a_text_naming_the_wrong_law_for_the_year():
    texts = (_text("redovisningsprinciper", "Årsredovisningen är upprättad\nenligt lagen (1997:614) om kommunal redovisning."),)
    report, _ = compute_report(annual_input(DEFICIT, year=2024, texts=texts))
    wrong = [f for f in check_report_parts(report) if f.id == "TEXT-LAG"]
    assert len(wrong) == 1 and wrong[0].location.line == 2 and "2018:597" in wrong[0].message
    report, _ = compute_report(annual_input(DEFICIT, year=2016, texts=texts))
    assert not [f for f in check_report_parts(report) if f.id == "TEXT-LAG"]


def test_the_example_states_the_law_of_1997_the_balanskrav_and_the_decisions(arkiv_build):
    """The 2016 example (a year before LKBR) as built: the law of 1997, the balanskrav not met with
    2015's unrestored deficit, the eget kapital's own table, the styrelse deciding in its own voice."""
    import re
    html = (arkiv_build / "arsredovisning-2016.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).replace("\u202f", " ").replace("\u00a0", " ").split())
    assert "enligt lagen (1997:614) om kommunal redovisning och god redovisningssed" in text
    assert "2018:597" not in text
    assert "Balanskravet är inte uppfyllt. Årets balanskravsresultat är −32 323 kr." in text and "ryms" not in text
    assert re.search(r"Balanskravsresultat att återställa .*? 2015 −996 231 −996 231 2016 −32 323 −32 323", text)
    assert re.search(r"Förändring av eget kapital Belopp i kr 2016 2015 Eget kapital vid årets början 1 443 122 2 439 353 "
                     r"Årets resultat −32 323 −996 231 Eget kapital vid årets slut 1 410 799 1 443 122", text)
    assert "Styrelsen beslutar att godkänna årsredovisningen för år 2016" in text
    assert "Vi föreslår" not in text and "årsbudgeten" not in text


# ---- Point 5: the notes LKBR 9 kap. asks for --------------------------------------------------

# The state's medlemsbidrag (3511) and other state money (3512) share a Benämning, as in the example.
STATE_MONEY = [(1930, "Bank", 600000, 500000), (2010, "Eget kapital", -500000, -500000),
               (3511, "Bidrag Försäkringskassan", -500000, -400000), (3512, "Bidrag Försäkringskassan", -100000, 0),
               (3521, "Bidrag Region", -250000, -200000), (3531, "Bidrag Aby kommun", -250000, -200000),
               (4510, "Projektmedel", 950000, 750000), (6420, "Revision", 50000, 50000)]
STATE_MEMBERS = (("Staten, FK/AF", "Stat", None, None, 3511), ("Region Test", "Region", None, None, 3521),
                 ("Aby kommun", "Kommun", 6000, None, 3531))


def test_note_1_splits_the_states_medlemsbidrag_from_other_state_money():
    from arsredovisning.present.rounding import round_financials
    from arsredovisning.present.statement_views import income_line

    report, _ = compute_report(annual_input(STATE_MONEY, members=STATE_MEMBERS))
    note = next(n for n in report.financials.notes if n.key == "verksamhetens_intakter")
    assert [(r.label, r.values[0], r.member) for r in note.rows] == [
        ("Bidrag Försäkringskassan", 500000, True), ("Bidrag Region", 250000, True), ("Bidrag Aby kommun", 250000, True),
        ("Bidrag Försäkringskassan utöver medlemsbidraget", 100000, False)]
    shown = round_financials(report.financials, "kr")
    line = income_line(shown.notes, "kr").replace("\u202f", " ")
    assert line == ("Medlemmarnas medlemsbidrag är 1 000 000 kr. Med övriga intäkter, 100 000 kr, "
                    "är verksamhetens intäkter 1 100 000 kr.")


def _other(inp):
    from arsredovisning.present.statement_views import other_notes
    report, _ = compute_report(inp)
    return other_notes(inp, report.financials, "kr"), check_report_parts(report)


def test_pledges_print_inga_only_when_the_forbund_says_so():
    from dataclasses import replace
    inp = annual_input(STATE_MONEY, members=STATE_MEMBERS, year=2024)
    other, found = _other(inp)
    assert other.pledges == ()
    assert [f.level for f in found if f.id == "PANTER-SAKNAS"] == [Level.WARNING]  # an LKBR year
    said = replace(inp, organisation=replace(inp.organisation, pledged_assets=D0, contingent_liabilities=D0))
    other, found = _other(said)
    assert other.pledges == (("Ställda panter", 0), ("Ansvarsförbindelser", 0))  # printed "Inga"
    assert "PANTER-SAKNAS" not in {f.id for f in found}
    old = annual_input(STATE_MONEY, members=STATE_MEMBERS, year=2016)
    assert [f.level for f in _other(old)[1] if f.id == "PANTER-SAKNAS"] == [Level.INFO]


def test_unspent_grants_and_the_audit_cost():
    """Steget runs to 2026 with 900 000 granted: 300 000 before 2024 + 250 000 in 2024 → 350 000
    left. Nätverket ended in 2024 (no commitment); Bron started before 2024 without Utfall tidigare år."""
    from dataclasses import replace
    from datetime import date
    inp = annual_input(STATE_MONEY, members=STATE_MEMBERS, year=2024, interventions=[
        ("Steget", "Individ", 300000, 250000, 10), ("Nätverket", "Struktur", 100000, 90000, 0),
        ("Bron", "Individ", 100000, 80000, 5)])
    steget, natverket, bron = inp.interventions
    inp = replace(inp, interventions=(
        replace(steget, start=date(2023, 1, 1), end=date(2026, 6, 30), granted_total=D("900000"), actual_before=D("300000")),
        replace(natverket, start=date(2024, 1, 1), end=date(2024, 12, 31), granted_total=D("100000")),
        replace(bron, start=date(2023, 3, 1), end=None, granted_total=D("200000"))))
    other, found = _other(inp)
    assert other.grants == (("Steget", 900000, 550000, 350000),) and other.grants_total == 350000
    assert [f.location.cell for f in found if f.id == "INSATSMEDEL-OKANT"] == [bron.location.cell]
    assert other.audit.replace("\u202f", " ") == ("Kostnaden för revision, som omfattar räkenskapsrevisionen, är 50 000 kr "
                                                  "och ingår i verksamhetens kostnader.")
    given = replace(inp, organisation=replace(inp.organisation, audit_cost=D("32000")))
    assert _other(given)[0].audit.replace("\u202f", " ") == "Kostnaden för räkenskapsrevision är 32 000 kr."


def test_the_example_splits_the_state_money_in_note_1(arkiv_build):
    import re
    html = (arkiv_build / "arsredovisning-2016.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).replace("\u202f", " ").replace("\u00a0", " ").split())
    assert "Bidrag Försäkringskassan 2 897 694 2 200 000" in text
    assert "Bidrag Försäkringskassan utöver medlemsbidraget 454 324 –" in text
    assert ("Medlemmarnas medlemsbidrag är 5 795 388 kr. Med övriga intäkter, 454 324 kr, är verksamhetens intäkter "
            "6 249 712 kr.") in text
    assert re.search(r"Åtaganden: beviljade men ej förbrukade insatsmedel .*? Drop-outs \(#jagmed\) 700 000 0 700 000", text)
    assert "Kostnaden för revision, som omfattar räkenskapsrevisionen, är 54 000 kr" in text
