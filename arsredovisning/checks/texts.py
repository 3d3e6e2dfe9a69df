"""Checks of the Markdown texts: placeholders must name a known key figure; raw HTML is said."""

from __future__ import annotations

import difflib
import re
from typing import Iterable, Mapping

from ..findings import Finding, Location, error, warning
from ..load.placeholders import unknown_placeholders
from ..model import AnnualInput

# A raw HTML tag, comment, declaration or processing instruction inside an HTML block of a text.
HTML_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<![A-Z][^>]*>|<\?.*?\?>", re.S)

FINDINGS: dict[str, str] = {
    "TEXT-HTML": "En text innehåller HTML-taggar, som tas bort i rapporten (texten mellan dem står kvar)",
}


def raw_html(content: str) -> list[tuple[int, str]]:
    """(line, tag) of every raw HTML tag in a Markdown text, as the report's Markdown reader sees them
    (not in code; HTML comments are notes and left out): what ``render.markdown`` removes."""
    from markdown_it import MarkdownIt

    found = []
    for t in MarkdownIt("commonmark", {"html": True}).enable("table").parse(content):
        line = (t.map[0] + 1) if t.map else 1
        if t.type == "html_block":
            found += [(line + t.content[:m.start()].count("\n"), m.group(0)) for m in HTML_TAG.finditer(t.content)
                      if not m.group(0).startswith("<!--")]
        for c in t.children or ():
            if c.type == "html_inline" and not c.content.startswith("<!--"):
                found.append((line, c.content))
    return found


def check_html(inp: AnnualInput) -> list[Finding]:
    """``TEXT-HTML`` (varning), once per text, at the first tag: the report prints no raw HTML (a
    text is Markdown), so the tags are removed in the PDF and the HTML alike and the words between
    them stay; the author should say it in Markdown."""
    findings = []
    for text in inp.texts:
        tags = raw_html(text.content)
        if not tags:
            continue
        shown = ", ".join(dict.fromkeys(t if len(t) <= 30 else t[:29] + "…" for _, t in tags[:5]))
        more = f" och {len(tags) - 5} till" if len(tags) > 5 else ""
        findings.append(warning("TEXT-HTML", f"Texten innehåller HTML ({shown}{more}), som inte skrivs ut: taggarna tas bort i rapporten och texten mellan dem står kvar. Skriv med Markdown i stället: **fet**, *kursiv*, en tom rad för nytt stycke, en rad som slutar med \\ för radbrytning.", Location(text.location.file, line=tags[0][0])))
    return findings


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
