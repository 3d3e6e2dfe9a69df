"""JSON export ``arsredovisning-<år>.json``: every computed figure and every finding.

The document follows ``arsredovisning.schema.json`` (JSON Schema draft 2020-12, next to this
module); ``schema_version`` names the schema it follows. Keys are Swedish without å/ä/ö, like the
rest of the tool's JSON (``kontrollera --json``).

Exactness: every amount and percentage is a **string** holding the exact decimal value, with a
point as decimal separator and at least two decimals (``"1234.50"``, ``"-8308.00"``; computed
values such as a member's exact share keep all their decimals: ``"302344.0015357818"``). JSON
numbers are never used for money, so no reader rounds through binary floating point. Counts are
JSON integers, a missing value is ``null``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from .. import __version__
from ..checks import all_reconciliations
from ..compute import Report
from ..compute.appendix_tables import AppendixTables
from ..compute.balance_requirement import BalanceRequirement
from ..compute.intervention_pages import InterventionPage
from ..compute.tables import AppendixRow, AppendixTable, Masked
from ..compute.contributions import Contributions
from ..compute.financials import Financials
from ..compute.notes import Note
from ..compute.operating import OperatingReport
from ..compute.statements import Statement
from ..files import json_name, write_atomic
from ..findings import Finding, Location, Reconciliation, sorted_findings
from ..load.stamp import Stamp
from ..present.year_in_brief import report_year_in_brief

SCHEMA_VERSION = "2.3"  # 2.3: insatser.volyminsats (deltagare defined once, issue 24); 2.2: version_id, tillstand (issue 23); 2.1: balanskrav (Balanskravsjusteringar, balanskravsresultat); 2.0: footnotes numbered per table, listed under each table; 1.1: saldobalans and forbund.riktvarde_eget_kapital (issue 16)
SCHEMA_FILE = Path(__file__).with_name("arsredovisning.schema.json")
CENT = Decimal("0.01")


def dec(value: Decimal | int | None) -> str | None:
    """``Decimal("1234.5")`` → ``"1234.50"``; at least two decimals, never an exponent."""
    if value is None:
        return None
    value = Decimal(value)
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):  # "n", "N", "F": NaN or Infinity, never an amount
        raise ValueError(f"{value} is not an amount")
    if exponent > -2:
        value = value.quantize(CENT)
    return format(value + 0, "f")  # + 0 turns −0 into 0


def location(loc: Location | None) -> dict | None:
    if loc is None:
        return None
    return {"fil": loc.file, "blad": loc.sheet, "cell": loc.cell, "rad": loc.line, "text": str(loc)}


# --------------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------------


def statement(st: Statement) -> dict:
    return {
        "titel": st.title,
        "ar": list(st.years),
        "kolumner": list(st.column_labels),
        "rader": [
            {
                "nyckel": r.key,
                "text": r.label,
                "typ": r.kind.value,
                "varden": [dec(v) for v in r.values],
                "not": r.note,
                "konton": list(r.accounts),
                "delar": list(r.parts),
                "niva": r.level,
            }
            for r in st.rows
        ],
    }


def note(n: Note) -> dict:
    return {
        "nummer": n.number,
        "titel": n.title,
        "rad": n.key,
        "ar": list(n.years),
        "rader": [{"text": r.label, "varden": [dec(v) for v in r.values], "konton": list(r.accounts)} for r in n.rows],
        "summa": [dec(v) for v in n.total],
    }


def operating(op: OperatingReport | None) -> dict | None:
    if op is None:
        return None
    return {
        "ar": op.year,
        "rader": [
            {
                "nyckel": r.key,
                "text": r.label,
                "typ": r.kind.value,
                "budget": dec(r.budget),
                "utfall": dec(r.actual),
                "avvikelse": dec(r.variance),
                "utfall_foregaende_ar": dec(r.prior_actual),
                "konton": list(r.accounts),
                "niva": r.level,
            }
            for r in op.rows
        ],
    }


def contributions(c: Contributions | None) -> dict | None:
    if c is None:
        return None
    return {
        "totalt": dec(c.total),
        "totalt_avrundat": c.total_amount,
        "kalla": c.source.value,
        "grund": c.basis.value,
        "medlemmar": [
            {
                "medlem": s.member.name,
                "typ": s.member.type.value,
                "konto": s.member.account,
                "andel_av_totalt": dec(s.share_of_total),
                "andel_av_kommundelen": dec(s.share_of_quarter),
                "exakt": dec(s.exact),
                "belopp": s.amount,
                "bokfort": dec(s.booked),
                "skillnad": dec(s.difference),
            }
            for s in c.members
        ],
    }


def cell(value) -> str | int | bool | None:
    if isinstance(value, Masked):  # the report's tables are exported unmasked; kept for safety
        return str(value)
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    return dec(value)


def table_row(r: AppendixRow) -> dict:
    return {
        "text": r.label,
        "insats": r.intervention,
        "celler": [cell(v) for v in r.cells],
        "fotnoter": list(r.notes),
        "kallor": [location(s) for s in r.sources],
    }


def table(t: AppendixTable) -> dict:
    return {
        "nummer": t.number,
        "nyckel": t.key,
        "titel": t.caption,
        "radrubrik": t.label_header,
        "kolumner": [{"nyckel": c.key, "rubrik": c.header, "typ": c.kind.value, "summeras": c.total} for c in t.columns],
        "rader": [table_row(r) for r in t.rows],
        "summa": table_row(t.total) if t.total else None,
        "fotnoter": [{"nummer": f.number, "text": f.text, "insats": f.intervention} for f in t.footnotes],
    }


def appendix(a: AppendixTables | None) -> dict | None:
    if a is None:
        return None
    s = a.shares
    return {
        "tabeller": [table(t) for t in a.tables],
        "kommunandelar": {
            "grund": s.basis,
            "ovriga": s.other,
            "totalt": s.total,
            "kommuner": [
                {
                    "medlem": m.member,
                    "kortnamn": m.short_name,
                    "deltagare": m.participants,
                    "andel_deltagare": dec(m.participant_pct),
                    "invanare": m.population,
                    "andel_invanare": dec(m.population_pct),
                }
                for m in s.rows
            ],
        },
    }


def intervention(p: InterventionPage) -> dict:
    return {
        "namn": p.name,
        "typ": p.kind.value,
        "huvudman": p.lead_organisation,
        "start": p.start.isoformat() if p.start else None,
        "slut": p.end.isoformat() if p.end else None,
        "budget": dec(p.budget),
        "utfall": dec(p.actual),
        "avvikelse": dec(p.variance),
        "deltagare": p.participants,
        "budgeterade_deltagare": p.planned_participants,
        "kostnad_per_deltagare": dec(p.cost_per_participant),
        "volyminsats": p.volume,
        "resultat": [{"utfall": o.outcome, "antal": o.count} for o in p.outcomes],
        "plats": location(p.location),
    }


def _financials(report: Report) -> Financials:
    """The report's statements: always there when it is exported (the export follows a build without errors)."""
    if report.financials is None:
        raise ValueError("the JSON export needs a report with its financials (one without errors)")
    return report.financials


def trial_balance(report: Report) -> list[dict]:
    """The saldobalans as read, ledger signs: next year's cross-year checks compare against it."""
    ledger = _financials(report).ledger
    return [
        {
            "konto": a.number,
            "benamning": a.name,
            "belopp": dec(a.amount),
            "foregaende_ar": dec(a.prior),
            "ingaende_foregaende_ar": dec(a.opening_prior),
            "rad": ledger.lines[a.number].value if a.number in ledger.lines else None,
            "plats": location(a.location),
        }
        for a in ledger.accounts
    ]


def balance_requirement(req: BalanceRequirement) -> dict:
    """The balanskravsutredning, exact: årets resultat, each Balanskravsjusteringar row (in the
    utredning's order, with its cell), and the balanskravsresultat."""
    return {
        "arets_resultat": dec(req.result),
        "justeringar": [
            {"post": a.post.value, "belopp": dec(a.amount), "kommentar": a.comment, "resultatutjamningsreserv": a.post.is_reserve,
             "plats": location(a.location)}
            for a in req.adjustments
        ],
        "summa_justeringar": dec(req.adjustment_total),
        "resultat_efter_balanskravsjusteringar": dec(req.before_reserve),
        "balanskravsresultat": dec(req.balance_result),
        "balanskravet_uppfyllt": req.met,
    }


def year_in_brief_export(report: Report) -> dict | None:
    """Året i korthet as printed: each row's figures (this year, last year; in the report's unit) and
    the sentences under it."""
    brief = report_year_in_brief(report)
    if brief is None:
        return None
    return {
        "ar": list(brief.years),
        "enhet": brief.unit,
        "rader": [{"text": r.label, "varden": list(r.values), "slag": r.kind} for r in brief.rows],
        "meningar": list(brief.lines),
    }


def key_figures(figures: dict) -> dict:
    out = {}
    for name, fig in figures.items():
        value = fig.value
        out[name] = {
            "typ": fig.kind,
            "beskrivning": fig.description,
            "varde": value if (value is None or fig.kind == "count") else dec(value),
        }
    return out


def reconciliation(r: Reconciliation) -> dict:
    return {
        "id": r.id,
        "beskrivning": r.description,
        "vanster": {"text": r.left_label, "belopp": dec(r.left), "kalla": r.left_source, "ankare": list(r.left_printed)},
        "hoger": {"text": r.right_label, "belopp": dec(r.right), "kalla": r.right_source, "ankare": list(r.right_printed)},
        "skillnad": dec(r.difference),
        "status": r.status,
        "meddelande": r.message,
        "ar": r.year,
        "plats": location(r.location),
        "tolerans": r.tolerance,
        "enhet": r.unit,
        "delar": [{"text": label, "belopp": dec(amount)} for label, amount in r.parts],
    }


# --------------------------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------------------------


def export_document(report: Report, findings: list[Finding], stamp: Stamp) -> dict:
    org = report.inp.organisation
    fin = _financials(report)
    doc = {
        "schema_version": SCHEMA_VERSION,
        "verktyg": {"namn": "arsredovisning", "version": __version__},
        "kontrollsumma": stamp.checksum,
        "stampel": str(stamp),
        "version_id": stamp.version_id,
        "tillstand": stamp.state,
        "forbund": {
            "namn": org.name,
            "organisationsnummer": org.org_number,
            "rakenskapsar": org.year,
            "ort": org.city,
            "belopp_i": org.unit.value,
            "riktvarde_eget_kapital": dec(org.equity_target_pct),
        },
        "saldobalans": trial_balance(report),
        "rakningar": {
            "resultatrakning": statement(fin.income_statement),
            "balansrakning": statement(fin.balance_sheet),
            "kassaflodesanalys": statement(fin.cash_flow),
        },
        "noter": [note(n) for n in fin.notes],
        "driftredovisning": operating(fin.operating),
        "balanskrav": balance_requirement(fin.requirement),
        "medlemsbidrag": contributions(fin.contributions),
        "insatser": [intervention(p) for p in (*report.individual, *report.structural)],
        "bilaga3": appendix(report.appendix),
        "nyckeltal": key_figures(report.key_figures),
        "arets_korthet": year_in_brief_export(report),
        "texter": [{"nyckel": t.key, "text": t.content} for t in report.inp.texts],
        "indatafiler": [{"fil": name, "sha256": sha} for name, sha in report.inp.inputs],
        "avstamningar": [reconciliation(r) for r in all_reconciliations(report)],
        "fynd": [f.as_dict() for f in sorted_findings(findings)],
    }
    return doc


def document_text(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def json_bytes(report: Report, findings: list[Finding], stamp: Stamp) -> bytes:
    """The file's bytes (also embedded in the archival PDF)."""
    return document_text(export_document(report, findings, stamp)).encode("utf-8")


def write_json(report: Report, findings: list[Finding], stamp: Stamp, out: Path) -> Path:
    """Write ``<out>/arsredovisning-<år>.json`` atomically."""
    path = Path(out) / json_name(report.inp.organisation.year)
    write_atomic(path, json_bytes(report, findings, stamp))
    return path


def load_schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
