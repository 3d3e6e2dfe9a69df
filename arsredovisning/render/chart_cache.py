"""The Bilaga 3 charts, cached by the hash of everything that decides them.

Drawing the charts means importing matplotlib (~0,5 s) and laying out four figures (~0,5–1 s) on
every build and every preview turn, though the figures rarely change. The key is a SHA-256 of the
full chart input (every field of the tables, canonically serialised), the source of the drawing
code (``charts.py``, ``chart_model.py``, ``fmt.py``), the matplotlib version and the shipped font
files; so a changed figure, label, colour or caption draws anew, and a hit returns exactly the
strings the drawing gave (same bytes in the report). Only a miss imports ``charts`` and with it
matplotlib — the function-level import below is there for that speed, not to dodge a cycle.

Entries are JSON files in ``$ARSREDOVISNING_CACHE`` (default ``$XDG_CACHE_HOME/arsredovisning``
or ``~/.cache/arsredovisning``), written atomically; the newest ``KEEP`` are kept. A cache that
cannot be read or written is skipped silently: the charts are then drawn as without it.
"""

from __future__ import annotations

import dataclasses
from typing import cast
import hashlib
import json
import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ..files import write_atomic
from .chart_memo import Uncacheable, key_of
from .chart_model import Chart

KEEP = 200  # cache files kept (≈ 0,2 MB each)
SOURCES = ("charts.py", "chart_model.py", "chart_memo.py", "../fmt.py")
_memory: dict[str, tuple[Chart | None, ...]] = {}  # this process's hits (the preview's turns)


def appendix_charts(tables, narrow: bool = True) -> tuple[Chart, ...]:
    """``charts.appendix_charts(tables)``, from the cache when the same input was drawn before;
    ``narrow=False``: without the phone drawings (the preview's quick turn)."""
    return cast(tuple[Chart, ...], tuple(cached("appendix_charts", tables, *(() if narrow else (False,)))))


def multi_year_chart(view, narrow: bool = True) -> Chart | None:
    """``charts.multi_year_chart(view)`` (the flerårsöversikt's), through the cache."""
    return cached("multi_year_chart", view, *(() if narrow else (False,)))[0]


def cached(function: str, *args) -> tuple[Chart | None, ...]:
    """``charts.<function>(*args)`` (a tuple of charts or one chart), through the cache."""
    try:
        key = chart_key(function, *args)
    except Uncacheable:
        return _draw(function, *args)
    hit = _memory.get(key)
    if hit is None:
        hit = _read(key)
    if hit is None:
        hit = _draw(function, *args)
        _write(key, hit)
    _remember(key, hit)
    return hit


def in_cache(function: str, *args) -> bool:
    """Whether :func:`cached` would give ``charts.<function>(*args)`` without drawing (a hit of this
    process or of the disk cache, then kept for that call)."""
    try:
        key = chart_key(function, *args)
    except Uncacheable:
        return False
    if key not in _memory:
        hit = _read(key)
        if hit is None:
            return False
        _remember(key, hit)
    return True


def _remember(key: str, hit: tuple[Chart | None, ...]) -> None:
    _memory[key] = hit
    if len(_memory) > 32:
        _memory.pop(next(iter(_memory)))


def chart_key(function: str, *args) -> str:
    h = hashlib.sha256()
    h.update(_code_version().encode())
    h.update(function.encode())
    h.update(key_of(*args).encode())
    return h.hexdigest()


def warm() -> None:
    """Import the drawing code (and matplotlib) now, so that a later miss pays only the drawing:
    ``granska`` calls it after its first turn, off the event loop."""
    import matplotlib

    from . import charts

    charts._register_fonts()  # noqa: SLF001
    with matplotlib.rc_context(charts._rc("uppvarmning")):  # noqa: SLF001 - a throwaway figure: the
        fig = charts._figure(2)  # noqa: SLF001 - first drawing in a process sets up fonts and the
        ax = fig.add_subplot()  # SVG backend (~1 s), which the first changed chart should not pay
        ax.barh(["a", "b"], [1, 2], label="Uppvärmning 123")
        ax.legend()
        charts._svg(fig)  # noqa: SLF001


def _draw(function: str, *args) -> tuple[Chart | None, ...]:
    from . import charts  # matplotlib: only on a miss

    drawn = getattr(charts, function)(*args)
    return tuple(drawn) if isinstance(drawn, (tuple, list)) else (drawn,)


@lru_cache(maxsize=1)
def _code_version() -> str:
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in SOURCES:
        h.update((here / name).read_bytes())
    try:
        h.update(metadata.version("matplotlib").encode())
    except metadata.PackageNotFoundError:
        pass
    for font in _font_files(here):
        h.update(font.name.encode())
        h.update(font.read_bytes())
    return h.hexdigest()


def _font_files(here: Path) -> list[Path]:
    for base in (here.parents[1] / "templates" / "fonts", here.parent / "templates" / "fonts"):
        if base.is_dir():
            return sorted(base.glob("Inter-*"))
    return []


def cache_folder() -> Path:
    explicit = os.environ.get("ARSREDOVISNING_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "arsredovisning"


def _path(key: str) -> Path:
    return cache_folder() / f"diagram-{key}.json"


def _read(key: str) -> tuple[Chart | None, ...] | None:
    try:
        entries = json.loads(_path(key).read_text(encoding="utf-8"))
        return tuple(None if e is None else Chart(**{k: _tuples(v) for k, v in e.items()}) for e in entries)
    except (OSError, ValueError, TypeError):
        return None


def _write(key: str, charts: tuple[Chart | None, ...]) -> None:
    data = [None if c is None else dataclasses.asdict(c) for c in charts]
    try:
        write_atomic(_path(key), json.dumps(data, ensure_ascii=False).encode("utf-8"))
        _prune(cache_folder())
    except OSError:
        pass


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("diagram-*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in files[KEEP:]:
        old.unlink(missing_ok=True)


def _tuples(value):
    """JSON lists back to the tuples the records hold."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value
