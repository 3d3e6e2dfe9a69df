"""The Jinja environment: autoescape, StrictUndefined, user templates first, and the format filters.

Templates never compute. Every figure reaches the page through one of the filters below, and
each filter is a thin call into ``arsredovisning/fmt.py`` (the one Swedish formatter).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

from .. import fmt
from .assets import Assets
from .chart_cache import cache_folder


def _masked_or(value, format_):
    """Bilaga cells may be ``Masked`` (``<5`` / ``..``) or None (``–``)."""
    if value is None:
        return fmt.DASH
    if type(value).__name__ == "Masked":
        return str(value)
    return format_(value)


def _cell(value, kind: str = "count") -> str:
    """A Bilaga 3 cell by column kind: count, money (kr) or yes_no."""
    kind = getattr(kind, "value", kind)
    if kind == "money":
        return _masked_or(value, lambda v: fmt.money(v, "kr"))
    if kind == "yes_no":
        return _masked_or(value, lambda v: "Ja" if v else "Nej")
    return _masked_or(value, fmt.count)


FILTERS = {
    "money": lambda value, unit="kr": fmt.money(value, unit),  # exact kronor → whole kr/tkr
    "kr": fmt.whole_kr,
    "shown": fmt.shown,  # a figure already rounded by present/rounding.py
    "count": fmt.count,
    "percent": lambda value, decimals=2: fmt.percent(value, decimals),
    "date": fmt.date,  # ISO, in tables
    "longdate": fmt.long_date,  # "3 februari 2017", in running text
    "span": lambda pair: fmt.span(*pair),  # a (start, end) period in a table; one day once
    "unit": fmt.with_unit,  # "{{ x | shown | unit(doc.unit) }}": figure and unit held together
    "period": fmt.period,
    "number": lambda value, decimals=1: fmt.DASH if value is None else fmt.decimal(value, decimals),
    "cell": _cell,
}


class CompiledTemplates(FileSystemBytecodeCache):
    """Compiled templates kept on disk beside the chart cache, one file per template name and file,
    each holding the hash of the source it was compiled from (Jinja compiles a changed template
    again) and Jinja's and Python's bytecode version. A cache that cannot be read or written is
    no cache: the template is compiled as without one."""

    def __init__(self) -> None:
        super().__init__(str(cache_folder()), "mall-%s.jinja")

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged entry (e.g. cut short): compile again
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


@lru_cache(maxsize=8)
def make_environment(assets: Assets) -> Environment:
    """One environment per set of template folders, kept: compiling the ~30 templates costs more
    than rendering them (``granska`` renders on every save; ``bygg`` renders the report and the
    kontrollrapport), and the compiled templates are kept on disk for the next process
    (:class:`CompiledTemplates`). ``auto_reload`` recompiles a template whose file changed since."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(root)) for root in assets.roots]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=True,
        bytecode_cache=CompiledTemplates(),
    )
    env.filters.update(FILTERS)
    return env
