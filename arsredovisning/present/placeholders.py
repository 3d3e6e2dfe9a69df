"""``{{ name }}`` in the Markdown texts: replaced by a known key figure, never evaluated.

A text is data, not a template. Only the exact form ``{{ name }}`` with a name from the
key-figures module is replaced (by its formatted value, as the tables print it); every other
``{{ … }}`` or ``{% … %}`` is reported by ``checks/texts.py`` and left as written.
"""

from __future__ import annotations

import re
from typing import Mapping

from .. import fmt
from ..load.placeholders import PLACEHOLDER

PERCENT_DECIMALS = 1  # the precision of every percent in the report's sentences (Eget kapital … 26,2 %)

# Characters that could change the meaning of a replaced value in Markdown.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}()<>#+!|~])")


def display(figure, unit="kr") -> str:
    """A key figure as the tables print it: money in the report's unit (no unit word), counts, percent."""
    kind = getattr(figure, "kind", None)
    value = getattr(figure, "value", figure)
    if value is None:
        return fmt.DASH
    if kind == "money":
        return fmt.money(value, unit)
    if kind == "percent":  # one decimal, as the generated sentences print it (``percent(1)``)
        return fmt.percent(value, PERCENT_DECIMALS)
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
