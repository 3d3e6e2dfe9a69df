"""Build small AnnualInput records in code, so each test shows its data.

    inp = annual_input(
        accounts=[(1930, "Bank", 1000, 900), (2010, "Eget kapital", -900, -900), (3010, "Bidrag", -100, 0)],
        interventions=[("Steget", "Individ", 100_000, 95_000, 10)],
    )

Account tuples: (konto, benämning, belopp, föregående år[, ingående föregående år[, budget]]).
Intervention tuples: (insats, typ, budget, utfall, deltagare[, budgeterade deltagare]).
Member tuples: (medlem, typ[, invånare[, andel[, konto[, kortnamn]]]]).
"""

from __future__ import annotations

from decimal import Decimal

from arsredovisning.accounts import DEFAULT_CHART
from arsredovisning.findings import Location
from arsredovisning.model import (
    Account,
    AnnualInput,
    BackgroundRow,
    GenderRow,
    Intervention,
    InterventionKind,
    Member,
    MemberType,
    MunicipalityRow,
    Organisation,
    OutcomeRow,
    Unit,
)

FILE = "indata.xlsx"


def loc(sheet: str, row: int, col: str = "A") -> Location:
    return Location(FILE, sheet, f"{col}{row}")


def money(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


DEFAULT_MEMBERS = (
    ("Staten, FK/AF", "Stat"),
    ("Region Test", "Region"),
    ("Aby kommun", "Kommun", 6000),
    ("Bby kommun", "Kommun", 4000),
)
# Four kommuner with explicit Andel (40/30/20/10 %), two with a Kortnamn: the Bilaga 3 tables and charts per kommun.
FOUR_KOMMUNER = (
    ("Staten, FK/AF", "Stat"),
    ("Region Örebro län", "Region"),
    ("Kumla kommun", "Kommun", None, 40),
    ("Hallsbergs kommun", "Kommun", None, 30, None, "Hallsberg"),
    ("Askersunds kommun", "Kommun", None, 20, None, "Askersund"),
    ("Laxå kommun", "Kommun", None, 10),
)


def annual_input(
    accounts=(),
    *,
    year: int = 2016,
    members=DEFAULT_MEMBERS,
    interventions=(),
    genders=(),
    municipalities=(),
    backgrounds=(),
    outcomes=(),
    chart=DEFAULT_CHART,
    total_contribution=None,
    unit: str = "kr",
    equity_target_pct=None,
    intervention_accounts=None,
    **extra,
) -> AnnualInput:
    accs = tuple(_account(i, t) for i, t in enumerate(accounts, start=2))
    mems = tuple(_member(i, t) for i, t in enumerate(members, start=2))
    ints = tuple(_intervention(i, t) for i, t in enumerate(interventions, start=2))
    org = Organisation(
        name="Samordningsförbundet Test",
        org_number="222000-0001",
        year=year,
        city="Teststad",
        total_contribution=money(total_contribution),
        unit=Unit(unit),
        equity_target_pct=money(equity_target_pct),
        intervention_accounts=intervention_accounts,
    )
    return AnnualInput(
        folder="test",
        organisation=org,
        members=mems,
        accounts=accs,
        chart=tuple(chart),
        chart_is_default=chart is DEFAULT_CHART,
        interventions=ints,
        genders=tuple(
            GenderRow(t[0], t[1], t[2], t[3] if len(t) > 3 else 0, loc("Kön", i)) for i, t in enumerate(genders, start=2)
        ),
        municipalities=tuple(
            MunicipalityRow(t[0], tuple(t[1]), t[2] if len(t) > 2 else 0, loc("Kommuner", i))
            for i, t in enumerate(municipalities, start=2)
        ),
        backgrounds=tuple(
            BackgroundRow(t[0], t[1], t[2], t[3] if len(t) > 3 else 0, loc("Bakgrund", i))
            for i, t in enumerate(backgrounds, start=2)
        ),
        outcomes=tuple(OutcomeRow(t[0], t[1], t[2], loc("Resultat", i)) for i, t in enumerate(outcomes, start=2)),
        has_opening_prior=any(len(t) > 4 and t[4] is not None for t in accounts),
        has_budget=any(len(t) > 5 and t[5] is not None for t in accounts),
        **extra,
    )


def _account(row: int, t) -> Account:
    number, name, amount, prior = t[:4]
    opening = t[4] if len(t) > 4 else None
    budget = t[5] if len(t) > 5 else None
    return Account(number, name, money(amount), money(prior), money(opening), money(budget), loc("Saldobalans", row))


def _member(row: int, t) -> Member:
    name, typ = t[0], t[1]
    population = t[2] if len(t) > 2 else None
    share = t[3] if len(t) > 3 else None
    account = t[4] if len(t) > 4 else None
    short = t[5] if len(t) > 5 else name.removesuffix(" kommun")
    return Member(name, MemberType(typ), population, money(share), account, short, loc("Medlemmar", row))


def _intervention(row: int, t) -> Intervention:
    name, kind, budget, actual, participants = t[:5]
    planned = t[5] if len(t) > 5 else None
    return Intervention(
        name=name,
        kind=InterventionKind(kind),
        lead_organisation=None,
        start=None,
        end=None,
        budget=money(budget),
        actual=money(actual),
        planned_participants=planned,
        participants=participants,
        volume=None,
        comment=None,
        location=loc("Insatser", row),
    )
