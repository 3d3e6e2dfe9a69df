"""The whole report as one view model: document metadata and the ordered list of sections.

A section without data or text is left out, and with it its line in the innehåll.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..compute import Report
from ..model import AnnualInput
from . import people, sections as s
from .placeholders import display_values
from .rounding import DisplayedFinancials, round_financials


@dataclass(frozen=True)
class Section:
    id: str  # the anchor (and the innehåll link target)
    title: str  # the h1
    template: str  # "sections/<name>.html.j2"
    data: object = None
    toc_title: str | None = None  # the innehåll line when it differs from the title
    in_toc: bool = True

    @property
    def toc_text(self) -> str:
        return self.toc_title or self.title


@dataclass(frozen=True)
class Document:
    title: str  # "Årsredovisning 2016 – Samordningsförbundet Sydnärke"
    name: str
    year: int
    org_number: str
    unit: str  # "kr" or "tkr"
    created: date  # PDF creation/modification date: Beslutsdatum, else 1 January of the next year
    sections: tuple[Section, ...]
    stamp: str = ""  # "Kontrollsumma indata … · arsredovisning …" on the last page

    @property
    def toc(self) -> tuple[Section, ...]:
        return tuple(x for x in self.sections if x.in_toc)

    @property
    def unit_label(self) -> str:
        return f"Belopp i {self.unit}"


def document_date(inp: AnnualInput) -> date:
    return inp.organisation.decision_date or date(inp.organisation.year + 1, 1, 1)


def placeholder_values(report: Report) -> dict[str, str]:
    return display_values(report.key_figures, report.inp.organisation.unit.value)


def build_document(report: Report, texts: s.TextRenderer, *, logo: str | None = None, charts=(), stamp: str = "") -> Document:
    inp = report.inp
    org = inp.organisation
    unit = org.unit.value
    fin = report.financials
    shown: DisplayedFinancials | None = round_financials(fin, unit) if fin is not None else None
    out: list[Section] = [
        Section("framsida", org.name, "sections/framsida.html.j2", s.cover(inp, logo), in_toc=False),
        Section("innehall", "Innehåll", "sections/innehall.html.j2", in_toc=False),
    ]

    def text_section(id: str, title: str, key: str, **kw) -> None:
        text = inp.text(key)
        if text is not None and text.content.strip():
            out.append(Section(id, title, f"sections/{id}.html.j2", texts.render(text), **kw))

    text_section("presidiet", "Presidiet har ordet", "presidiet")

    # Förvaltningsberättelse: the text with meetings, granted insatser and the economic position woven in.
    generated = []
    groups = people.meeting_groups(inp.meetings)
    if groups:
        generated.append(s.Generated("Möten under året", r"möte|sammanträde", "sections/_meetings.html.j2", s.Meetings(groups)))
    grants = s.granted(inp)
    if grants:
        generated.append(s.Generated("Beviljade insatser", r"insats|finansierade aktiviteter", "sections/_granted.html.j2", grants))
    if shown is not None:
        equity = fin.balance_sheet.value("eget_kapital", 0)
        generated.append(
            s.Generated(
                "Ekonomisk ställning",
                r"ekonomi|ställning|balanskrav",
                "sections/_position.html.j2",
                s.position(inp, shown, fin.contributions, equity),
            )
        )
    fb = inp.text("forvaltningsberattelse")
    if fb is not None or generated:
        parts = s.weave(texts, fb, generated, before=r"väsentliga händelser|förväntad utveckling|ekonomi")
        out.append(Section("forvaltningsberattelse", "Förvaltningsberättelse", "sections/forvaltningsberattelse.html.j2", parts))

    org_parts = s.organisation_blocks(inp)
    ot = inp.text("organisation")
    if ot is not None or org_parts:
        out.append(Section("organisation", "Organisation", "sections/organisation.html.j2", s.weave(texts, ot, org_parts)))

    text_section("uppdraget", "Uppdraget", "uppdraget")

    if fin is not None:
        ov = s.overview(inp, fin.contributions, fin.balance_sheet.value("eget_kapital", 0))
        if ov is not None:
            out.append(Section("finansiell-oversikt", "Finansiell översikt", "sections/finansiell_oversikt.html.j2", ov))

    principles = inp.text("redovisningsprinciper")
    if principles is None or not principles.content.strip():
        principles = s.default_principles()
    out.append(Section("redovisningsprinciper", "Redovisningsprinciper", "sections/redovisningsprinciper.html.j2", texts.render(principles)))

    if shown is not None:
        out.append(Section("resultatrakning", "Resultaträkning", "sections/resultatrakning.html.j2", s.statement_view(shown.income_statement, unit)))
        if shown.cash_flow.rows:
            out.append(Section("kassaflodesanalys", "Kassaflödesanalys", "sections/kassaflodesanalys.html.j2", s.statement_view(shown.cash_flow, unit)))
        out.append(Section("balansrakning", "Balansräkning", "sections/balansrakning.html.j2", s.statement_view(shown.balance_sheet, unit)))
        if shown.notes:
            out.append(Section("noter", "Noter", "sections/noter.html.j2", s.NotesView(unit, tuple(fin.income_statement.years), shown.notes)))
        if shown.operating is not None:
            out.append(Section("driftredovisning", "Driftredovisning", "sections/driftredovisning.html.j2", s.OperatingView(unit, org.year, org.year - 1, shown.operating)))
        decision_text = inp.text("beslut")
        rr, br = shown.income_statement, shown.balance_sheet
        result = rr.value("arets_resultat", 0)
        out.append(
            Section(
                "beslut",
                "Beslut och underskrifter",
                "sections/beslut.html.j2",
                s.Decision(
                    org.year,
                    unit,
                    result,
                    br.value("eget_kapital", 0) - result,
                    br.value("eget_kapital", 0),
                    org.city,
                    org.decision_date,
                    texts.render(decision_text) if decision_text is not None else None,
                    people.signatories(inp.persons, org.year, org.decision_date),
                ),
            )
        )
    auditors = people.signing_auditors(inp.persons, org.year)
    if auditors:
        out.append(Section("revisorer", "Revisorernas påteckning", "sections/revisorer.html.j2", s.AuditorsPage(org.year, auditors)))

    for number, pages, prefix, subtitle in (
        (1, report.individual, "bilaga1", "Redogörelse för de individinriktade insatserna"),
        (2, report.structural, "bilaga2", "Redogörelse för de strukturövergripande insatserna"),
    ):
        if pages:
            part = s.AppendixPart(number, subtitle, tuple(s.intervention_view(p, texts, prefix) for p in pages),
                                  s.population_split(report) if number == 1 else ())
            out.append(Section(f"bilaga-{number}", f"Bilaga {number}", f"sections/bilaga_{number}.html.j2", part,
                               toc_title=f"Bilaga {number}, {subtitle[0].lower()}{subtitle[1:]}"))
    tables = s.appendix_tables_view(report, charts)
    if tables is not None:
        out.append(Section("bilaga-3", "Bilaga 3", "sections/bilaga_3.html.j2", tables,
                           toc_title="Bilaga 3, analyser och tabeller"))

    contact = s.contact_page(inp)
    if contact is not None:
        out.append(Section("kontakt", "Kontaktinformation", "sections/kontakt.html.j2", contact))

    return Document(
        title=f"Årsredovisning {org.year} – {org.name}",
        name=org.name,
        year=org.year,
        org_number=org.org_number,
        unit=unit,
        created=document_date(inp),
        sections=tuple(out),
        stamp=stamp,
    )
