"""An avstämning declared once, next to its check: :class:`Check` (id, description, tolerance, unit)
and the expressions of where each side is computed in the revision workbook.

A check module declares its avstämningar as module constants and lists them in its ``FINDINGS``::

    SB_BALANS = Check("SB-BALANS", "En kolumn i Saldobalans summerar inte till 0.", ONE_KRONA)
    FINDINGS = findings_of(SB_BALANS)

and makes each record with :meth:`Check.record`, giving both sides, their labels and the side
expressions (``left_at``/``right_at``). From that one declaration

* the record's level (and so its finding) is :meth:`Tolerance.level` of its sides;
* the revision workbook's status cell is the same :class:`~arsredovisning.findings.Tolerance` written
  as a formula, and each side is its expression written as a formula over the workbook's own cells
  (``export/reconciliations.py`` interprets the expressions; it names no avstämning);
* the kontrollrapport prints the record (tolerance text, sources, the report pages of
  ``left_printed``/``right_printed``), the catalogue and the guide take the description.

A check may mark a record ``info`` where the rule alone cannot tell (e.g. other income that is an
explained part); any other level than the rule's is a bug and raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..compute.ledger import LedgerColumn
from ..compute.lines import StatementKey
from ..findings import Level, Location, Reconciliation, Side, Tolerance
from ..load import schema
from ..model import Member, StatementLine

_RULE = object()  # the level the rule gives


@dataclass(frozen=True)
class Check:
    """One avstämning: its stable id, the catalogue's description, its tolerance and unit."""

    id: str
    description: str  # Swedish, for the catalogue and the guide
    tolerance: Tolerance
    unit: str = "kr"  # "kr", "öre", "antal" or "procent": how the sides are printed

    def level(self, left: Decimal, right: Decimal) -> Level | None:
        return self.tolerance.level(left, right)

    def record(self, description: str, left_label: str, left: Decimal, right_label: str, right: Decimal,
               message: str, location: Location | None, year: int | None, *, left_at: Side | None,
               right_at: Side | None, level: Level | None | object = _RULE, **fields) -> Reconciliation:
        """The record of one comparison; its level is the rule's (or ``info`` where the check says so)."""
        ruled = self.level(left, right)
        if level is _RULE:
            level = ruled
        elif level is not ruled and level is not Level.INFO:
            raise ValueError(f"{self.id}: nivån {level} följer inte toleransen ({ruled})")
        return Reconciliation(self.id, description, left_label, left, right_label, right, level, message, location,
                              year, tolerance=self.tolerance.text, unit=self.unit, rule=self.tolerance,
                              left_at=left_at, right_at=right_at, **fields)


def findings_of(*checks: Check) -> dict[str, str]:
    """A module's ``FINDINGS`` entries of its declared avstämningar."""
    return {c.id: c.description for c in checks}


ONE_KRONA = Tolerance("ska vara 0; ±1 kr avrundning godtas som varning, mer är fel", warning=Decimal(1), beyond=Level.ERROR)


# --- where a side is computed in the revision workbook -------------------------------------------


def _declared(sheet: str, *columns: str) -> None:
    """A side that reads a sheet or column the contract does not declare raises KeyError when it is made."""
    declared = schema.sheet(sheet)
    for name in columns:
        declared.column(name)


@dataclass(frozen=True)
class Constant(Side):
    """A fixed number in a side's formula: the 0 a sum must balance to, the 100 of a percent."""

    value: Decimal


@dataclass(frozen=True)
class StatementCell(Side):
    """A declared row of a statement sheet (``compute.lines`` title) in column ``i`` (0 = this year)."""

    statement: str
    key: StatementKey
    i: int = 0


@dataclass(frozen=True)
class ColumnSum(Side):
    """The sum of a copied input sheet's column."""

    sheet: str
    column: str

    def __post_init__(self) -> None:
        _declared(self.sheet, self.column)


@dataclass(frozen=True)
class InputCell(Side):
    """A copied input cell: the row of ``location`` in the column headed ``column``."""

    sheet: str
    column: str
    location: Location

    def __post_init__(self) -> None:
        _declared(self.sheet, self.column)


@dataclass(frozen=True)
class CountIf(Side):
    """The sum of ``column`` over the rows of ``sheet`` whose ``match_column`` is ``text``."""

    sheet: str
    match_column: str
    text: str
    column: str

    def __post_init__(self) -> None:
        _declared(self.sheet, self.match_column, self.column)


@dataclass(frozen=True)
class LineShown(Side):
    """A statement line in a Saldobalans column, as the statement prints it."""

    line: StatementLine
    column: LedgerColumn


@dataclass(frozen=True)
class YearResult(Side):
    """Årets resultat of a Saldobalans column."""

    column: LedgerColumn


@dataclass(frozen=True)
class Accounts(Side):
    """The named accounts in a Saldobalans column, ledger sign times ``sign``."""

    accounts: tuple[int, ...]
    column: LedgerColumn
    sign: int = 1


@dataclass(frozen=True)
class Setting(Side):
    """An Uppgift of the Förbund sheet (its Värde cell when the copy holds ``value``, else ``value``)."""

    item: str
    value: Decimal


@dataclass(frozen=True)
class ContributionTotal(Side):
    """The year's medlemsbidrag (Förbund › Medlemsbidrag totalt, or the members' booked accounts)."""


@dataclass(frozen=True)
class MemberShare(Side):
    """A member's percent of the medlemsbidrag (the Finsam split)."""

    member: Member


@dataclass(frozen=True)
class NoteTotal(Side):
    """The Summa of the note of statement row ``key`` in column ``i``."""

    key: StatementKey
    i: int = 0


@dataclass(frozen=True)
class TableTotal(Side):
    """The total row of Bilaga 3 Tabell ``number`` in the column ``column``."""

    number: int
    column: str


@dataclass(frozen=True)
class RequirementResult(Side):
    """Årets balanskravsresultat in the sheet Balanskravsutredning."""


@dataclass(frozen=True)
class Plus(Side):
    """The sum of its terms (a term that is 0 is left out)."""

    terms: tuple[Side, ...]


@dataclass(frozen=True)
class Scaled(Side):
    """``term * times / per``."""

    term: Side
    times: Side
    per: Side
