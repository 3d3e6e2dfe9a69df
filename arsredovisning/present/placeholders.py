"""``{{ name }}`` in the Markdown texts: replaced by a known key figure, never evaluated.

A text is data, not a template. Only the exact form ``{{ name }}`` with a name from the
key-figures module is replaced (by its formatted value, as the tables print it); every other
``{{ … }}`` or ``{% … %}`` is reported by ``checks/texts.py`` and left as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Mapping

from .. import fmt

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
# Anything that looks like template syntax: {{ … }} or {% … %} (may span lines).
TEMPLATE_SYNTAX = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)

# Characters that could change the meaning of a replaced value in Markdown.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}()<>#+!|~])")


@dataclass(frozen=True)
class Unknown:
    """A template-like span that is not a known placeholder."""

    text: str
    line: int  # 1-based line of the opening brace
    name: str | None  # the name, when the span is a well-formed {{ name }}


def display(figure, unit="kr") -> str:
    """A key figure as the tables print it: money in the report's unit (no unit word), counts, percent."""
    kind = getattr(figure, "kind", None)
    value = getattr(figure, "value", figure)
    if value is None:
        return fmt.DASH
    if kind == "money":
        return fmt.money(value, unit)
    if kind == "percent":
        return fmt.percent(value)
    return fmt.count(value)


def display_values(key_figures: Mapping[str, object], unit="kr") -> dict[str, str]:
    """Placeholder name → the text that replaces it."""
    return {name: display(fig, unit) for name, fig in key_figures.items()}


def substitute(text: str, values: Mapping[str, str]) -> str:
    """Replace every known ``{{ name }}``; leave everything else exactly as written."""

    def repl(m: re.Match) -> str:
        value = values.get(m.group(1))
        if value is None:
            return m.group(0)
        return _MARKDOWN_SPECIAL.sub(r"\\\1", value)

    return PLACEHOLDER.sub(repl, text)


def unknown_placeholders(text: str, names: set[str] | frozenset[str]) -> Iterator[Unknown]:
    """Every ``{{ … }}``/``{% … %}`` that is not a known ``{{ name }}``, with its line number."""
    for m in TEMPLATE_SYNTAX.finditer(text):
        known = PLACEHOLDER.fullmatch(m.group(0))
        if known and known.group(1) in names:
            continue
        line = text.count("\n", 0, m.start()) + 1
        yield Unknown(m.group(0), line, known.group(1) if known else None)
