"""Whole-unit rounding that keeps a table footing (largest remainder).

The one primitive behind every rounded table (its rounding rule is ``money.round_half_up``): the Finsam split of the medlemsbidrag (whole kr)
and every displayed table in ``present/rounding.py`` (kr or tkr). Values are passed in the unit
they are rounded to (kronor, or kronor / 1000 for tkr).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Mapping, Sequence

from ..money import round_half_up


def allocate(exact: Sequence[Decimal], target: int | None = None, fixed: Mapping[int, int] | None = None) -> list[int]:
    """Round ``exact`` to whole numbers that sum to ``target`` (default: the half-up rounded exact sum).

    Each value is first rounded half-up (``fixed`` values are taken as given). If the rounded values
    do not sum to the target, the difference is moved, one unit at a time, onto the free values
    whose rounding residual points furthest in the needed direction (largest remainder); ties go to
    the larger absolute value, then to the earlier row. Values that are exactly 0 are touched last,
    so an empty line never shows a stray 1. A value moves by more than one unit only if the
    difference exceeds the number of free values (possible only with ``fixed`` values or a target far
    from the exact sum). Without free values the target cannot be met and the sum of the fixed
    values is returned as it is.
    """
    fixed = fixed or {}
    out = [fixed[i] if i in fixed else round_half_up(x) for i, x in enumerate(exact)]
    if target is None:
        target = round_half_up(sum(exact, Decimal(0)))
    free = [i for i in range(len(exact)) if i not in fixed]
    diff = target - sum(out)
    while diff and free:
        step = 1 if diff > 0 else -1

        def preference(i: int):
            residual = exact[i] - out[i]
            return (exact[i] == 0, -(step * residual), -abs(exact[i]), i)

        for i in sorted(free, key=preference)[: min(abs(diff), len(free))]:
            out[i] += step
        diff = target - sum(out)
    return out
