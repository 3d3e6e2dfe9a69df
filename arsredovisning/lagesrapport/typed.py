"""A :class:`RawReport`'s texts → typed values (dates, periods, counts, amounts, Ja/Nej), every
value that cannot be read a Swedish finding located as ``fil › fält``."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any, cast

from .. import fmt
from ..findings import Finding, Location, error, info
from .fields import BY_KEY, Group, Kind, Measure, Money, Role, ANSWERS
from .parse import DATE_TOKEN, NUMBER
from .records import Answer, Participants, ProgressReport, RawReport

FINDINGS: dict[str, str] = {
    "LAGE-DATUM": "Ett datum eller en period i en lägesrapport kan inte läsas",
    "LAGE-PERIOD-SAKNAS": "En lägesrapport saknar tidsperioden som rapporten avser",
    "LAGE-ANTAL": "Ett antal deltagare är inget heltal 0 eller större",
    "LAGE-BELOPP": "Ett belopp är inget tal 0 eller större",
    "LAGE-JANEJ": "En ja/nej-fråga är besvarad med något annat än Ja eller Nej",
    "LAGE-DELTAGARE-AVSER": "Det framgår inte om deltagarna räknas under perioden eller sedan start; de läses som sedan start",
}

FIGURE_FIELDS = {
    (Role.PLANNED, Group.WOMEN): "planned_women", (Role.PLANNED, Group.MEN): "planned_men",
    (Role.PLANNED, Group.OTHER): "planned_other", (Role.PLANNED, Group.TOTAL): "planned_total",
    (Role.ACTUAL, Group.WOMEN): "women", (Role.ACTUAL, Group.MEN): "men",
    (Role.ACTUAL, Group.OTHER): "other", (Role.ACTUAL, Group.TOTAL): "total",
}


def parse_date(text: str) -> date | None:
    """``2023-01-17``, ``23-01-17``, ``16/6 - 2023``, ``20230117``, ``230117``; None when it is none."""
    t = re.sub(r"\s", "", text.strip().strip("*_"))
    patterns = (
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", lambda m: (int(m[1]), int(m[2]), int(m[3]))),
        (r"(\d{2})-(\d{2})-(\d{2})", lambda m: (2000 + int(m[1]), int(m[2]), int(m[3]))),
        (r"(\d{1,2})/(\d{1,2})-?(\d{4})", lambda m: (int(m[3]), int(m[2]), int(m[1]))),
        (r"(\d{4})(\d{2})(\d{2})", lambda m: (int(m[1]), int(m[2]), int(m[3]))),
        (r"(\d{2})(\d{2})(\d{2})", lambda m: (2000 + int(m[1]), int(m[2]), int(m[3]))),
    )
    for pattern, parts in patterns:
        m = re.fullmatch(pattern, t)
        if m:
            try:
                return date(*parts(m))
            except ValueError:
                return None
    return None


def _period(text: str, where: Location, label: str, findings: list[Finding]) -> tuple[date, date] | None:
    tokens = DATE_TOKEN.findall(text)
    dates = [parse_date(t) for t in tokens]
    if len(tokens) != 2 or None in dates:
        bad = next((t for t, d in zip(tokens, dates) if d is None), None)
        why = f"”{bad}” är inget datum" if bad else f"”{text}” är ingen period"
        findings.append(error("LAGE-DATUM", f"{label}: {why}. Skriv två datum, t.ex. 2025-01-01 – 2025-06-30.", where))
        return None
    start, end = cast(list[date], dates)  # both parsed (checked above)
    if end < start:
        findings.append(error("LAGE-DATUM", f"{label}: perioden slutar ({end.isoformat()}) före den börjar ({start.isoformat()}). Kontrollera datumen.", where))
        return None
    return start, end


def _count(text: str, where: Location, label: str, findings: list[Finding]) -> int | None:
    t = re.sub(r"[\s\u00a0\u202f]", "", text)
    if re.fullmatch(r"\d+", t):
        return int(t)
    findings.append(error("LAGE-ANTAL", f"{label}: ”{text}” är inget antal. Skriv ett heltal 0 eller större, t.ex. 12.", where))
    return None


def _amount(text: str, where: Location, label: str, findings: list[Finding]) -> Decimal | None:
    t = text.strip()
    value = fmt.parse_number(t) if re.fullmatch(NUMBER, t) and not re.match(r"[-−–]", t) else None
    if value is not None:
        return value.quantize(Decimal("0.01"))
    findings.append(error("LAGE-BELOPP", f"{label}: ”{text}” är inget belopp. Skriv beloppet i kronor, 0 eller större, t.ex. 2 030 000.", where))
    return None


def _yes_no(text: str, where: Location, label: str, findings: list[Finding]) -> bool | None:
    word = re.split(r"[\s,.;:!]+", text.strip().strip("*_").casefold(), maxsplit=1)[0] if text.strip() else ""
    if word in ("ja", "nej"):
        return word == "ja"
    findings.append(error("LAGE-JANEJ", f"{label}: ”{text}” är inget svar på en ja/nej-fråga. Svara Ja eller Nej.", where))
    return None


def typed(raw: RawReport) -> tuple[ProgressReport, list[Finding]]:
    findings: list[Finding] = []
    values: dict[str, Any] = {}  # field key → its typed value (as ProgressReport declares it)
    locations = {key: r.where for key, r in raw.fields.items()}
    for key, r in raw.fields.items():
        f = BY_KEY[key]
        text = r.text.strip()
        if not text or f.kind is Kind.INFO:
            continue
        if f.kind is Kind.PERIOD:
            values[key] = _period(text, r.where, f.label, findings)
        elif f.kind is Kind.COUNT:
            values[key] = _count(text, r.where, f.label, findings)
        elif f.kind is Kind.YES_NO:
            values[key] = _yes_no(text, r.where, f.label, findings)
        elif f.kind is Kind.DATE:
            values[key] = parse_date(text)
            if values[key] is None:
                findings.append(error("LAGE-DATUM", f"{f.label}: ”{text}” är inget datum. Skriv t.ex. 2025-06-30.", r.where))
        elif f.kind is Kind.SIGNATURE:
            m = re.match(r"^\s*(\S+)\s+(.*)$", text)
            if m and DATE_TOKEN.fullmatch(m.group(1)) and parse_date(m.group(1)):  # "20210507 Fredrik Lövgren …"
                values.setdefault("signed_on", parse_date(m.group(1)))
                locations.setdefault("signed_on", r.where)
                text = m.group(2).strip()
            values[key] = text
        else:
            values[key] = text
    if "period" not in values:  # absent or left empty; an unreadable one is already a LAGE-DATUM
        findings.append(error("LAGE-PERIOD-SAKNAS", "Tidsperioden som rapporten avser saknas. Skriv perioden, t.ex. 2025-01-01 – 2025-06-30.", locations.get("period") or Location(raw.file, BY_KEY["period"].label)))
    participants: dict[Measure, dict] = {}
    for (measure, role, group), r in raw.figures.items():
        label = r.where.sheet or "Deltagare"
        n = _count(r.text, r.where, label, findings)
        locations[f"{measure.value} {role.value} {group.value}"] = r.where
        if n is not None:
            participants.setdefault(measure, {})[FIGURE_FIELDS[(role, group)]] = n
    if raw.measure_guessed:
        first = next(iter(raw.figures.values()))
        findings.append(info("LAGE-DELTAGARE-AVSER", "Det framgår inte om deltagarna räknas under perioden eller sedan insatsens start; de läses som sedan start. Skriv frågan ”Hur många deltagare har ni haft sedan projektets start?” ovanför siffrorna om det är fel.", first.where))
    money = {}
    for key, r in raw.money.items():
        money[key] = _amount(r.text, r.where, key.value.capitalize(), findings)
        locations[key.value] = r.where
    answers = tuple(Answer(f.key, values[f.key]) for f in ANSWERS if f.key not in ("economy_reason",) and values.get(f.key))
    reason = values.get("economy_reason") or raw.economy_text or None
    if raw.economy_text and "economy_reason" not in locations:
        locations["economy_reason"] = next(iter(raw.money.values())).where if raw.money else Location(raw.file, "Ekonomi")
    report = ProgressReport(
        file=raw.file,
        own_form=raw.own_form,
        intervention=values.get("name"),
        total_period=values.get("total_period"),
        period=values.get("period"),
        number=values.get("number"),
        of=values.get("of"),
        participants={m: Participants(**v) for m, v in participants.items()},
        granted=money.get(Money.GRANTED),
        invoiced=money.get(Money.INVOICED),
        forecast=money.get(Money.FORECAST),
        economy_ok=values.get("economy_ok"),
        economy_reason=reason,
        answers=answers,
        sections=raw.sections,
        signed_by=values.get("signed_by") or None,
        signed_on=values.get("signed_on"),
        locations=locations,
        form_period=raw.form_period,
    )
    return report, findings


def shown_period(period: tuple[date, date] | None) -> str:
    return fmt.DASH if period is None else f"{period[0].isoformat()}{fmt.DASH}{period[1].isoformat()}"
