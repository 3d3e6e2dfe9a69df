"""Excel formula text for the revision workbook, as stored in OOXML: English function names, comma
separators, no leading ``=`` (the writer adds it).

Every figure of the report is re-derived here from the copied input sheets, so a revisor can follow
(and change) each figure in Excel or LibreOffice:

* a statement row is written from its declaration in ``compute/lines.py`` (``LineFormulas``), the
  same expression the report's figure is evaluated from: a statement line is ``SUMIFS`` over the
  Saldobalans column by the line's Kontoplan ranges, one ``SUMIFS`` per range, with the statement's
  sign (``-`` for intäkter, eget kapital, skulder); a subtotal adds the cells of its rows;
* a note row is ``SUMIFS`` per account of the row (the accounts sharing its Benämning), so an
  account name is never used as a criterion (names may hold ``*``, ``?`` or ``<``);
* per-insats figures are direct references to the input row the report used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, cast

from ..compute.ledger import LedgerColumn, display_sign
from ..compute.lines import At, Change, Clamp, Gross, Layout, Neg, Ref, Shown, Sum, column
from ..model import ChartRule, StatementLine


def quote_sheet(name: str) -> str:
    """``Kön`` → ``'Kön'`` (always quoted; an apostrophe is doubled)."""
    return "'" + name.replace("'", "''") + "'"


def ref(sheet: str | None, cell: str) -> str:
    """A cell reference, qualified with its sheet when ``sheet`` is given."""
    return f"{quote_sheet(sheet)}!{cell}" if sheet else cell


def text_literal(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def plus(terms: list[str]) -> str:
    """``a+b-c`` (a term may start with ``-``); ``0`` for no terms."""
    if not terms:
        return "0"
    return terms[0] + "".join(t if t.startswith("-") else "+" + t for t in terms[1:])


def signed(terms: list[str], sign: int) -> str:
    """The sum of ``terms`` (``0`` for none), negated when ``sign`` < 0: ``-(a+b)``, ``-a``."""
    terms = [t for t in terms if t != "0"]
    if not terms:
        return "0"
    if sign > 0:
        return plus(terms)
    return f"-{terms[0]}" if len(terms) == 1 else f"-({plus(terms)})"


@dataclass
class InputSheet:
    """One copied input sheet: its title in the workbook and the letter of each column by header."""

    title: str
    letters: dict[str, str] = field(default_factory=dict)  # contract column name → column letter

    def letter(self, header: str) -> str | None:
        return self.letters.get(header)

    def cell(self, header: str, row: int) -> str | None:
        """``'Insatser'!F3`` for the column headed ``header`` in Excel row ``row``; None if absent."""
        letter = self.letter(header)
        return None if letter is None else ref(self.title, f"{letter}{row}")

    def column(self, header: str) -> str | None:
        """The whole column, absolute: ``'Saldobalans'!$C:$C``."""
        letter = self.letter(header)
        return None if letter is None else f"{quote_sheet(self.title)}!${letter}:${letter}"


class LedgerFormulas:
    """Statement and note figures as formulas over the copied ``Saldobalans``."""

    def __init__(self, trial_balance: InputSheet, chart: tuple[ChartRule, ...]):
        self.sheet = trial_balance
        self.chart = chart

    def _sumifs(self, column: LedgerColumn, criteria: list[str]) -> str:
        values = self.sheet.column(column.value)
        if values is None:  # an optional column that is absent: its figures are 0
            return "0"
        accounts = self.sheet.column("Konto")
        args = ",".join(f"{accounts},{c}" for c in criteria)
        return f"SUMIFS({values},{args})"

    def _range_terms(self, line: StatementLine, column: LedgerColumn) -> list[str]:
        terms = []
        for rule in self.chart:
            if rule.line is not line:
                continue
            if rule.start == rule.end:
                terms.append(self._sumifs(column, [str(rule.start)]))
            else:
                terms.append(self._sumifs(column, [f'">={rule.start}"', f'"<={rule.end}"']))
        return terms

    def ranges_total(self, line: StatementLine, column: LedgerColumn, sign: int = 1) -> str:
        """Sum of the accounts in the line's Kontoplan ranges, ledger sign times ``sign``."""
        return signed(self._range_terms(line, column), sign)

    def shown(self, line: StatementLine, column: LedgerColumn) -> str:
        """The line as the statement prints it (intäkter, eget kapital, skulder positive)."""
        return self.ranges_total(line, column, display_sign(line))

    def accounts_total(self, accounts: tuple[int, ...], column: LedgerColumn, sign: int = 1) -> str:
        """Sum of the given accounts (one ``SUMIFS`` each), ledger sign times ``sign``."""
        return signed([self._sumifs(column, [str(a)]) for a in accounts], sign)


class LineFormulas:
    """The Excel formula of a declared statement row (``compute/lines.py``): the same expression
    the report's figure is evaluated from, written over the copied Saldobalans and the statement
    sheets' own cells.

    ``cell_of(sheet, key, i)`` gives the cell (``"C7"``) of a written row, None for a row left out.
    """

    def __init__(self, ledger: LedgerFormulas, depreciated: StatementLine, cell_of: Callable[[str, str, int], str | None]):
        self.ledger = ledger
        self.depreciated = depreciated
        self.cell_of = cell_of

    def row(self, layout: Layout, key: str, i: int) -> str | None:
        """The formula of row ``key`` in column ``i``; None when none can be written."""
        return self.text(layout.declared(key).expr, layout, i)

    def text(self, expr, layout: Layout | None, i: int) -> str | None:
        """The formula of expression ``expr`` of ``layout`` (None: outside a statement) in column ``i``."""
        match expr:
            case Shown(line, at, booked):
                return (self.ledger.ranges_total if booked else self.ledger.shown)(line, column(at, i))
            case Change(line):
                end, start = self.ledger.shown(line, column(At.END, i)), self.ledger.shown(line, column(At.START, i))
                return end if start == "0" else f"{end}-({start})"
            case Ref(key, None):
                assert layout is not None  # a row refers to another row of its own statement
                if any(c.key == key for c in layout.components):  # not printed: inline
                    return self.text(layout.declared(key).expr, layout, i)
                return self.cell_of(layout.title, key, i)
            case Ref(key, title):
                cell = self.cell_of(cast(str, title), key, i)
                return None if cell is None else ref(title, cell)
            case Sum(terms):
                return plus([t for t in (self.text(x, layout, i) for x in terms) if t is not None and t != "0"])
            case Neg(term):  # a function call needs no parentheses
                text = self.text(term, layout, i)
                return f"-{text}" if isinstance(term, Clamp) else f"-({text})"
            case Clamp(term, below):
                return f"{'MIN' if below else 'MAX'}({self.text(term, layout, i)},0)"
            case Gross(line):
                return self.text(expr.expand_for(self.depreciated), layout, i)
        raise TypeError(f"unknown expression {expr!r}")
