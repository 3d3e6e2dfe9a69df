"""The whole report as one view model: document metadata and the ordered list of sections.

A section without data or text is left out, and with it its line in the innehåll.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from markupsafe import Markup

from .. import anchors
from ..anchors import Anchor
from ..compute import Report
from ..compute.lines import StatementKey as K
from ..files import control_report_names, report_pdf_name, revision_workbook_name
from ..model import AnnualInput
from . import people
from .disclosures import disclosures
from .year_in_brief import key_lines, over_the_years, report_year_in_brief
from ..money import to_unit
from .appendix_views import AppendixPart, ChartView, appendix_tables_view, fact_layout, intervention_view, population_split
from .management_report import Meetings, goals_view, granted, organisation_blocks, position
from .multi_year import MultiYearView, multi_year_view
from .overview import overview
from .pages import AuditorsPage, AuditReport, Decision, contact_page, cover, proposals
from .placeholders import display_values
from .rounding import DisplayedFinancials, EquityChange, round_financials
from ..compute.budget_areas import area_report
from ..compute.management_parts import PARTS, default_text, has_own, written_in_texts
from .statement_views import NotesView, OperatingView, areas_view, default_principles, income_line, investment_view, other_notes, statement_view
from .woven import Generated, TextRenderer, weave


@dataclass(frozen=True)
class TocEntry:
    """A line under a section in the web report's innehåll: an insats, a note, a Bilaga 3 table."""

    id: str  # the anchor
    text: str


@dataclass(frozen=True)
class Download:
    """A file written beside the HTML report, linked from its innehåll (screen only)."""

    href: str  # the file name, relative to the HTML file
    text: str


@dataclass(frozen=True)
class Section:
    id: str  # the anchor (and the innehåll link target)
    title: str  # the h1
    template: str  # "sections/<name>.html.j2"
    data: object = None
    toc_title: str | None = None  # the innehåll line when it differs from the title
    in_toc: bool = True
    disclosures: tuple[str, ...] = ()  # the förbund's Upplysningar printed under the section (present/disclosures.py)
    entries: tuple[TocEntry, ...] = ()  # sub-entries of the web innehåll (not printed)

    @property
    def toc_text(self) -> str:
        return self.toc_title or self.title


@dataclass(frozen=True)
class Document:
    title: str  # "Årsredovisning 2024 – Samordningsförbundet Exempel"
    name: str
    year: int
    org_number: str
    unit: str  # "kr" or "tkr"
    created: date  # PDF creation/modification date: Beslutsdatum, else 1 January of the next year
    sections: tuple[Section, ...]
    stamp: str = ""  # "Version 3f9c0a1b22de · utkast": every page footer (load/stamp.py)
    draft: bool = True  # an utkast: "Utkast" in the running header, a diagonal mark (css/utkast.css)
    downloads: tuple[Download, ...] = ()  # the files beside the HTML (screen only)

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


def downloads(year: int, *, underlag: bool) -> tuple[Download, ...]:
    """The PDF (always written beside the HTML) and, when the build writes them, the revision
    workbook and the kontrollrapport (names from ``files``)."""
    out = [Download(report_pdf_name(year), f"Årsredovisningen som PDF ({report_pdf_name(year)})")]
    if underlag:
        out.append(Download(revision_workbook_name(year), f"Revisionsunderlag i Excel ({revision_workbook_name(year)})"))
        html, _ = control_report_names(year)
        out.append(Download(html, f"Kontrollrapport ({html})"))
    return tuple(out)


def build_document(report: Report, texts: TextRenderer, *, logo: str | None = None, charts=(), stamp: str = "",
                   draft: bool = True, multi_year_chart=None, audit_report: tuple[str, ...] = (), files: tuple[Download, ...] = (),
                   brief_chart=None) -> Document:
    """``audit_report``: the pages of revisionsberattelse.pdf as images (data: URIs), appended last;
    ``files``: the outputs written beside the HTML, linked from it; ``multi_year_chart`` and
    ``brief_chart``: the flerårsöversikt's chart inlined twice (its ids scoped apart), for the
    förvaltningsberättelse and for Året i korthet."""
    inp = report.inp
    org = inp.organisation
    fin = report.financials
    shown: DisplayedFinancials | None = round_financials(fin, org.unit.value) if fin is not None else None
    years = multi_year_view(report.history, org.unit.value)
    if years is not None and multi_year_chart is not None:
        # Diagram 1: the förvaltningsberättelse comes before the Bilagor, whose diagrams follow on
        years = replace(years, chart=ChartView(multi_year_chart.key, multi_year_chart.title,
                                               Markup(multi_year_chart.svg), multi_year_chart.alt_text, 1,
                                               "Källa: förbundets årsredovisningar för respektive år.",
                                               Markup(multi_year_chart.narrow_svg)))
    sections = [
        Section("framsida", org.name, "sections/framsida.html.j2", cover(inp, logo), in_toc=False),
        Section("innehall", "Innehåll", "sections/innehall.html.j2", in_toc=False),
        *_year_in_brief(report, shown, _brief_years(years, brief_chart)),
        *_text_section(inp, texts, "presidiet", "Presidiet har ordet"),
        *_management_report(inp, texts, fin, shown, years, report.history, report.key_figures),
        *_organisation(inp, texts),
        *_text_section(inp, texts, "uppdraget", "Uppdraget"),
        *_overview(inp, fin),
        _principles(inp, texts),
        *_statements(inp, texts, fin, shown),
        *_auditors(inp, bool(audit_report), draft),
        *_intervention_appendices(report, texts),
        *_appendix_tables(report, charts, 1 if years is not None and years.chart is not None else 0),
        *_contact(inp),
        *_audit_report(inp, audit_report),
    ]
    notes = disclosures(inp.disclosures, {x.id for x in sections})
    sections = [replace(x, disclosures=notes[x.id]) if x.id in notes else x for x in sections]
    return Document(
        title=f"Årsredovisning {org.year} – {org.name}",
        name=org.name,
        year=org.year,
        org_number=org.org_number,
        unit=org.unit.value,
        created=document_date(inp),
        sections=tuple(sections),
        stamp=stamp,
        draft=draft,
        downloads=files,
    )


def _brief_years(years: MultiYearView | None, chart) -> MultiYearView | None:
    """The flerårsöversikt as Året i korthet shows it: the same view, with its own copy of the chart
    (ids scoped apart; unnumbered, as the numbered Diagram is the förvaltningsberättelse's)."""
    if years is None:
        return None
    if chart is None:
        return replace(years, chart=None)
    return replace(years, chart=ChartView(chart.key, chart.title, Markup(chart.svg), chart.alt_text, 0,
                                          "Källa: förbundets årsredovisningar för respektive år.", Markup(chart.narrow_svg)))


def _year_in_brief(report: Report, shown: DisplayedFinancials | None, years: MultiYearView | None = None) -> list[Section]:
    if shown is None:
        return []
    org = report.inp.organisation
    fin = report.financials
    assert fin is not None  # shown is rounded from the financials
    brief = report_year_in_brief(report, shown)
    assert brief is not None  # likewise
    rr = shown.income_statement
    areas = areas_view(area_report(report.inp, fin.ledger), tuple(rr.value(K.ARETS_RESULTAT, c) for c in range(len(rr.statement.years))),
                       org.unit.value)
    individ = {i.name for i in report.inp.interventions if i.kind.value == "Individ"}
    outcomes = tuple((o.outcome, o.count) for o in report.inp.outcomes if o.intervention in individ)
    extra = key_lines(org.year, org.unit.value, areas.total.budget if areas is not None else None, rr.value(K.ARETS_RESULTAT, 0),
                      fin.equity_pct, org.equity_target_pct, outcomes, None)
    members: tuple[tuple[str, int], ...] = ()
    if fin.contributions is not None:
        members = tuple((m.member.name, to_unit(m.amount, org.unit.value)) for m in fin.contributions.members)
    brief = over_the_years(replace(brief, members=members, members_total=sum(v for _, v in members), extra=extra), years)
    return [Section("arets-korthet", "Året i korthet", "sections/arets_korthet.html.j2", brief)]


def _text_section(inp: AnnualInput, texts: TextRenderer, id: str, title: str) -> list[Section]:
    """A section that is only its text texter/<id>.md; left out when the text is missing or empty."""
    text = inp.text(id)
    if text is None or not text.content.strip():
        return []
    return [Section(id, title, f"sections/{id}.html.j2", texts.render(text))]


def _management_report(inp: AnnualInput, texts: TextRenderer, fin, shown: DisplayedFinancials | None,
                       years: MultiYearView | None = None, history=None, key_figures=None) -> list[Section]:
    """Förvaltningsberättelse: the text with meetings, granted insatser, the economic position and
    (when earlier years are known) the flerårsöversikt woven in."""
    generated = []
    groups = people.meeting_groups(inp.meetings)
    if groups:
        generated.append(Generated("Möten under året", r"möte|sammanträde", "sections/_meetings.html.j2", Meetings(groups)))
    grants = granted(inp)
    if grants:
        generated.append(Generated("Beviljade insatser", r"insats|finansierade aktiviteter", "sections/_granted.html.j2", grants))
    parts = {p.key: part for p in PARTS if (part := _part(inp, texts, p, fin, key_figures)) is not None}
    early = ("oversikt", "viktiga_forhallanden", "vasentliga_handelser", "handelser_efter_arets_slut", "styrning_och_uppfoljning")
    generated += [parts[k] for k in early if k in parts]
    if shown is not None:
        written = inp.text("balanskrav")
        explanation = texts.render(written, top_level=4) if written is not None and written.content.strip() else None
        generated.append(Generated("Ekonomisk ställning", r"ekonomi|ställning|balanskrav", "sections/_position.html.j2",
                                   position(inp, shown, fin, explanation, history)))
    own = inp.text("god_ekonomisk_hushallning")
    goals = goals_view(inp, fin, texts.render(own, top_level=4) if own is not None and own.content.strip() else None)
    if goals is not None:
        generated.append(Generated("God ekonomisk hushållning", r"hushållning", "sections/_goals.html.j2", goals))
    if years is not None:
        generated.append(Generated("Flerårsöversikt", r"ekonomi|ställning|flerårsöversikt", "sections/_flerarsoversikt.html.j2",
                                   years))
    generated += [parts[k] for k in ("personalforhallanden", "forvantad_utveckling") if k in parts]
    text = inp.text("forvaltningsberattelse")
    if text is None and not generated:
        return []
    woven = weave(texts, text, generated, before=r"väsentliga händelser|förväntad utveckling|ekonomi")
    return [Section("forvaltningsberattelse", "Förvaltningsberättelse", "sections/forvaltningsberattelse.html.j2", woven)]


@dataclass(frozen=True)
class PartText:
    html: Markup | None  # texter/<key>.md
    text: str | None  # the default


# Where a part's block is placed in the förbund's text (a heading of the text), beyond its own heading.
PLACE = {"handelser_efter_arets_slut": r"väsentliga händelser|händelser av väsentlig|efter (räkenskaps)?årets"}


def _part(inp: AnnualInput, texts: TextRenderer, part, fin, key_figures) -> Generated | None:
    """A förvaltningsberättelse part (LKBR 11 kap., R15): the förbund's texter/<key>.md, else its true
    default unless the förbund's own text already has the part; None when there is neither."""
    pattern = PLACE.get(part.key, part.pattern)
    if has_own(inp, part.key):
        own = inp.text(part.key)
        assert own is not None  # has_own: the förbund's text is there
        return Generated(part.heading, pattern, "sections/_part.html.j2", PartText(texts.render(own, top_level=4), None))
    if written_in_texts(inp, part):
        return None
    default = default_text(inp, part, fin, key_figures)
    return Generated(part.heading, pattern, "sections/_part.html.j2", PartText(None, default)) if default else None


def _organisation(inp: AnnualInput, texts: TextRenderer) -> list[Section]:
    blocks = organisation_blocks(inp)
    text = inp.text("organisation")
    if text is None and not blocks:
        return []
    return [Section("organisation", "Organisation", "sections/organisation.html.j2", weave(texts, text, blocks))]


def _overview(inp: AnnualInput, fin) -> list[Section]:
    ov = overview(inp, fin) if fin is not None else None
    if ov is None:
        return []
    return [Section(Anchor.FINANCIAL_OVERVIEW, "Finansiell översikt", "sections/finansiell_oversikt.html.j2", ov)]


def _principles(inp: AnnualInput, texts: TextRenderer) -> Section:
    principles = inp.text("redovisningsprinciper")
    if principles is None or not principles.content.strip():
        principles = default_principles(inp.organisation.year)
    return Section("redovisningsprinciper", "Redovisningsprinciper", "sections/redovisningsprinciper.html.j2",
                   texts.render(principles))


def _statements(inp: AnnualInput, texts: TextRenderer, fin, shown: DisplayedFinancials | None) -> list[Section]:
    """Resultaträkning, kassaflödesanalys, balansräkning, noter, driftredovisning and the beslut page."""
    if shown is None:
        return []
    org = inp.organisation
    unit = org.unit.value
    out = [Section(Anchor.INCOME_STATEMENT, "Resultaträkning", "sections/resultatrakning.html.j2",
                   statement_view(shown.income_statement, unit))]
    if shown.cash_flow.rows:
        out.append(Section(Anchor.CASH_FLOW, "Kassaflödesanalys", "sections/kassaflodesanalys.html.j2",
                           statement_view(shown.cash_flow, unit)))
    out.append(Section(Anchor.BALANCE_SHEET, "Balansräkning", "sections/balansrakning.html.j2",
                       statement_view(shown.balance_sheet, unit)))
    other = other_notes(inp, fin, unit)
    if shown.notes or not other.empty:
        out.append(Section(Anchor.NOTES, "Noter", "sections/noter.html.j2",
                           NotesView(unit, tuple(fin.income_statement.years), shown.notes, income_line(shown.notes, unit),
                                     None if other.empty else other),
                           entries=tuple(TocEntry(anchors.note(d.note.number), f"Not {d.note.number} {d.note.title}")
                                         for d in shown.notes)))
    rr = shown.income_statement
    results = tuple(rr.value(K.ARETS_RESULTAT, c) for c in range(len(rr.statement.years)))
    areas = areas_view(area_report(inp, fin.ledger), results, unit)
    out.append(Section("driftredovisning", "Drift- och investeringsredovisning", "sections/driftredovisning.html.j2",
                       OperatingView(unit, org.year, org.year - 1, shown.operating, areas, investment_view(shown, org.year))))
    out.append(Section("beslut", "Beslut och underskrifter", "sections/beslut.html.j2", _decision(inp, texts, shown)))
    return out


def _decision(inp: AnnualInput, texts: TextRenderer, shown: DisplayedFinancials) -> Decision:
    org = inp.organisation
    text = inp.text("beslut")
    result = shown.income_statement.value(K.ARETS_RESULTAT, 0)
    equity = shown.balance_sheet.value(K.EGET_KAPITAL, 0)
    # the one printed opening (last year's printed closing) and its footing line, as every table prints them
    change = shown.equity[0] if shown.equity else EquityChange(equity - result, result, 0, equity)
    return Decision(
        org.year,
        org.unit.value,
        result,
        change.opening,
        equity,
        org.city,
        org.decision_date,
        texts.render(text) if text is not None else None,
        people.signatories(inp.persons, org.year, org.decision_date),
        proposals(org.year, org.unit.value, equity),
        change.rounding,
    )


def _auditors(inp: AnnualInput, attached: bool, draft: bool = True) -> list[Section]:
    auditors = people.signing_auditors(inp.persons, inp.organisation.year)
    if not auditors:
        return []
    return [Section("revisorer", "Revisorernas påteckning", "sections/revisorer.html.j2",
                    AuditorsPage(inp.organisation.year, auditors, None if draft else inp.organisation.audit_date, attached, draft))]


def _audit_report(inp: AnnualInput, pages: tuple[str, ...]) -> list[Section]:
    if not pages:
        return []
    return [Section("revisionsberattelse", "Revisionsberättelsen", "sections/revisionsberattelse.html.j2",
                    AuditReport(pages, inp.organisation.name))]


def _intervention_appendices(report: Report, texts: TextRenderer) -> list[Section]:
    """Bilaga 1 (individinriktade) and Bilaga 2 (strukturövergripande): one page per insats."""
    out = []
    for number, pages, prefix, subtitle in (
        (1, report.individual, "bilaga1", "Redogörelse för de individinriktade insatserna"),
        (2, report.structural, "bilaga2", "Redogörelse för de strukturövergripande insatserna"),
    ):
        if pages:
            layout = fact_layout(pages, report.inp.organisation.year)
            part = AppendixPart(number, subtitle, tuple(intervention_view(p, texts, prefix, layout) for p in pages),
                                population_split(report) if number == 1 else (),
                                report.appendix.shares.basis if report.appendix is not None else None)
            out.append(Section(f"bilaga-{number}", f"Bilaga {number}", f"sections/bilaga_{number}.html.j2", part,
                               toc_title=f"Bilaga {number}, {subtitle[0].lower()}{subtitle[1:]}",
                               entries=tuple(TocEntry(i.anchor, f"{i.number}. {i.name}") for i in part.interventions)))
    return out


def _appendix_tables(report: Report, charts, earlier_diagrams: int) -> list[Section]:
    tables = appendix_tables_view(report, charts, earlier_diagrams)
    if tables is None:
        return []
    return [Section(Anchor.APPENDIX_TABLES, "Bilaga 3", "sections/bilaga_3.html.j2", tables, toc_title="Bilaga 3, analyser och tabeller",
                    entries=tuple(TocEntry(tv.anchor, tv.table.caption) for tv in tables.tables))]


def _contact(inp: AnnualInput) -> list[Section]:
    contact = contact_page(inp)
    return [Section("kontakt", "Kontaktinformation", "sections/kontakt.html.j2", contact)] if contact is not None else []
