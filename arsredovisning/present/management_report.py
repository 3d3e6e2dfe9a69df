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
from ..compute.years import History
from ..money import to_unit
from ..model import AnnualInput, InterventionKind
from . import people
from .rounding import ROUNDING_LABEL, DisplayedFinancials, EquityChange, equity_changes, round_table, rounding_footnote
from .woven import Generated




@dataclass(frozen=True)
class GrantedList:
    kind: str  # "individinriktade" / "strukturövergripande"
    names: tuple[str, ...]

    @property
    def phrase(self) -> str:
        """"2 individinriktade insatser", "1 individinriktad insats" (the adjective agrees)."""
        n = len(self.names)
        if n == 1:
            return f"1 {self.kind.removesuffix('e') if self.kind.endswith('ade') else self.kind} insats"
        return f"{n} {self.kind} insatser"


@dataclass(frozen=True)
class Granted:
    """Beviljade insatser, a generated block of Förvaltningsberättelse: the year's insatser by kind."""

    year: int
    lists: tuple[GrantedList, ...]


@dataclass(frozen=True)
class Meetings:
    """Möten under året, a generated block of Förvaltningsberättelse: the year's meetings per organ."""

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
    roll_forward: "EquityRollForward | None" = None  # Förändring av eget kapital, its own table
    unrestored: tuple["UnrestoredYear", ...] = ()  # this and earlier years' balanskravsresultat not yet restored


@dataclass(frozen=True)
class ShownAdjustment:
    """One Balanskravsjusteringar row as printed (whole kr/tkr)."""

    label: str  # the Post
    value: int
    reserve: bool  # a resultatutjämningsreserv post


REQUIREMENT_ANCHOR = Anchor.BALANCE_REQUIREMENT  # the table's id: the kontrollrapport names its page


def balance_requirement(result: int, adjustments: tuple[ShownAdjustment, ...] = ()) -> tuple[tuple[str, int, str], ...]:
    """The balanskravsutredning: årets resultat, the adjustments the balanskrav allows (one line per
    row of Balanskravsjusteringar; "Balanskravsjusteringar 0" without any) and the
    balanskravsresultat. Every sum is the sum of its printed lines. The eget kapital's roll-forward
    is its own table (:func:`equity_roll_forward`), not part of the utredning."""
    if not adjustments:
        return (
            ("Årets resultat", result, "line"),
            ("Balanskravsjusteringar", 0, "line"),
            ("Årets balanskravsresultat", result, "sum"),
        )
    other = [a for a in adjustments if not a.reserve]
    reserve = [a for a in adjustments if a.reserve]
    rows = [("Årets resultat", result, "line")]
    rows += [(a.label, a.value, "line") for a in other]
    if other and reserve:
        rows.append(("Årets resultat efter balanskravsjusteringar", result + sum(a.value for a in other), "sum"))
    rows += [(a.label, a.value, "line") for a in reserve]
    rows.append(("Årets balanskravsresultat", result + sum(a.value for a in adjustments), "sum"))
    return tuple(rows)


@dataclass(frozen=True)
class EquityRollForward:
    """Förändring av eget kapital, both years as printed: the opening is the closing figure the
    year before printed (:class:`~arsredovisning.present.rounding.EquityChange`, the one definition
    every eget kapital table uses), so it agrees with every other page. A rounding difference
    between the printed figures is its own line ("Avrundning"), never hidden in another figure."""

    years: tuple[int, ...]
    rows: tuple[tuple[str, tuple[int, ...], str], ...]  # (label, values per year, kind)


def equity_roll_forward(years: tuple[int, ...], changes: tuple[EquityChange, ...]) -> EquityRollForward:
    """The table of ``changes`` (one per year, as :func:`~arsredovisning.present.rounding.equity_changes`
    gives them); the "Avrundning" line only when a year has a footing difference."""
    rows = [("Eget kapital vid årets början", tuple(e.opening for e in changes), "line"),
            ("Årets resultat", tuple(e.result for e in changes), "line")]
    if any(e.rounding for e in changes):
        rows.append((ROUNDING_LABEL, tuple(e.rounding for e in changes), "line"))
    rows.append(("Eget kapital vid årets slut", tuple(e.closing for e in changes), "sum"))
    return EquityRollForward(years, tuple(rows))


@dataclass(frozen=True)
class UnrestoredYear:
    year: int
    result: int  # the year's balanskravsresultat (earlier years: årets resultat as printed)
    unrestored: int  # the part of a negative result not yet restored by later positive results (≤ 0)


def unrestored_results(results: tuple[tuple[int, int], ...]) -> tuple[UnrestoredYear, ...]:
    """``results``: (year, balanskravsresultat) oldest first, consecutive. Negative results are
    restored by later positive ones, the oldest deficit first. Returns every year given, with what
    is left to restore of its own deficit."""
    left: dict[int, int] = {}
    for year, value in results:
        if value < 0:
            left[year] = -value
            continue
        surplus = value
        for y in sorted(left):
            take = min(surplus, left[y])
            left[y] -= take
            surplus -= take
    return tuple(UnrestoredYear(y, v, -left.get(y, 0)) for y, v in results)


def requirement_sentence(result: int, unit: str, balance_result: int | None = None, met: bool | None = None) -> str:
    """The balanskrav, stated: met or not met. When not met, what the styrelse has to decide
    (återställande within three years, or the synnerliga skäl it cites); that decision itself is
    the styrelse's, in texter/balanskrav.md. ``balance_result``: the printed balanskravsresultat
    when it has adjustments (None: it is årets resultat); ``met``: the exact balanskravsresultat is
    not negative (default: the printed one)."""
    def amount(n: int) -> str:
        return fmt.with_unit(fmt.shown(n), unit)
    figure = result if balance_result is None else balance_result
    if met is None:
        met = figure >= 0
    if balance_result is None:
        lead = f"Årets balanskravsresultat är {amount(figure)}."
    else:
        lead = (f"Årets resultat är {amount(result)} och årets balanskravsresultat, efter balanskravsjusteringarna "
                f"om {amount(figure - result)}, är {amount(figure)}.")
    if met:
        return f"Balanskravet är uppfyllt. {lead}"
    return (f"Balanskravet är inte uppfyllt. {lead} Ett negativt balanskravsresultat ska återställas under "
            "de tre närmast följande åren, om inte synnerliga skäl finns. Styrelsen ska besluta hur och när "
            "underskottet ska återställas, eller ange de synnerliga skäl som gör att det inte ska återställas.")


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


def position(inp: AnnualInput, shown: DisplayedFinancials, fin: Financials, explanation: Markup | None = None,
             history: History | None = None) -> Position:
    rr, br = shown.income_statement, shown.balance_sheet
    n = len(br.statement.years)
    unit = inp.organisation.unit.value
    rows = [
        ("Årets resultat", tuple(rr.value(K.ARETS_RESULTAT, c) for c in range(n))),
        ("Summa tillgångar", tuple(br.value(K.SUMMA_TILLGANGAR, c) for c in range(n))),
        ("Eget kapital", tuple(br.value(K.EGET_KAPITAL, c) for c in range(n))),
    ]
    if br.has(K.SUMMA_SKULDER):
        rows.append(("Summa skulder", tuple(br.value(K.SUMMA_SKULDER, c) for c in range(n))))
    results = tuple(rr.value(K.ARETS_RESULTAT, c) for c in range(n))
    changes = shown.equity or equity_changes(br, rr, unit)
    roll = equity_roll_forward(tuple(br.statement.years), changes)
    result = results[0]
    closing = changes[0].closing
    opening = changes[0].opening
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
        requirement=balance_requirement(result, adjustments),
        explanation=explanation,
        default_explanation=requirement_sentence(result, unit, balance_result if adjustments else None, requirement.met),
        balance_result=balance_result,
        requirement_notes=notes + ((footnote,) if footnote else ()),
        requirement_anchor=REQUIREMENT_ANCHOR if adjustments else None,
        roll_forward=roll,
        unrestored=_unrestored(inp.organisation.year, balance_result, results, history, unit),
    )


def _unrestored(year: int, balance_result: int, results: tuple[int, ...], history: History | None,
                unit: str) -> tuple[UnrestoredYear, ...]:
    """This year and the three before it as far as they are known (this report's prior-year
    column, then the earlier years' own reports), when any of them is negative."""
    known: dict[int, int] = {year: balance_result}
    if len(results) > 1:
        known[year - 1] = results[1]
    for earlier in (history.years[1:] if history is not None else ()):
        value = earlier.figures.get("arets_resultat")
        if year - 3 <= earlier.year < year and earlier.year not in known and value is not None:
            known[earlier.year] = to_unit(value, unit)
    span = []
    for y in range(year, year - 4, -1):  # consecutive years back from this year
        if y not in known:
            break
        span.append((y, known[y]))
    span.reverse()
    if not any(v < 0 for _, v in span):
        return ()
    return unrestored_results(tuple(span))


@dataclass(frozen=True)
class GoalsView:
    """God ekonomisk hushållning: the förbund's goals with the styrelse's assessment, its overall
    assessment (texter/god_ekonomisk_hushallning.md) or a default from the counts, and the eget
    kapital against the riktvärde."""

    year: int
    goals: tuple  # model.Goal, financial goals first
    assessment: Markup | None
    default: str  # true without the styrelse's text: the counts
    equity_line: str | None


def goals_view(inp: AnnualInput, fin: Financials | None, assessment: Markup | None) -> GoalsView | None:
    if not inp.goals:
        return None
    goals = tuple(sorted(inp.goals, key=lambda g: g.kind != "Finansiellt"))
    counts = [(sum(1 for g in goals if g.assessment == a), word) for a, word in
              (("Uppfyllt", "uppfyllda"), ("Delvis uppfyllt", "delvis uppfyllda"), ("Ej uppfyllt", "inte uppfyllda"))]
    parts = [f"{n} {word}" for n, word in counts if n]
    said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]
    default = f"Av förbundets {len(goals)} mål för {inp.organisation.year} är {said} enligt styrelsens bedömning i tabellen."
    equity_line = None
    pct, target = (fin.equity_pct if fin is not None else None), inp.organisation.equity_target_pct
    if pct is not None and target is not None:
        where = "inom" if pct <= target else "över"
        equity_line = (f"Eget kapital vid årets slut motsvarar {fmt.percent(pct, 1)} av årets medlemsbidrag och ligger "
                       f"{where} riktvärdet om högst {fmt.percent(target, 1)}.")
    return GoalsView(inp.organisation.year, goals, assessment, default, equity_line)


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
