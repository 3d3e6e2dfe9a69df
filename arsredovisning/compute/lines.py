"""Every line of the resultaträkning, balansräkning and kassaflödesanalys, declared once.

A line is data: its key, its Swedish label, its kind and an *expression* over the Saldobalans and
other lines of the same statement. The same declaration is

* evaluated to ``Decimal`` for the report (``compute/statements.py``, :func:`~.statements.evaluate`),
* written as the Excel formula of the revision workbook (``export/formulas.py``, ``LineFormulas``),

so the report and the workbook cannot disagree, and a new line is one declaration here.

Columns: a statement's column ``i`` is a year, this year first. ``At.END`` is the Saldobalans column
of that year's closing balances (and its result), ``At.START`` the one before it (the opening
balances, used by the kassaflödesanalys): ``Belopp``/``Föregående år`` for this year,
``Föregående år``/``Ingående föregående år`` for the prior year.

Rows are addressed by :class:`StatementKey` keys; asking a statement for a key it does not declare raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum

from ..model import StatementLine as L
from .ledger import CURRENT_ASSETS, FIXED_ASSETS, LIABILITIES, Ledger, LedgerColumn, line_key


class RowKind(str, Enum):
    HEADING = "heading"  # a caption without figures ("Omsättningstillgångar")
    LINE = "line"  # a statement line fed by accounts (has ``accounts``, usually a note)
    DETAIL = "detail"  # a line inside another one ("därav årets resultat")
    SUM = "sum"  # a subtotal ("Summa omsättningstillgångar", "Verksamhetens nettokostnader")
    TOTAL = "total"  # a main total ("Summa tillgångar", "Årets resultat", "Årets kassaflöde")


class StatementKey(StrEnum):
    """The key of every declared row (and component) of the three statements."""

    # Resultaträkning (line rows are line_key(line))
    VERKSAMHETENS_INTAKTER = "verksamhetens_intakter"
    VERKSAMHETENS_KOSTNADER = "verksamhetens_kostnader"
    AVSKRIVNINGAR = "avskrivningar"
    VERKSAMHETENS_NETTOKOSTNADER = "verksamhetens_nettokostnader"
    FINANSIELLA_INTAKTER = "finansiella_intakter"
    FINANSIELLA_KOSTNADER = "finansiella_kostnader"
    RESULTAT_EFTER_FINANSIELLA_POSTER = "resultat_efter_finansiella_poster"
    ARETS_RESULTAT = "arets_resultat"
    # Balansräkning
    TILLGANGAR = "tillgangar"
    ANLAGGNINGSTILLGANGAR = "anlaggningstillgangar"
    IMMATERIELLA_ANLAGGNINGSTILLGANGAR = "immateriella_anlaggningstillgangar"
    MATERIELLA_ANLAGGNINGSTILLGANGAR = "materiella_anlaggningstillgangar"
    FINANSIELLA_ANLAGGNINGSTILLGANGAR = "finansiella_anlaggningstillgangar"
    SUMMA_ANLAGGNINGSTILLGANGAR = "summa_anlaggningstillgangar"
    OMSATTNINGSTILLGANGAR = "omsattningstillgangar"
    KORTFRISTIGA_FORDRINGAR = "kortfristiga_fordringar"
    KORTFRISTIGA_PLACERINGAR = "kortfristiga_placeringar"
    KASSA_OCH_BANK = "kassa_och_bank"
    SUMMA_OMSATTNINGSTILLGANGAR = "summa_omsattningstillgangar"
    SUMMA_TILLGANGAR = "summa_tillgangar"
    EGET_KAPITAL_AVSATTNINGAR_OCH_SKULDER = "eget_kapital_avsattningar_och_skulder"
    EGET_KAPITAL = "eget_kapital"
    INGAENDE_EGET_KAPITAL = "ingaende_eget_kapital"  # a component: not printed, part of Eget kapital
    DARAV_ARETS_RESULTAT = "darav_arets_resultat"
    AVSATTNINGAR = "avsattningar"
    SKULDER = "skulder"
    LANGFRISTIGA_SKULDER = "langfristiga_skulder"
    KORTFRISTIGA_SKULDER = "kortfristiga_skulder"
    SUMMA_SKULDER = "summa_skulder"
    SUMMA_EGET_KAPITAL_AVSATTNINGAR_OCH_SKULDER = "summa_eget_kapital_avsattningar_och_skulder"
    # Kassaflödesanalys
    LOPANDE = "lopande"
    JUSTERING_AVSKRIVNINGAR = "justering_avskrivningar"
    JUSTERING_GJORDA_AVSATTNINGAR = "justering_gjorda_avsattningar"
    JUSTERING_IANSPRAKTAGNA_AVSATTNINGAR = "justering_ianspraktagna_avsattningar"
    MEDEL_FORE_RORELSEKAPITAL = "medel_fore_rorelsekapital"
    FORANDRING_KORTFRISTIGA_FORDRINGAR = "forandring_kortfristiga_fordringar"
    FORANDRING_KORTFRISTIGA_SKULDER = "forandring_kortfristiga_skulder"
    KASSAFLODE_LOPANDE = "kassaflode_lopande"
    INVESTERING = "investering"
    INVESTERING_IMMATERIELLA = "investering_immateriella"
    FORSALJNING_IMMATERIELLA = "forsaljning_immateriella"
    INVESTERING_MATERIELLA = "investering_materiella"
    FORSALJNING_MATERIELLA = "forsaljning_materiella"
    INVESTERING_FINANSIELLA = "investering_finansiella"
    FORSALJNING_FINANSIELLA = "forsaljning_finansiella"
    KASSAFLODE_INVESTERING = "kassaflode_investering"
    FINANSIERING = "finansiering"
    OKNING_LANGFRISTIGA_SKULDER = "okning_langfristiga_skulder"
    MINSKNING_LANGFRISTIGA_SKULDER = "minskning_langfristiga_skulder"
    KASSAFLODE_FINANSIERING = "kassaflode_finansiering"
    ARETS_KASSAFLODE = "arets_kassaflode"
    LIKVIDA_MEDEL_IB = "likvida_medel_ib"
    LIKVIDA_MEDEL_UB = "likvida_medel_ub"


# --------------------------------------------------------------------------------------------
# Expressions
# --------------------------------------------------------------------------------------------


class At(Enum):
    END = "end"  # the column's own year: closing balances and the year's result
    START = "start"  # the balances one column earlier (opening balances of the column's year)


END_COLUMNS = (LedgerColumn.CURRENT, LedgerColumn.PRIOR)
START_COLUMNS = (LedgerColumn.PRIOR, LedgerColumn.OPENING_PRIOR)


def column(at: At, i: int) -> LedgerColumn:
    """The Saldobalans column of statement column ``i`` (0 = this year)."""
    return (END_COLUMNS if at is At.END else START_COLUMNS)[i]


@dataclass(frozen=True)
class Shown:
    """The line's figure in the Saldobalans column ``at``: as statements print it (intäkter, eget
    kapital, skulder positive), or with ``booked`` in ledger sign (debit +, credit −)."""

    line: L
    at: At = At.END
    booked: bool = False


def Booked(line: L, at: At = At.END) -> Shown:  # noqa: N802 - reads like the other expressions
    return Shown(line, at, booked=True)


@dataclass(frozen=True)
class Change:
    """Change of the printed figure over the year: ``Shown(line, END) − Shown(line, START)``."""

    line: L


@dataclass(frozen=True)
class Ref:
    """Another row (or component) of the same statement, or with ``statement`` (a title) a row of
    that statement in the same column. A row that is left out adds nothing."""

    key: StatementKey
    statement: str | None = None


def Other(statement: str, key: StatementKey) -> Ref:  # noqa: N802
    return Ref(key, statement)


@dataclass(frozen=True)
class Sum:
    terms: tuple[Expr, ...]


@dataclass(frozen=True)
class Neg:
    term: Expr


@dataclass(frozen=True)
class Clamp:
    """The increase part ``max(term, 0)`` of a change, or with ``below`` its decrease part ``min(term, 0)``."""

    term: Expr
    below: bool = False


def Max0(term: Expr) -> Clamp:  # noqa: N802
    return Clamp(term)


def Min0(term: Expr) -> Clamp:  # noqa: N802
    return Clamp(term, below=True)


@dataclass(frozen=True)
class Gross:
    """Investment in an anläggningstillgång line: its change in book value plus the year's
    avskrivningar when the avskrivningar are attributed to that line (:func:`depreciated_line`)."""

    line: L

    def expand(self, ledger: Ledger) -> Expr:
        return self.expand_for(depreciated_line(ledger))

    def expand_for(self, depreciated: L) -> Expr:
        change = Change(self.line)
        return Sum((change, Booked(L.AVSKRIVNINGAR))) if self.line is depreciated else change


Expr = Shown | Change | Ref | Sum | Neg | Clamp | Gross


def depreciated_line(ledger: Ledger) -> L:
    """The anläggningstillgång line the avskrivningar are attributed to: Materiella, or Immateriella
    when only those exist (the saldobalans does not say which assets were written down)."""
    every = (LedgerColumn.CURRENT, LedgerColumn.PRIOR, LedgerColumn.OPENING_PRIOR)
    if not ledger.is_used(L.MATERIELLA, every) and ledger.is_used(L.IMMATERIELLA, every):
        return L.IMMATERIELLA
    return L.MATERIELLA


# --------------------------------------------------------------------------------------------
# Declarations
# --------------------------------------------------------------------------------------------


class Show(Enum):
    ALWAYS = "always"
    USED = "used"  # the row's line has a non-zero account in either year (statements.line_used)
    NONZERO = "nonzero"  # the row's figure is non-zero in some column
    WITH_ABOVE = "with_above"  # shown exactly when the row above it is (a "därav" row)


@dataclass(frozen=True)
class Line:
    """One declared row. ``line`` is the statement line whose note and accounts the row shows."""

    key: StatementKey
    label: str
    kind: RowKind
    expr: Expr | None = None  # None for headings
    line: L | None = None
    show: Show = Show.ALWAYS
    level: int = 0


@dataclass(frozen=True)
class Group:
    """A heading, its rows and their total: shown when any of its rows is shown."""

    rows: tuple[Line, ...]
    heading: Line | None = None
    total: Line | None = None

    def lines(self) -> tuple[Line, ...]:
        return tuple(x for x in (self.heading, *self.rows, self.total) if x is not None)


@dataclass(frozen=True)
class Layout:
    """A statement's declaration: its rows in print order and components (figures not printed)."""

    title: str
    items: tuple[Line | Group, ...]
    components: tuple[Line, ...] = ()

    def lines(self) -> tuple[Line, ...]:
        return tuple(x for item in self.items for x in (item.lines() if isinstance(item, Group) else (item,)))

    def declared(self, key: str) -> Line:
        for x in (*self.lines(), *self.components):
            if x.key == key:
                return x
        raise KeyError(f"{self.title} har ingen rad {key!r}")

    def replace_line(self, key: StatementKey, new: Line) -> "Layout":
        """A copy with the declaration of ``key`` replaced (for tests and variants)."""

        def swap(x):
            return new if x is not None and x.key == key else x

        items = tuple(
            Group(tuple(swap(r) for r in it.rows), swap(it.heading), swap(it.total)) if isinstance(it, Group) else swap(it)
            for it in self.items
        )
        return Layout(self.title, items, tuple(swap(c) for c in self.components))


def heading(key: StatementKey, label: str) -> Line:
    return Line(key, label, RowKind.HEADING)


def line_row(line: L, level: int = 1, show: Show = Show.USED) -> Line:
    """A row fed by a statement line's accounts, with its note."""
    return Line(StatementKey(line_key(line)), line.value, RowKind.LINE, Shown(line), line=line, show=show, level=level)


def total(key: StatementKey, label: str, *parts: StatementKey, kind: RowKind = RowKind.SUM) -> Line:
    return Line(key, label, kind, Sum(tuple(Ref(p) for p in parts)))


def flow(key: StatementKey, label: str, expr: Expr, line: L | None = None, show: Show = Show.NONZERO, level: int = 1) -> Line:
    """A kassaflöde row; ``line`` gives the note it refers to."""
    return Line(key, label, RowKind.LINE, expr, line=line, show=show, level=level)


def _keys(lines) -> tuple[StatementKey, ...]:
    return tuple(StatementKey(line_key(line)) for line in lines)


INCOME = "Resultaträkning"
BALANCE = "Balansräkning"
CASH_FLOW = "Kassaflödesanalys"

R = StatementKey

INCOME_STATEMENT = Layout(
    INCOME,
    (
        line_row(L.VERKSAMHETENS_INTAKTER, level=0, show=Show.ALWAYS),
        line_row(L.VERKSAMHETENS_KOSTNADER, level=0, show=Show.ALWAYS),
        line_row(L.AVSKRIVNINGAR, level=0),
        total(R.VERKSAMHETENS_NETTOKOSTNADER, "Verksamhetens nettokostnader",
              R.VERKSAMHETENS_INTAKTER, R.VERKSAMHETENS_KOSTNADER, R.AVSKRIVNINGAR),
        line_row(L.FINANSIELLA_INTAKTER, level=0, show=Show.ALWAYS),
        line_row(L.FINANSIELLA_KOSTNADER, level=0, show=Show.ALWAYS),
        total(R.RESULTAT_EFTER_FINANSIELLA_POSTER, "Resultat efter finansiella poster",
              R.VERKSAMHETENS_NETTOKOSTNADER, R.FINANSIELLA_INTAKTER, R.FINANSIELLA_KOSTNADER),
        total(R.ARETS_RESULTAT, "Årets resultat", R.RESULTAT_EFTER_FINANSIELLA_POSTER, kind=RowKind.TOTAL),
    ),
)

BALANCE_SHEET = Layout(
    BALANCE,
    (
        heading(R.TILLGANGAR, "Tillgångar"),
        Group(
            tuple(line_row(line) for line in FIXED_ASSETS),
            heading(R.ANLAGGNINGSTILLGANGAR, "Anläggningstillgångar"),
            total(R.SUMMA_ANLAGGNINGSTILLGANGAR, "Summa anläggningstillgångar", *_keys(FIXED_ASSETS)),
        ),
        Group(
            tuple(line_row(line) for line in CURRENT_ASSETS),
            heading(R.OMSATTNINGSTILLGANGAR, "Omsättningstillgångar"),
            total(R.SUMMA_OMSATTNINGSTILLGANGAR, "Summa omsättningstillgångar", *_keys(CURRENT_ASSETS)),
        ),
        total(R.SUMMA_TILLGANGAR, "Summa tillgångar",
              R.SUMMA_ANLAGGNINGSTILLGANGAR, R.SUMMA_OMSATTNINGSTILLGANGAR, kind=RowKind.TOTAL),
        heading(R.EGET_KAPITAL_AVSATTNINGAR_OCH_SKULDER, "Eget kapital, avsättningar och skulder"),
        Line(R.EGET_KAPITAL, "Eget kapital", RowKind.LINE,
             Sum((Ref(R.INGAENDE_EGET_KAPITAL), Ref(R.DARAV_ARETS_RESULTAT))), line=L.EGET_KAPITAL, show=Show.USED),
        Line(R.DARAV_ARETS_RESULTAT, "därav årets resultat", RowKind.DETAIL, Other(INCOME, R.ARETS_RESULTAT),
             show=Show.WITH_ABOVE, level=1),
        line_row(L.AVSATTNINGAR, level=0),
        Group(
            tuple(line_row(line) for line in LIABILITIES),
            heading(R.SKULDER, "Skulder"),
            total(R.SUMMA_SKULDER, "Summa skulder", *_keys(LIABILITIES)),
        ),
        total(R.SUMMA_EGET_KAPITAL_AVSATTNINGAR_OCH_SKULDER, "Summa eget kapital, avsättningar och skulder",
              R.EGET_KAPITAL, R.AVSATTNINGAR, R.SUMMA_SKULDER, kind=RowKind.TOTAL),
    ),
    components=(Line(R.INGAENDE_EGET_KAPITAL, "Ingående eget kapital", RowKind.LINE, Shown(L.EGET_KAPITAL)),),
)

# Kassaflödesanalys, indirect method; see compute/cash_flow.py for the decisions behind each row.
ASSET_WORDS = {
    L.IMMATERIELLA: "immateriella anläggningstillgångar",
    L.MATERIELLA: "materiella anläggningstillgångar",
    L.FINANSIELLA_ANL: "finansiella anläggningstillgångar",
}
_INVESTMENT_KEYS = {
    L.IMMATERIELLA: (R.INVESTERING_IMMATERIELLA, R.FORSALJNING_IMMATERIELLA),
    L.MATERIELLA: (R.INVESTERING_MATERIELLA, R.FORSALJNING_MATERIELLA),
    L.FINANSIELLA_ANL: (R.INVESTERING_FINANSIELLA, R.FORSALJNING_FINANSIELLA),
}


def _investments() -> tuple[Line, ...]:
    rows: list[Line] = []
    for line, words in ASSET_WORDS.items():
        bought, sold = _INVESTMENT_KEYS[line]
        rows += [
            flow(bought, f"Investering i {words}", Neg(Max0(Gross(line))), line),
            flow(sold, f"Försäljning av {words}", Neg(Min0(Gross(line))), line),
        ]
    return tuple(rows)


CASH_FLOW_STATEMENT = Layout(
    CASH_FLOW,
    (
        heading(R.LOPANDE, "Den löpande verksamheten"),
        flow(R.ARETS_RESULTAT, "Årets resultat", Other(INCOME, R.ARETS_RESULTAT), show=Show.ALWAYS),
        flow(R.JUSTERING_AVSKRIVNINGAR, "Justering för av- och nedskrivningar", Booked(L.AVSKRIVNINGAR), L.AVSKRIVNINGAR),
        flow(R.JUSTERING_GJORDA_AVSATTNINGAR, "Justering för gjorda avsättningar",
             Max0(Change(L.AVSATTNINGAR)), L.AVSATTNINGAR),
        flow(R.JUSTERING_IANSPRAKTAGNA_AVSATTNINGAR, "Justering för ianspråktagna avsättningar",
             Min0(Change(L.AVSATTNINGAR)), L.AVSATTNINGAR),
        total(R.MEDEL_FORE_RORELSEKAPITAL, "Medel från verksamheten före förändring av rörelsekapital",
              R.ARETS_RESULTAT, R.JUSTERING_AVSKRIVNINGAR, R.JUSTERING_GJORDA_AVSATTNINGAR,
              R.JUSTERING_IANSPRAKTAGNA_AVSATTNINGAR),
        flow(R.FORANDRING_KORTFRISTIGA_FORDRINGAR, "Ökning (−)/minskning (+) kortfristiga fordringar",
             Neg(Change(L.KORTFRISTIGA_FORDRINGAR)), L.KORTFRISTIGA_FORDRINGAR, show=Show.ALWAYS),
        flow(R.FORANDRING_KORTFRISTIGA_SKULDER, "Ökning (+)/minskning (−) kortfristiga skulder",
             Change(L.KORTFRISTIGA_SKULDER), L.KORTFRISTIGA_SKULDER, show=Show.ALWAYS),
        total(R.KASSAFLODE_LOPANDE, "Kassaflöde från den löpande verksamheten",
              R.MEDEL_FORE_RORELSEKAPITAL, R.FORANDRING_KORTFRISTIGA_FORDRINGAR, R.FORANDRING_KORTFRISTIGA_SKULDER),
        Group(
            _investments(),
            heading(R.INVESTERING, "Investeringsverksamheten"),
            total(R.KASSAFLODE_INVESTERING, "Kassaflöde från investeringsverksamheten",
                  *(k for keys in _INVESTMENT_KEYS.values() for k in keys)),
        ),
        Group(
            (
                flow(R.OKNING_LANGFRISTIGA_SKULDER, "Ökning av långfristiga skulder",
                     Max0(Change(L.LANGFRISTIGA_SKULDER)), L.LANGFRISTIGA_SKULDER),
                flow(R.MINSKNING_LANGFRISTIGA_SKULDER, "Minskning av långfristiga skulder",
                     Min0(Change(L.LANGFRISTIGA_SKULDER)), L.LANGFRISTIGA_SKULDER),
            ),
            heading(R.FINANSIERING, "Finansieringsverksamheten"),
            total(R.KASSAFLODE_FINANSIERING, "Kassaflöde från finansieringsverksamheten",
                  R.OKNING_LANGFRISTIGA_SKULDER, R.MINSKNING_LANGFRISTIGA_SKULDER),
        ),
        total(R.ARETS_KASSAFLODE, "Årets kassaflöde",
              R.KASSAFLODE_LOPANDE, R.KASSAFLODE_INVESTERING, R.KASSAFLODE_FINANSIERING, kind=RowKind.TOTAL),
        # Likvida medel = Kortfristiga placeringar + Kassa och bank (RKR 16.2)
        flow(R.LIKVIDA_MEDEL_IB, "Likvida medel vid årets början",
             Sum((Shown(L.KORTFRISTIGA_PLACERINGAR, At.START), Shown(L.KASSA_OCH_BANK, At.START))),
             show=Show.ALWAYS, level=0),
        total(R.LIKVIDA_MEDEL_UB, "Likvida medel vid årets slut", R.LIKVIDA_MEDEL_IB, R.ARETS_KASSAFLODE,
              kind=RowKind.TOTAL),
    ),
)



def layout(title: str) -> Layout:
    """The current declaration of a statement by title (looked up at call time, so a test may replace one)."""
    return {INCOME: INCOME_STATEMENT, BALANCE: BALANCE_SHEET, CASH_FLOW: CASH_FLOW_STATEMENT}[title]
