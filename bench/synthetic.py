"""Make a synthetic förbund about 10× the example: every insats, account, person and meeting ×10.

    python bench/synthetic.py input/2016 /tmp/syntetisk --faktor 10

Accounts are split into ``faktor`` sub-accounts in the same hundred-group (so the built-in
Kontoplan still maps them) with the amounts divided exactly, so every column still sums as before.
Insatser get a suffix " (k)" and a copy of their text.
"""

from __future__ import annotations

import argparse
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl

from arsredovisning.compute.slugs import slugify


def split(amount, parts: int) -> list:
    if amount is None or amount == "":
        return [amount] * parts
    total = Decimal(str(amount))
    share = (total / parts).quantize(Decimal("0.01"))
    values = [share] * (parts - 1)
    values.append(total - share * (parts - 1))
    return [float(v) for v in values]


def make(source: Path, target: Path, factor: int) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    wb = openpyxl.load_workbook(target / "indata.xlsx")
    _accounts(wb["Saldobalans"], factor)
    names = _interventions(wb["Insatser"], factor)
    for sheet in ("Kön", "Kommuner", "Bakgrund", "Resultat", "Personer", "Möten"):
        if sheet in wb.sheetnames:
            _repeat(wb[sheet], factor, rename=sheet not in ("Personer", "Möten"))
    wb.save(target / "indata.xlsx")
    texts = target / "texter" / "insatser"
    for name in names:
        original = texts / f"{slugify(name)}.md"
        if original.exists():
            for k in range(2, factor + 1):
                shutil.copy(original, texts / f"{slugify(f'{name} ({k})')}.md")
    return target


def _rows(ws):
    return [list(r) for r in ws.iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)]


def _accounts(ws, factor: int) -> None:
    rows = _rows(ws)
    used = {r[0] for r in rows}
    out = []
    for r in rows:
        base = r[0] // 100 * 100
        free = [n for n in range(base, base + 100) if n not in used][: factor - 1]
        used.update(free)
        numbers = [r[0], *free]
        columns = [split(v, len(numbers)) for v in r[2:]]
        for i, number in enumerate(numbers):
            out.append([number, r[1], *(c[i] for c in columns)])
    _rewrite(ws, sorted(out, key=lambda r: r[0]))


def _interventions(ws, factor: int) -> list[str]:
    rows = _rows(ws)
    names = [r[0] for r in rows]
    _rewrite(ws, [[f"{r[0]} ({k})" if k > 1 else r[0], *r[1:]] for k in range(1, factor + 1) for r in rows])
    return names


def _repeat(ws, factor: int, rename: bool) -> None:
    rows = _rows(ws)
    _rewrite(ws, [[f"{r[0]} ({k})" if rename and k > 1 else r[0], *r[1:]] for k in range(1, factor + 1) for r in rows])


def _rewrite(ws, rows) -> None:
    ws.delete_rows(2, ws.max_row)
    for r in rows:
        ws.append(r)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--faktor", type=int, default=10)
    args = parser.parse_args()
    print(make(args.source, args.target, args.faktor))
