"""The report a förbund signs (issue 12): decisions, revisor date, the attached revisionsberättelse,
Vakant seats, long dates, the balanskravsutredning, fact boxes and Året i korthet —
each on data written in the test (no PDF layout)."""

from __future__ import annotations

from datetime import date

import pikepdf

from arsredovisning import fmt
from arsredovisning.model import Body, Person
from arsredovisning.present import people
from arsredovisning.present.management_report import balance_requirement, requirement_sentence
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
    assert proposals(2016, "kr", 1410799) == (
        "Godkänner bokslutet och årsredovisningen för år 2016",
        "Beslutar att föra över det ackumulerade överskottet om 1\u202f410\u202f799\u202fkr till årsbudgeten för 2017",
    )
    assert proposals(2020, "tkr", -12)[1].startswith("Beslutar att det ackumulerade underskottet om 12\u202ftkr ska återställas")
    assert proposals(2020, "kr", 0) == ("Godkänner bokslutet och årsredovisningen för år 2020",)


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


def test_balanskravsutredning_and_a_neutral_sentence():
    rows = balance_requirement(-32323, 1443122, 1410799)
    assert [(label, value) for label, value, _ in rows] == [
        ("Årets resultat", -32323), ("Balanskravsjusteringar", 0), ("Årets balanskravsresultat", -32323),
        ("Eget kapital från tidigare år", 1443122), ("Eget kapital vid årets slut", 1410799),
    ]
    sentence = requirement_sentence(-32323, 1443122, 1410799, "kr")
    assert "inte uppfyllt" not in sentence and "ryms inom det egna kapitalet" in sentence
    assert "negativt" in requirement_sentence(-5, 2, -3, "tkr")


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
