"""Whole SIE 4E exports of a förbund's ledger, written here the way accounting programs write them.

The real exports the tests also read (``tests/sie_builders.REAL``) are public data that may not be
committed, so a CI machine does not have them. These files stand in for them in every run: a
ledger of two years built from balanced verifications, written in the *dialects* real programs
use — IBM PC8, UTF-8 or ISO-8859-1 bytes under the label ``#FORMAT PC8``, a byte-order mark,
spaces or tabs between fields, padded amounts, quoted account numbers, CRLF or LF, ``#KSUMMA``,
``#DIM``/``#OBJEKT`` with object lists in ``#TRANS``, ``#RTRANS``/``#BTRANS`` beside ``#TRANS``,
``#PSALDO``/``#PBUDGET`` period rows, ``#SRU``, ``#KTYP``, ``#ADRESS`` — and with the faults real
files have (the prior year's result not booked to eget kapital, a verification that does not lead
to the closing balance, a broken räkenskapsår).

The truth the tests compare with is the ledger itself (:attr:`Export.truth`), computed from the
verifications by this module alone; the CRC of ``#KSUMMA`` is computed from the fields as written,
not by the reader's code.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

CENT = Decimal("0.01")

# A förbund's Kommun-BAS ledger: balance accounts 1xxx–2xxx, result accounts 3xxx–8xxx.
ACCOUNTS = {
    1510: "Kundfordringar",
    1650: "Momsfordran",
    1710: "Förutbetalda kostnader",
    1930: "Bank, förbundets konto",
    2010: "Eget kapital",
    2440: "Leverantörsskulder",
    2940: "Upplupen revisionskostnad",
    3511: "Bidrag Försäkringskassan",
    3521: "Bidrag Region Västra Ödmarken",
    3531: "Bidrag Åsby kommun",
    3532: "Bidrag Älvsby kommun",
    3533: "Bidrag Östra Härads kommun",
    4510: "Projektmedel, insatser",
    4520: "Köp av tjänst, förbundschef",
    4540: "Revision",
    5010: "Arvoden styrelse",
    5410: "Sociala avgifter",
    7110: "Kurser och konferenser, inkl. resor",
    8410: "Ränteintäkter",
}
EQUITY = 2010
# SRU codes of the balance accounts, as programs print them (the reader ignores them).
SRU = {1510: 7251, 1650: 7261, 1710: 7263, 1930: 7281, 2010: 7301, 2440: 7368, 2940: 7370}


@dataclass(frozen=True)
class Dialect:
    """How one program writes its export."""

    program: str
    version: str
    encoding: str  # the bytes on disk; the label stays what the program claims
    format_label: str = "PC8"
    separator: str = " "
    newline: str = "\r\n"
    ksumma: bool = False
    objects: bool = False  # #DIM/#OBJEKT, and object lists in #TRANS
    corrections: bool = False  # #RTRANS/#BTRANS beside #TRANS (a changed verification)
    periods: bool = False  # #PSALDO/#PBUDGET per month
    quoted_numbers: bool = False  # "1930" rather than 1930
    padded: bool = False  # amounts right-aligned in a column, as some programs print them
    chart: str | None = "KOMMUN"
    generated: date = date(2020, 2, 14)


DIALECTS = {
    "pc8": Dialect("Kommunekonomi Plus", "7.2", "cp437", periods=True, chart=None),
    "pc8-tabb-ksumma": Dialect("Bokslutsverktyget", "2019.3", "cp437", separator="\t", ksumma=True, quoted_numbers=True, padded=True),
    "utf8-som-pc8": Dialect("Molnbokföring", "4.12 (build 311)", "utf-8", newline="\n", objects=True, corrections=True),
    "utf8-bom": Dialect("Redovisning Online", "22", "utf-8-sig", newline="\n", objects=True),
    "latin1-som-pc8": Dialect("Ekonomisystem Classic", "3.40", "iso-8859-1", periods=True),
}


@dataclass(frozen=True)
class Verification:
    series: str
    number: int
    day: date
    text: str
    rows: tuple[tuple[int, Decimal, str | None], ...]  # account, amount, object (dimension 1) or None


@dataclass
class Truth:
    """What the ledger says, per year index (0 = the year, -1 = the year before)."""

    opening: dict[int, dict[int, Decimal]] = field(default_factory=dict)  # year → account → #IB
    closing: dict[int, dict[int, Decimal]] = field(default_factory=dict)  # year → account → #UB
    result: dict[int, dict[int, Decimal]] = field(default_factory=dict)  # year → account → #RES

    def arets_resultat(self, year: int = 0) -> Decimal:
        """Profit as a report prints it: minus the sum of the result accounts."""
        return -sum(self.result[year].values(), Decimal(0))

    def summa_tillgangar(self, year: int = 0) -> Decimal:
        return sum((v for a, v in self.closing[year].items() if a < 2000), Decimal(0))


@dataclass
class Export:
    path: Path
    dialect: Dialect
    truth: Truth
    lines: list[str]  # the text as written, one record per line (1-based: lines[n - 1])

    def line_of(self, *start: str) -> int:
        """The 1-based number of the first record whose first fields are ``start`` (whatever the
        separators, padding and quotes of the dialect)."""
        for number, text in enumerate(self.lines, 1):
            words = [w.strip('"') for w in text.split()]
            if words[: len(start)] == list(start):
                return number
        raise LookupError(start)


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return (Decimal(rng.randint(low * 100, high * 100)) / 100).quantize(CENT)


def verifications(year: int, rng: random.Random, opening: dict[int, Decimal]) -> list[Verification]:
    """One year of a förbund's bookkeeping: last year's invoices and revision paid, member
    contributions per quarter (50/25/25), insats invoices booked then paid, the förbundschef bought
    per month, fees with social charges, revision accrued at year end, interest. Every
    verification balances."""
    out: list[Verification] = []
    n = 0

    def add(day: date, text: str, *rows: tuple[int, Decimal, str | None]) -> None:
        nonlocal n
        assert sum((r[1] for r in rows), Decimal(0)) == 0, text
        n += 1
        out.append(Verification("A", n, day, text, rows))

    for account, text in ((2440, "Betalning av fjolårets leverantörsskulder"), (2940, "Betalning revision, fjolåret")):
        if opening.get(account):
            add(date(year, 1, 10), text, (account, -opening[account], None), (1930, opening[account], None))

    for quarter in range(4):
        day = date(year, 3 * quarter + 1, 15)
        state = _money(rng, 300_000, 450_000)
        region = (state / 2).quantize(CENT)
        kommuner = [(region * share).quantize(CENT) for share in (Decimal("0.30"), Decimal("0.45"))]
        kommuner.append(region - sum(kommuner))
        add(day, f"Medlemsbidrag kvartal {quarter + 1}",
            (1930, state + region + sum(kommuner), None), (3511, -state, None), (3521, -region, None),
            *((a, -k, None) for a, k in zip((3531, 3532, 3533), kommuner)))
    for month in range(1, 13):
        for insats in ("10", "20", "30"):
            amount = _money(rng, 40_000, 90_000)
            vat = (amount * Decimal("0.06")).quantize(CENT)
            add(date(year, month, 5), f"Faktura insats {insats}, {month:02d}/{year}",
                (4510, amount, insats), (1650, vat, None), (2440, -(amount + vat), None))
            if month < 12:  # December's invoices are paid in January: leverantörsskulder at year end
                add(date(year, month, 25), f"Betalning leverantör, insats {insats}", (2440, amount + vat, None), (1930, -(amount + vat), None))
        chef = _money(rng, 38_000, 42_000)
        add(date(year, month, 27), "Förbundschef, köpt tjänst", (4520, chef, None), (1930, -chef, None))
        if month % 3 == 0:
            fee = _money(rng, 8_000, 14_000)
            social = (fee * Decimal("0.3142")).quantize(CENT)
            add(date(year, month, 28), "Arvoden styrelse och sociala avgifter", (5010, fee, None), (5410, social, None), (1930, -(fee + social), None))
    course = _money(rng, 5_000, 25_000)
    add(date(year, 10, 3), "Konferens: samverkan i länet", (7110, course, None), (1930, -course, None))
    prepaid = _money(rng, 9_000, 15_000)
    add(date(year, 12, 20), "Förutbetald licens nästa år", (1710, prepaid, None), (1930, -prepaid, None))
    vat_back = sum((r[1] for v in out for r in v.rows if r[0] == 1650), Decimal(0))
    add(date(year, 12, 22), "Momsersättning", (1930, vat_back, None), (1650, -vat_back, None))
    audit = _money(rng, 40_000, 60_000)
    add(date(year, 12, 31), "Upplupen revision", (4540, audit, None), (2940, -audit, None))
    interest = _money(rng, 50, 900)
    add(date(year, 12, 31), "Ränta bankkonto", (1930, interest, None), (8410, -interest, None))
    return out


def _apply(opening: dict[int, Decimal], vers: list[Verification]) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    closing = dict(opening)
    result: dict[int, Decimal] = {}
    for v in vers:
        for account, value, _ in v.rows:
            target = closing if account < 3000 else result
            target[account] = target.get(account, Decimal("0.00")) + value
    return closing, result


def ledger(year: int, seed: int, book_prior_result: bool = True) -> tuple[Truth, list[Verification], list[Verification]]:
    """Two years of bookkeeping: ``year - 1`` from a balanced opening, ``year`` from its closing,
    with the prior year's result moved to eget kapital at the turn of the year (unless
    ``book_prior_result`` is false: the fault a real export shows as #UB + #RES ≠ 0)."""
    rng = random.Random(seed)
    bank = _money(rng, 1_500_000, 3_000_000)
    debt = _money(rng, 100_000, 400_000)
    opening_prior = {1930: bank, 1510: Decimal("0.00"), 2440: -debt, EQUITY: -(bank - debt)}
    prior_vers = verifications(year - 1, rng, opening_prior)
    closing_prior, result_prior = _apply(opening_prior, prior_vers)
    year_vers = verifications(year, rng, closing_prior)
    opening = dict(closing_prior)
    if book_prior_result:
        opening[EQUITY] += sum(result_prior.values(), Decimal(0))
    closing, result = _apply(opening, year_vers)
    truth = Truth({-1: opening_prior, 0: opening}, {-1: closing_prior, 0: closing}, {-1: result_prior, 0: result})
    return truth, prior_vers, year_vers


def _sie_date(d: date) -> str:
    return d.strftime("%Y%m%d")


class _Writer:
    """Records as fields, written in a dialect; keeps the #KSUMMA CRC of what it writes."""

    def __init__(self, dialect: Dialect) -> None:
        self.d = dialect
        self.lines: list[str] = []
        self.crc: int | None = None

    def number(self, n: int) -> tuple[str, bool]:
        return (str(n), self.d.quoted_numbers)

    def amount(self, value: Decimal) -> tuple[str, bool, int]:
        text = f"{value:.2f}" if value != value.to_integral() or not self.d.padded else f"{value:.0f}"
        return (text, False, 12 if self.d.padded else 0)

    def record(self, label: str, *fields, indent: str = "") -> None:
        parts, content = [label], [label]
        for f in fields:
            if isinstance(f, list):  # an object list: {dim "object" …}
                inner = " ".join(f'{dim} "{obj}"' for dim, obj in f)
                parts.append("{" + inner + "}")
                content.extend(x for dim, obj in f for x in (str(dim), obj))
                continue
            text, quoted, *width = f if isinstance(f, tuple) else (f, True)
            shown = '"' + text.replace('"', '\\"') + '"' if quoted else text
            if width and width[0]:
                shown = shown.rjust(width[0])
            parts.append(shown)
            content.append(text)
        if self.crc is not None:
            self.crc = zlib.crc32("".join(content).encode(self._crc_codec()), self.crc)
        self.lines.append(indent + self.d.separator.join(parts))

    def _crc_codec(self) -> str:
        return "utf-8" if self.d.encoding.startswith("utf-8") else self.d.encoding

    def raw(self, text: str) -> None:
        self.lines.append(text)


def write_export(folder: Path, name: str, dialect: Dialect | str = "pc8", year: int = 2019, seed: int = 7,
                 book_prior_result: bool = True, broken_year: bool = False, drop_one_transaction: bool = False,
                 first_year: bool = False, names: dict[int, str] | None = None,
                 company: str = "Samordningsförbundet Västra Ödmarken", orgnr: str = "222000-3145") -> Export:
    """Write ``folder/name``: a whole SIE 4E export of the ledger in ``dialect``. ``first_year``: the
    förbund's first year, so the file has no year -1 (#RAR -1, #UB -1 …); ``names`` replaces
    account names as the program holds them (e.g. already broken)."""
    d = DIALECTS[dialect] if isinstance(dialect, str) else dialect
    truth, prior_vers, year_vers = ledger(year, seed, book_prior_result)
    w = _Writer(d)
    w.record("#FLAGGA", ("0", False))
    if d.ksumma:
        w.record("#KSUMMA")
        w.crc = 0
    w.record("#PROGRAM", d.program, d.version)
    w.record("#FORMAT", (d.format_label, False))
    w.record("#GEN", (_sie_date(d.generated), False), "EKONOM")
    w.record("#SIETYP", ("4", False))
    w.record("#FNAMN", company)
    w.record("#ORGNR", (orgnr, False))
    w.record("#ADRESS", "Ekonomi", "Storgatan 1", "999 99 Ödmarken", "0999-123 45")
    if broken_year:
        w.record("#RAR", ("0", False), (f"{year}0701", False), (f"{year + 1}0630", False))
        w.record("#RAR", ("-1", False), (f"{year - 1}0701", False), (f"{year}0630", False))
    else:
        w.record("#RAR", ("0", False), (f"{year}0101", False), (f"{year}1231", False))
        if not first_year:
            w.record("#RAR", ("-1", False), (f"{year - 1}0101", False), (f"{year - 1}1231", False))
    if d.chart:
        w.record("#KPTYP", (d.chart, False))
    if d.objects:
        w.record("#DIM", ("1", False), "Insats")
        for code, text in (("10", "Aktivitetsstöd i Åsby"), ("20", "Unga vuxna, Älvsby"), ("30", "Arbetsträning Öst")):
            w.record("#OBJEKT", ("1", False), code, text)
    years = (0,) if first_year else (0, -1)
    for account, text in {**ACCOUNTS, **(names or {})}.items():
        w.record("#KONTO", w.number(account), text)
        w.record("#KTYP", w.number(account), ("T" if account < 2000 else "S" if account < 3000 else "I" if account < 4000 else "K", False))
        if account in SRU:
            w.record("#SRU", w.number(account), (str(SRU[account]), False))
    for year_index in years:
        for account in sorted(truth.opening[year_index]):
            w.record("#IB", (str(year_index), False), w.number(account), w.amount(truth.opening[year_index][account]))
        for account in sorted(truth.closing[year_index]):
            w.record("#UB", (str(year_index), False), w.number(account), w.amount(truth.closing[year_index][account]))
    for year_index in years:
        for account in sorted(truth.result[year_index]):
            w.record("#RES", (str(year_index), False), w.number(account), w.amount(truth.result[year_index][account]))
    if d.periods:
        for month in (1, 2, 3):
            period = f"{year}{month:02d}"
            moved = sum((r[1] for v in year_vers if v.day.month <= month for r in v.rows if r[0] == 4510), Decimal(0))
            w.record("#PSALDO", ("0", False), (period, False), w.number(4510), [], w.amount(moved))
            w.record("#PBUDGET", ("0", False), (period, False), w.number(4510), [], w.amount(Decimal(90_000 * month)))
    skipped = False
    for v in year_vers:
        w.record("#VER", (v.series, False), (str(v.number), False), (_sie_date(v.day), False), v.text, (_sie_date(v.day), False))
        w.raw("{")
        if d.corrections and v.number == 3:
            first = v.rows[0]
            w.record("#BTRANS", w.number(first[0]), [], w.amount(first[1] + 100), (_sie_date(v.day), False), indent="\t")
            w.record("#RTRANS", w.number(first[0]), [], w.amount(first[1]), (_sie_date(v.day), False), indent="\t")
        for account, value, obj in v.rows:
            if drop_one_transaction and not skipped and account == 1930 and v.number > 4:
                # exported with amount 0: the ledger's balances still count the real amount
                skipped = True
                w.record("#TRANS", w.number(account), [], w.amount(Decimal("0.00")), indent="\t")
                continue
            objects = [(1, obj)] if d.objects and obj else []
            w.record("#TRANS", w.number(account), objects, w.amount(value), indent="\t")
        w.raw("}")
    if d.ksumma:
        crc, w.crc = w.crc, None
        w.record("#KSUMMA", (str(crc), False))
    path = folder / name
    path.write_bytes((d.newline.join(w.lines) + d.newline).encode(d.encoding))
    return Export(path, d, truth, w.lines)


def with_dialect(name: str, **changes) -> Dialect:
    return replace(DIALECTS[name], **changes)
