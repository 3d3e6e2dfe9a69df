"""The built-in Kontoplaner: Kommun-BAS style (the default, used when the workbook has no
``Kontoplan`` sheet) and the companies' BAS (``BAS_CHART``, which ``importera`` writes into the
Kontoplan sheet when a SIE file's ``#KPTYP`` names a BAS chart, or when asked).

Kommun-BAS: ranges not listed (1400–1499 förråd, 8000–8399 skatter/utjämning, 8600–8999) map to
no statement line: a non-zero account there is reported as unmapped. See ../shared/spec/lkbr.md §2.
BAS (företag): 14 lager, 21 obeskattade reserver, 85–89 (bokslutsdispositioner, skatt, årets
resultat) map to no line either; 77–78 are ned- och avskrivningar, 80–83 finansiella intäkter,
84 räntekostnader.
"""

from __future__ import annotations

from .model import AccountRange, ChartRule, StatementLine as L

# The BAS account classes both charts share (inclusive ranges, like every range of a Kontoplan).
BALANCE_ACCOUNTS = AccountRange(1000, 2999)  # classes 1–2: tillgångar, eget kapital och skulder
EQUITY_ACCOUNTS = AccountRange(2000, 2099)  # class 20: eget kapital
RESULT_ACCOUNTS = AccountRange(3000, 8999)  # classes 3–8: intäkter och kostnader


def above_balance_classes(account: int) -> bool:
    """Classes 3 and up: an account taken as a result account when nothing else tells."""
    return account > BALANCE_ACCOUNTS.end


def _chart(*rows: tuple[int, int, L]) -> tuple[ChartRule, ...]:
    return tuple(ChartRule(start, end, line, None) for start, end, line in rows)


# Tillgångar and eget kapital: the same ranges in Kommun-BAS and in the companies' BAS.
_ASSETS_AND_EQUITY = (
    (1000, 1099, L.IMMATERIELLA),
    (1100, 1299, L.MATERIELLA),
    (1300, 1399, L.FINANSIELLA_ANL),
    (1500, 1799, L.KORTFRISTIGA_FORDRINGAR),
    (1800, 1899, L.KORTFRISTIGA_PLACERINGAR),
    (1900, 1999, L.KASSA_OCH_BANK),
    (EQUITY_ACCOUNTS.start, EQUITY_ACCOUNTS.end, L.EGET_KAPITAL),
)

DEFAULT_CHART: tuple[ChartRule, ...] = _chart(
    *_ASSETS_AND_EQUITY,
    (2100, 2299, L.AVSATTNINGAR),
    (2300, 2399, L.LANGFRISTIGA_SKULDER),
    (2400, 2999, L.KORTFRISTIGA_SKULDER),
    (3000, 3999, L.VERKSAMHETENS_INTAKTER),
    (4000, 6799, L.VERKSAMHETENS_KOSTNADER),
    (6800, 6899, L.AVSKRIVNINGAR),
    (6900, 7999, L.VERKSAMHETENS_KOSTNADER),
    (8400, 8499, L.FINANSIELLA_INTAKTER),
    (8500, 8599, L.FINANSIELLA_KOSTNADER),
)


BAS_CHART: tuple[ChartRule, ...] = _chart(
    *_ASSETS_AND_EQUITY,
    (2200, 2299, L.AVSATTNINGAR),
    (2300, 2399, L.LANGFRISTIGA_SKULDER),
    (2400, 2999, L.KORTFRISTIGA_SKULDER),
    (3000, 3999, L.VERKSAMHETENS_INTAKTER),
    (4000, 7699, L.VERKSAMHETENS_KOSTNADER),
    (7700, 7899, L.AVSKRIVNINGAR),
    (7900, 7999, L.VERKSAMHETENS_KOSTNADER),
    (8000, 8399, L.FINANSIELLA_INTAKTER),
    (8400, 8499, L.FINANSIELLA_KOSTNADER),
)

CHARTS: dict[str, tuple[ChartRule, ...]] = {"kommun": DEFAULT_CHART, "bas": BAS_CHART}
CHART_NAMES = {"kommun": "Kommun-BAS", "bas": "BAS (företag)"}


def chart_for_type(kptyp: str | None) -> str | None:
    """The built-in chart a SIE ``#KPTYP`` names: ``"bas"`` for BAS95, BAS96, EUBAS97, BAS2008 …,
    ``"kommun"`` for a Kommun-BAS label, None when absent or unknown."""
    label = (kptyp or "").upper().replace("-", "").replace(" ", "")
    if "KOMMUN" in label or label.startswith("KBAS"):
        return "kommun"
    if "BAS" in label:
        return "bas"
    return None


def line_for(account: int, chart: tuple[ChartRule, ...]) -> list[ChartRule]:
    """All rules covering ``account`` (0 = unmapped, >1 = overlapping)."""
    return [rule for rule in chart if account in rule]
