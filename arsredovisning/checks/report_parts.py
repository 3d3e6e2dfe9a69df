"""The parts the law asks of the årsredovisning (LKBR 4 kap. 1 §, 9–11 kap.; RKR R14, R15): which
are printed from a default text (info, so the styrelse reads it), a text that names the wrong law
for the year, and a balanskrav not met without the styrelse's decision on återställande.
"""

from __future__ import annotations

import re

from ..compute import Report
from ..compute.law import accounting_law, other_law
from ..compute.law import LKBR_FIRST_YEAR
from ..compute.other_notes import audit_cost, unspent_grants
from ..files import WORKBOOK
from ..load.schema import SALDOBALANS
from ..findings import Finding, Location, info, warning
from ..model import AnnualInput, Body, Organisation

FINDINGS: dict[str, str] = {
    "TEXT-STANDARD": "En del av årsredovisningen trycks med standardtext eftersom förbundets egen text saknas; läs den och skriv en egen om den inte stämmer.",
    "TEXT-LAG": "En text nämner en redovisningslag som inte gäller för räkenskapsåret (lagen (1997:614) om kommunal redovisning före 2019, lagen (2018:597) om kommunal bokföring och redovisning från 2019).",
    "PANTER-SAKNAS": "Ställda panter och ansvarsförbindelser är inte angivna i bladet Förbund (0 = Inga); noten trycks inte.",
    "REVISION-KOSTNAD": "Kostnaden för räkenskapsrevision kan inte anges: varken Förbund › Kostnad för räkenskapsrevision eller ett kostnadskonto som heter Revision finns.",
    "INSATSMEDEL-OKANT": "En pågående insats har Beviljat totalt men startade före året utan Utfall tidigare år; dess ej förbrukade medel kan inte anges.",
    "SIGN-DUBBEL-PLATS": "Två ordinarie ledamöter har samma medlems plats (Representerar) på Beslutsdatum; båda står bland underskrifterna.",
    "STYRELSE-DUBBEL-PLATS": "Två ordinarie ledamöter har haft samma medlems plats samtidigt under året (överlappande Från–Till).",
    "SIGN-VAKANT": "En ordinarie plats i styrelsen är vakant på Beslutsdatum: ingen undertecknar för den.",
    "DRIFT-BUDGET-SAKNAS": "Ingen budget finns (varken Saldobalans › Budget eller bladet Budget), så driftredovisningen kan inte jämföra budget och utfall.",
    "DRIFT-STANDARDOMRADEN": "Driftredovisningens budgetområden är standardindelningen (bladet Budget saknas).",
    "MAL-SAKNAS": "Bladet Mål saknas eller är tomt: god ekonomisk hushållning kan inte bedömas mot förbundets mål.",
    "FORVALTNING-DEL-SAKNAS": "En del av förvaltningsberättelsen som LKBR 11 kap. och RKR R15 kräver saknas och har ingen sann standardtext (t.ex. Förväntad utveckling).",
    "BALANSKRAV-BESLUT": "Balanskravet är inte uppfyllt och styrelsens beslut om återställande (eller de synnerliga skäl den åberopar) saknas i texter/balanskrav.md.",
}

# Text slots printed from a default when the förbund has no text: key → (the part, what the default
# says and where it comes from, what the ekonom has to confirm before the report is signed).
DEFAULT_TEXTS: tuple[tuple[str, str, str, str], ...] = (
    ("redovisningsprinciper", "Redovisningsprinciper",
     "en fast text om lagen för året, god redovisningssed, att förbundet följer RKR:s rekommendationer och inte "
     "avviker från någon, värdering, periodisering, villkorade statliga medel och likvida medel",
     "Bekräfta att förbundet inte avviker från någon av RKR:s rekommendationer och att principerna är de ni "
     "tillämpar; en avvikelse ska stå i texten med sitt skäl."),
    ("balanskrav", "Balanskravsresultat",
     "om balanskravet är uppfyllt, ur balanskravsutredningen, och, när det inte är det, vad styrelsen ska besluta",
     "Bekräfta att balanskravsutredningen tar med alla balanskravsjusteringar; styrelsens egen kommentar till "
     "resultatet hör hemma i den egna texten."),
    ("god_ekonomisk_hushallning", "God ekonomisk hushållning",
     "hur många av målen som är uppfyllda enligt målens bedömningar och det egna kapitalet mot riktvärdet, "
     "utan styrelsens samlade bedömning",
     "Styrelsens samlade bedömning av om förbundet har haft en god ekonomisk hushållning saknas och hör hemma i "
     "den egna texten."),
    ("beslut", "Beslut och underskrifter",
     "en fast text: att styrelsen godkänner årsredovisningen och att det egna kapitalet vid årets slut ska "
     "användas för nästa års verksamhet (eller återställas, om det är negativt)",
     "Bekräfta att det är vad styrelsen beslutar, med protokollets ordalydelse."),
)

# The förvaltningsberättelse parts' defaults (compute/management_parts.default_text): what each says
# and where it comes from, and what the ekonom has to confirm.
PART_DEFAULTS: dict[str, tuple[str, str]] = {
    "oversikt": ("en mening ur siffrorna: verksamhetens intäkter och kostnader mot året före och antalet insatser",
                 "Bekräfta siffrorna; meningen beskriver inte verksamhetens utveckling i ord, det gör bara en egen text."),
    "viktiga_forhallanden": (
        "en fast text om hur förbundet finansieras enligt lagen (2003:1210) om finansiell samordning av "
        "rehabiliteringsinsatser (staten hälften, regionen en fjärdedel, kommunerna en fjärdedel) och ur siffrorna "
        "årets medlemsbidrag och insatsernas andel av kostnaderna",
        "Bekräfta att inget annat förhållande är viktigt för resultatet och den ekonomiska ställningen "
        "(t.ex. ändrade medlemsbidrag, en ny eller utträdande medlem, ett stort eget kapital)."),
    "handelser_efter_arets_slut": (
        "”Inga väsentliga händelser har inträffat efter räkenskapsårets slut.”, ett påstående och ingen uppgift ur "
        "siffrorna",
        "Bekräfta att inget väsentligt har hänt mellan årsskiftet och styrelsens beslut om årsredovisningen "
        "(t.ex. beslut om medlemsbidrag, en medlem som går ur, en insats som avbryts, en tvist); har något hänt ska "
        "det stå i texten."),
    "styrning_och_uppfoljning": (
        "antalet styrelsesammanträden under året, ur mötena, och en fast mening om att revisorerna granskar "
        "räkenskaperna och förvaltningen",
        "Bekräfta antalet sammanträden och beskriv gärna hur styrelsen följer upp insatserna och den interna "
        "kontrollen."),
}


def _standard(part: str, says: str, confirm: str, key: str) -> str:
    return (f"{part}: standardtext används – {says}. {confirm} Skriv texter/{key}.md om förbundets egen text ska "
            "tryckas i stället.")


def _has(inp: AnnualInput, key: str) -> bool:
    text = inp.text(key)
    return text is not None and bool(text.content.strip())


def check_report_parts(report: Report) -> list[Finding]:
    inp = report.inp
    out: list[Finding] = []
    for key, part, says, confirm in DEFAULT_TEXTS:
        if key == "god_ekonomisk_hushallning" and not inp.goals:
            continue  # nothing is printed there without goals (MAL-SAKNAS says so)
        if not _has(inp, key):
            out.append(info("TEXT-STANDARD", _standard(part, says, confirm, key), Location(f"texter/{key}.md")))
    out += check_law_named(inp)
    fin = report.financials
    out += check_management_parts(inp, fin, report.key_figures)
    out += check_other_notes(inp, fin)
    out += check_seats(inp)
    out += check_budget_and_goals(inp, fin)
    if fin is not None and not fin.requirement.met and not _has(inp, "balanskrav"):
        out.append(warning("BALANSKRAV-BESLUT",
                           "Balanskravet är inte uppfyllt (balanskravsresultatet är negativt), men styrelsens beslut "
                           "saknas. Skriv i texter/balanskrav.md hur och när underskottet ska återställas inom tre år, "
                           "eller vilka synnerliga skäl styrelsen åberopar för att inte återställa det.",
                           Location("texter/balanskrav.md")))
    return out


def check_law_named(inp: AnnualInput) -> list[Finding]:
    """``TEXT-LAG`` for every text line that names the law that does not apply to the year."""
    year = inp.organisation.year
    wrong, right = other_law(year), accounting_law(year)
    pattern = re.compile(re.escape(wrong.sfs))
    out = []
    for text in inp.texts:
        for n, line in enumerate(text.content.splitlines(), start=1):
            if pattern.search(line):
                out.append(warning(
                    "TEXT-LAG",
                    f"Texten nämner lag ({wrong.sfs}), men årsredovisningen för {year} upprättas enligt "
                    f"{right.name}. Ändra hänvisningen.", Location(text.location.file, line=n)))
    return out


def check_other_notes(inp: AnnualInput, fin) -> list[Finding]:
    """The LKBR 9 kap. notes the workbook must give: a varning from 2019 (LKBR), info before."""
    org = inp.organisation
    raise_ = warning if org.year >= LKBR_FIRST_YEAR else info
    out = []
    if org.pledged_assets is None and org.contingent_liabilities is None:
        out.append(raise_("PANTER-SAKNAS",
                          "Ställda panter och ansvarsförbindelser är inte angivna, så noten om dem trycks inte. Skriv "
                          "beloppen vid årets slut i bladet Förbund, Uppgift ”Ställda panter” och ”Ansvarsförbindelser” "
                          "(0 om förbundet inte har några: noten visar då ”Inga”).",
                          org.locations.get("Ställda panter") or _sheet(org, "Förbund")))
    # Not judged while Saldobalans rows are unread (an empty Belopp after ny --fran): the Revision
    # account may be among them, and the finding would then state something false.
    if fin is not None and not inp.unusable_in(SALDOBALANS) and audit_cost(inp, fin.ledger) is None:
        out.append(raise_("REVISION-KOSTNAD",
                          "Kostnaden för räkenskapsrevision kan inte anges i noterna: inget kostnadskonto heter Revision "
                          "och Förbund › Kostnad för räkenskapsrevision är tomt. Skriv årets kostnad där.",
                          org.locations.get("Kostnad för räkenskapsrevision") or _sheet(org, "Förbund")))
    _, unknown = unspent_grants(inp)
    for u in unknown:
        out.append(warning("INSATSMEDEL-OKANT",
                           f"”{u.name}” pågår efter årets slut och har Beviljat totalt, men startade före {org.year} och "
                           "Utfall tidigare år är tomt, så de beviljade men ej förbrukade medlen kan inte anges i noterna. "
                           "Skriv insatsens redovisade kostnader före året i kolumnen Utfall tidigare år.", u.location))
    return out


def _sitting(p, on) -> bool:
    return (p.start is None or p.start <= on) and (p.end is None or p.end >= on)


def check_seats(inp: AnnualInput) -> list[Finding]:
    """The signature page lists exactly the ordinary members sitting on Beslutsdatum (without it:
    at the year's end). Two of them on one member's seat, an overlap of two ordinary members on one
    seat during the year, or a vacant ordinary seat on that day is said."""
    from datetime import date
    org = inp.organisation
    on = org.decision_date or date(org.year, 12, 31)
    when = f"på Beslutsdatum {on.isoformat()}" if org.decision_date else f"vid årets slut ({on.isoformat()})"
    ordinary = [p for p in inp.persons if p.body is Body.STYRELSE and p.represents and p.represents.strip()]
    seats: dict[str, list] = {}
    for p in ordinary:
        assert p.represents is not None  # ordinary members are those with a Representerar
        seats.setdefault(" ".join(p.represents.split()).casefold(), []).append(p)
    out = []
    for persons in seats.values():
        named = [p for p in persons if p.name.strip().casefold() != "vakant"]
        sitting = [p for p in named if _sitting(p, on)]
        seat = persons[0].represents.strip()
        if len(sitting) > 1:
            names = " och ".join(p.name for p in sitting)
            out.append(warning("SIGN-DUBBEL-PLATS",
                               f"{names} är båda ordinarie ledamöter för {seat} {when}, så båda står bland underskrifterna. "
                               "En medlem har en ordinarie plats: rätta Till för den som har lämnat (eller Organ till Ersättare).",
                               sitting[1].location))
            continue
        if not sitting and any(_sitting(p, on) for p in persons):
            out.append(warning("SIGN-VAKANT",
                               f"{seat}s ordinarie plats i styrelsen är vakant {when}: ingen undertecknar årsredovisningen för "
                               "den platsen. Lägg in den ledamot som har utsetts, om någon har det.", persons[0].location))
        year_start, year_end = date(org.year, 1, 1), date(org.year, 12, 31)
        for i, a in enumerate(named):
            for b in named[i + 1:]:
                start = max(a.start or year_start, b.start or year_start, year_start)
                end = min(a.end or year_end, b.end or year_end, year_end)
                if start <= end and not (_sitting(a, on) and _sitting(b, on)):
                    out.append(warning("STYRELSE-DUBBEL-PLATS",
                                       f"{a.name} och {b.name} är båda ordinarie ledamöter för {seat} "
                                       f"{start.isoformat()}–{end.isoformat()}. En medlem har en ordinarie plats: rätta Från "
                                       "eller Till så att perioderna följer på varandra, eller ändra Organ till Ersättare.",
                                       b.location))
    return out


# Which of these stop ``bygg --slutlig`` in an LKBR year: build.BLOCKS_FINAL_UNDER_LKBR, the one list.


def check_budget_and_goals(inp: AnnualInput, fin) -> list[Finding]:
    org = inp.organisation
    out = []
    if fin is not None:
        from ..compute.budget_areas import area_report
        areas = area_report(inp, fin.ledger)
        if not areas.has_budget:
            out.append(warning("DRIFT-BUDGET-SAKNAS",
                               f"Driftredovisningen för {org.year} kan inte jämföra budget och utfall: ingen budget finns. "
                               "Fyll i kolumnen Budget i bladet Saldobalans, eller bladet Budget (Budgetområde, Konton, "
                               "Budget). Drift- och investeringsredovisningen är en obligatorisk del av årsredovisningen.",
                               _sheet(inp.organisation, "Budget")))
        elif not areas.from_sheet:
            out.append(info("DRIFT-STANDARDOMRADEN",
                            "Driftredovisningen delar in kontona i standardområden (intäkter, Styrelse, Kansli och "
                            "administration, Revision, Insatser, Finansiella poster) efter Insatskonton och kontonas "
                            "benämning. Lägg till bladet Budget om förbundets budget har andra områden.",
                            _sheet(inp.organisation, "Budget")))
    if not inp.goals:
        raise_ = warning if org.year >= LKBR_FIRST_YEAR else info
        out.append(raise_("MAL-SAKNAS",
                          "Förbundets mål för god ekonomisk hushållning saknas, så förvaltningsberättelsen kan inte "
                          "redovisa måluppfyllelsen. Fyll i bladet Mål: ett finansiellt mål och mål för verksamheten, "
                          "med Målvärde, Utfall och styrelsens Bedömning.", _sheet(inp.organisation, "Mål")))
    return out


def check_management_parts(inp: AnnualInput, fin, key_figures) -> list[Finding]:
    """Each förvaltningsberättelse part: the förbund's own text, a heading of its own texts, or a
    true default (info TEXT-STANDARD); none of them is FORVALTNING-DEL-SAKNAS (varning from 2019)."""
    from ..compute.management_parts import PARTS, default_text, has_own, written_in_texts
    year = inp.organisation.year
    raise_ = warning if year >= LKBR_FIRST_YEAR else info
    out = []
    for part in PARTS:
        if has_own(inp, part.key) or written_in_texts(inp, part):
            continue
        where = Location(f"texter/{part.key}.md")
        if default_text(inp, part, fin, key_figures) is not None:
            says, confirm = PART_DEFAULTS.get(part.key, ("en mening ur siffrorna", "Läs den och bekräfta att den stämmer."))
            out.append(info("TEXT-STANDARD", _standard(part.heading, says, confirm, part.key), where))
        else:
            out.append(raise_("FORVALTNING-DEL-SAKNAS",
                              f"Förvaltningsberättelsen saknar ”{part.heading}”, som lagen kräver. Skriv texter/{part.key}.md "
                              "eller ett avsnitt med den rubriken i texter/forvaltningsberattelse.md.", where))
    return out


def _sheet(org: Organisation, sheet: str) -> Location:
    """A sheet of the workbook the förbund was read from (indata.xlsx or indata.ods)."""
    file = next((loc.file for loc in org.locations.values() if loc is not None and loc.file), WORKBOOK)
    return Location(file, sheet)
