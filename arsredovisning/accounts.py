"""The built-in Kontoplan (Kommun-BAS style), used when the workbook has no ``Kontoplan`` sheet.

Ranges not listed here (1400–1499 förråd, 8000–8399 skatter/utjämning, 8600–8999) map to no
statement line: a non-zero account there is reported as unmapped. See ../shared/spec/lkbr.md §2.
"""

from __future__ import annotations

from .model import ChartRule, StatementLine as L

DEFAULT_CHART: tuple[ChartRule, ...] = tuple(
    ChartRule(start, end, line, None)
    for start, end, line in (
        (1000, 1099, L.IMMATERIELLA),
        (1100, 1299, L.MATERIELLA),
        (1300, 1399, L.FINANSIELLA_ANL),
        (1500, 1799, L.KORTFRISTIGA_FORDRINGAR),
        (1800, 1899, L.KORTFRISTIGA_PLACERINGAR),
        (1900, 1999, L.KASSA_OCH_BANK),
        (2000, 2099, L.EGET_KAPITAL),
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
)


def line_for(account: int, chart: tuple[ChartRule, ...]) -> list[ChartRule]:
    """All rules covering ``account`` (0 = unmapped, >1 = overlapping)."""
    return [rule for rule in chart if account in rule]
