"""Inline SVG: give each chart's ids a prefix so several charts can live in one HTML document, and
give each chart its text alternative.

matplotlib numbers its element ids per figure (``axes_1``, ``legend_1`` …); inlined side by side
they would collide, and a ``url(#…)``/``href="#…"`` could point into another chart.
"""

from __future__ import annotations

import re

from markupsafe import escape

ID = re.compile(r'\bid="([^"]+)"')
SVG_OPEN = re.compile(r"<svg\b[^>]*>")


def labelled(svg: str, label: str) -> str:
    """The chart as an image with a name: ``role="img"`` and ``aria-label`` for browsers, a first
    ``<title>`` child that WeasyPrint writes as the PDF Figure's ``/Alt``."""
    text = escape(label)
    opening = SVG_OPEN.search(svg)
    if opening is None:
        return svg
    tag = opening.group(0)
    tag = f'{tag[:-1]} role="img" aria-label="{text}">'
    return f"{svg[:opening.start()]}{tag}<title>{text}</title>{svg[opening.end():]}"


def with_class(svg: str, name: str) -> str:
    """The chart's root ``<svg>`` with ``class="name"`` (the stylesheets show one drawing per width)."""
    opening = SVG_OPEN.search(svg)
    if opening is None:
        return svg
    tag = opening.group(0)
    return f'{svg[:opening.start()]}{tag[:-1]} class="{name}">{svg[opening.end():]}'


def inline(svg: str, prefix: str, label: str, narrow: bool = False) -> str:
    """A drawn chart ready for the HTML: ids scoped by ``prefix``, named by ``label``; the phone
    drawing (``narrow``) with its own ids and the class ``chart-narrow``."""
    if narrow:
        return with_class(labelled(scope_ids(svg, f"{prefix}-smal"), label), "chart-narrow")
    return labelled(scope_ids(svg, prefix), label)


def scope_ids(svg: str, prefix: str) -> str:
    ids = set(ID.findall(svg))
    if not ids:
        return svg

    def ref(m: re.Match) -> str:
        name = m.group(2)
        return f"{m.group(1)}{prefix}-{name}" if name in ids else m.group(0)

    svg = ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    # url(#id) in attributes and style, href="#id" / xlink:href="#id"
    return re.sub(r'(url\(#|href="#)([^)"]+)', ref, svg)
