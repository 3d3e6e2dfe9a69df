"""Checks of the Markdown texts: placeholders must name a known key figure."""

from __future__ import annotations

import difflib
from typing import Iterable, Mapping

from ..findings import Finding, Location, error
from ..model import AnnualInput
from ..load.placeholders import unknown_placeholders


def check_placeholders(inp: AnnualInput, key_figures: dict, per_text: Mapping[str, Iterable[str]] | None = None) -> list[Finding]:
    """``TEXT-PLATSHALLARE`` (fel) for every ``{{ … }}``/``{% … %}`` that is not a known ``{{ namn }}``.
    ``per_text``: text key → the extra names known in that text only (``insats.budget`` … in an insats text)."""
    common = frozenset(key_figures)
    findings = []
    for text in inp.texts:
        names = common | frozenset((per_text or {}).get(text.key, ()))
        for u in unknown_placeholders(text.content, names):
            where = Location(text.location.file, line=u.line)
            shown = u.text if len(u.text) <= 60 else u.text[:57] + "…"
            if u.name is not None and u.name.startswith("insats."):
                message = (
                    f"{shown} visar en insats egna tal och gäller bara i en insats text, texter/insatser/<insats>.md, "
                    "vars namn är en insats i bladet Insatser (kontrollera listar filnamnen). Flytta texten dit, "
                    "eller skriv ett av nyckeltalen för hela förbundet."
                )
            elif u.name is not None:
                close = difflib.get_close_matches(u.name, sorted(names), n=1, cutoff=0.6)
                hint = f" Menade du {{{{ {close[0]} }}}}?" if close else ""
                message = (
                    f"Okänt nyckeltal {shown} i texten.{hint} Använd ett av namnen som "
                    "”arsredovisning kontrollera” listar, eller ta bort klamrarna."
                )
            else:
                message = (
                    f"{shown} är inte tillåtet i texten: bara {{{{ namn }}}} med ett känt nyckeltal ersätts, "
                    "inget annat körs. Ta bort klamrarna eller skriv ett nyckeltalsnamn."
                )
            findings.append(error("TEXT-PLATSHALLARE", message, where))
    return findings
