"""Kassaflödesanalys, indirect method (lkbr.md §1.3), derived from the changes between two columns.

This year compares ``Belopp`` with ``Föregående år``; the prior year compares ``Föregående år``
with ``Ingående föregående år`` and is produced only when that column exists (otherwise the info
finding ``KF-FOREG-SAKNAS``).

Decisions, so that Årets kassaflöde = Δ likvida medel whenever both balance sheets balance and
eget kapital rolls forward (EK-UB):

* Likvida medel = Kassa och bank + Kortfristiga placeringar (RKR 16.2); placeringar are
  therefore not part of the rörelsekapital.
* Avskrivningar are added back ("Justering för av- och nedskrivningar").
* A net increase of Avsättningar is "Justering för gjorda avsättningar", a net decrease
  "Justering för ianspråktagna avsättningar" (both non-cash, in the löpande verksamheten as in
  kommunal practice); only the net change is known from a saldobalans.
* Investering per anläggningstillgång line = change in book value + that line's avskrivningar,
  shown gross as a negative "Investering i …"; a net decrease is "Försäljning av …" (positive).
  The saldobalans does not say which assets the avskrivningar belong to: they are attributed to
  Materiella anläggningstillgångar, or to Immateriella when only those exist.
* Finansieringsverksamheten = change in Långfristiga skulder ("Ökning/Minskning av
  långfristiga skulder").
* Likvida medel vid årets slut = början + årets kassaflöde, computed; its agreement with the
  balansräkning is the check KF-LIKVIDA, not an assumption.
"""

from __future__ import annotations

from ..files import WORKBOOK
from ..findings import Finding, Location, info
from . import lines
from .ledger import Ledger
from .lines import ASSET_WORDS, depreciated_line
from .statements import Statement, evaluate

__all__ = ["ASSET_WORDS", "cash_flow", "depreciated_line"]


def cash_flow(ledger: Ledger) -> tuple[Statement, list[Finding]]:
    """The kassaflödesanalys declared in ``lines.CASH_FLOW_STATEMENT``: this year, and the prior
    year when the Saldobalans has its opening balances."""
    findings: list[Finding] = []
    if not ledger.has_opening_prior:
        findings.append(
            info(
                "KF-FOREG-SAKNAS",
                f"Kassaflödesanalysen visar bara {ledger.year}: kolumnen Ingående föregående år saknas eller är tom i "
                f"Saldobalans, så kassaflödet för {ledger.year - 1} kan inte beräknas. Lägg till kolumnen "
                "med föregående års ingående balanser för att få med jämförelseåret.",
                Location(ledger.accounts[0].location.file if ledger.accounts else WORKBOOK, "Saldobalans"),
            )
        )
    n = 2 if ledger.has_opening_prior else 1
    years = tuple(ledger.year - i for i in range(n))
    return evaluate(lines.CASH_FLOW_STATEMENT, ledger, n, years, tuple(str(y) for y in years)), findings
