"""Avstämningar of Bilaga 1–3: outcomes against participants, and the Bilaga 3 tables against Tabell 1.

| id | compares | level |
|---|---|---|
| INS-RESULTAT-SUMMA | per insats with Resultat rows: the sum of its outcomes with its Deltagare | varning when the outcomes are more |
| BILAGA-TABELLSUMMA | Tabell 5, 6 and 7's Totalt with Tabell 1's Antal deltagare (table level; a sheet not in use is skipped) | varning when a row differs, info when only rows are missing |

Each deltagare has at most one outcome, so the outcomes may sum to less than Deltagare (some
have none yet) but never to more. The per-insats rows of Tabell 5–7 are checked by
INS-KON-SUMMA, INS-KOMMUN-SUMMA and INS-BAKGRUND-SUMMA; BILAGA-TABELLSUMMA is the row the
revisor ticks for the table, and names the insatser its difference comes from. The figures come
computed (Bilaga 1–2 pages, Tabell 1–8); nothing is recomputed here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from .. import anchors
from ..compute import Report
from ..compute.intervention_pages import InterventionPage
from ..compute.tables import AppendixTable
from ..files import WORKBOOK
from ..findings import Level, Location, Reconciliation, Side, Tolerance
from ..model import InterventionKind
from .declaration import Check, CountIf, InputCell, TableTotal, findings_of

INS_RESULTAT_SUMMA = Check("INS-RESULTAT-SUMMA", "En insats utfall i Resultat summerar till fler än dess deltagare",
                           Tolerance("vänster får vara högst höger (varje deltagare har högst ett utfall)", at_most=True),
                           unit="antal")
BILAGA_TABELLSUMMA = Check("BILAGA-TABELLSUMMA", "Totalt i Bilaga 3 Tabell 5, 6 och 7 = antal deltagare i Tabell 1",
                           Tolerance("ingen skillnad godtas"), unit="antal")
FINDINGS: dict[str, str] = findings_of(INS_RESULTAT_SUMMA, BILAGA_TABELLSUMMA)

_TABLES = ((5, "Kön", "könsfördelningen", "INS-KON-SUMMA"),
           (6, "Kommuner", "kommuntillhörigheten", "INS-KOMMUN-SUMMA"),
           (7, "Bakgrund", "bakgrunden", "INS-BAKGRUND-SUMMA"))


def appendix_reconciliations(report: Report) -> list[Reconciliation]:
    return [*_outcomes(report), *_tables(report)]


def page_anchor(page: InterventionPage) -> str:
    """The anchor of an insats page in Bilaga 1 or 2 (``bilaga1-<slug>``)."""
    return anchors.intervention_page(1 if page.kind is InterventionKind.INDIVID else 2, page.slug)


def _outcomes(report: Report) -> list[Reconciliation]:
    out = []
    for page in (*report.individual, *report.structural):
        if not page.outcomes:
            continue
        total, participants = page.outcomes_total, page.participants
        listed = " + ".join(f"{o.outcome.lower()} {o.count}" for o in page.outcomes if o.count)
        if INS_RESULTAT_SUMMA.level(Decimal(total), Decimal(participants)) is not None:
            message = (
                f"”{page.name}” har utfall i Resultat som summerar till {total} ({listed}) men {participants} "
                f"deltagare i Insatser ({page.location}), {total - participants} fler. Varje deltagare har högst ett "
                "utfall: rätta antalen i Resultat eller Deltagare i Insatser."
            )
        else:
            message = f"”{page.name}”: utfallen i Resultat ({total}) är inte fler än deltagarna ({participants})."
        table = 1 if page.kind is InterventionKind.INDIVID else 2
        left_at, right_at = _outcome_sides(report, page)
        out.append(INS_RESULTAT_SUMMA.record(
            f"”{page.name}”: summa utfall i Resultat ≤ deltagare",
            "Summa Resultat", Decimal(total), "Deltagare, bladet Insatser", Decimal(participants),
            message, page.outcomes[0].location, report.inp.organisation.year, left_at=left_at, right_at=right_at,
            left_source=f"{WORKBOOK} › Resultat, rad {_rows(page)}",
            right_source=str(page.location),
            left_printed=(page_anchor(page),),
            right_printed=(page_anchor(page), anchors.appendix_table(f"t{table}")),
        ))
    return out


def _outcome_sides(report: Report, page: InterventionPage) -> tuple[Side | None, Side | None]:
    """Resultat's Antal of the insats's name (as its first Resultat row gives it) and its Deltagare."""
    inp = report.inp
    name = next((o.intervention for o in inp.outcomes if o.location == page.outcomes[0].location), None)
    intervention = next((i for i in inp.interventions if i.name == name), None)
    if name is None or intervention is None:
        return None, None
    return CountIf("Resultat", "Insats", name, "Antal"), InputCell("Insatser", "Deltagare", intervention.location)


def _rows(page: InterventionPage) -> str:
    numbers = [int("".join(ch for ch in o.location.cell if ch.isdigit())) for o in page.outcomes if o.location.cell]
    return f"{min(numbers)}–{max(numbers)}" if numbers and min(numbers) != max(numbers) else ", ".join(map(str, numbers))


def _count(cell: object) -> int:
    """A person count of a table cell (the checks read the unmasked tables); a blank is 0."""
    return int(cast(int, cell or 0))


def _workbook(report: Report) -> str:
    """The workbook's file name as the records give it (indata.xlsx or indata.ods)."""
    return next((i.location.file for i in report.inp.interventions if i.location is not None), WORKBOOK)


def _tables(report: Report) -> list[Reconciliation]:
    a = report.appendix
    t1 = a.t1 if a is not None else None
    if a is None or t1 is None or t1.total is None:
        return []
    expected = _count(t1.total.cell(t1, "participants"))
    out = []
    for number, sheet, what, row_check in _TABLES:
        t: AppendixTable | None = getattr(a, f"t{number}")
        if t is None or t.total is None:
            continue
        total = _count(t.total.cell(t, "total"))
        causes, mismatched, given_any = [], False, False
        for row in t.rows:
            given = row.cell(t, "total")
            given_any |= given is not None
            participants = t1.row(cast(str, row.intervention)).cell(t1, "participants")
            if given is None and participants:
                causes.append(f"{row.intervention} saknar rad i {sheet} ({participants} deltagare)")
            elif given is not None and given != participants:
                mismatched = True
                causes.append(f"{row.intervention} {given} mot {participants} deltagare (se {row_check})")
        if not given_any:  # the sheet is not in use: nothing to tick (INS-SAKNAR-… is the row-level word)
            continue
        # rows left out are an info per insats (INS-SAKNAR-…), so a total short only by them is info too
        level = BILAGA_TABELLSUMMA.level(Decimal(total), Decimal(expected))
        level = Level.INFO if level is not None and not mismatched else level
        message = (
            f"Tabell {number} ({what}) summerar till Tabell 1:s antal deltagare: {total}."
            if level is None
            else f"Tabell {number} ({what}) summerar till {total}, men Tabell 1 har {expected} deltagare, skillnad "
                 f"{total - expected}. Skillnaden kommer från: {'; '.join(causes)}. Rätta raderna i {sheet} så att "
                 "varje insats summerar till sina deltagare."
        )
        out.append(BILAGA_TABELLSUMMA.record(
            f"Bilaga 3: Tabell {number} totalt = Tabell 1 antal deltagare",
            f"Tabell {number}, totalt", Decimal(total), "Tabell 1, antal deltagare", Decimal(expected),
            message, Location(_workbook(report), sheet), report.inp.organisation.year, level=level,
            left_at=TableTotal(number, "total"), right_at=TableTotal(1, "participants"),
            left_source=f"{WORKBOOK} › {sheet}", right_source=f"{WORKBOOK} › Insatser, kolumn Deltagare",
            left_printed=(anchors.appendix_table(f"t{number}"),), right_printed=(anchors.appendix_table("t1"),),
        ))
    return out
