"""Texts with generated parts placed inside them: a section's Markdown text with generated blocks
(tables, lists) woven in after the heading that names them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Protocol

from markupsafe import Markup

from ..model import Text


class TextRenderer(Protocol):
    """Markdown → HTML (implemented in ``render/markdown.py``)."""

    def render(self, text: Text, top_level: int | None = None, values: Mapping[str, str] | None = None) -> Markup: ...

    def blocks(self, text: Text, top_level: int | None = None,
               values: Mapping[str, str] | None = None) -> list: ...  # [Block(heading, html)]


# ----------------------------------------------------------------------------------------------
# Texts with generated parts placed inside them


@dataclass(frozen=True)
class Part:
    """A piece of a section: Markdown HTML (``html``) or a generated block (``template`` + ``data``)."""

    heading: str | None = None  # a generated part's own h2 (None when placed inside a text part)
    html: Markup | None = None
    template: str | None = None
    data: object = None


@dataclass(frozen=True)
class Generated:
    """Generated content with the h2 it gets when no heading of the text matches ``pattern``."""

    heading: str
    pattern: str  # regex (case-insensitive) on the text's h2 headings
    template: str
    data: object


def weave(renderer: TextRenderer, text: Text | None, generated: list[Generated], before: str | None = None) -> tuple[Part, ...]:
    """The text's parts with each generated block placed at the end of the first text part whose
    heading matches its pattern. Unmatched blocks get their own heading and go before the first
    part whose heading matches ``before`` (the closing parts, e.g. Förväntad utveckling), else last."""
    blocks = renderer.blocks(text) if text is not None else []
    placed: dict[int, list[Generated]] = {}
    loose: list[Generated] = []
    for g in generated:
        at = next((n for n, b in enumerate(blocks) if b.heading and re.search(g.pattern, b.heading, re.I)), None)
        if at is None:
            loose.append(g)
        else:
            placed.setdefault(at, []).append(g)
    insert_at = len(blocks)
    if before:
        insert_at = next((n for n, b in enumerate(blocks) if b.heading and re.search(before, b.heading, re.I)), len(blocks))
    parts: list[Part] = []
    for n, b in enumerate(blocks):
        if n == insert_at:
            parts += [Part(g.heading, None, g.template, g.data) for g in loose]
        parts.append(Part(html=b.html))
        parts += [Part(None, None, g.template, g.data) for g in placed.get(n, [])]
    if insert_at == len(blocks):
        parts += [Part(g.heading, None, g.template, g.data) for g in loose]
    return tuple(parts)
