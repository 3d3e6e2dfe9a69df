"""View models of Förvaltningsberättelse and Organisation: the generated blocks (möten, beviljade
insatser, ekonomisk ställning, people) woven into their texts."""

from __future__ import annotations

from typing import cast
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from .. import fmt
from ..anchors import Anchor
from ..compute.balance_requirement import BalanceRequirement
from ..compute.financials import Financials
from ..compute.lines import StatementKey as K
from ..model import AnnualInput, InterventionKind
from . import people
from .rounding import DisplayedFinancials, round_table, rounding_footnote
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
    balanced: bool  # balanskravet: the balanskravsresultat (exact) ≥ 0
    covered: bool  # a deficit fits within the equity from earlier years
    equity_pct: Decimal | None  # eget kapital in % of the year's medlemsbidrag
    target_pct: Decimal | None  # Riktvärde eget kapital (%)
    requirement: tuple[tuple[str, int, str], ...] = ()  # balanskravsutredning: (label, figure, row kind)
    explanation: Markup | None = None  # texter/balanskrav.md: the styrelse's explanation
    default_explanation: str = ""  # a neutral sentence from the figures when there is no text
    balance_result: int | None = None  # årets balanskravsresultat as printed
    requirement_notes: tuple[str, ...] = ()  # under the utredning: the adjustments' Kommentar, rounding
    requirement_anchor: str | None = None  # the utredning's HTML id, when it has adjustments (kontrollrapport)


@dataclass(frozen=True)
class ShownAdjustment:
    """One Balanskravsjusteringar row as printed (whole kr/tkr)."""

    label: str  # the Post
    value: int
    reserve: bool  # a resultatutjämningsreserv post


REQUIREMENT_ANCHOR = Anchor.BALANCE_REQUIREMENT  # the table's id: the kontrollrapport names its page


def balance_requirement(result: int, opening: int, closing: int,
                        adjustments: tuple[ShownAdjustment, ...] = ()) -> tuple[tuple[str, int, str], ...]:
    """The balanskravsutredning: årets resultat, the adjustments the balanskrav allows (one line per
    row of Balanskravsjusteringar; "Balanskravsjusteringar 0" without any), the balanskravsresultat,
    and how the eget kapital from earlier years carries it. Every sum is the sum of its printed lines:
    with adjustments, årets resultat is repeated above eget kapital vid årets slut, which it builds."""
    if not adjustments:
        return (
            ("Årets resultat", result, "line"),
            ("Balanskravsjusteringar", 0, "line"),
            ("Årets balanskravsresultat", result, "sum"),
            ("Eget kapital från tidigare år", opening, "line"),
            ("Eget kapital vid årets slut", closing, "sum"),
        )
    other = [a for a in adjustments if not a.reserve]
    reserve = [a for a in adjustments if a.reserve]
    rows = [("Årets resultat", result, "line")]
    rows += [(a.label, a.value, "line") for a in other]
    if other and reserve:
        rows.append(("Årets resultat efter balanskravsjusteringar", result + sum(a.value for a in other), "sum"))
    rows += [(a.label, a.value, "line") for a in reserve]
    rows += [
        ("Årets balanskravsresultat", result + sum(a.value for a in adjustments), "sum"),
        ("Eget kapital från tidigare år", opening, "line"),
        ("Årets resultat", result, "line"),
        ("Eget kapital vid årets slut", closing, "sum"),
    ]
    return tuple(rows)


def requirement_sentence(result: int, opening: int, closing: int, unit: str,
                         balance_result: int | None = None, met: bool | None = None) -> str:
    """A neutral reading of the figures, without a verdict the data cannot carry (whether a deficit
    was planned is the styrelse's to say, in texter/balanskrav.md). ``balance_result``: the printed
    balanskravsresultat when it has adjustments (None: it is årets resultat); ``met``: the exact
    balanskravsresultat is not negative (default: the printed one)."""
    def amount(n: int) -> str:
        return fmt.with_unit(fmt.shown(n), unit)
    figure = result if balance_result is None else balance_result
    if met is None:
        met = figure >= 0
    if balance_result is None:
        if met:
            return f"Årets balanskravsresultat är {amount(figure)}: intäkterna motsvarar eller överstiger kostnaderna."
        lead = f"Årets balanskravsresultat är {amount(figure)}."
    else:
        lead = (f"Årets resultat är {amount(result)} och årets balanskravsresultat, efter balanskravsjusteringarna "
                f"om {amount(figure - result)}, är {amount(figure)}.")
        if met:
            return f"{lead} Balanskravsresultatet är inte negativt."
    if closing >= 0:
        return (f"{lead} Underskottet ryms inom det egna kapitalet från "
                f"tidigare år, {amount(opening)}, och eget kapital vid årets slut är {amount(closing)}.")
    return (f"{lead} Det egna kapitalet vid årets slut är negativt, "
            f"{amount(closing)}.")


def shown_adjustments(requirement: BalanceRequirement, result: int, unit) -> tuple[tuple[ShownAdjustment, ...], str | None]:
    """The adjustments in whole ``unit`` so that årets resultat (as the resultaträkning prints it) +
    the lines = the half-up rounded exact balanskravsresultat (largest remainder,
    ``present/rounding.round_table``), and the rounding footnote when a line had to move."""
    adjustments = requirement.adjustments
    if not adjustments:
        return (), None
    table = round_table([requirement.result, *(a.amount for a in adjustments)], unit,
                        total=requirement.balance_result, fixed={0: result})
    shown = tuple(ShownAdjustment(a.post.value, v, a.post.is_reserve) for a, v in zip(adjustments, table.values[1:]))
    return shown, rounding_footnote(adjustments[i - 1].post.value for i in table.adjusted if i)


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
        ("Årets resultat", tuple(rr.value(K.ARETS_RESULTAT, c) for c in range(n))),
        ("Summa tillgångar", tuple(br.value(K.SUMMA_TILLGANGAR, c) for c in range(n))),
        ("Eget kapital", tuple(br.value(K.EGET_KAPITAL, c) for c in range(n))),
    ]
    if br.has(K.SUMMA_SKULDER):
        rows.append(("Summa skulder", tuple(br.value(K.SUMMA_SKULDER, c) for c in range(n))))
    result = rr.value(K.ARETS_RESULTAT, 0)
    closing = br.value(K.EGET_KAPITAL, 0)
    opening = closing - result
    unit = inp.organisation.unit.value
    requirement = fin.requirement
    adjustments, footnote = shown_adjustments(requirement, result, unit)
    balance_result = result + sum(a.value for a in adjustments)
    notes = tuple(f"{a.post.value}: {a.comment.strip()}" for a in requirement.adjustments if a.comment and a.comment.strip())
    return Position(
        years=cast(tuple[int, int], tuple(br.statement.years)),
        rows=tuple(rows),
        result=result,
        opening_equity=opening,
        closing_equity=closing,
        balanced=requirement.met,
        covered=requirement.met or closing >= 0,
        equity_pct=fin.equity_pct,
        target_pct=inp.organisation.equity_target_pct,
        requirement=balance_requirement(result, opening, closing, adjustments),
        explanation=explanation,
        default_explanation=requirement_sentence(result, opening, closing, unit,
                                                 balance_result if adjustments else None, requirement.met),
        balance_result=balance_result,
        requirement_notes=notes + ((footnote,) if footnote else ()),
        requirement_anchor=REQUIREMENT_ANCHOR if adjustments else None,
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
