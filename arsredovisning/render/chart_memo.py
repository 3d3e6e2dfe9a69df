"""Each chart drawing remembered in this process by the canonical form of its full input, so that a
preview turn after a changed figure redraws only the chart whose data changed (``granska``; one
``bygg`` draws each chart once and gains nothing). ``canonical`` is also the chart cache's key."""

from __future__ import annotations

import dataclasses
import enum
import functools
import json
import threading
from decimal import Decimal
from pathlib import Path
from typing import Callable, TypeVar

F = TypeVar("F", bound=Callable)
T = TypeVar("T")
KEEP = 64  # drawings kept per process
_drawn: dict[str, object] = {}
_lock = threading.Lock()


class Uncacheable(TypeError):
    """The input holds a value without a canonical form: draw without remembering."""


def memo(draw: F) -> F:
    """``draw(*args)`` once per distinct input (the same result object for an equal input)."""

    @functools.wraps(draw)
    def remembered(*args):
        try:
            key = draw.__qualname__ + key_of(*args)
        except Uncacheable:
            return draw(*args)
        return drawn(key, lambda: draw(*args))

    return remembered  # type: ignore[return-value]


def drawn(key: str, make: Callable[[], T]) -> T:
    """``make()`` once per ``key`` in this process: a chart function's result (``memo``), or one
    drawing of a chart in one layout, so that the preview's complete turn does not draw again what
    its quick turn drew."""
    with _lock:
        if key in _drawn:
            return _drawn[key]  # type: ignore[return-value]
    result = make()
    with _lock:
        _drawn[key] = result
        while len(_drawn) > KEEP:
            _drawn.pop(next(iter(_drawn)))
    return result


def key_of(*parts) -> str:
    """The canonical text of ``parts``; raises :class:`Uncacheable` for a value without one."""
    return json.dumps(canonical(parts), ensure_ascii=False, separators=(",", ":"))


def canonical(value):
    """A JSON-able form that is equal exactly when the values are (type names included)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, Decimal):
        return ["Decimal", str(value)]
    if isinstance(value, enum.Enum):
        return [type(value).__qualname__, canonical(value.value)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__qualname__, {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}]
    if isinstance(value, (tuple, list)):
        return [type(value).__name__, [canonical(v) for v in value]]
    if isinstance(value, dict):
        return ["dict", [[canonical(k), canonical(v)] for k, v in value.items()]]
    if isinstance(value, (set, frozenset)):
        items = [canonical(v) for v in value]
        return ["set", sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False))]
    if isinstance(value, Path):
        return ["Path", str(value)]
    raise Uncacheable(type(value).__qualname__)
