"""Checks of the insats sheets: Kön/Kommuner/Bakgrund/Resultat against Insatser.

| id | level | when |
|---|---|---|
| INS-OKAND | fel | a Kön/Kommuner/Bakgrund/Resultat/Lägesrapporter row names an insats not in Insatser |
| INS-DUBBEL-RAD | fel | two Kön/Kommuner/Bakgrund rows for one insats, or two Resultat rows with the same Utfall |
| INS-STRUKTUR-PERSON | varning | a Kön/Kommuner/Bakgrund row for a Struktur insats |
| INS-KON-SUMMA, INS-KOMMUN-SUMMA, INS-BAKGRUND-SUMMA | varning | the row's sum ≠ the insats' Deltagare |
| INS-SAKNAR-KON, INS-SAKNAR-KOMMUN, INS-SAKNAR-BAKGRUND | info | an Individ insats with deltagare has no row (sheet in use) |
| INS-BAKGRUND-EJ-REDOVISAD | info | an insats reports Ej redovisad > 0 |
| INS-KOSTNAD-PER-DELTAGARE | info | kostnad/deltagare cannot be computed for an Individ insats |

Unknown kommun columns are the loader's (it maps Kommuner columns to members).
"""

from __future__ import annotations

import difflib
from typing import Any

from .. import fmt
from ..compute.intervention_pages import InterventionPage
from ..compute.intervention_rows import interventions_by_name
from ..findings import Finding, error, info, warning
from ..load import schema
from ..load.schema import INSATSER
from ..model import AnnualInput, Intervention, InterventionKind

FINDINGS: dict[str, str] = {
    "INS-OKAND": "En rad i Kön, Kommuner, Bakgrund eller Resultat namnger en insats som inte finns i Insatser.",
    "INS-DUBBEL-RAD": "En insats har flera rader i samma blad.",
    "INS-STRUKTUR-PERSON": "Personuppgifter för en strukturövergripande insats.",
    "INS-KON-SUMMA": "Könsfördelningen summerar inte till insatsens Deltagare.",
    "INS-KOMMUN-SUMMA": "Kommunfördelningen summerar inte till insatsens Deltagare.",
    "INS-BAKGRUND-SUMMA": "Bakgrundsfördelningen summerar inte till insatsens Deltagare.",
    "INS-SAKNAR-KON": "En individinriktad insats saknar rad i Kön.",
    "INS-SAKNAR-KOMMUN": "En individinriktad insats saknar rad i Kommuner.",
    "INS-SAKNAR-BAKGRUND": "En individinriktad insats saknar rad i Bakgrund.",
    "INS-BAKGRUND-EJ-REDOVISAD": "En insats har deltagare med Ej redovisad bakgrund.",
    "INS-KOSTNAD-PER-DELTAGARE": "Kostnad per deltagare kan inte räknas fram för en insats.",
}

# (sheet, what the rows hold, id when a row's sum ≠ Deltagare, id when an insats has no row)
_PERSON_SHEETS = (
    ("Kön", "könsuppgifter", "INS-KON-SUMMA", "INS-SAKNAR-KON"),
    ("Kommuner", "kommunuppgifter", "INS-KOMMUN-SUMMA", "INS-SAKNAR-KOMMUN"),
    ("Bakgrund", "bakgrundsuppgifter", "INS-BAKGRUND-SUMMA", "INS-SAKNAR-BAKGRUND"),
)


def check_interventions(inp: AnnualInput) -> list[Finding]:
    """The findings of the person and Resultat sheets, in sheet order (INS-KOSTNAD-PER-DELTAGARE,
    which reads the computed Bilaga 1 pages, is :func:`check_cost_per_participant`)."""
    by_name = interventions_by_name(inp)
    rows_by_sheet = {"Kön": inp.genders, "Kommuner": inp.municipalities, "Bakgrund": inp.backgrounds}
    findings: list[Finding] = []
    for sheet, what, sum_id, missing_id in _PERSON_SHEETS:
        findings += _check_person_sheet(inp, by_name, rows_by_sheet[sheet], sheet, what, sum_id, missing_id)
    findings += _check_outcomes(inp, by_name)
    findings += [_unknown("Lägesrapporter", r, by_name) for r in inp.progress_reports if r.intervention not in by_name]
    return findings


def _unread_interventions(inp: AnnualInput) -> set[str]:
    """Insatser rows left out because a cell could not be read (by name as written): a Kön row
    naming one is not "unknown", and its sums cannot be checked."""
    return {u.row_name.casefold() for u in inp.unusable_in(INSATSER) if u.row_name}


def _check_person_sheet(inp, by_name, rows, sheet, what, sum_id, missing_id) -> list[Finding]:
    findings: list[Finding] = []
    seen: dict[str, Any] = {}
    unread = _unread_interventions(inp)
    blocked = inp.unusable_in(schema.sheet(sheet))
    header_blocked = [u for u in blocked if not u.column]  # e.g. a Kommuner column naming no kommun
    rows_blocked = {u.location.cell and "".join(ch for ch in u.location.cell if ch.isdigit()) for u in blocked if u.column}
    skipped: list[str] = []
    for r in rows:
        i = by_name.get(r.intervention)
        if i is None:
            if r.intervention.casefold() in unread:
                skipped.append(r.intervention)
                continue
            findings.append(_unknown(sheet, r, by_name))
            continue
        if r.intervention in seen:
            findings.append(error(
                "INS-DUBBEL-RAD",
                f"Insatsen ”{r.intervention}” har flera rader i {sheet} (även {seen[r.intervention].location}). "
                "Slå ihop dem till en rad per insats.",
                r.location,
            ))
            continue
        seen[r.intervention] = r
        if i.kind is InterventionKind.STRUKTUR:
            findings.append(warning(
                "INS-STRUKTUR-PERSON",
                f"”{i.name}” är en strukturövergripande insats; {what} redovisas bara för individinriktade "
                f"insatser och raden tas inte med i tabellerna. Ta bort raden eller ändra Typ i Insatser ({i.location}).",
                r.location,
            ))
            continue
        if header_blocked or (r.location.cell and "".join(ch for ch in r.location.cell if ch.isdigit()) in rows_blocked):
            skipped.append(i.name)
        elif r.total != i.participants:
            findings.append(warning(
                sum_id,
                f"”{i.name}” har {_parts(inp, sheet, r)} = {r.total} men {i.participants} deltagare i Insatser "
                f"({i.location}), skillnad {_signed(r.total - i.participants)}. Rätta antalen så att summan blir "
                f"{i.participants}, eller rätta Deltagare.",
                r.location,
            ))
        if sheet == "Bakgrund" and r.unreported > 0:
            findings.append(info(
                "INS-BAKGRUND-EJ-REDOVISAD",
                f"”{i.name}” har inte redovisat bakgrund för {r.unreported} av {r.total} deltagare (Ej redovisad).",
                r.location,
            ))
    if skipped:
        cells = [u.location for u in blocked] or [u.location for u in inp.unusable_in(INSATSER)]
        names = ", ".join(f"”{n}”" for n in dict.fromkeys(skipped))
        findings.append(info(
            "KONTROLL-EJ-GJORD",
            f"Kontrollen att {sheet} summerar till Deltagare gjordes inte för {names}: celler som den läser "
            f"kunde inte läsas ({', '.join(str(c) for c in cells[:3])}{' …' if len(cells) > 3 else ''}; se felen där). "
            "Rätta dem och kör kontrollera igen.",
            cells[0] if cells else None,
            about=f"{sheet}",
        ))
    if rows or _sheet_present(inp, sheet):
        for i in inp.interventions:
            if i.kind is InterventionKind.INDIVID and i.participants > 0 and i.name not in seen:
                findings.append(info(
                    missing_id,
                    f"Den individinriktade insatsen ”{i.name}” har {i.participants} deltagare men ingen rad i "
                    f"{sheet}; tabellen visar ”–”. Lägg till en rad för insatsen.",
                    i.location,
                ))
    return findings


def check_cost_per_participant(individual: tuple[InterventionPage, ...]) -> list[Finding]:
    """INS-KOSTNAD-PER-DELTAGARE (info) for each Bilaga 1 page whose kostnad/deltagare could not be
    computed (``compute`` gives the reason; it is not recomputed here)."""
    return [
        info(
            "INS-KOSTNAD-PER-DELTAGARE",
            f"”{p.name}”: {p.cost_per_participant_reason} (utfall {fmt.money(p.actual)} kr, {p.participants} deltagare); "
            "tabellen visar ”–” med en fotnot.",
            p.location,
        )
        for p in individual
        if p.cost_per_participant_reason
    ]


def _check_outcomes(inp: AnnualInput, by_name: dict[str, Intervention]) -> list[Finding]:
    findings = []
    seen: dict[tuple[str, str], Any] = {}
    for r in inp.outcomes:
        if r.intervention not in by_name:
            findings.append(_unknown("Resultat", r, by_name))
            continue
        key = (r.intervention, r.outcome.strip().casefold())
        if key in seen:
            findings.append(error(
                "INS-DUBBEL-RAD",
                f"”{r.intervention}” har utfallet ”{r.outcome}” två gånger i Resultat (även {seen[key].location}). "
                "Slå ihop raderna.",
                r.location,
            ))
            continue
        seen[key] = r
    return findings


def _unknown(sheet: str, r, by_name: dict[str, Intervention]) -> Finding:
    names = list(by_name)
    folded = {n.casefold(): n for n in names}
    guess = folded.get(r.intervention.casefold()) or next(
        iter(difflib.get_close_matches(r.intervention, names, n=1, cutoff=0.6)), None
    )
    hint = f" Menade du ”{guess}”?" if guess else " Skriv namnet exakt som i Insatser."
    return error(
        "INS-OKAND",
        f"Insatsen ”{r.intervention}” i {sheet} finns inte i Insatser.{hint}",
        r.location,
    )


def _parts(inp: AnnualInput, sheet: str, r) -> str:
    if sheet == "Kön":
        parts = [f"kvinnor {r.women}", f"män {r.men}"] + ([f"annat/ej angivet {r.other}"] if r.other else [])
    elif sheet == "Bakgrund":
        parts = [f"svensk {r.swedish}", f"annan {r.other}"] + ([f"ej redovisad {r.unreported}"] if r.unreported else [])
    else:
        short = {m.name: m.short_name for m in inp.members}
        parts = [f"{short.get(name, name)} {n}" for name, n in r.counts] + ([f"övriga {r.other}"] if r.other else [])
    return " + ".join(parts)


def _sheet_present(inp: AnnualInput, sheet: str) -> bool:
    return any(s.strip().casefold() == sheet.casefold() for s in inp.sheets_present)


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else f"{fmt.MINUS}{-n}"

