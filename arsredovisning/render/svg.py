"""Inline SVG: give each chart's ids a prefix so several charts can live in one HTML document.

matplotlib numbers its element ids per figure (``axes_1``, ``legend_1`` …); inlined side by side
they would collide, and a ``url(#…)``/``href="#…"`` could point into another chart.
"""

from __future__ import annotations

import re

ID = re.compile(r'\bid="([^"]+)"')


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
