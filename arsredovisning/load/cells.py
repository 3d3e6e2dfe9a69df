"""Parse one cell value into a typed value, or explain in Swedish why it can't be.

Each parser returns ``(value, findings)``; ``value`` is None when the cell could not be read.
Money becomes ``Decimal`` quantized to öre: ``Decimal(str(x))``, never float arithmetic.
"""

from __future__ import annotations

import math
from typing import cast
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from .. import fmt
from ..findings import Finding, Location, error, info
from ..money import quantize
from .schema import EXAMPLE_ORGNR, MONEY_LIMIT, InputKind

_MINUSES = fmt.MINUSES
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ORGNR = re.compile(r"^(\d{6})-?(\d{4})$")


@dataclass(frozen=True)
class Unreadable:
    """A cell the reader returns as empty although it is not: a formula with no cached value, or
    an error value such as ``#DIV/0!``. It carries the finding, reported when the cell is read."""

    shown: str
    finding: Finding

    def __str__(self) -> str:
        return self.shown


def read(raw: object, where: Location, kind: InputKind, choices: tuple[str, ...] = (), name: str = "") -> tuple[object, list[Finding]]:
    """Parse a non-blank cell by its kind (or list of choices)."""
    if isinstance(raw, Unreadable):
        return None, [raw.finding]
    if choices:
        return choice(raw, where, choices, name)
    return PARSERS[kind](raw, where)


# Invisible characters that come along when text is pasted from the web or Word (zero-width
# space/joiners, word joiner, BOM, soft hyphen): trimmed like whitespace.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_TRIM = re.compile(rf"^[\s{_INVISIBLE}]+|[\s{_INVISIBLE}]+$")


def trim(s: str) -> str:
    """Strip surrounding whitespace (including no-break space) and invisible characters."""
    return _TRIM.sub("", s)


def is_blank(raw: object) -> bool:
    if raw is None:
        return True
    if isinstance(raw, float) and math.isnan(raw):
        return True
    if isinstance(raw, str) and trim(raw) == "":
        return True
    try:  # pandas NaT
        return raw != raw  # noqa: PLR0124
    except Exception:  # pragma: no cover - exotic objects
        return False


def show(raw: object) -> str:
    """A raw value as the user would recognise it in a message."""
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == datetime.min.time() else raw.isoformat(sep=" ")
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < 1e15:
        return str(int(raw))
    text = re.sub(r"\s+", " ", str(raw))  # a line break would break the one-line message
    text = "".join(f"<U+{ord(ch):04X}>" if ch in _INVISIBLE else ch for ch in text)
    return text if len(text) <= 60 else text[:57] + "…"


def show_number(raw: object) -> str:
    """A numeric cell Swedish-style (``−3``, ``2,5``, ``1 000 000``); anything else as ``show``."""
    if not isinstance(raw, bool) and isinstance(raw, (int, float, Decimal)) and abs(cast(Decimal, raw)) < 10**15:
        try:
            return _swedish(Decimal(str(raw)))
        except (InvalidOperation, ValueError):
            pass
    return show(raw)


def text(raw: object, where: Location) -> tuple[str | None, list[Finding]]:
    if is_blank(raw):
        return None, []
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw)), []
    if isinstance(raw, (datetime, date)):
        return show(raw), []
    return trim(str(raw)), []


def _number(raw: object, where: Location, what: str, example: str) -> tuple[Decimal | None, list[Finding]]:
    """Shared by money, counts and percent: a numeric cell or Swedish-formatted numeric text."""
    if isinstance(raw, bool):
        return None, [error("CELL-TAL", f"”{raw}” är inte {what}. Skriv ett tal, t.ex. {example}.", where)]
    if isinstance(raw, (datetime, date)):
        return None, [
            error(
                "CELL-DATUM-I-TAL",
                f"Cellen innehåller datumet {show(raw)} men här ska stå {what}. "
                f"Ändra cellens format till Tal och skriv t.ex. {example}.",
                where,
            )
        ]
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and (math.isnan(raw) or math.isinf(raw)):
            return None, [error("CELL-TAL", f"Cellen är inte {what}. Skriv ett tal, t.ex. {example}.", where)]
        return Decimal(str(raw)), []
    if isinstance(raw, Decimal):
        return raw, []
    s = trim(str(raw))
    value = fmt.parse_number(s)
    if value is None:
        return None, [error("CELL-TAL", f"”{show(raw)}” är inte {what}. Skriv ett tal, t.ex. {example}.", where)]
    return value, [
        info(
            "CELL-TAL-SOM-TEXT",
            f"”{s}” är text men tolkas som talet {_swedish(value)}. Skriv gärna talet i en talcell.",
            where,
        )
    ]


def _swedish(value: Decimal) -> str:
    """``-1234.5`` → ``−1 234,5``, grouped with U+00A0 as the loader's messages always were."""
    return fmt.number(value, group=fmt.NBSP)


def money(raw: object, where: Location) -> tuple[Decimal | None, list[Finding]]:
    value, findings = _number(raw, where, "ett belopp", "5000 eller −1234,50")
    if value is None:
        return None, findings
    if abs(value) > MONEY_LIMIT:
        return None, findings + [
            error(
                "CELL-BELOPP-ORIMLIGT",
                f"Beloppet {show_number(raw)} kr är orimligt stort (över 1 000 000 000 000 kr). Kontrollera cellen.",
                where,
            )
        ]
    try:
        return quantize(value, 2), findings  # to öre, half-up as Swedish reports round
    except InvalidOperation:  # pragma: no cover - guarded by the limit above
        return None, findings + [error("CELL-TAL", f"”{show_number(raw)}” är inte ett belopp.", where)]


def count(raw: object, where: Location) -> tuple[int | None, list[Finding]]:
    value, findings = _number(raw, where, "ett antal", "12")
    if value is None:
        return None, findings
    if value != value.to_integral_value():
        return None, findings + [error("CELL-ANTAL", f"{show_number(raw)} är inte ett heltal. Ett antal skrivs som heltal, t.ex. 12.", where)]
    if value < 0:
        return None, findings + [error("CELL-ANTAL", f"{show_number(raw)} är negativt. Ett antal kan inte vara mindre än 0.", where)]
    if value > 10_000_000:
        return None, findings + [error("CELL-ANTAL", f"{show_number(raw)} är orimligt stort för ett antal. Kontrollera cellen.", where)]
    return int(value), findings


def account(raw: object, where: Location) -> tuple[int | None, list[Finding]]:
    value, findings = _number(raw, where, "ett kontonummer", "1930")
    if value is None:
        return None, [f if f.id != "CELL-TAL" else _rename(f, "CELL-KONTO") for f in findings]
    if value != value.to_integral_value() or value <= 0 or value > 10**12:
        return None, findings + [error("CELL-KONTO", f"{show_number(raw)} är inte ett kontonummer (ett positivt heltal, t.ex. 1930).", where)]
    return int(value), [f for f in findings if f.id != "CELL-TAL-SOM-TEXT"]


def percent(raw: object, where: Location) -> tuple[Decimal | None, list[Finding]]:
    written = raw  # messages quote the cell as the user wrote it: ”20 %”, not ”20”
    if isinstance(raw, str) and trim(raw).endswith("%"):
        raw = trim(trim(raw)[:-1])
    value, findings = _number(raw, where, "en procentsats", "39,5")
    if written is not raw:
        findings = [_quoting(f, show(raw), show(written)) for f in findings]
    if value is None:
        return None, findings
    if value < 0 or value > 100:
        shown = show(written) if written is not raw else show_number(raw)
        return None, findings + [error("CELL-PROCENT", f"{shown} är ingen procentsats mellan 0 och 100.", where)]
    return value, findings


def _quoting(f: Finding, stripped: str, written: str) -> Finding:
    return Finding(f.id, f.level, f.message.replace(f"”{stripped}”", f"”{written}”"), f.location)


def year(raw: object, where: Location) -> tuple[int | None, list[Finding]]:
    value, _ = _number(raw, where, "ett år", "2016")
    if value is None or value != value.to_integral_value() or not 1990 <= value <= 2200:
        return None, [error("FORBUND-AR", f"Räkenskapsår ”{show(raw)}” är inte ett årtal. Skriv året med fyra siffror, t.ex. 2016.", where)]
    return int(value), []


def a_date(raw: object, where: Location) -> tuple[date | None, list[Finding]]:
    if isinstance(raw, datetime):
        return raw.date(), []
    if isinstance(raw, date):
        return raw, []
    if hasattr(raw, "to_pydatetime"):  # pandas Timestamp
        return raw.to_pydatetime().date(), []
    s = trim(str(raw))
    m = _ISO_DATE.match(s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])), []
        except ValueError:
            pass
    return None, [error("CELL-DATUM", f"”{show(raw)}” är inte ett datum. Skriv ett datum som ÅÅÅÅ-MM-DD, t.ex. 2016-03-31.", where)]


def choice(raw: object, where: Location, choices: tuple[str, ...], column: str) -> tuple[str | None, list[Finding]]:
    s = trim(str(raw))
    for c in choices:
        if s.casefold() == c.casefold():
            return c, []
    listed = ", ".join(choices)
    return None, [error("CELL-VAL", f"”{show(raw)}” är inte ett tillåtet värde i {column}. Välj ett av: {listed}.", where)]


def orgnr(raw: object, where: Location) -> tuple[str | None, list[Finding]]:
    s = trim(raw) if isinstance(raw, str) else show(raw)
    m = _ORGNR.match(s)
    if not m:
        return None, [
            error("FORBUND-ORGNR", f"Organisationsnumret ”{s}” har fel form. Skriv tio siffror som NNNNNN-NNNN, t.ex. {EXAMPLE_ORGNR}.", where)
        ]
    digits = m[1] + m[2]
    if not luhn_ok(digits):
        return None, [
            error(
                "FORBUND-ORGNR",
                f"Organisationsnumret {m[1]}-{m[2]} har fel kontrollsiffra. Kontrollera numret mot registreringsbeviset.",
                where,
            )
        ]
    return f"{m[1]}-{m[2]}", []


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def ranges(raw: object, where: Location) -> tuple[tuple[tuple[int, int], ...] | None, list[Finding]]:
    """``"4500-4599, 4610"`` → ((4500, 4599), (4610, 4610))."""
    s = trim(raw) if isinstance(raw, str) else show(raw)
    out = []
    for part in re.split(r"[,;]", s):
        part = part.strip()
        m = re.match(rf"^(\d+)\s*(?:[{_MINUSES}]\s*(\d+))?$", part)
        if not m or (m[2] and int(m[2]) < int(m[1])):
            return None, [
                error("FORBUND-INSATSKONTON", f"”{s}” är inga kontointervall. Skriv t.ex. 4510 eller 4500-4599, 4610.", where)
            ]
        out.append((int(m[1]), int(m[2] or m[1])))
    return tuple(out), []


def _rename(f: Finding, new_id: str) -> Finding:
    return Finding(new_id, f.level, f.message, f.location)


PARSERS = {
    InputKind.MONEY: money,
    InputKind.COUNT: count,
    InputKind.ACCOUNT: account,
    InputKind.PERCENT: percent,
    InputKind.DATE: a_date,
    InputKind.YEAR: year,
    InputKind.ORGNR: orgnr,
    InputKind.RANGES: ranges,
    InputKind.TEXT: text,
}
