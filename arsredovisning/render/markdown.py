"""Markdown texts → safe HTML fragments.

markdown-it-py; raw HTML in a text is never interpreted and never printed: its tags are removed
and the words between them kept (``<br>`` becomes a line break, a comment disappears), in the PDF
and the HTML alike, and ``kontrollera`` says so (``TEXT-HTML``, ``checks/texts.py``). Placeholders are
replaced before parsing (``present/placeholders.py``); the text is never a template. Headings
are shifted so a text's top level becomes ``<h2>`` under the section's ``<h1>``, and never skip a
level (``#`` then ``###`` gives ``h2``, ``h3``: screen readers navigate by them). Table header
cells get ``scope="col"``. Images and links
go through :class:`UrlPolicy`: allowed images are embedded as data: URIs, refused ones leave
their alt text; refused links leave their text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from .. import fmt
from ..checks.texts import HTML_TAG
from ..model import Text
from ..present.placeholders import substitute
from .urls import UrlPolicy


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "typographer": False}).enable("table")  # html: see _without_html
    # Accept every URL at parse time; UrlPolicy decides (and reports) below.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


@dataclass(frozen=True)
class Block:
    """A text split at its top-level headings: ``heading`` (plain text, None for the lead-in) and HTML."""

    heading: str | None
    html: Markup


class MarkdownRenderer:
    def __init__(self, policy: UrlPolicy, values: Mapping[str, str], top_level: int = 2):
        self.policy = policy
        self.values = values
        self.top_level = top_level
        self.md = _parser()

    def tokens(self, text: Text, top_level: int | None = None, values: Mapping[str, str] | None = None) -> list[Token]:
        tokens = _without_html(self.md.parse(substitute(text.content, {**self.values, **(values or {})})))
        top = top_level or self.top_level
        levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
        shift = top - min(levels) if levels else 0
        folder = Path(self.policy.folder, text.location.file).parent
        previous = top - 1
        for n, t in enumerate(tokens):
            if t.type == "heading_open":
                previous = min(6, int(t.tag[1]) + shift, previous + 1)
                t.tag = f"h{previous}"
            elif t.type == "heading_close":
                t.tag = f"h{previous}"
            elif t.type == "table_open":
                t.attrSet("class", "text-table")
            elif t.type == "th_open":
                t.attrSet("scope", "col")
            elif t.type == "inline" and t.children:
                t.children = self._inline(t.children, text.location.file, folder)
                last = t.children[-1]
                if n and tokens[n - 1].type == "paragraph_open" and last.type == "text":
                    last.content = fmt.bind_last_word(last.content)
        return tokens

    def render(self, text: Text, top_level: int | None = None, values: Mapping[str, str] | None = None) -> Markup:
        """The whole text; its top heading level becomes ``top_level`` (default h2). ``values``: placeholders
        known in this text only (an insats text's ``{{ insats.budget }}`` …)."""
        return Markup(self.md.renderer.render(self.tokens(text, top_level, values), self.md.options, {}))

    def blocks(self, text: Text, top_level: int | None = None, values: Mapping[str, str] | None = None) -> list[Block]:
        """The text cut at its top-level headings, so generated content can be placed inside it
        (``top_level`` and ``values`` as for :meth:`render`)."""
        tokens = self.tokens(text, top_level, values)
        top = f"h{top_level or self.top_level}"
        blocks: list[tuple[str | None, list[Token]]] = [(None, [])]
        i = 0
        while i < len(tokens):
            t = tokens[i]
            if t.type == "heading_open" and t.tag == top:
                title = tokens[i + 1].content if i + 1 < len(tokens) else ""
                blocks.append((title, []))
            blocks[-1][1].append(t)
            i += 1
        out = []
        for heading, toks in blocks:
            if heading is None and not toks:
                continue
            out.append(Block(heading, Markup(self.md.renderer.render(toks, self.md.options, {}))))
        return out

    def _inline(self, children: list[Token], file: str, folder: Path) -> list[Token]:
        out: list[Token] = []
        skip_close = 0
        for c in children:
            if c.type == "html_inline":  # a tag: removed; <br> is a line break
                if _BREAK.fullmatch(c.content):
                    out.append(Token("hardbreak", "br", 0))
                continue
            if c.type == "text":
                c.content = fmt.bind_units(c.content)
            if c.type == "image":
                src = self.policy.image_src(str(c.attrGet("src") or ""), f"bild i {file}", folder)
                if src is None:
                    alt = "".join(x.content for x in (c.children or [])) or "bild"
                    out.append(_text(f"[{alt}]"))
                    continue
                c.attrSet("src", src)
            elif c.type == "link_open":
                href = str(c.attrGet("href") or "")
                if not self.policy.link_allowed(href, f"länk i {file}"):
                    skip_close += 1
                    continue
            elif c.type == "link_close" and skip_close:
                skip_close -= 1
                continue
            out.append(c)
        return out


_BREAK = re.compile(r"<br\s*/?>", re.I)


def _without_html(tokens: list[Token]) -> list[Token]:
    """An HTML block becomes a paragraph of the words between its tags (nothing when there are none,
    as for a comment); the tags inside paragraphs are removed by :meth:`MarkdownRenderer._inline`."""
    out: list[Token] = []
    for t in tokens:
        if t.type != "html_block":
            out.append(t)
            continue
        words = html.unescape(HTML_TAG.sub(lambda m: "\n" if _BREAK.fullmatch(m.group(0)) else " ", t.content))
        lines = [" ".join(line.split()) for line in words.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        children: list[Token] = []
        for i, line in enumerate(lines):
            if i:
                children.append(Token("softbreak", "br", 0))
            children.append(_text(line))
        inline = Token("inline", "", 0)
        inline.children, inline.content, inline.map = children, "\n".join(lines), t.map
        block = [Token("paragraph_open", "p", 1, map=t.map), inline, Token("paragraph_close", "p", -1)]
        for b in block:
            b.block = True
        out += block
    return out


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token
