"""The insats text file name rule: an insats name → the slug of texter/insatser/<slug>.md."""

from __future__ import annotations

import re
import unicodedata

_SLUG_MAP = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e"})


def slugify(name: str, separator: str = "-") -> str:
    """The insats text file name rule of indata.md: ``"Vägen vidare/Åby"`` → ``"vagen-vidare-aby"``.

    Lower case; å/ä → a, ö → o, é → e; every run of other characters outside a–z/0–9 → "-"
    (``separator``); trimmed of it. Input is NFC-normalised first so a decomposed "å" (a + ring) maps the same.
    """
    text = unicodedata.normalize("NFC", name).lower().translate(_SLUG_MAP)
    return re.sub(r"[^a-z0-9]+", separator, text).strip(separator)
