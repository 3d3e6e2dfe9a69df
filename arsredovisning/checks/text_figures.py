"""Figures written in the texts (presidiet, förvaltningsberättelse …) that are none of the year's
figures, and placeholders followed by a unit they already carry.

| id | level | when |
|---|---|---|
| TEXT-TAL | varning | a kr amount, or a count of deltagare, registreringar, personer or insatser, in a text other than an insats text equals none of the figures it could mean |
| TEXT-ENHET | varning | a placeholder followed by its own unit: a percent placeholder by ``%``/``procent`` (”28,0 % %”), a money placeholder by ``kr`` in a report in tkr |

The figures a text may mean are every figure the report prints or adds up: the key figures of this
year and the year before, every line of the resultat- and balansräkning and of their notes, each
insats's budget, utfall, avvikelse and Beviljat totalt, each member's medlemsbidrag; for counts the
deltagare per insats and in total (individ, struktur, both) and the number of insatser of each kind
(and of those that started, ended or go on). A sentence that names another year and not this one,
or speaks of a plan, a goal or a later year (”ska”, ”mål”, ”planerar”, ”nästa år” …), is not read;
a count is read in a sentence naming the year (or ”året”, ”under perioden”) or stating a total
(”… deltagare … uppgår till 110”), ”personer” only when the sentence is about taking part; while a
Saldobalans or Insatser row cannot be read, the figures are not known and no text is judged. A figure
after ”cirka”, ”drygt”, ”knappt” … may be rounded to its last non-zero digit (”cirka 200 deltagare”
is 208); ``tkr`` is rounded to thousands. The insats texts are ``intervention_texts.py``'s
(TEXT-INSATS-TAL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .. import fmt
from ..compute import Report
from ..findings import Finding, Location, warning
from ..load.placeholders import PLACEHOLDER
from ..load.schema import INSATSER, SALDOBALANS
from ..model import InterventionKind, Unit
from .intervention_texts import MONEY, _NUMBER

FINDINGS: dict[str, str] = {
    "TEXT-TAL": "Ett belopp eller antal i en text (presidiet, förvaltningsberättelsen …) är inget av årets tal i arbetsboken",
    "TEXT-ENHET": "En platshållare följs av en enhet den redan har (”{{ … }} %” blir ”28,0 % %”), eller av kr i en rapport i tkr",
}

APPROXIMATELY = r"cirka|ca\.?|omkring|ungefär|drygt|knappt|nästan|runt|över|närmare"
_PARTICIPANT_NOUNS = r"registreringar|deltagare|personer|individer"
_INSATS_NOUNS = r"individinriktade\s+insatser|strukturövergripande\s+insatser|insatser"
COUNT = re.compile(
    rf"(?:\b({APPROXIMATELY})\s+)?(?<![\d,.\-–])({_NUMBER})\s+(?:({_PARTICIPANT_NOUNS})|({_INSATS_NOUNS}))\b", re.I)
AMOUNTS_TO = re.compile(
    rf"\b(?:({_PARTICIPANT_NOUNS})|(insatser))\b[^.!?\n]*?\buppgår\s+till\s+(?:({APPROXIMATELY})\s+)?({_NUMBER})(?!\s*(?:kr|kronor|tkr|%))", re.I)
APPROX_MONEY = re.compile(rf"\b({APPROXIMATELY})\s+$", re.I)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A sentence about a plan, a goal or a later year states no figure of this year.
NOT_THE_YEAR = re.compile(r"\b(?:nästa\s+år|kommande|kommer\s+att|ska|skall|planer\w*|planera\w*|förväntas|prognos\w*|mål\w*|budgeter\w*)\b", re.I)
THIS_YEAR = re.compile(r"\b(?:året|årets|under\s+perioden|verksamhetsåret)\b", re.I)
SENTENCE = re.compile(r"[^.!?]+(?:[.!?](?!\d)|$)")


@dataclass(frozen=True)
class Known:
    value: Decimal
    label: str  # Swedish: what it is
    placeholder: str | None = None  # ``arets_resultat`` when a placeholder prints it


def check_text_figures(report: Report) -> list[Finding]:
    inp = report.inp
    money, counts, participants_only = _money_figures(report), *_count_figures(report)
    findings: list[Finding] = []
    # Figures from rows that could not be read are not known (their own fel says why): judge nothing.
    unknown = bool(inp.unusable_in(SALDOBALANS) or inp.unusable_in(INSATSER))
    for text in inp.texts:
        findings += _units(report, text)
        if text.key.startswith("insatser/") or report.financials is None or unknown:
            continue
        for sentence, line in _sentences(text.content):
            years = set(YEAR.findall(sentence))
            if (years and str(inp.organisation.year) not in years) or NOT_THE_YEAR.search(sentence):
                continue  # about another year, a plan or a goal
            findings += _money_in(sentence, line, text, money)
            # a count is the year's when the sentence says so (names the year, "under året") or states a total
            names_year = bool(years) or THIS_YEAR.search(sentence) is not None
            findings += _counts_in(sentence, line, text, counts, participants_only, names_year)
    return findings


# --- what the texts may mean ----------------------------------------------------------------------


def _money_figures(report: Report) -> list[Known]:
    fin, inp = report.financials, report.inp
    out = [Known(abs(Decimal(f.value)), f.description, name) for name, f in report.key_figures.items()
           if f.kind == "money" and f.value is not None]
    if fin is None:
        return out
    for statement in (fin.income_statement, fin.balance_sheet, fin.cash_flow):
        for row in statement.rows:
            for year, v in zip(statement.years, row.values):
                if v is not None:
                    out.append(Known(abs(v), f"{statement.title}, {row.label} {year}"))
    for note in fin.notes:
        for note_row in note.rows:
            for year, n in zip(note.years, note_row.values):
                if n is not None:
                    out.append(Known(abs(n), f"Not {note.number}, {note_row.label} {year}"))
    for i in inp.interventions:
        out += [Known(abs(i.budget), f"Budget för {i.name}"), Known(abs(i.actual), f"Utfall för {i.name}"),
                Known(abs(i.budget - i.actual), f"avvikelsen för {i.name}")]
        if i.granted_total is not None:
            out.append(Known(abs(i.granted_total), f"Beviljat totalt för {i.name}"))
    if fin.contributions is not None:
        out.append(Known(fin.contributions.total, "medlemsbidraget totalt", "medlemsbidrag_totalt"))
        for s in fin.contributions.members:
            out.append(Known(Decimal(s.amount), f"medlemsbidraget från {s.member.name}"))
            if s.booked is not None:
                out.append(Known(abs(s.booked), f"bokfört medlemsbidrag från {s.member.name}"))
    return out


def _count_figures(report: Report) -> tuple[list[Known], list[Known]]:
    """(counts of insatser, counts of people)."""
    figures = report.key_figures
    insatser = [Known(Decimal(figures[n].value), figures[n].description, n)
                for n in ("antal_insatser", "antal_individinsatser", "antal_strukturinsatser") if figures.get(n) and figures[n].value is not None]
    year = report.inp.organisation.year
    interventions = report.inp.interventions
    insatser += [
        Known(Decimal(sum(1 for i in interventions if i.start is not None and i.start.year == year)), "insatser som startade under året"),
        Known(Decimal(sum(1 for i in interventions if i.end is not None and i.end.year == year)), "insatser som avslutades under året"),
        Known(Decimal(sum(1 for i in interventions if i.end is None or i.end.year > year)), "insatser som pågår efter året"),
    ]
    people = [Known(Decimal(figures[n].value), figures[n].description, n)
              for n in ("antal_deltagare", "antal_deltagare_struktur") if figures.get(n) and figures[n].value is not None]
    if len(people) == 2:
        people.append(Known(people[0].value + people[1].value, "deltagare i alla insatser"))
    # registrations with the Volyminsatser's deltaganden counted in (a text may say "208 registreringar
    # av deltagande"); the key figures count persons only (compute/participants.py)
    if any(i.volume for i in interventions):
        for kind, word in ((InterventionKind.INDIVID, "individinriktade"), (InterventionKind.STRUKTUR, "strukturövergripande")):
            rows = [i for i in interventions if i.kind is kind]
            if any(i.volume for i in rows):
                people.append(Known(Decimal(sum(i.participants for i in rows)),
                                    f"deltaganden i de {word} insatserna, volyminsatserna inräknade"))
    for i in report.inp.interventions:
        people.append(Known(Decimal(i.participants), f"Deltagare i {i.name}"))
        if i.planned_participants is not None:
            people.append(Known(Decimal(i.planned_participants), f"Budgeterade deltagare i {i.name}"))
    genders = report.inp.genders
    if genders:
        people += [Known(Decimal(sum(g.women for g in genders)), "kvinnor bland deltagarna (Kön)"),
                   Known(Decimal(sum(g.men for g in genders)), "män bland deltagarna (Kön)")]
    return insatser, people


# --- reading the texts ------------------------------------------------------------------------------


def _sentences(content: str):
    """(sentence, line number of its start) — a sentence may run over several lines."""
    for m in SENTENCE.finditer(content):
        start = m.start() + len(m[0]) - len(m[0].lstrip())
        yield m[0].lstrip(), content.count("\n", 0, start) + 1


def _number(digits: str) -> Decimal:
    return Decimal(re.sub(r"\D", "", digits))


def _precision(value: Decimal) -> Decimal:
    """10^(trailing zeros) of a whole number: 200 → 100, 208 → 1."""
    n, p = int(value), 1
    while n and n % (p * 10) == 0:
        p *= 10
    return Decimal(p)


def _round(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def _matches(written: Decimal, figures: list[Known], step: Decimal) -> bool:
    return any(_round(f.value, step) == written for f in figures)


def _closest(written: Decimal, figures: list[Known]) -> Known | None:
    return min(figures, key=lambda f: (abs(f.value - written), f.placeholder is None), default=None)


def _advice(closest: Known | None, shown: str) -> str:
    if closest is None:
        return " Rätta talet, eller låt det stå om det inte gäller årets siffror."
    value = fmt.money(closest.value) if shown else fmt.count(int(closest.value))
    if closest.placeholder:
        return (f" Menar texten {closest.label[:1].lower()}{closest.label[1:]}, {value}{shown}? Skriv {{{{ {closest.placeholder} }}}} "
                "så visar texten arbetsbokens tal och följer med när det ändras.")
    return f" Menar texten {closest.label[:1].lower()}{closest.label[1:]}, {value}{shown}? Rätta talet, eller låt det stå om det inte gäller årets siffror."


def _money_in(sentence: str, line: int, text, figures: list[Known]) -> list[Finding]:
    out = []
    for m in MONEY.finditer(sentence):
        unit = m[3].lower()
        written = _number(m[1]) + (Decimal("0." + m[2]) if m[2] else 0)
        approx = APPROX_MONEY.search(sentence[: m.start()]) is not None
        step = Decimal(1000) if unit == "tkr" else _precision(written) if approx else Decimal(1)
        if unit == "tkr":
            written *= 1000
        if m[2]:  # öre written: exact
            if any(f.value == written for f in figures):
                continue
        elif _matches(written, figures, step):
            continue
        out.append(_unknown_figure(text, line, sentence, m.start(), f"Texten skriver ”{m[0].strip()}”, men inget av "
                                   "årets belopp i arbetsboken är det.", written, figures, " kr"))
    return out


def _counts_in(sentence: str, line: int, text, insatser: list[Known], people: list[Known], names_year: bool) -> list[Finding]:
    out = []
    took_part = re.search(r"\bdelt", sentence, re.I) is not None  # deltog, deltagit, deltagande, deltagare
    found = [(m.start(), m[0], m[1], m[2], bool(m[3])) for m in COUNT.finditer(sentence)
             if names_year and (not m[3] or m[3].lower() not in ("personer", "individer") or took_part)]
    found += [(m.start(), m[0], m[3], m[4], bool(m[1])) for m in AMOUNTS_TO.finditer(sentence)]
    years = {int(y) for y in YEAR.findall(sentence)}
    for start, whole, approx, digits, of_people in found:
        written = _number(digits)
        if int(written) in years:
            continue
        figures = people if of_people else insatser
        if not figures or _matches(written, figures, _precision(written) if approx else Decimal(1)):
            continue
        out.append(_unknown_figure(text, line, sentence, start, f"Texten skriver ”{' '.join(whole.split())}”, men inget av "
                                   f"årets antal i arbetsboken är {fmt.count(int(written))}.", written, figures, ""))
    return out


def _unknown_figure(text, line: int, sentence: str, start: int, said: str, written: Decimal, figures: list[Known],
                    shown: str) -> Finding:
    """TEXT-TAL for a figure written at ``start`` of ``sentence`` (which begins on ``line``): ``said``
    and the advice on the closest known figure (``shown``: its unit, " kr" or "" for a count)."""
    return warning("TEXT-TAL", said + _advice(_closest(written, figures), shown),
                   Location(text.location.file, line=line + sentence.count("\n", 0, start)))


# --- a placeholder and its own unit -------------------------------------------------------------------


_AFTER = re.compile(r"\s*(%|procent\b|kr\b|kronor\b)", re.I)


def _units(report: Report, text) -> list[Finding]:
    kinds = {name: f.kind for name, f in report.key_figures.items()}
    kinds |= {"insats.budget": "money", "insats.utfall": "money", "insats.avvikelse": "money", "insats.kostnad_per_deltagare": "money"}
    tkr = report.inp.organisation.unit is Unit.TKR
    out = []
    for m in PLACEHOLDER.finditer(text.content):
        after = _AFTER.match(text.content, m.end())
        if after is None:
            continue
        unit, kind = after[1].lower(), kinds.get(m[1])
        if kind == "percent" and unit in ("%", "procent"):
            value = report.key_figures[m[1]].value if m[1] in report.key_figures else None
            shown = fmt.percent(value, 1) if value is not None else "28,0 %"  # one decimal, as present/placeholders.py prints it
            why = f"{{{{ {m[1]} }}}} visar talet med procenttecken ({shown}), så ”{m[0]}{after[0]}” blir ”{shown} {after[1]}”. Ta bort ”{after[1]}” efter klamrarna."
        elif kind == "money" and unit in ("kr", "kronor") and tkr:
            why = f"{{{{ {m[1]} }}}} visar beloppet i tkr (Förbund › Belopp i), så ”{after[1]}” efter klamrarna blir fel. Skriv ”tkr”."
        elif kind in ("money", "count") and unit in ("%", "procent"):
            why = f"{{{{ {m[1]} }}}} är {'ett belopp' if kind == 'money' else 'ett antal'}, inte en procentsats, men följs av ”{after[1]}”. Använd ett procenttal, t.ex. {{{{ eget_kapital_andel_av_medlemsbidrag }}}}, eller ta bort ”{after[1]}”."
        else:
            continue
        out.append(warning("TEXT-ENHET", why, Location(text.location.file, line=text.content.count("\n", 0, m.start()) + 1)))
    return out
