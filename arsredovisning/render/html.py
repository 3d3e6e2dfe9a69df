"""The two HTML flavours of one rendered body: for WeasyPrint (linked stylesheets, fonts) and
standalone (stylesheets inlined; fonts only as the data: URIs of ``fonts_css``, render/webfonts.py).

Both have every ``<img src>`` already decided by the URL policy: allowed images become data: URIs
(so the standalone file needs nothing beside it), refused ones lose their ``src``.
"""

from __future__ import annotations

import html as htmllib
import re
from urllib.parse import urlsplit

from markupsafe import escape

from .urls import DATA_IMAGE, IMAGE_TYPES, UrlPolicy, data_uri

STYLE_MARK = "<!--STYLES-->"
FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}\s*", re.S)
IMPORT = re.compile(r"@import[^;]*;", re.I)
CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.S)
IMG_SRC = re.compile(r'(<img\b[^>]*?)\s+src="([^"]*)"', re.I)


def inline_images(body: str, policy: UrlPolicy) -> str:
    """Every ``<img src>`` of the rendered templates through the policy."""

    def repl(m: re.Match) -> str:
        src = htmllib.unescape(m.group(2))
        if DATA_IMAGE.match(src):
            return m.group(0)
        path = None
        if not urlsplit(src).scheme and not src.startswith("/"):
            asset = policy.assets.find(src)
            path = asset if asset is not None and asset.suffix.lower() in IMAGE_TYPES else None
        if path is None:
            path = policy.image_path(src)
        if path is None:
            policy.refuse(src, "bild i mallen")
            return m.group(1)
        return f'{m.group(1)} src="{data_uri(path)}"'

    return IMG_SRC.sub(repl, body)


HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")
TITLE = "cover-title"


def one_h1(body: str) -> str:
    """The web page's outline: the cover's title its one ``<h1>``, every other heading a level below
    its printed one (the PDF keeps each section an H1: its bookmarks and running footer are the
    sections'). Headings do not nest, so a closing tag closes the heading last opened."""
    level = 0

    def repl(m: re.Match) -> str:
        nonlocal level
        if not m.group(1):
            n = int(m.group(2))
            rest = body[m.end(): body.find(">", m.end())]
            level = n if n == 1 and TITLE in rest else min(6, n + 1)
        return f"<{m.group(1)}h{level}"

    return HEADING_TAG.sub(repl, body)


def page_html(body: str, stylesheets: tuple[str, ...]) -> str:
    links = "".join(f'<link rel="stylesheet" href="{escape(name)}">' for name in stylesheets)
    return body.replace(STYLE_MARK, links, 1)


def standalone_html(body: str, styles: list[str], fonts_css: str = "") -> str:
    """``fonts_css``: @font-face rules with data: URIs, put before the (sanitised) stylesheets."""
    css = "\n".join([*([fonts_css] if fonts_css else []), *(_standalone_css(s) for s in styles)])
    # The stylesheet is ours (or the user's --mallar); keep it from closing the <style> element.
    css = css.replace("</", "<\\/")
    return body.replace(STYLE_MARK, f"<style>\n{css}\n</style>", 1)


def _standalone_css(css: str) -> str:
    """No font files, no imports and no external URLs: a file that opens anywhere, loading nothing."""
    css = IMPORT.sub("", FONT_FACE.sub("", css))
    return CSS_URL.sub(lambda m: m.group(0) if DATA_IMAGE.match(m.group(2)) else "none", css)
