"""Stream a SIE file into a :class:`SieFile`: the records this tool uses, each with its line.

The file is read twice as a stream of lines, never whole: once to tell its character set
(:mod:`.encoding`) and its SHA-256, once to parse. Memory grows with the number of accounts, not
with the number of verifications (``#TRANS`` rows are summed per account as they pass). A file
larger than :data:`MAX_BYTES` or with a line longer than :data:`MAX_LINE_BYTES` is refused before
anything is parsed. Unknown labels are ignored, as the standard asks.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Callable, TypeVar

from ..findings import Finding, Location, error, info, warning
from .encoding import NAMES, EncodingVote
from .fields import ObjectList, Record, amount, field_text, sie_date, split_line, whole

MB = 1_000_000  # sizes are said in MB and kB of 1000 (as load.limits does)
MAX_BYTES = 100 * MB  # a förbund's SIE 4 is well under 5 MB
MAX_LINE_BYTES = 64_000
CHUNK = 1 << 20
_T = TypeVar("_T")

FINDINGS: dict[str, str] = {
    "SIE-FIL-SAKNAS": "SIE-filen finns inte eller kan inte läsas",
    "SIE-FOR-STOR": "SIE-filen är större än gränsen (100 MB) eller har en orimligt lång rad",
    "SIE-INTE-SIE": "filen är ingen SIE-fil",
    "SIE-TYP": "SIE-filen saknar saldon (typ 4I) eller har en okänd typ",
    "SIE-KODNING": "SIE-filen är inte skriven i den teckenuppsättning den anger (läst ändå)",
    "SIE-POST": "en SIE-post saknar fält eller har fel slags fält",
    "SIE-BELOPP": "ett belopp i SIE-filen är inget tal med punkt och högst två decimaler",
    "SIE-DATUM": "ett datum i SIE-filen är inte ÅÅÅÅMMDD",
    "SIE-KONTO-DUBBEL": "samma konto har två #KONTO-poster",
    "SIE-SALDO-DUBBEL": "samma saldo (#IB/#UB/#RES, år och konto) står två gånger",
    "SIE-AVBRUTEN": "SIE-filen tar slut mitt i en post eller verifikation (avbruten fil)",
    "SIE-KSUMMA": "kontrollsumman #KSUMMA stämmer inte: filen har ändrats efter exporten",
    "SIE-KSUMMA-OK": "kontrollsumman #KSUMMA stämmer",
    "SIE-RAR-SAKNAS": "SIE-filen saknar #RAR 0 (räkenskapsåret)",
    "SIE-TECKEN-TRASIGA": "kontonamn i SIE-filen innehåller redan förstörda tecken (�)",
    "SIE-UTF16": "SIE-filen är skriven i UTF-16, som en SIE-fil inte får vara (läses inte)",
    "SIE-STYRTECKEN": "rader i SIE-filen innehåller styrtecken (NUL, BEL …), som togs bort",
}

# Control characters that have no place in a SIE line; they are removed and reported (SUB, the old
# DOS end-of-file mark some programs still write last, is removed silently).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_REPORTED_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x19\x1b-\x1f\x7f]")
_CONTROL_NAMES = {"\x00": "NUL", "\x07": "BEL", "\x08": "BS", "\x1b": "ESC", "\x7f": "DEL"}


@dataclass(frozen=True)
class FiscalYear:
    index: int  # 0 this year, -1 the year before
    start: date
    end: date
    line: int

    @property
    def is_calendar_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31) and self.start.year == self.end.year


@dataclass(frozen=True)
class Amount:
    """A balance (#IB, #UB or #RES) as read, with its line in the file for findings."""

    value: Decimal
    line: int


@dataclass(frozen=True)
class SieAccount:
    """A #KONTO post: the account's number and name, with its line in the file for findings."""

    number: int
    name: str
    line: int


@dataclass(frozen=True)
class SieFile:
    """What the import uses from one SIE file. Balances are keyed by (year index, account)."""

    name: str  # file name as given
    sha256: str
    size: int
    encoding: str  # codec used: "cp437", "utf-8", "iso-8859-15"
    lines: int
    program: str | None = None
    program_version: str | None = None
    generated: date | None = None
    generated_line: int | None = None
    sie_type: str | None = None
    chart_type: str | None = None  # #KPTYP, e.g. "EUBAS97"
    chart_type_line: int | None = None
    company: str | None = None
    orgnr: str | None = None
    years: dict[int, FiscalYear] = field(default_factory=dict)
    accounts: dict[int, SieAccount] = field(default_factory=dict)
    account_types: dict[int, str] = field(default_factory=dict)  # #KTYP: T, S, K, I
    opening: dict[tuple[int, int], Amount] = field(default_factory=dict)  # #IB
    closing: dict[tuple[int, int], Amount] = field(default_factory=dict)  # #UB
    results: dict[tuple[int, int], Amount] = field(default_factory=dict)  # #RES
    transactions: dict[int, Decimal] = field(default_factory=dict)  # Σ #TRANS per account
    transaction_count: int = 0
    checksum_verified: bool | None = None  # #KSUMMA: None when absent

    @property
    def short_sha256(self) -> str:
        return self.sha256[:12]


def read_sie(path: Path, display_name: str | None = None) -> tuple[SieFile | None, list[Finding]]:
    """Read ``path``; ``(None, findings)`` when it cannot be used at all."""
    path = Path(path)
    name = display_name or path.name
    where = Location(name)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise IsADirectoryError(str(path))
    except OSError:
        return None, [error("SIE-FIL-SAKNAS", f"SIE-filen {path} finns inte eller är ingen fil. Ange sökvägen till den exporterade filen (t.ex. export.se).", where)]
    if size > MAX_BYTES:
        return None, [error("SIE-FOR-STOR", f"Filen är {size / MB:.0f} MB, mer än gränsen {MAX_BYTES // MB} MB för en SIE-fil (ett förbunds SIE 4-fil är normalt under 5 MB). Kontrollera att det är rätt fil; exportera bara räkenskapsåret.", where)]
    try:
        with path.open("rb") as fh:
            utf16 = _utf16(fh.read(4))
        if utf16 is not None:
            return None, [error("SIE-UTF16", f"Filen är skriven i Unicode UTF-16 ({utf16}, två byte per tecken). En SIE-fil ska vara skriven i PC8 (IBM CP437) enligt standarden; programmet läser också UTF-8 och ISO-8859-15, men inte UTF-16. Exportera filen igen ur bokföringsprogrammet, eller öppna den i Anteckningar och spara den med kodningen UTF-8 eller ANSI.", where)]
        codec, digest, long_line = _survey(path)
    except OSError as exc:
        return None, [error("SIE-FIL-SAKNAS", f"SIE-filen kan inte läsas ({exc.strerror or type(exc).__name__}).", where)]
    if long_line:
        return None, [error("SIE-FOR-STOR", f"Rad {long_line} är längre än gränsen {MAX_LINE_BYTES // 1000} kB: filen är ingen SIE-fil (en SIE-post är en kort rad).", Location(name, line=long_line))]
    parser = _Parser(name, codec)
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            parser.line(number, raw.decode(codec, errors="replace").lstrip("\ufeff"))
    return parser.finish(size, digest)


def _utf16(head: bytes) -> str | None:
    """How the first bytes say the file is UTF-16 (with or without a byte order mark), else None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "med byte-ordningsmärke"
    if len(head) == 4 and ((head[1] == 0 and head[3] == 0 and head[0] and head[2]) or (head[0] == 0 and head[2] == 0 and head[1] and head[3])):
        return "utan byte-ordningsmärke"
    return None


def _survey(path: Path) -> tuple[str, str, int | None]:
    """Codec, SHA-256 and the number of the first over-long line (None if none), in one pass."""
    vote = EncodingVote()
    digest = hashlib.sha256()
    line, run = 1, 0
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            vote.feed(chunk)
            start = 0
            while (nl := chunk.find(b"\n", start)) >= 0:
                if run + nl - start > MAX_LINE_BYTES:
                    return vote.result(), digest.hexdigest(), line
                line, run, start = line + 1, 0, nl + 1
            run += len(chunk) - start
            if run > MAX_LINE_BYTES:
                return vote.result(), digest.hexdigest(), line
    return vote.result(), digest.hexdigest(), None


def crc_bytes(record: Record, codec: str) -> bytes:
    """What #KSUMMA sums for one record: the label and every field's content, without separators,
    quotes or braces, in the file's character set."""
    parts = [record.label]
    for f in record.fields:
        parts.extend(f.items if isinstance(f, ObjectList) else (f,))
    return "".join(parts).encode(codec, errors="replace")


def _account_number(text: str) -> int | None:
    """An account number: a positive whole number."""
    number = whole(text)
    return number if number is not None and number > 0 else None


class _Parser:
    def __init__(self, name: str, codec: str) -> None:
        self.name = name
        self.codec = codec
        self.findings: list[Finding] = []
        self.values: dict = {"years": {}, "accounts": {}, "account_types": {}, "opening": {}, "closing": {}, "results": {}, "transactions": {}}
        self.meta: dict = {}
        self.first_label: str | None = None
        self.last_line = 0
        self.in_verification: int | None = None  # line of the open "{"
        self.crc: int | None = None  # running #KSUMMA, from the first #KSUMMA on
        self.crc_checked: bool | None = None
        self.format_label: str | None = None
        self.last_unterminated: int | None = None
        self.transaction_count = 0
        self.control_lines: tuple[int, int] = (0, 0)  # the first line with control characters (removed), how many
        self.control_seen: dict[str, None] = {}

    def at(self, line: int) -> Location:
        return Location(self.name, line=line)

    # -- one line ------------------------------------------------------------------------------

    def line(self, number: int, text: str) -> None:
        self.last_line = number
        as_written = None
        if _CONTROL.search(text):
            as_written = text  # #KSUMMA sums the file as written
            for ch in _REPORTED_CONTROL.findall(text):
                self.control_seen.setdefault(_CONTROL_NAMES.get(ch, f"U+{ord(ch):04X}"))
            if _REPORTED_CONTROL.search(text):
                first, count = self.control_lines
                self.control_lines = (first or number, count + 1)
            text = _CONTROL.sub("", text)
        record = split_line(text, number)
        if record is None:
            return
        if self.first_label is None:
            self.first_label = record.label
        self.last_unterminated = number if record.unterminated else None
        if record.label == "#KSUMMA":
            self._ksumma(record)
            return
        if self.crc is not None and record.label not in ("{", "}"):
            summed = record if as_written is None else (split_line(as_written, number) or record)
            self.crc = zlib.crc32(crc_bytes(summed, self.codec), self.crc)
        handler = getattr(self, "_" + record.label.lstrip("#").lower(), None) if record.label.startswith("#") else None
        if record.label == "{":
            self.in_verification = number
        elif record.label == "}":
            self.in_verification = None
        elif handler is not None:
            handler(record)

    def _need(self, record: Record, count: int, what: str) -> bool:
        if len(record.fields) < count:
            self.findings.append(error("SIE-POST", f"Posten {record.label} har för få fält (väntade {what}).", self.at(record.line)))
            return False
        return True

    def _field(self, record: Record, index: int, parse: Callable[[str], _T | None], finding: str, said: str) -> _T | None:
        """Field ``index`` of ``record`` as ``parse`` reads it; None (and the finding, ending in
        ``said``) when it is not a plain field or ``parse`` cannot read it."""
        f = record.fields[index]
        value = parse(f) if isinstance(f, str) else None
        if value is None:
            self.findings.append(error(finding, f"Posten {record.label}: ”{field_text(f)}” är {said}", self.at(record.line)))
        return value

    def _account(self, record: Record, index: int) -> int | None:
        return self._field(record, index, _account_number, "SIE-POST", "inget kontonummer.")

    def _amount(self, record: Record, index: int) -> Decimal | None:
        return self._field(record, index, amount, "SIE-BELOPP", "inget belopp. SIE-belopp skrivs med punkt och högst två "
                           "decimaler, t.ex. -1234.50. Exportera filen igen eller rätta raden.")

    # -- records --------------------------------------------------------------------------------

    def _ksumma(self, record: Record) -> None:
        if not record.fields:
            if self.crc is None:
                self.crc = 0
            return
        expected = whole(field_text(record.fields[0]))
        computed = self.crc if self.crc is not None else None
        if expected is None or computed is None:
            self.findings.append(error("SIE-POST", "Posten #KSUMMA ska stå först utan värde och sist med kontrollsumman.", self.at(record.line)))
        elif computed != expected % (1 << 32):
            self.crc_checked = False
            self.findings.append(error("SIE-KSUMMA", f"Kontrollsumman stämmer inte: filen anger {expected}, innehållet ger {computed}. Filen har ändrats eller skadats efter exporten. Exportera den igen från bokföringsprogrammet.", self.at(record.line)))
        else:
            self.crc_checked = True
            self.findings.append(info("SIE-KSUMMA-OK", f"Kontrollsumman #KSUMMA {expected} stämmer.", self.at(record.line)))
        self.crc = None

    def _program(self, r: Record) -> None:
        if r.fields:
            self.meta["program"] = field_text(r.fields[0]).strip() or None
            self.meta["program_version"] = field_text(r.fields[1]).strip() if len(r.fields) > 1 else None

    def _format(self, r: Record) -> None:
        self.format_label = field_text(r.fields[0]).upper() if r.fields else None

    def _gen(self, r: Record) -> None:
        if self._need(r, 1, "datum"):
            d = sie_date(field_text(r.fields[0]))
            if d is None:
                self.findings.append(warning("SIE-DATUM", f"#GEN: ”{field_text(r.fields[0])}” är inget datum ÅÅÅÅMMDD.", self.at(r.line)))
            self.meta["generated"], self.meta["generated_line"] = d, r.line

    def _sietyp(self, r: Record) -> None:
        if r.fields:
            self.meta["sie_type"] = field_text(r.fields[0]).upper()

    def _kptyp(self, r: Record) -> None:
        if r.fields:
            self.meta["chart_type"], self.meta["chart_type_line"] = field_text(r.fields[0]).strip(), r.line

    def _fnamn(self, r: Record) -> None:
        if r.fields:
            self.meta["company"] = field_text(r.fields[0]).strip() or None

    def _orgnr(self, r: Record) -> None:
        if r.fields:
            self.meta["orgnr"] = field_text(r.fields[0]).strip() or None

    def _rar(self, r: Record) -> None:
        if not self._need(r, 3, "årsnummer, startdatum och slutdatum"):
            return
        index = whole(field_text(r.fields[0]))
        start, end = sie_date(field_text(r.fields[1])), sie_date(field_text(r.fields[2]))
        if index is None or start is None or end is None:
            self.findings.append(error("SIE-DATUM", f"#RAR: ”{' '.join(field_text(f) for f in r.fields[:3])}” är inte årsnummer och två datum ÅÅÅÅMMDD.", self.at(r.line)))
            return
        self.values["years"].setdefault(index, FiscalYear(index, start, end, r.line))

    def _konto(self, r: Record) -> None:
        if not self._need(r, 1, "kontonummer och namn"):
            return
        number = self._account(r, 0)
        if number is None:
            return
        name = field_text(r.fields[1]).strip() if len(r.fields) > 1 else ""
        accounts = self.values["accounts"]
        if number in accounts:
            first = accounts[number]
            same = "samma namn" if first.name == name else f"”{first.name}” och ”{name}”"
            self.findings.append(warning("SIE-KONTO-DUBBEL", f"Konto {number} har två #KONTO-poster (rad {first.line} och {r.line}, {same}). Namnet från rad {first.line} används.", self.at(r.line)))
            return
        accounts[number] = SieAccount(number, name, r.line)

    def _ktyp(self, r: Record) -> None:
        if len(r.fields) >= 2:
            number = whole(field_text(r.fields[0]))
            if number is not None:
                self.values["account_types"][number] = field_text(r.fields[1]).strip().upper()[:1]

    def _balance(self, r: Record, kind: str, label: str) -> None:
        if not self._need(r, 3, "årsnummer, konto och belopp"):
            return
        year = whole(field_text(r.fields[0]))
        if year is None:
            self.findings.append(error("SIE-POST", f"Posten {label}: ”{field_text(r.fields[0])}” är inget årsnummer (0, -1 …).", self.at(r.line)))
            return
        number = self._account(r, 1)
        value = self._amount(r, 2)
        if len(r.fields) > 3 and isinstance(r.fields[3], str) and amount(r.fields[3]) is None:
            self.findings.append(error("SIE-BELOPP", f"Posten {label}: efter beloppet ”{field_text(r.fields[2])}” står ”{field_text(r.fields[3])}”, som inte är en kvantitet. Ett belopp skrivs utan mellanslag och med punkt, t.ex. -1234.50.", self.at(r.line)))
            return
        if number is None or value is None:
            return
        store = self.values[kind]
        key = (year, number)
        if key in store:
            self.findings.append(error("SIE-SALDO-DUBBEL", f"{label} {year} för konto {number} står två gånger (rad {store[key].line} och {r.line}). Exportera filen igen.", self.at(r.line)))
            return
        store[key] = Amount(value, r.line)

    def _ib(self, r: Record) -> None:
        self._balance(r, "opening", "#IB")

    def _ub(self, r: Record) -> None:
        self._balance(r, "closing", "#UB")

    def _res(self, r: Record) -> None:
        # #RES has no object list; fields are year, account, amount
        self._balance(r, "results", "#RES")

    def _trans(self, r: Record) -> None:
        if self.in_verification is None:
            self.findings.append(error("SIE-POST", "#TRANS utanför en verifikation (saknar { … } efter #VER).", self.at(r.line)))
            return
        if not self._need(r, 3, "konto, objektlista och belopp"):
            return
        number = self._account(r, 0)
        value = self._amount(r, 2)
        if number is None or value is None:
            return
        sums = self.values["transactions"]
        sums[number] = sums.get(number, Decimal("0.00")) + value
        self.transaction_count += 1

    # -- end of file ----------------------------------------------------------------------------

    def finish(self, size: int, digest: str) -> tuple[SieFile | None, list[Finding]]:
        f = self.findings
        if self.first_label is None or not self.first_label.startswith("#") or not (self.values["accounts"] or self.values["years"] or self.meta):
            return None, [error("SIE-INTE-SIE", "Filen är ingen SIE-fil (den ska börja med #FLAGGA och bestå av rader som #KONTO, #IB, #UB, #RES). Exportera räkenskaperna som SIE typ 4 från bokföringsprogrammet.", Location(self.name))]
        if self.last_unterminated is not None:
            f.append(error("SIE-AVBRUTEN", "Filen tar slut mitt i en post (ett citattecken eller en { stängs aldrig): filen är avbruten. Exportera den igen.", self.at(self.last_unterminated)))
        elif self.in_verification is not None:
            f.append(error("SIE-AVBRUTEN", f"Verifikationen som börjar på rad {self.in_verification} avslutas aldrig med }}: filen är avbruten. Exportera den igen.", self.at(self.last_line)))
        elif self.crc is not None:
            f.append(error("SIE-AVBRUTEN", "Filen börjar med #KSUMMA men slutar utan kontrollsumman: filen är avbruten. Exportera den igen.", self.at(self.last_line)))
        if self.format_label not in (None, "PC8") or self.codec != "cp437":
            label = self.format_label or "PC8"
            if not (label == "PC8" and self.codec == "cp437"):
                f.append(info("SIE-KODNING", f"Filen anger teckenuppsättningen {label} men är skriven i {NAMES[self.codec]}; den lästes som {NAMES[self.codec]} (å, ä och ö blir rätt).", Location(self.name)))
        first, count = self.control_lines
        if count:
            more = f" och {count - 1} rader till" if count > 1 else ""
            f.append(warning("SIE-STYRTECKEN", f"Rad {first}{more} innehåller styrtecken ({', '.join(self.control_seen)}), som inte hör hemma i en SIE-fil; de togs bort ur namnen och fälten. Kontrollera kontonamnen (Benämning) efter importen, eller rätta dem i bokföringsprogrammet och exportera igen.", self.at(first)))
        broken = [a for a in self.values["accounts"].values() if "\ufffd" in a.name]
        if broken:
            f.append(warning("SIE-TECKEN-TRASIGA", f"{len(broken)} kontonamn innehåller tecknet � (t.ex. ”{broken[0].name}”): bokstäverna förstördes innan filen skrevs och kan inte återskapas. Rätta Benämning i Saldobalans eller exportera filen igen.", self.at(broken[0].line)))
        sie_type = self.meta.get("sie_type")
        years = self.values["years"]
        if sie_type is not None and sie_type not in ("1", "2", "3", "4"):
            f.append(error("SIE-TYP", f"#SIETYP {sie_type}: filen är en importfil med bara verifikationer (typ 4I) eller av okänd typ och har inga saldon. Exportera SIE typ 4 (4E) med ingående och utgående balanser och resultat.", Location(self.name)))
        elif not (self.values["closing"] or self.values["results"]) and not years:
            f.append(error("SIE-TYP", "Filen har inga saldon (#UB, #RES) och inget räkenskapsår (#RAR). Exportera SIE typ 4 (4E) med ingående och utgående balanser och resultat.", Location(self.name)))
        if 0 not in years and not any(x.id == "SIE-TYP" for x in f):
            f.append(error("SIE-RAR-SAKNAS", "Filen saknar #RAR 0 (räkenskapsårets första och sista dag), så det går inte att se vilket år saldona gäller. Exportera filen igen med räkenskapsåret.", Location(self.name)))
        sie = SieFile(
            name=self.name, sha256=digest, size=size, encoding=self.codec, lines=self.last_line,
            transaction_count=self.transaction_count, checksum_verified=self.crc_checked,
            **self.meta, **self.values,
        )
        return sie, f
