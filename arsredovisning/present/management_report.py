"""View models of Förvaltningsberättelse and Organisation: the generated blocks (möten, beviljade
insatser, ekonomisk ställning, people) woven into their texts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from .. import fmt
from ..compute.financials import Financials
from ..model import AnnualInput, InterventionKind
from . import people
from .rounding import DisplayedFinancials
from .woven import Generated




@dataclass(frozen=True)
class GrantedList:
    kind: str  # "individinriktade" / "strukturövergripande"
    names: tuple[str, ...]


@dataclass(frozen=True)
class Granted:
    year: int
    lists: tuple[GrantedList, ...]


@dataclass(frozen=True)
class Meetings:
    groups: tuple[people.MeetingGroup, ...]


@dataclass(frozen=True)
class Position:
    """Ekonomisk ställning: key figures of both years (displayed, whole unit) and the balanskrav."""

    years: tuple[int, int]
    rows: tuple[tuple[str, tuple[int | None, ...]], ...]  # (label, (this year, prior year))
    result: int
    opening_equity: int  # eget kapital at the start of the year (= prior year's closing)
    closing_equity: int
    balanced: bool  # balanskravet: årets resultat ≥ 0
    covered: bool  # a deficit fits within the equity from earlier years
    equity_pct: Decimal | None  # eget kapital in % of the year's medlemsbidrag
    target_pct: Decimal | None  # Riktvärde eget kapital (%)
    requirement: tuple[tuple[str, int, str], ...] = ()  # balanskravsutredning: (label, figure, row kind)
    explanation: Markup | None = None  # texter/balanskrav.md: the styrelse's explanation
    default_explanation: str = ""  # a neutral sentence from the figures when there is no text


def balance_requirement(result: int, opening: int, closing: int) -> tuple[tuple[str, int, str], ...]:
    """The balanskravsutredning: årets resultat, the adjustments the balanskrav allows (the accounts
    of a förbund hold none: realisationsvinster and orealiserade värdepappersposter have no line),
    the balanskravsresultat, and how the eget kapital from earlier years carries it."""
    rows = [
        ("Årets resultat", result, "line"),
        ("Balanskravsjusteringar", 0, "line"),
        ("Årets balanskravsresultat", result, "sum"),
        ("Eget kapital från tidigare år", opening, "line"),
        ("Eget kapital vid årets slut", closing, "sum"),
    ]
    return tuple(rows)


def requirement_sentence(result: int, opening: int, closing: int, unit: str) -> str:
    """A neutral reading of the figures, without a verdict the data cannot carry (whether a deficit
    was planned is the styrelse's to say, in texter/balanskrav.md)."""
    def amount(n: int) -> str:
        return fmt.with_unit(fmt.shown(n), unit)
    if result >= 0:
        return f"Årets balanskravsresultat är {amount(result)}: intäkterna motsvarar eller överstiger kostnaderna."
    if closing >= 0:
        return (f"Årets balanskravsresultat är {amount(result)}. Underskottet ryms inom det egna kapitalet från "
                f"tidigare år, {amount(opening)}, och eget kapital vid årets slut är {amount(closing)}.")
    return (f"Årets balanskravsresultat är {amount(result)}. Det egna kapitalet vid årets slut är negativt, "
            f"{amount(closing)}.")


def granted(inp: AnnualInput) -> Granted | None:
    lists = []
    for kind, word in ((InterventionKind.INDIVID, "individinriktade"), (InterventionKind.STRUKTUR, "strukturövergripande")):
        names = tuple(i.name for i in inp.interventions if i.kind is kind)
        if names:
            lists.append(GrantedList(word, names))
    return Granted(inp.organisation.year, tuple(lists)) if lists else None


def position(inp: AnnualInput, shown: DisplayedFinancials, fin: Financials, explanation: Markup | None = None) -> Position:
    rr, br = shown.income_statement, shown.balance_sheet
    n = len(br.statement.years)
    rows = [
        ("Årets resultat", tuple(rr.value("arets_resultat", c) for c in range(n))),
        ("Summa tillgångar", tuple(br.value("summa_tillgangar", c) for c in range(n))),
        ("Eget kapital", tuple(br.value("eget_kapital", c) for c in range(n))),
    ]
    if br.has("summa_skulder"):
        rows.append(("Summa skulder", tuple(br.value("summa_skulder", c) for c in range(n))))
    result = rr.value("arets_resultat", 0)
    closing = br.value("eget_kapital", 0)
    opening = closing - result
    return Position(
        years=tuple(br.statement.years),
        rows=tuple(rows),
        result=result,
        opening_equity=opening,
        closing_equity=closing,
        balanced=result >= 0,
        covered=result >= 0 or closing >= 0,
        equity_pct=fin.equity_pct,
        target_pct=inp.organisation.equity_target_pct,
        requirement=balance_requirement(result, opening, closing),
        explanation=explanation,
        default_explanation=requirement_sentence(result, opening, closing, inp.organisation.unit.value),
    )


# ----------------------------------------------------------------------------------------------
# Organisation


@dataclass(frozen=True)
class PeopleBlock:
    kind: str  # "board", "preparatory", "staff", "auditors"
    organs: tuple[people.Organ, ...]


def organisation_blocks(inp: AnnualInput) -> list[Generated]:
    year = inp.organisation.year
    out = []
    board = people.board(inp.persons, year)
    if board:
        out.append(Generated("Förbundsstyrelsen", r"styrelse", "sections/_people.html.j2", PeopleBlock("board", board)))
    prep = people.preparatory_group(inp.persons, year)
    if prep:
        out.append(Generated("Beredningsgruppen", r"beredningsgrupp", "sections/_people.html.j2", PeopleBlock("preparatory", prep)))
    staff = people.staff(inp.persons, year)
    if staff:
        out.append(Generated("Personal", r"personal|kansli", "sections/_people.html.j2", PeopleBlock("staff", (people.Organ("Personal", staff),))))
    auditors = people.auditors(inp.persons, year)
    if auditors:
        out.append(Generated("Revisorer", r"revisor", "sections/_people.html.j2", PeopleBlock("auditors", (people.Organ("Revisorer", auditors),))))
    return out
