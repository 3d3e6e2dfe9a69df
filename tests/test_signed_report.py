"""The report a förbund signs (issue 12): decisions, revisor date, the attached revisionsberättelse,
Vakant seats, long dates, the balanskravsutredning, fact boxes and Året i korthet —
each on data written in the test (no PDF layout)."""

from __future__ import annotations

from datetime import date

import pikepdf

from arsredovisning import fmt
from arsredovisning.model import Body, Person
from arsredovisning.present import people

from arsredovisning.present.management_report import balance_requirement, equity_roll_forward, requirement_sentence, unrestored_results
from arsredovisning.present.pages import proposals
from arsredovisning.render.attachments import audit_report_pages

from .records import loc


def test_long_dates_in_running_text_iso_in_tables():
    assert fmt.long_date(date(2017, 2, 3)) == "3\u00a0februari 2017"
    assert fmt.span(date(2016, 11, 9), date(2016, 11, 9)) == "2016-11-09"  # one day: one date
    assert fmt.span(date(2016, 1, 1), date(2016, 12, 31)) == "2016-01-01\u20132016-12-31"
    assert fmt.span(None, None) == "\u2013"


def test_units_and_digit_groups_are_bound_in_prose():
    text = fmt.bind_units("Projektmedel om 700 000 kr, 25 % av 2016 200 personer, 5 krav")
    assert text == "Projektmedel om 700\u202f000\u202fkr, 25\u202f% av 2016 200 personer, 5 krav"


def test_proposals_carry_the_computed_amounts():
    """In the styrelse's own voice ("Styrelsen beslutar att …"): the eget kapital's disposition is a
    decision on its use, never a transfer "to the budget"."""
    assert proposals(2016, "kr", 1410799) == (
        "godkänna årsredovisningen för år 2016 och lämna den till förbundets revisorer och medlemmar",
        "det egna kapitalet vid årets slut, 1\u202f410\u202f799\u202fkr, ska användas för förbundets verksamhet "
        "enligt verksamhetsplanen och budgeten för 2017",
    )
    assert proposals(2020, "tkr", -12)[1].startswith("det negativa egna kapitalet vid årets slut, 12\u202ftkr, ska återställas")
    assert proposals(2020, "kr", 0) == ("godkänna årsredovisningen för år 2020 och lämna den till förbundets revisorer och medlemmar",)


def _person(name, body, role=None, **kw):
    return Person(name, role, body, kw.get("represents"), kw.get("start"), kw.get("end"), kw.get("phone"), None,
                  loc("Personer", 2))


def test_vacant_seats_are_listed_and_never_sign():
    persons = (
        _person("Anna Ek", Body.STYRELSE, "ordförande", phone="1"),
        _person("Vakant", Body.STYRELSE, "ledamot", represents="Bby kommun", phone="2"),
        _person("vakant", Body.BEREDNINGSGRUPP, "ersättare", represents="Region X"),
    )
    assert [s.name for s in people.signatories(persons, 2016, date(2017, 2, 1))] == ["Anna Ek"]
    assert [c.name for c in people.contacts(persons)] == ["Anna Ek"]
    lines = people.preparatory_group(persons, 2016)[0].persons
    assert [(p.name, p.vacant, p.represents) for p in lines] == [("Vakant", True, "Region X")]


def test_balanskravsutredning_and_the_balanskrav_stated():
    """The utredning ends at the balanskravsresultat (the eget kapital has its own table); the default
    sentence says whether the balanskrav is met and, when not, what the styrelse must decide: never
    that the deficit "ryms" in the eget kapital."""
    rows = balance_requirement(-32323)
    assert [(label, value) for label, value, _ in rows] == [
        ("Årets resultat", -32323), ("Balanskravsjusteringar", 0), ("Årets balanskravsresultat", -32323),
    ]
    sentence = requirement_sentence(-32323, "kr").replace("\u202f", " ")
    assert sentence.startswith("Balanskravet är inte uppfyllt. Årets balanskravsresultat är −32 323 kr.")
    assert "Styrelsen ska besluta hur och när underskottet ska återställas, eller ange de synnerliga skäl" in sentence
    assert "ryms" not in sentence
    assert requirement_sentence(5, "tkr").startswith("Balanskravet är uppfyllt.")


def test_unrestored_results_are_restored_oldest_first():
    """2013 −100, 2014 +60 restores 60 of 2013; 2015 −50; 2016 +70 restores the rest of 2013 (40) and 30 of 2015."""
    rows = unrestored_results(((2013, -100), (2014, 60), (2015, -50), (2016, 70)))
    assert [(r.year, r.result, r.unrestored) for r in rows] == [(2013, -100, 0), (2014, 60, 0), (2015, -50, -20), (2016, 70, 0)]


def test_equity_roll_forward_opens_with_last_years_printed_closing():
    """The table prints each year's change as given: the opening is last year's printed closing, and
    a footing difference of the printed figures is its own line, not hidden."""
    from arsredovisning.present.rounding import EquityChange
    roll = equity_roll_forward((2017, 2016), (EquityChange(1240413, -10, 0, 1240403), EquityChange(1240408, 5, 0, 1240413)))
    rows = {label: values for label, values, _ in roll.rows}
    assert rows["Eget kapital vid årets början"] == (1240413, 1240408)
    assert "Avrundning" not in rows  # 1 240 413 − 10 = 1 240 403: the printed figures foot
    roll = equity_roll_forward((2017,), (EquityChange(1240413, -10, -1, 1240402),))
    rows = {label: values for label, values, _ in roll.rows}
    assert rows["Eget kapital vid årets början"] == (1240413,) and rows["Avrundning"] == (-1,)
    assert rows["Eget kapital vid årets slut"] == (1240402,)


def test_the_signed_revisionsberattelse_becomes_page_images(tmp_path):
    from arsredovisning.load.attachments import read_attachments

    def read():  # load reads the file; render only turns the bytes into pages
        return audit_report_pages(read_attachments(tmp_path)[1])

    assert read() == ((), [])
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.add_blank_page(page_size=(595, 842))
    pdf.save(tmp_path / "revisionsberattelse.pdf")
    pages, found = read()
    assert found == [] and len(pages) == 2 and all(p.startswith("data:image/png;base64,") for p in pages)
    assert read() == (pages, [])  # same file, same bytes
    (tmp_path / "revisionsberattelse.pdf").write_bytes(b"not a pdf")
    pages, found = read()
    assert pages == () and [f.id for f in found] == ["REVISIONSBERATTELSE-LASFEL"]
