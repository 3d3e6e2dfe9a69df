"""Typed, immutable records of one årsmapp, each remembering where it came from.

The loader (``arsredovisning.load``) produces an :class:`AnnualInput`; every later stage is a
pure function of it. Money is ``Decimal`` (öre precision), counts are ``int``.
Signs in the trial balance are as exported from the ledger: debit positive, credit negative.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Protocol

from .findings import Location


class MemberType(str, Enum):
    """``Medlemmar.Typ``. Staten pays half the medlemsbidrag, the region a quarter, the kommuner
    together the last quarter (``compute.contributions``)."""

    STAT = "Stat"
    REGION = "Region"
    KOMMUN = "Kommun"


class InterventionKind(str, Enum):
    """``Insatser.Typ``: individinriktad (deltagare, Tabell 1 and the breakdowns of Bilaga 3) or
    strukturövergripande (Tabell 2)."""

    INDIVID = "Individ"
    STRUKTUR = "Struktur"


class Body(str, Enum):
    """``Personer.Organ``."""

    STYRELSE = "Styrelse"
    ERSATTARE = "Ersättare"
    BEREDNINGSGRUPP = "Beredningsgrupp"
    PERSONAL = "Personal"
    REVISOR = "Revisor"


class StatementLine(str, Enum):
    """The fixed statement lines a Kontoplan range can map to (indata.md)."""

    VERKSAMHETENS_INTAKTER = "Verksamhetens intäkter"
    VERKSAMHETENS_KOSTNADER = "Verksamhetens kostnader"
    AVSKRIVNINGAR = "Avskrivningar"
    FINANSIELLA_INTAKTER = "Finansiella intäkter"
    FINANSIELLA_KOSTNADER = "Finansiella kostnader"
    IMMATERIELLA = "Immateriella anläggningstillgångar"
    MATERIELLA = "Materiella anläggningstillgångar"
    FINANSIELLA_ANL = "Finansiella anläggningstillgångar"
    KORTFRISTIGA_FORDRINGAR = "Kortfristiga fordringar"
    KORTFRISTIGA_PLACERINGAR = "Kortfristiga placeringar"
    KASSA_OCH_BANK = "Kassa och bank"
    EGET_KAPITAL = "Eget kapital"
    AVSATTNINGAR = "Avsättningar"
    LANGFRISTIGA_SKULDER = "Långfristiga skulder"
    KORTFRISTIGA_SKULDER = "Kortfristiga skulder"

    @property
    def is_result(self) -> bool:
        return self in RESULT_LINES


RESULT_LINES = frozenset(
    {
        StatementLine.VERKSAMHETENS_INTAKTER,
        StatementLine.VERKSAMHETENS_KOSTNADER,
        StatementLine.AVSKRIVNINGAR,
        StatementLine.FINANSIELLA_INTAKTER,
        StatementLine.FINANSIELLA_KOSTNADER,
    }
)


class AdjustmentPost(str, Enum):
    """``Balanskravsjusteringar.Post``: the adjustments LKBR 11 kap. allows from årets resultat to the
    balanskravsresultat, in the order (and wording) of a kommunal balanskravsutredning."""

    REALISATIONSVINSTER = "Samtliga realisationsvinster"
    VINSTER_UNDANTAG = "Vissa realisationsvinster enligt undantagsmöjlighet"
    FORLUSTER_UNDANTAG = "Vissa realisationsförluster enligt undantagsmöjlighet"
    OREALISERADE = "Orealiserade vinster och förluster i värdepapper"
    ATERFORING_OREALISERADE = "Återföring av orealiserade vinster och förluster i värdepapper"
    TILL_RUR = "Medel till resultatutjämningsreserv"
    FRAN_RUR = "Medel från resultatutjämningsreserv"

    @property
    def sign(self) -> int:
        """How the post changes the balanskravsresultat: −1 reduces it, +1 increases it, 0 either way
        (orealiserade vinster reduce, förluster increase)."""
        return _ADJUSTMENT_SIGNS[self]

    @property
    def is_reserve(self) -> bool:
        """A resultatutjämningsreserv post: listed after "Årets resultat efter balanskravsjusteringar"."""
        return self in (AdjustmentPost.TILL_RUR, AdjustmentPost.FRAN_RUR)


_ADJUSTMENT_SIGNS = {
    AdjustmentPost.REALISATIONSVINSTER: -1,
    AdjustmentPost.VINSTER_UNDANTAG: 1,
    AdjustmentPost.FORLUSTER_UNDANTAG: 1,
    AdjustmentPost.OREALISERADE: 0,
    AdjustmentPost.ATERFORING_OREALISERADE: 0,
    AdjustmentPost.TILL_RUR: -1,
    AdjustmentPost.FRAN_RUR: 1,
}


class Unit(str, Enum):
    KR = "kr"
    TKR = "tkr"


@dataclass(frozen=True)
class AccountRange:
    """Inclusive account range ``start``–``end`` (a single account has start == end)."""

    start: int
    end: int

    def __contains__(self, account: int) -> bool:
        return self.start <= account <= self.end


@dataclass(frozen=True)
class Organisation:
    """Sheet ``Förbund``. ``locations`` maps each Uppgift (as in the contract) to its Värde cell."""

    name: str
    org_number: str
    year: int
    city: str
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    web: str | None = None
    decision_date: date | None = None
    total_contribution: Decimal | None = None
    unit: Unit = Unit.KR
    intervention_accounts: tuple[AccountRange, ...] | None = None
    equity_target_pct: Decimal | None = None
    previous_folder: str | None = None  # "Föregående årsmapp" as written (relative to the årsmapp)
    audit_date: date | None = None  # Revisionsdatum
    tagline: str | None = None  # Framsidestext
    pledged_assets: Decimal | None = None  # Ställda panter (None: not given; 0: "Inga")
    contingent_liabilities: Decimal | None = None  # Ansvarsförbindelser (None: not given; 0: "Inga")
    audit_cost: Decimal | None = None  # Kostnad för räkenskapsrevision (None: from the accounts named Revision)
    locations: dict[str, Location] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Member:
    """Sheet ``Medlemmar``. ``share_pct`` is the explicit Andel of the kommun quarter, in percent."""

    name: str
    type: MemberType
    population: int | None
    share_pct: Decimal | None
    account: int | None
    short_name: str
    location: Location


@dataclass(frozen=True)
class AccountFigures:
    """An account and its figures in the columns of ``Saldobalans``, ledger signs (debit +, credit −):
    the input's row (:class:`Account`), a SIE file's row (``sie.saldobalans``), a year's row in the
    comparisons between years (``compute.years``)."""

    number: int
    name: str  # Benämning
    amount: Decimal  # Belopp
    prior: Decimal  # Föregående år
    opening_prior: Decimal | None  # Ingående föregående år (None: not given)


@dataclass(frozen=True)
class Account(AccountFigures):
    """One row of ``Saldobalans``. ``opening_prior``/``budget`` are None when blank or column absent."""

    budget: Decimal | None
    location: Location


@dataclass(frozen=True)
class ChartRule:
    """One ``Kontoplan`` row: accounts ``start``–``end`` go to ``line``."""

    start: int
    end: int
    line: StatementLine
    location: Location | None  # None for the built-in default

    def __contains__(self, account: int) -> bool:
        return self.start <= account <= self.end


@dataclass(frozen=True)
class Intervention:
    """One row of ``Insatser``. ``planned_participants`` None = not given (shown as "–")."""

    name: str
    kind: InterventionKind
    lead_organisation: str | None
    start: date | None
    end: date | None
    budget: Decimal
    actual: Decimal
    planned_participants: int | None
    participants: int
    volume: bool | None
    comment: str | None
    location: Location
    granted_total: Decimal | None = None  # Beviljat totalt: over the insats's whole period
    actual_before: Decimal | None = None  # Utfall tidigare år: costs reported before this räkenskapsår
    comment_tables: tuple[str, ...] = ()  # Kommentar gäller: topics of load.schema.COMMENT_TABLES; () = all


@dataclass(frozen=True)
class GenderRow:
    """One row of ``Kön``: an individinriktad insats's deltagare by kön (blank cells are 0)."""

    intervention: str
    women: int
    men: int
    other: int  # "Annat/ej angivet"
    location: Location

    @property
    def total(self) -> int:
        return self.women + self.men + self.other


@dataclass(frozen=True)
class MunicipalityRow:
    """One row of ``Kommuner``: counts per kommun member (keyed by the member's Medlem name)."""

    intervention: str
    counts: tuple[tuple[str, int], ...]  # (member name, count) in member order
    other: int  # "Övriga"
    location: Location

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts) + self.other


@dataclass(frozen=True)
class BackgroundRow:
    """One row of ``Bakgrund``: an individinriktad insats's deltagare by svensk or annan bakgrund
    (blank cells are 0)."""

    intervention: str
    swedish: int
    other: int  # "Annan"
    unreported: int  # "Ej redovisad"
    location: Location

    @property
    def total(self) -> int:
        return self.swedish + self.other + self.unreported


@dataclass(frozen=True)
class OutcomeRow:
    intervention: str
    outcome: str
    count: int
    location: Location


@dataclass(frozen=True)
class ProgressReportRow:
    """One row of ``Lägesrapporter`` (written by ``lagesrapport las --skriv``): the participants an
    insats reported *since it started*, up to the end of a rapportperiod (None = not reported)."""

    intervention: str
    start: date
    end: date
    since_start: int | None
    location: Location


@dataclass(frozen=True)
class Person:
    name: str
    role: str | None
    body: Body
    represents: str | None
    start: date | None
    end: date | None
    phone: str | None
    email: str | None
    location: Location


@dataclass(frozen=True)
class Meeting:
    """One row of ``Möten``: a meeting of an organ (``body`` as written, free text) on ``date``."""

    body: str
    date: date
    comment: str | None
    location: Location


@dataclass(frozen=True)
class Disclosure:
    """One row of Upplysningar: the förbund's own words on an avstämning's difference (``check``: its id)."""

    check: str
    text: str
    location: Location


@dataclass(frozen=True)
class BudgetArea:
    """One row of ``Budget``: a budgetområde, its accounts and (optional) budget in kr with the
    resultaträkning's sign (intäkter +, kostnader −)."""

    name: str
    ranges: tuple[AccountRange, ...]
    budget: Decimal | None
    location: Location

    def covers(self, number: int) -> bool:
        return any(r.start <= number <= r.end for r in self.ranges)


@dataclass(frozen=True)
class Goal:
    """One row of ``Mål``: a goal for god ekonomisk hushållning and the styrelse's assessment."""

    text: str
    kind: str  # "Finansiellt" / "Verksamhet"
    target: str | None
    outcome: str | None
    assessment: str  # "Uppfyllt" / "Delvis uppfyllt" / "Ej uppfyllt"
    comment: str | None
    location: Location


@dataclass(frozen=True)
class BalanceAdjustment:
    """One row of ``Balanskravsjusteringar``: ``amount`` in kr, signed as it changes the
    balanskravsresultat (negative reduces it). ``location`` is the Belopp cell."""

    post: AdjustmentPost
    amount: Decimal
    comment: str | None
    location: Location


@dataclass(frozen=True)
class Text:
    """A Markdown text from ``texter/``. ``key`` is the path below texter/ without ``.md``."""

    key: str
    content: str
    location: Location


@dataclass(frozen=True)
class SheetCopy:
    """One input sheet as the tool read it, for the revision workbook (``load/copies.py``):
    cell values row by row (None = empty), numeric text in number columns as the number read."""

    name: str  # the contract's sheet name ("Saldobalans")
    title: str  # the sheet's name as written in the file
    rows: tuple[tuple[object, ...], ...]
    columns: dict[str, str] = field(default_factory=dict, compare=False, hash=False)  # column name → letter


@dataclass(frozen=True)
class UnusableCell:
    """A cell the loader could not use (its ``fel`` finding says why): the field, or the whole row
    when the field is needed, is left out of the records. Checks that read it do not run."""

    sheet: str  # the contract's sheet name
    column: str  # the contract's column name; "" for a problem of the header or the whole sheet
    location: Location
    row_name: str | None = None  # the row's Insats/Medlem/Konto as written, when readable


@dataclass(frozen=True)
class LedgerSource:
    """Where the saldobalans came from: the ``Källa`` sheet that ``importera`` writes (Uppgift →
    Värde, in sheet order: Källa, Fil, Program, Exportdatum, Kontrollsumma …)."""

    items: tuple[tuple[str, str], ...]
    location: Location | None = None

    def get(self, name: str) -> str | None:
        return next((v for k, v in self.items if k == name), None)


@dataclass(frozen=True)
class FolderAttachment:
    """A file of the årsmapp besides the workbook and the texts that the report carries (the logo,
    the signed revisionsberättelse), as ``load/`` read it: the report never opens it again."""

    name: str  # relative to the årsmapp: "logo.svg"
    data: bytes = field(repr=False)


class DeclaredSheet(Protocol):
    """An input sheet as ``load/schema.py`` declares it: its name, and its columns by name (an
    undeclared column raises ``KeyError``)."""

    @property
    def name(self) -> str: ...

    def column(self, name: str) -> object: ...


@dataclass(frozen=True)
class AnnualInput:
    """Everything read from one årsmapp."""

    folder: str
    organisation: Organisation
    members: tuple[Member, ...]
    accounts: tuple[Account, ...]
    chart: tuple[ChartRule, ...]
    chart_is_default: bool
    interventions: tuple[Intervention, ...]
    genders: tuple[GenderRow, ...] = ()
    municipalities: tuple[MunicipalityRow, ...] = ()
    backgrounds: tuple[BackgroundRow, ...] = ()
    outcomes: tuple[OutcomeRow, ...] = ()
    persons: tuple[Person, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    progress_reports: tuple[ProgressReportRow, ...] = ()
    balance_adjustments: tuple[BalanceAdjustment, ...] = ()  # Balanskravsjusteringar, in sheet order
    disclosures: tuple[Disclosure, ...] = ()  # Upplysningar, in sheet order
    budget_areas: tuple[BudgetArea, ...] = ()  # Budget (issue 24), in sheet order
    goals: tuple[Goal, ...] = ()  # Mål (issue 24), in sheet order
    texts: tuple[Text, ...] = ()
    has_opening_prior: bool = False  # column "Ingående föregående år" present
    has_budget: bool = False  # column "Budget" present in Saldobalans
    has_gender_other: bool = False  # column "Annat/ej angivet" present in Kön
    has_municipality_other: bool = False  # column "Övriga" present in Kommuner
    has_background_unreported: bool = False  # column "Ej redovisad" present in Bakgrund
    sheets_present: frozenset[str] = frozenset()
    unusable: tuple[UnusableCell, ...] = ()  # cells left out because they could not be read
    ledger_source: LedgerSource | None = None  # the Källa sheet (saldobalans imported from SIE)
    sheet_copies: tuple[SheetCopy, ...] = field(default=(), compare=False, hash=False)
    logo: FolderAttachment | None = field(default=None, compare=False, hash=False)  # logo.svg/.png/.jpg in the årsmapp
    audit_report: FolderAttachment | None = field(default=None, compare=False, hash=False)  # revisionsberattelse.pdf
    workbook: FolderAttachment | None = field(default=None, compare=False, hash=False)  # indata.xlsx as read (the archive embeds it)
    # (path below the årsmapp, SHA-256) of every input file, hashed once at load (load/stamp.py)
    inputs: tuple[tuple[str, str], ...] = ()

    def unusable_in(self, sheet: DeclaredSheet, columns: tuple[str, ...] | None = None) -> tuple[UnusableCell, ...]:
        """The unusable cells of ``sheet`` (only those of ``columns`` when given, plus any of the whole sheet).

        ``sheet`` is a declared sheet of ``load/schema.py`` (``SALDOBALANS``), never a name: a misspelt
        sheet or column raises instead of finding nothing."""
        if isinstance(sheet, str):
            raise TypeError(f"unusable_in({sheet!r}): ge bladets deklaration i load/schema.py, inte dess namn")
        for name in columns or ():
            sheet.column(name)  # KeyError for a column the sheet does not declare
        return tuple(u for u in self.unusable if u.sheet == sheet.name and (columns is None or u.column in columns or not u.column))

    def text(self, key: str) -> Text | None:
        for t in self.texts:
            if t.key == key:
                return t
        return None
