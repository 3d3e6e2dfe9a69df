"""Small-number protection: hide person counts below a threshold, and every cell that would let a
hidden count be recomputed from the published totals (exact rational linear elimination)."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from .appendix_tables import AppendixTables
from .tables import AppendixTable, Cell, Masked


def mask_line(values: list[int], under: int) -> list[int | Masked]:
    """One row whose total is public: small counts → ``<under``; a lone hidden count takes a partner
    (the smallest shown non-zero, else a zero) so it cannot be recovered by subtraction."""
    hidden = {n: True for n, v in enumerate(values) if 1 <= v < under}
    if len(hidden) == 1:
        rest = sorted((v == 0, v, n) for n, v in enumerate(values) if n not in hidden)
        if rest:
            hidden[rest[0][2]] = False
    return [Masked(under, hidden[n]) if n in hidden else v for n, v in enumerate(values)]


_Pos = tuple[int, int]  # (row index, column index); row index len(rows) = the total row


def mask_appendix(a: AppendixTables, under: int) -> AppendixTables:
    """Bilaga 3 for publication with small-number protection: Tabell 5–7 masked (see :func:`mask`),
    and the kommun comparison shows a kommun's participants only where Tabell 6's total shows it."""
    tables = {key: (mask(t, under) if t is not None else None) for key, t in
              (("t1", a.t1), ("t2", a.t2), ("t3", a.t3), ("t4", a.t4), ("t5", a.t5), ("t6", a.t6), ("t7", a.t7), ("t8", a.t8))}
    t6 = tables["t6"]
    shown = {}
    if t6 is not None and t6.total is not None:
        shown = {col.key: t6.total.cells[i] for i, col in enumerate(t6.columns)}
    rows = []
    for r in a.shares.rows:
        value = shown.get(r.member, r.participants)
        if isinstance(value, Masked) or (isinstance(r.participants, int) and 0 < r.participants < under and r.member not in shown):
            value = value if isinstance(value, Masked) else Masked(under, True)
            r = replace(r, participants=value, participant_pct=None)
        rows.append(r)
    other = a.shares.other
    if isinstance(other, int) and 0 < other < under:
        other = Masked(under, True)
    return replace(a, **tables, shares=replace(a.shares, rows=tuple(rows), other=other))


def mask(table: AppendixTable, under: int = 5) -> AppendixTable:
    """Hide person counts 1 … under−1 in the maskable columns (body and Totalt row) as ``<under``,
    then hide more cells (secondary suppression, shown ``..``) until no hidden count can be
    recomputed from the table's row and column totals by any linear combination.

    Row totals ("Totalt" = Deltagare, published in Tabell 1) and the grand total are never hidden:
    hiding them would protect nothing. For a hidden cell that can still be recomputed, the line
    (row or column) with the fewest hidden cells through it gets one more: its smallest shown
    non-zero count, else (for a column) its total, else a zero. Deterministic for the same table.
    Cells that are not counts (None = no data) take no part.
    """
    if under < 2:
        return replace(table, masked_under=under)
    grid = [list(r.cells) for r in table.rows] + ([list(table.total.cells)] if table.total else [])
    n_body = len(table.rows)
    has_total = table.total is not None
    mcols = [j for j, c in enumerate(table.columns) if c.maskable]
    hidden: dict[_Pos, bool] = {}  # position → primary?

    def value(p: _Pos) -> int | None:
        v = grid[p[0]][p[1]]
        return v if isinstance(v, int) and not isinstance(v, bool) else None

    for i in range(len(grid)):
        for j in mcols:
            v = value((i, j))
            if v is not None and 1 <= v < under:
                hidden[(i, j)] = True

    def line_cells(line: tuple[str, int]) -> list[_Pos]:
        kind, n = line
        if kind == "row":
            return [(n, j) for j in mcols]
        return [(i, n) for i in range(n_body + (1 if has_total else 0))]

    def candidates(line: tuple[str, int]) -> list[_Pos]:
        shown = [p for p in line_cells(line) if p not in hidden and value(p) is not None]
        body = [p for p in shown if p[0] < n_body or line[0] == "row"]
        total = [p for p in shown if p[0] == n_body and line[0] == "col"]
        nonzero = sorted((p for p in body if value(p)), key=lambda p: (value(p), p))
        zeros = [p for p in body if value(p) == 0]
        return nonzero + total + zeros

    while True:
        exposed = _exposed(hidden, grid, n_body, mcols, has_total)
        choice = None
        for p in exposed:
            lines = [("row", p[0]), ("col", p[1])] if has_total else [("row", p[0])]
            lines.sort(key=lambda line: sum(1 for q in line_cells(line) if q in hidden))
            choice = next((c[0] for c in map(candidates, lines) if c), None)
            if choice is not None:
                break
        if choice is None:  # nothing exposed, or nothing left to hide around it
            break
        hidden[choice] = False

    def masked(i: int, cells: tuple[Cell, ...]) -> tuple[Cell, ...]:
        return tuple(Masked(under, hidden[(i, j)]) if (i, j) in hidden else c for j, c in enumerate(cells))

    rows = tuple(replace(r, cells=masked(i, r.cells)) for i, r in enumerate(table.rows))
    total = replace(table.total, cells=masked(n_body, table.total.cells)) if table.total else None
    return replace(table, rows=rows, total=total, masked_under=under)


def _equations(hidden: dict[_Pos, bool], grid, n_body: int, mcols: list[int], has_total: bool) -> list[dict[_Pos, int]]:
    """Each published identity as {hidden cell: coefficient} (shown cells are constants): every row,
    the total row included, sums to its public row total; every column's body cells sum to the
    column total, itself an unknown (coefficient −1) when hidden."""
    eqs: list[dict[_Pos, int]] = []
    for i in range(n_body + (1 if has_total else 0)):
        if all(grid[i][j] is not None for j in mcols):
            eqs.append({(i, j): 1 for j in mcols if (i, j) in hidden})
    if has_total:
        for j in mcols:
            eq = {(i, j): 1 for i in range(n_body) if (i, j) in hidden}
            if (n_body, j) in hidden:
                eq[(n_body, j)] = -1
            eqs.append(eq)
    return [eq for eq in eqs if eq]


def _exposed(hidden: dict[_Pos, bool], grid, n_body: int, mcols: list[int], has_total: bool) -> list[_Pos]:
    """Hidden cells whose value follows from the identities: the unit vector of the cell lies in
    the row space of the system restricted to the hidden cells (exact rational elimination)."""
    if not hidden:
        return []
    cells = sorted(hidden)
    index = {p: k for k, p in enumerate(cells)}
    rows = []
    for eq in _equations(hidden, grid, n_body, mcols, has_total):
        vec = [Fraction(0)] * len(cells)
        for p, coef in eq.items():
            vec[index[p]] = Fraction(coef)
        rows.append(vec)
    basis = _rref(rows)
    exposed = []
    for p in cells:
        e = [Fraction(0)] * len(cells)
        e[index[p]] = Fraction(1)
        if not any(_reduce(e, basis)):
            exposed.append(p)
    return exposed


def _rref(rows: list[list[Fraction]]) -> list[tuple[int, list[Fraction]]]:
    """Reduced basis as (pivot column, row) pairs."""
    basis: list[tuple[int, list[Fraction]]] = []
    for r in rows:
        r = _reduce(list(r), basis)
        pivot = next((k for k, x in enumerate(r) if x), None)
        if pivot is None:
            continue
        r = [x / r[pivot] for x in r]
        basis = [(p, [a - b[pivot] * c for a, c in zip(b, r)] if b[pivot] else b) for p, b in basis]
        basis.append((pivot, r))
    return basis


def _reduce(v: list[Fraction], basis: list[tuple[int, list[Fraction]]]) -> list[Fraction]:
    for p, b in basis:
        if v[p]:
            f = v[p]
            v = [a - f * c for a, c in zip(v, b)]
    return v
