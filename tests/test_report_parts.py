"""The parts the law asks of the årsredovisning (issue 24): the law of the year, default texts that
state it right, the balanskrav stated as met / not met, the eget kapital's roll-forward, and the
findings that say which part is printed from a default."""

from __future__ import annotations

from pathlib import Path

from arsredovisning.checks.report_parts import check_report_parts
from arsredovisning.compute import compute_report
from arsredovisning.findings import Level, Location
from arsredovisning.model import Text

from .records import annual_input

ROOT = Path(__file__).resolve().parent.parent

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
