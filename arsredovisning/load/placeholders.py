"""The ``{{ name }}`` syntax of the Markdown texts: what a placeholder is, and every template-like
span that is not a known one (``checks/texts.py`` reports those; ``present/placeholders.py``
replaces the known ones).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

# A name, or a dotted name such as ``insats.budget`` (per-insats figures, in insats texts only).
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)\s*\}\}")
# Anything that looks like template syntax: {{ … }} or {% … %} (may span lines).
TEMPLATE_SYNTAX = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


@dataclass(frozen=True)
class Unknown:
    """A template-like span that is not a known placeholder."""

    text: str
    line: int  # 1-based line of the opening brace
    name: str | None  # the name, when the span is a well-formed {{ name }}


def unknown_placeholders(text: str, names: set[str] | frozenset[str]) -> Iterator[Unknown]:
    """Every ``{{ … }}``/``{% … %}`` that is not a known ``{{ name }}``, with its line number."""
    for m in TEMPLATE_SYNTAX.finditer(text):
        known = PLACEHOLDER.fullmatch(m.group(0))
        if known and known.group(1) in names:
            continue
        line = text.count("\n", 0, m.start()) + 1
        yield Unknown(m.group(0), line, known.group(1) if known else None)
