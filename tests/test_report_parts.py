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

from hypothesis import HealthCheck, assume, given, settings, strategies as st

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


def test_each_standard_text_finding_says_what_its_slot_says_and_what_to_confirm():
    """TEXT-STANDARD per slot: a slot that is not read off the figures never says it is; each names
    what the ekonom confirms before signing."""
    from arsredovisning.checks.report_parts import PART_DEFAULTS
    from arsredovisning.compute.management_parts import PARTS, default_text
    report, _ = compute_report(annual_input(DEFICIT, year=2024))
    standard = {f.location.file: f.message for f in check_report_parts(report) if f.id == "TEXT-STANDARD"}
    with_default = {p.key for p in PARTS if default_text(report.inp, p, report.financials, report.key_figures) is not None}
    assert with_default <= set(PART_DEFAULTS)
    after = standard["texter/handelser_efter_arets_slut.md"]
    assert "Inga väsentliga händelser har inträffat efter räkenskapsårets slut." in after
    assert "ingen uppgift ur siffrorna" in after and "en mening ur siffrorna" not in after
    assert "Bekräfta att inget väsentligt har hänt mellan årsskiftet och styrelsens beslut" in after
    principles = standard["texter/redovisningsprinciper.md"]
    assert "inte avviker från någon" in principles and "Bekräfta att förbundet inte avviker" in principles
    assert "en mening ur siffrorna" in standard["texter/oversikt.md"]
    for file, message in standard.items():
        assert "standardtext används – " in message and ("Bekräfta" in message or "skriv" in message.lower()), file
        assert message.endswith("om förbundets egen text ska tryckas i stället."), file


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


def test_the_example_states_the_law_of_1997_the_balanskrav_and_the_decisions(example_build):
    """The 2016 example (a year before LKBR) as built: the law of 1997, the balanskrav not met with
    2015's unrestored deficit, the eget kapital's own table, the styrelse deciding in its own voice."""
    import re
    html = (example_build / "arsredovisning-2016.html").read_text(encoding="utf-8")
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


def test_the_example_splits_the_state_money_in_note_1(example_build):
    import re
    html = (example_build / "arsredovisning-2016.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).replace("\u202f", " ").replace("\u00a0", " ").split())
    assert "Bidrag Försäkringskassan 2 897 694 2 200 000" in text
    assert "Bidrag Försäkringskassan utöver medlemsbidraget 454 324 –" in text
    assert ("Medlemmarnas medlemsbidrag är 5 795 388 kr. Med övriga intäkter, 454 324 kr, är verksamhetens intäkter "
            "6 249 712 kr.") in text
    assert re.search(r"Åtaganden: beviljade men ej förbrukade insatsmedel .*? Drop-outs \(#jagmed\) 700 000 0 700 000", text)
    assert "Kostnaden för revision, som omfattar räkenskapsrevisionen, är 54 000 kr" in text


# ---- Point 7: figures that agree -------------------------------------------------------------

# Last year closed at 1 240 412,50 kr (printed 1 240 413); this year's result is −10,40 (printed −10)
# and its closing 1 240 402,10 (printed 1 240 402). Printed 1 240 413 − 10 ≠ 1 240 402: a footing
# difference that used to make this year's opening 1 240 412 on some pages. The only other line of
# the equity side (Leverantörsskulder) cannot take it within rounding.
FOOTING = [(1930, "Bank", "1290401.70", "1290412.50"), (2010, "Eget kapital", "-1240412.50", "-1200000.00"),
           (2440, "Leverantörsskulder", "-49999.60", -50000), (3010, "Medlemsbidrag", -100000, -100000),
           (4510, "Projektmedel", "100010.40", "59587.50")]


def _two_years(unit: str, opening: D, results: tuple[D, D], debts: tuple[D, D], income: D = D(1000000)):
    """The year before (2023) and this year (2024) of one förbund, each its own input as its årsmapp
    gives it: opening eget kapital 2023 ``opening``, årets resultat ``results`` (2023, 2024),
    leverantörsskulder at each year's end ``debts``; the bank balance makes each side equal."""
    closing23 = opening + results[0]
    closing24 = closing23 + results[1]

    def year(y: int, eq_open: D, prior_open: D, res: D, prior_res: D, debt: D, prior_debt: D):
        rows = [(1930, "Bank", str(eq_open + res + debt), str(prior_open + prior_res + prior_debt)),
                (2010, "Eget kapital", str(-eq_open), str(-prior_open)),
                (2440, "Leverantörsskulder", str(-debt), str(-prior_debt)),
                (3010, "Medlemsbidrag", str(-income), str(-income)),
                (4510, "Projektmedel", str(income - res), str(income - prior_res))]
        return annual_input(rows, year=y, unit=unit)

    before = year(2023, opening, opening, results[0], D(0), debts[0], debts[0])
    this = year(2024, closing23, opening, results[1], results[0], debts[1], debts[0])
    assert closing24 == this.accounts[0].amount - debts[1]
    return before, this


def _printed_equity(before, this):
    """Every place the 2024 report prints an eget kapital at a year's start or end, and the 2023
    report's own printed closing."""
    from dataclasses import replace
    from arsredovisning.compute.years import History, from_report
    from arsredovisning.present.management_report import position
    from arsredovisning.present.multi_year import multi_year_view
    from arsredovisning.present.rounding import round_financials
    from arsredovisning.present.view import build_document
    from .test_render import PlainTexts

    unit = this.organisation.unit.value
    old, _ = compute_report(before)
    report, _ = compute_report(this)
    history = History((from_report(this, report.financials, report.key_figures, "2024"),
                       from_report(before, old.financials, old.key_figures, "2023")))
    report = replace(report, history=history)
    shown = round_financials(report.financials, unit)
    doc = build_document(report, PlainTexts())
    section = {x.id: x.data for x in doc.sections}
    note = next(d for d in section["noter"].notes if d.note.key == "eget_kapital")
    pos = position(this, shown, report.financials, None, history)
    years = multi_year_view(history, unit)
    ek_row = next(r for r in years.rows if r.key == "eget_kapital")
    brief = section["arets-korthet"]
    return {
        "last_report_closing": round_financials(old.financials, unit).balance_sheet.value("eget_kapital", 0),
        "br": (shown.balance_sheet.value("eget_kapital", 0), shown.balance_sheet.value("eget_kapital", 1)),
        "result": shown.income_statement.value("arets_resultat", 0),
        "note": note,
        "roll": {label: values for label, values, _ in pos.roll_forward.rows},
        "position": dict(pos.rows)["Eget kapital"],
        "decision": section["beslut"],
        "years": dict(zip(years.years, ek_row.values)),
        "brief": next(r.values for r in brief.rows if r.key == "eget_kapital"),
        "brief_span": dict(zip(brief.span.years, next(r.values for r in brief.span_rows if r.key == "eget_kapital"))),
    }


def _assert_every_opening_is_last_years_closing(p) -> int:
    """All printed openings equal last year's printed closing; every table foots; returns the
    footing line of 2024 (0 or ±1)."""
    closing, prior = p["br"]
    assert prior == p["last_report_closing"]  # 2023 as its own report printed it
    assert p["years"] == p["brief_span"] == {2023: prior, 2024: closing}  # flerårsöversikt, Året i korthet
    assert p["brief"] == (closing, prior) and p["position"] == (closing, prior)
    roll = p["roll"]
    assert roll["Eget kapital vid årets början"][0] == prior and roll["Eget kapital vid årets slut"][0] == closing
    rounding = roll.get("Avrundning", (0, 0))
    assert roll["Eget kapital vid årets början"][0] + roll["Årets resultat"][0] + rounding[0] == closing
    assert abs(rounding[0]) <= 1 and abs(rounding[1]) <= 1
    d = p["decision"]
    assert (d.opening_equity, d.result, d.closing_equity) == (prior, p["result"], closing)
    assert d.opening_equity + d.result + d.footing == d.closing_equity and d.footing == rounding[0]
    note = p["note"]
    openings = [r.values for r in note.rows if not r.row.is_result and r.row.label != "Avrundning"]
    assert sum(v[0] for v in openings) == prior  # Not: the accounts holding the opening equity
    assert sum(v[1] for v in openings) == roll["Eget kapital vid årets början"][1]
    for c in range(2):
        assert sum(r.values[c] for r in note.rows) == note.total[c] == p["br"][c]
    note_rounding = next((r.values for r in note.rows if r.row.label == "Avrundning"), (0, 0))
    assert tuple(note_rounding) == tuple(rounding)
    return rounding[0]


def test_a_footing_difference_never_changes_next_years_opening_eget_kapital():
    """The example-like case in kr with öre: the opening is 1 240 413 on every page, the closing its
    own rounding 1 240 402 on every page (this report, the flerårsöversikt, next year's prior-year
    column), and the one krona between them is the line Avrundning of the eget kapital tables."""
    before, this = _two_years("kr", D("1200000.00"), (D("40412.50"), D("-10.40")), (D(50000), D("49999.60")))
    p = _printed_equity(before, this)
    assert p["br"] == (1240402, 1240413) and p["result"] == -10
    assert _assert_every_opening_is_last_years_closing(p) == -1
    assert p["roll"]["Avrundning"] == (-1, 0)


def test_a_footing_difference_in_tkr():
    """tkr: 2023 closes at 1 240 412 500 kr (1 240 413 tkr), 2024's result is −10 400 kr (−10 tkr),
    2024 closes at 1 240 402 100 kr (1 240 402 tkr)."""
    before, this = _two_years("tkr", D(1200000000), (D(40412500), D(-10400)), (D(50000000), D(49999600)))
    p = _printed_equity(before, this)
    assert p["br"] == (1240402, 1240413) and p["result"] == -10
    assert _assert_every_opening_is_last_years_closing(p) == -1


amounts_kr = st.decimals(min_value=D("-5000000"), max_value=D("5000000"), places=2)
amounts_tkr = st.integers(min_value=-500_000_000, max_value=500_000_000).map(D)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(unit_amounts=st.one_of(st.tuples(st.just("kr"), st.lists(amounts_kr, min_size=5, max_size=5)),
                              st.tuples(st.just("tkr"), st.lists(amounts_tkr, min_size=5, max_size=5))))
def test_printed_openings_equal_last_years_printed_closing_for_any_amounts(unit_amounts):
    """Random amounts whose rounded parts do not foot (a footing difference in 2024): every printed
    opening eget kapital is last year's printed closing, in every table."""
    from arsredovisning.money import in_unit, round_half_up
    unit, (opening, r23, r24, d23, d24) = unit_amounts
    opening, d23, d24 = abs(opening) + 1, abs(d23), abs(d24)
    closing23 = opening + r23

    def shown(x):
        return round_half_up(in_unit(x, unit))
    assume(shown(closing23) + shown(r24) != shown(closing23 + r24))  # a footing difference planted
    before, this = _two_years(unit, opening, (r23, r24), (d23, d24))
    p = _printed_equity(before, this)
    assert _assert_every_opening_is_last_years_closing(p) in (-1, 1)


def test_volyminsats_counts_are_never_added_to_deltagare():
    """Webbinariet (a Volyminsats) had 1 050 views: they are deltaganden of their own, not deltagare."""
    from dataclasses import replace
    from arsredovisning.present.rounding import round_financials
    from arsredovisning.present.year_in_brief import participation, year_in_brief

    inp = annual_input(STATE_MONEY, members=STATE_MEMBERS, interventions=[
        ("Steget", "Individ", 500000, 480000, 40), ("Nätverket", "Struktur", 200000, 190000, 109),
        ("Webbinariet", "Struktur", 50000, 45000, 1050)])
    inp = replace(inp, interventions=tuple(replace(i, volume=i.name == "Webbinariet") for i in inp.interventions))
    report, _ = compute_report(inp)
    people = participation(inp.interventions)
    assert (people.individual, people.structural, people.volume) == (40, 109, 1050)
    brief = year_in_brief(2016, "kr", round_financials(report.financials, "kr"), report.key_figures, people)
    rows = {r.label: r.values[0] for r in brief.rows}
    assert rows["Deltagare i strukturövergripande insatser"] == 109
    assert rows["Deltaganden i volyminsatser"] == 1050
    lines = " ".join(brief.lines).replace("\u202f", " ")
    assert "40 deltagare har tagit del av de individinriktade insatserna och 109 av de strukturövergripande." in lines
    assert "1 159" not in lines and "1 050 deltaganden" in lines


def test_deltagare_have_one_definition_on_every_page():
    """A Volyminsats among the individinriktade insatser (Webbkursen, 300 views): the flerårsöversikt,
    Året i korthet (this year and over the years), the key figure and the exported Året i korthet
    print the same deltagare (40 persons) and the same kostnad per deltagare (480 000 / 40)."""
    from dataclasses import replace
    from arsredovisning.compute.years import History, from_report
    from arsredovisning.export.json_export import year_in_brief_export
    from arsredovisning.present.multi_year import multi_year_view
    from arsredovisning.present.view import build_document
    from .test_render import PlainTexts

    def year(y: int, views: int):
        inp = annual_input(STATE_MONEY, year=y, members=STATE_MEMBERS, interventions=[
            ("Steget", "Individ", 500000, 480000, 40), ("Webbkursen", "Individ", 50000, 45000, views),
            ("Nätverket", "Struktur", 200000, 190000, 109)])
        return replace(inp, interventions=tuple(replace(i, volume=i.name == "Webbkursen") for i in inp.interventions))

    before, this = year(2015, 250), year(2016, 300)
    old, _ = compute_report(before)
    report, _ = compute_report(this)
    assert report.key_figures["antal_deltagare"].value == 40 and report.key_figures["antal_deltagare_struktur"].value == 109
    history = History((from_report(this, report.financials, report.key_figures, "2016"),
                       from_report(before, old.financials, old.key_figures, "2015")))
    report = replace(report, history=history)
    years = multi_year_view(history, "kr")
    table = {r.key: dict(zip(years.years, r.values)) for r in years.rows}
    assert table["antal_deltagare"] == {2015: 40, 2016: 40}
    assert table["kostnad_per_deltagare"] == {2015: 12000, 2016: 12000}
    brief = {x.id: x.data for x in build_document(report, PlainTexts()).sections}["arets-korthet"]
    rows = {r.key or r.label: r.values for r in brief.rows}
    assert rows["antal_deltagare"][0] == 40 and rows["kostnad_per_deltagare"][0] == 12000
    assert rows["Deltaganden i volyminsatser"][0] == 300
    span = {r.key: dict(zip(brief.span.years, r.values)) for r in brief.span_rows if r.key}
    assert span["antal_deltagare"] == table["antal_deltagare"] and span["kostnad_per_deltagare"][2016] == 12000
    assert "40 deltagare har tagit del av de individinriktade insatserna och 109 av de strukturövergripande." in \
        " ".join(brief.lines).replace("\u202f", " ")
    exported = {r["text"]: r["varden"] for r in year_in_brief_export(report)["rader"]}
    assert exported["Deltagare i individinriktade insatser"][0] == 40  # the export prints what the page prints
    assert exported["Kostnad per deltagare, individinriktade insatser"][0] == 12000


def test_tabell_1_says_why_its_total_is_more_than_the_deltagare():
    """Tabell 1 adds every row (the national template); with a Volyminsats among them a note on
    Totalt says its deltaganden are not deltagare, and names no figure (masking)."""
    from dataclasses import replace
    from arsredovisning.compute.appendix_tables import appendix_tables
    inp = annual_input(STATE_MONEY, members=STATE_MEMBERS, interventions=[
        ("Steget", "Individ", 500000, 480000, 40), ("Webbkursen", "Individ", 50000, 45000, 300)])
    plain = appendix_tables(inp).t1
    assert plain.total.cells[1] == 340 and not plain.total.notes
    inp = replace(inp, interventions=tuple(replace(i, volume=i.name == "Webbkursen") for i in inp.interventions))
    t1 = appendix_tables(inp).t1
    assert t1.total.cells[1] == 340 and len(t1.total.notes) == 1
    note = next(f for f in t1.footnotes if f.number == t1.total.notes[0])
    assert note.text == ("Volyminsatsernas antal (Volyminsats Ja) är deltaganden: de ingår i Totalt men inte i "
                         "förbundets antal deltagare.")


def test_an_outcome_footnote_says_only_what_is_true_for_its_row():
    from arsredovisning.present.appendix_views import outcome_remark
    waiting = outcome_remark((("Fortsatt i aktivitet", 3), ("I väntan på insats", 5)), 8, 3)
    assert waiting == ("Utfallen (8) är fler än insatsens deltagare under året (3): 5 redovisas som ”i väntan på insats” "
                       "och har ännu inte börjat i insatsen.")
    plain = outcome_remark((("Studier", 1), ("Avbrott", 1), ("Fortsatt i aktivitet", 5)), 7, 6)
    assert plain == "Utfallen (7) är fler än insatsens deltagare under året (6)." and "mer än ett utfall" not in plain
    assert outcome_remark((("Arbete", 2),), 2, 5) is None
    # a masked waiting count is not summed nor stated (it would undo the small-number protection)
    from arsredovisning.compute.tables import Masked
    masked = outcome_remark((("Fortsatt i aktivitet", 6), ("I väntan på insats", Masked(5, True))), 8, 6)
    assert masked == "Utfallen (8) är fler än insatsens deltagare under året (6)."


def test_no_workbook_words_in_the_published_example(example_build):
    """Sources and notes in reader words: no indata, bladet, sheet, file or check names."""
    import re
    html = (example_build / "arsredovisning-2016.html").read_text(encoding="utf-8")
    body = html[html.index("<body"):]
    # (the "Upplysning om avvikelse" boxes are issue 23's to remove; the stamp is the revisor's)
    body = re.sub(r'<aside class="disclosures".*?</aside>', " ", body, flags=re.S)
    text = " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)\b.*?</\1>", " ", body, flags=re.S)).split())
    text = re.sub(r"Kontrollsumma indata \w+", "", text)  # the version stamp for the revisor (last page)
    for word in ("indata", "bladet", "JSON", "arbetsbok", "Saldobalans"):
        assert word not in text, (word, text[max(0, text.find(word) - 200):text.find(word) + 100])
    assert "Källa: insatsernas redovisning till förbundet." in text


# ---- Point 8: words for readers ----------------------------------------------------------------


def test_meeting_lines_are_grammatical_for_any_organ():
    from arsredovisning.present.management_report import GrantedList
    from arsredovisning.present.people import meeting_lead
    assert meeting_lead("Styrelse", 6) == "Styrelsen har genomfört 6 möten:"
    assert meeting_lead("styrelsen", 1) == "Styrelsen har genomfört 1 möte:"
    assert meeting_lead("Beredningsgrupp", 5) == "Beredningsgruppen har genomfört 5 möten:"
    assert meeting_lead("Planeringsdagar", 2) == "Planeringsdagar (2 tillfällen):"
    assert meeting_lead("ordförandena i  länets förbund", 1) == "Ordförandena i länets förbund (1 tillfälle):"
    assert GrantedList("individinriktade", ("Steget",)).phrase == "1 individinriktad insats"
    assert GrantedList("strukturövergripande", ("A", "B")).phrase == "2 strukturövergripande insatser"


# ---- Point 9: signatures -------------------------------------------------------------------------


def _board(*rows):
    from datetime import date
    from arsredovisning.model import Body, Person
    from .records import loc
    return tuple(Person(name, "ledamot", Body.STYRELSE, seat, start and date.fromisoformat(start), end and date.fromisoformat(end),
                        None, None, loc("Personer", n)) for n, (name, seat, start, end) in enumerate(rows, start=2))


def _seat_findings(persons, decided="2025-02-10"):
    from dataclasses import replace
    from datetime import date
    from arsredovisning.checks.report_parts import check_seats
    from arsredovisning.present import people
    inp = annual_input(STATE_MONEY, members=STATE_MEMBERS, year=2024, persons=persons)
    inp = replace(inp, organisation=replace(inp.organisation, decision_date=date.fromisoformat(decided)))
    return check_seats(inp), [s.name for s in people.signatories(inp.persons, 2024, inp.organisation.decision_date)]


def test_two_ordinary_members_on_one_seat_on_beslutsdatum_is_a_warning():
    """The double seat planted: Försäkringskassan's two ordinary members both still in office."""
    found, signing = _seat_findings(_board(("Anna Ek", "Region Test", None, None),
                                           ("Bo Berg", "Försäkringskassan", None, None),
                                           ("Cia Dahl", "Försäkringskassan", "2024-10-01", None)))
    assert [(f.id, f.level, f.location.cell) for f in found] == [("SIGN-DUBBEL-PLATS", Level.WARNING, "A4")]
    assert "Bo Berg och Cia Dahl" in found[0].message
    assert signing == ["Anna Ek", "Bo Berg", "Cia Dahl"]  # exactly the sitting ordinary members


def test_an_overlap_during_the_year_and_a_vacant_seat():
    found, signing = _seat_findings(_board(("Anna Ek", "Region Test", None, None),
                                           ("Bo Berg", "Försäkringskassan", None, "2024-12-31"),
                                           ("Cia Dahl", "Försäkringskassan", "2024-10-01", None),
                                           ("Vakant", "Aby kommun", None, None)))
    assert sorted(f.id for f in found) == ["SIGN-VAKANT", "STYRELSE-DUBBEL-PLATS"]
    overlap = next(f for f in found if f.id == "STYRELSE-DUBBEL-PLATS")
    assert "2024-10-01–2024-12-31" in overlap.message
    assert signing == ["Anna Ek", "Cia Dahl"]
    found, _ = _seat_findings(_board(("Bo Berg", "Försäkringskassan", None, "2024-09-30"),
                                     ("Cia Dahl", "Försäkringskassan", "2024-10-01", None)))
    assert found == []  # one after the other: no finding


# ---- Point 10: Året i korthet ------------------------------------------------------------------


def test_key_lines_of_the_year_in_brief():
    from arsredovisning.present.year_in_brief import key_lines
    lines = [x.replace("\u202f", " ") for x in key_lines(
        2024, "kr", 90000, 223500, D("29.51"), D("30"),
        (("Arbete", 12), ("Studier", 6), ("Fortsatt i aktivitet", 42)), None)]
    assert lines == ["Årets resultat, 223 500 kr, är 133 500 kr bättre än budgeterat (90 000 kr).",
                     "Eget kapital motsvarar 29,5 % av medlemsbidraget, inom riktvärdet om högst 30,0 %.",
                     "Av de 60 utfall som de individinriktade insatserna har redovisat är 18 arbete eller studier (30 %)."]
    assert key_lines(2024, "kr", None, -5, None, None, (), None) == ()
