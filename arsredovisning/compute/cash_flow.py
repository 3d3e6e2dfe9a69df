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

from decimal import Decimal

from ..files import WORKBOOK
from ..findings import Finding, Location, info
from ..model import StatementLine as L
from .ledger import ZERO, Column, Ledger
from .notes import note_numbers
from .statements import RowKind, Statement, StatementRow

PAIRS = ((Column.CURRENT, Column.PRIOR), (Column.PRIOR, Column.OPENING_PRIOR))

ASSET_WORDS = {
    L.IMMATERIELLA: "immateriella anläggningstillgångar",
    L.MATERIELLA: "materiella anläggningstillgångar",
    L.FINANSIELLA_ANL: "finansiella anläggningstillgångar",
}


def depreciated_line(ledger: Ledger) -> L:
    """The anläggningstillgång line the avskrivningar are attributed to (see module doc)."""
    every = (Column.CURRENT, Column.PRIOR, Column.OPENING_PRIOR)
    if not ledger.is_used(L.MATERIELLA, every) and ledger.is_used(L.IMMATERIELLA, every):
        return L.IMMATERIELLA
    return L.MATERIELLA


def cash_flow(ledger: Ledger) -> tuple[Statement, list[Finding]]:
    findings: list[Finding] = []
    pairs = PAIRS if ledger.has_opening_prior else PAIRS[:1]
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
    notes = note_numbers(ledger)
    n = len(pairs)
    dep_line = depreciated_line(ledger)

    def change(line: L, end: Column, start: Column) -> Decimal:
        return ledger.shown(line, end) - ledger.shown(line, start)

    def row(key, label, values, kind=RowKind.LINE, note_line=None, level=1, parts=()):
        return StatementRow(
            key,
            label,
            kind,
            tuple(values),
            note=notes.get(note_line) if note_line else None,
            accounts=tuple(a.number for a in ledger.accounts_of(note_line)) if note_line else (),
            line=note_line,
            parts=tuple(parts),
            level=level,
        )

    def total(key, label, parts, kind=RowKind.SUM, level=0):
        values = [sum((p.values[i] for p in parts), ZERO) for i in range(n)]
        return row(key, label, values, kind=kind, level=level, parts=[p.key for p in parts])

    def heading(key, label):
        return StatementRow(key, label, RowKind.HEADING, (None,) * n)

    def nonzero(rows):
        return [r for r in rows if any(r.values)]

    depreciation = [ZERO - ledger.shown(L.AVSKRIVNINGAR, end) for end, _ in pairs]

    # Den löpande verksamheten
    result = row("arets_resultat", "Årets resultat", [ledger.result(end) for end, _ in pairs])
    provisions = [change(L.AVSATTNINGAR, end, start) for end, start in pairs]
    adjustments = nonzero(
        [
            row("justering_avskrivningar", "Justering för av- och nedskrivningar", depreciation, note_line=L.AVSKRIVNINGAR),
            row(
                "justering_gjorda_avsattningar",
                "Justering för gjorda avsättningar",
                [max(p, ZERO) for p in provisions],
                note_line=L.AVSATTNINGAR,
            ),
            row(
                "justering_ianspraktagna_avsattningar",
                "Justering för ianspråktagna avsättningar",
                [min(p, ZERO) for p in provisions],
                note_line=L.AVSATTNINGAR,
            ),
        ]
    )
    before = total(
        "medel_fore_rorelsekapital", "Medel från verksamheten före förändring av rörelsekapital", [result, *adjustments]
    )
    receivables = row(
        "forandring_kortfristiga_fordringar",
        "Ökning (−)/minskning (+) kortfristiga fordringar",
        [ZERO - change(L.KORTFRISTIGA_FORDRINGAR, end, start) for end, start in pairs],
        note_line=L.KORTFRISTIGA_FORDRINGAR,
    )
    payables = row(
        "forandring_kortfristiga_skulder",
        "Ökning (+)/minskning (−) kortfristiga skulder",
        [change(L.KORTFRISTIGA_SKULDER, end, start) for end, start in pairs],
        note_line=L.KORTFRISTIGA_SKULDER,
    )
    operating = total("kassaflode_lopande", "Kassaflöde från den löpande verksamheten", [before, receivables, payables])
    rows = [heading("lopande", "Den löpande verksamheten"), result, *adjustments, before, receivables, payables, operating]
    sections = [operating]

    # Investeringsverksamheten
    investing_lines = []
    for line, words in ASSET_WORDS.items():
        gross = []
        for i, (end, start) in enumerate(pairs):
            g = change(line, end, start)
            gross.append(g + depreciation[i] if line is dep_line else g)
        investing_lines += [
            row(f"investering_{line_key_of(line)}", f"Investering i {words}", [ZERO - max(g, ZERO) for g in gross], note_line=line),
            row(f"forsaljning_{line_key_of(line)}", f"Försäljning av {words}", [ZERO - min(g, ZERO) for g in gross], note_line=line),
        ]
    investing_lines = nonzero(investing_lines)
    if investing_lines:
        investing = total("kassaflode_investering", "Kassaflöde från investeringsverksamheten", investing_lines)
        rows += [heading("investering", "Investeringsverksamheten"), *investing_lines, investing]
        sections.append(investing)

    # Finansieringsverksamheten
    debt = [change(L.LANGFRISTIGA_SKULDER, end, start) for end, start in pairs]
    financing_lines = nonzero(
        [
            row(
                "okning_langfristiga_skulder",
                "Ökning av långfristiga skulder",
                [max(d, ZERO) for d in debt],
                note_line=L.LANGFRISTIGA_SKULDER,
            ),
            row(
                "minskning_langfristiga_skulder",
                "Minskning av långfristiga skulder",
                [min(d, ZERO) for d in debt],
                note_line=L.LANGFRISTIGA_SKULDER,
            ),
        ]
    )
    if financing_lines:
        financing = total("kassaflode_finansiering", "Kassaflöde från finansieringsverksamheten", financing_lines)
        rows += [heading("finansiering", "Finansieringsverksamheten"), *financing_lines, financing]
        sections.append(financing)

    flow = total("arets_kassaflode", "Årets kassaflöde", sections, kind=RowKind.TOTAL)
    opening = row("likvida_medel_ib", "Likvida medel vid årets början", [ledger.cash(start) for _, start in pairs], level=0)
    closing = total("likvida_medel_ub", "Likvida medel vid årets slut", [opening, flow], kind=RowKind.TOTAL)
    rows += [flow, opening, closing]
    years = tuple(ledger.year - i for i in range(n))
    return Statement("Kassaflödesanalys", years, tuple(str(y) for y in years), tuple(rows)), findings


def line_key_of(line: L) -> str:
    return {L.IMMATERIELLA: "immateriella", L.MATERIELLA: "materiella", L.FINANSIELLA_ANL: "finansiella"}[line]
