"""The shipped Inter in the standalone HTML: each face subset to the characters the page uses and
embedded as a WOFF2 data: URI, so the web report looks like the PDF and the charts (drawn in Inter)
without fetching anything. The PDF gets the same files from ``css/report.css`` through WeasyPrint.

Subsetting four faces takes seconds, so each subset is also kept on disk beside the chart cache
(``chart_cache.cache_folder()``), keyed by the hash of the font file, the characters, the features and
the fontTools version: a hit gives the same bytes without subsetting again.
"""

from __future__ import annotations

import base64
import hashlib
import html as htmllib
import io
import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ..files import write_atomic
from .assets import Assets
from .chart_cache import cache_folder

KEEP = 40  # subsets kept on disk (≈ 30–60 kB each)

# (file, CSS weight, CSS style), the faces report.css declares as "ArsInter"
FACES: tuple[tuple[str, int, str], ...] = (
    ("fonts/Inter-Regular.otf", 400, "normal"),
    ("fonts/Inter-Italic.otf", 400, "italic"),
    ("fonts/Inter-SemiBold.otf", 600, "normal"),
    ("fonts/Inter-Bold.otf", 700, "normal"),
)
FAMILY = "ArsInter"
# Features the stylesheets rely on: tabular figures for the tables, kerning and ligatures for text.
FEATURES = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk", "tnum", "case"]
TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)
# A fixed base set (ASCII, Latin-1, Swedish typography): the same subset for the report and the
# kontrollrapport (computed once per process), enough for generated CSS content; a page's other
# characters are added to it.
BASE = frozenset(chr(c) for c in (*range(0x20, 0x7F), *range(0xA0, 0x100))) | frozenset(
    "–—−…‘’“”‹›«»•·€‰→←↑↓≤≥≈\u2011\u202f")


def font_faces(assets: Assets, body: str) -> str:
    """@font-face rules for every face found, subset to the base set and the characters of ``body``'s
    text; "" when no font file is found."""
    chars = "".join(sorted(BASE | {c for c in htmllib.unescape(TAG.sub(" ", body)) if c >= " "}))
    rules = []
    for relative, weight, style in FACES:
        path = assets.find(relative)
        if path is None:
            continue
        data = base64.b64encode(_subset(path, path.stat().st_mtime_ns, chars)).decode("ascii")
        rules.append(f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; font-style: {style}; '
                     f'font-display: swap; src: url(data:font/woff2;base64,{data}) format("woff2"); }}')
    return "\n".join(rules)


@lru_cache(maxsize=16)
def _subset(path: Path, _mtime: int, chars: str) -> bytes:
    """The subset, from the disk cache when the same font and characters were subset before."""
    h = hashlib.sha256()
    for part in (path.read_bytes(), chars.encode("utf-8"), ",".join(FEATURES).encode(), _fonttools_version().encode()):
        h.update(hashlib.sha256(part).digest())
    cached = cache_folder() / f"inter-{h.hexdigest()}.woff2"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    data = _make_subset(path, chars)
    try:
        write_atomic(cached, data)
        for old in sorted(cached.parent.glob("inter-*.woff2"), key=lambda p: p.stat().st_mtime_ns, reverse=True)[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:  # a cache that cannot be written is skipped: the subset is made each time
        pass
    return data


def _fonttools_version() -> str:
    try:
        return metadata.version("fonttools")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency
        return ""


def _make_subset(path: Path, chars: str) -> bytes:
    from fontTools import subset  # only on a miss
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = FEATURES
    options.flavor = "woff2"
    options.hinting = False
    options.name_IDs = ["*"]  # keep the licence and names
    font = TTFont(path, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out, reorderTables=False)
    return out.getvalue()
