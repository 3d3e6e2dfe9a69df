"""One year's figures for the comparisons between years, from either of the two places they live.

A year is known either by its published JSON export (what the styrelse signed: the reference
when it exists) or by its årsmapp, computed now. :func:`from_report` and :func:`from_export` turn
both into the same :class:`YearFigures`: the key figures of the flerårsöversikt, the same report's
prior-year column, and the saldobalans per account (for the cross-year checks in ``checks/years.py``).
:class:`History` is this year and the earlier years found, newest first. Pure: the files are found
and read by ``load/previous.py`` and ``history.py``.
"""

from __future__ import annotations

from typing import cast
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ..findings import Location
from ..model import AccountFigures, AnnualInput, InterventionKind, StatementLine
from ..money import ZERO
from .financials import Financials
from .key_figures import KEY_FIGURES, KeyFigureKind
from .participants import participation, per_participant

Value = Decimal | int | None

# The flerårsöversikt's figures, in table order: (key, Swedish label, kind). Most are key figures
# (compute/key_figures.py: their placeholder names, the JSON export's nyckeltal), of their kind there.
_KINDS: dict[str, KeyFigureKind] = {name: kind for name, kind, _ in KEY_FIGURES} | {
    "riktvarde_eget_kapital": "percent", "kostnad_per_deltagare": "money"}
FIGURES: tuple[tuple[str, str, str], ...] = tuple((key, label, _KINDS[key]) for key, label in (
    ("verksamhetens_intakter", "Verksamhetens intäkter"),
    ("verksamhetens_kostnader", "Verksamhetens kostnader"),
    ("arets_resultat", "Årets resultat"),
    ("eget_kapital", "Eget kapital"),
    ("eget_kapital_andel_av_medlemsbidrag", "Eget kapital i % av medlemsbidrag"),
    ("riktvarde_eget_kapital", "Riktvärde eget kapital (%)"),
    ("antal_insatser", "Antal insatser"),
    ("antal_deltagare", "Deltagare i individinriktade insatser"),  # persons (compute/participants.py)
    ("kostnad_per_deltagare", "Kostnad per deltagare (individinriktade insatser)"),
))
# Figures the next year's report prints again in its prior-year column.
RESTATED = ("verksamhetens_intakter", "verksamhetens_kostnader", "arets_resultat", "eget_kapital")
_PRIOR = "_foregaende_ar"


@dataclass(frozen=True)
class LedgerRow(AccountFigures):
    """One account of a year's saldobalans."""

    line: StatementLine | None  # the statement line the year mapped it to
    amount_at: Location | None  # where Belopp was read (the workbook's cell, or the export)
    prior_at: Location | None  # where Föregående år was read


@dataclass(frozen=True)
class YearFigures:
    year: int
    source: str  # the file the figures come from: the JSON export or the årsmapp's indata.xlsx
    published: bool  # True: from the published JSON export
    org_number: str
    figures: dict[str, Value]  # FIGURES keys → exact value (money in kr, percent in percent)
    prior: dict[str, Value]  # RESTATED keys → the same report's prior-year column
    accounts: tuple[LedgerRow, ...]  # empty for an export without saldobalans (schema 1.0)
    workbook: dict[str, Value] | None = None  # published years: the figures the årsmapp gives today, when it is there
    texts: dict[str, str] = field(default_factory=dict)  # text key → SHA-256 of its content (from an årsmapp only)

    def account(self, number: int) -> LedgerRow | None:
        return next((a for a in self.accounts if a.number == number), None)


@dataclass(frozen=True)
class History:
    """This year and the earlier years found (at most five in all), newest first, one per year."""

    years: tuple[YearFigures, ...]

    @property
    def previous(self) -> YearFigures | None:
        """Last year, when it is the year right before this one."""
        if len(self.years) > 1 and self.years[1].year == self.years[0].year - 1:
            return self.years[1]
        return None


def from_report(inp: AnnualInput, fin: Financials, key_figures: dict, source: str) -> YearFigures:
    """The year as computed from its årsmapp (``key_figures`` from compute/key_figures.py)."""
    value = {name: k.value for name, k in key_figures.items()}
    figures = {key: value.get(key) for key, _, _ in FIGURES}
    figures["riktvarde_eget_kapital"] = inp.organisation.equity_target_pct
    figures["kostnad_per_deltagare"] = participation(inp.interventions).cost_per_participant
    ledger = fin.ledger
    copy = next((c for c in inp.sheet_copies if c.name == "Saldobalans"), None)
    letters = copy.columns if copy is not None else {}

    def at(a, column: str) -> Location:  # the cell in the year's workbook, with its full path
        row = "".join(ch for ch in (a.location.cell or "") if ch.isdigit())
        letter = letters.get(column)
        return Location(source, a.location.sheet, f"{letter}{row}" if letter and row else a.location.cell)

    rows = tuple(LedgerRow(a.number, a.name, a.amount, a.prior, a.opening_prior, ledger.lines.get(a.number),
                           at(a, "Belopp"), at(a, "Föregående år"))
                 for a in ledger.accounts)
    return YearFigures(inp.organisation.year, source, False, inp.organisation.org_number, figures,
                       {key: value.get(key + _PRIOR) for key in RESTATED}, rows, texts=text_digests(inp))


def text_digests(inp: AnnualInput) -> dict[str, str]:
    return {t.key: hashlib.sha256(t.content.encode("utf-8")).hexdigest() for t in inp.texts}


def _decimal(text) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(str(text))
    except InvalidOperation:
        return None


def from_export(doc: dict, source: str) -> YearFigures:
    """The year as published: a JSON export document (``export/json_export.py``). Raises KeyError,
    TypeError or ValueError on a document that is not an export (the caller reports it)."""
    org = doc["forbund"]
    key = doc.get("nyckeltal") or {}

    def figure(name: str) -> Value:
        k = key.get(name)
        if k is None or k["varde"] is None:
            return None
        return k["varde"] if k["typ"] == "count" else _decimal(k["varde"])

    figures = {name: figure(name) for name, _, _ in FIGURES}
    target = _decimal(org.get("riktvarde_eget_kapital"))
    if target is None:  # schema 1.0: only the EK-RIKTVARDE avstämning knows it
        target = next((_decimal(r["hoger"]["belopp"]) for r in doc.get("avstamningar") or () if r["id"] == "EK-RIKTVARDE"), None)
    figures["riktvarde_eget_kapital"] = target
    # deltagare as compute/participants.py defines them: a Volyminsats's deltaganden are not persons
    # (exports before schema 2.3 do not say which insatser are Volyminsatser)
    individ = [i for i in doc.get("insatser") or () if i["typ"] == InterventionKind.INDIVID.value and not i.get("volyminsats")]
    figures["kostnad_per_deltagare"] = per_participant(sum((cast(Decimal, _decimal(i["utfall"])) for i in individ), ZERO),
                                                       sum(i["deltagare"] for i in individ))
    rows = tuple(
        LedgerRow(int(a["konto"]), a["benamning"], cast(Decimal, _decimal(a["belopp"])), cast(Decimal, _decimal(a["foregaende_ar"])),
                  _decimal(a["ingaende_foregaende_ar"]), StatementLine(a["rad"]) if a["rad"] else None,
                  Location(source, "saldobalans", f"konto {a['konto']}"), Location(source, "saldobalans", f"konto {a['konto']}"))
        for a in doc.get("saldobalans") or ()
    )
    return YearFigures(int(org["rakenskapsar"]), source, True, org["organisationsnummer"], figures,
                       {name: figure(name + _PRIOR) for name in RESTATED}, rows)


def opening_balance(row: LedgerRow) -> Decimal:
    """A balance account's opening balance of ``row``'s year, as next year's Ingående föregående år
    holds it: the prior year's closing balance (Föregående år); for eget kapital, whose account
    holds the opening equity already (docs/indata.md), the year's own Belopp."""
    return row.amount if row.line is StatementLine.EGET_KAPITAL else row.prior


def is_balance(line: StatementLine | None) -> bool:
    return line is not None and not line.is_result


__all__ = ["FIGURES", "History", "LedgerRow", "YearFigures", "from_export", "from_report",
           "is_balance", "opening_balance", "text_digests"]
