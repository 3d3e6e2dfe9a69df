"""The sheet Balanskravsutredning of the revision workbook (only when Balanskravsjusteringar has rows):
årets resultat as a reference to the resultaträkning, each adjustment a reference to its copied
Belopp cell, the subtotal and the balanskravsresultat as sums of the lines above."""

from __future__ import annotations

from typing import cast

from .book import BOLD, Book, row_of, write_text
from .formulas import plus

TITLE = "Balanskravsutredning"
RESULT_KEY = "balanskravsresultat"  # book.rows[TITLE][RESULT_KEY]: the row of Årets balanskravsresultat


def requirement_sheet(book: Book) -> None:
    assert book.fin is not None  # the workbook is made for a computed report
    req = book.fin.requirement
    if not req.adjustments:
        return
    year = book.inp.organisation.year
    ws = book.sheet(TITLE, TITLE, {"A": 56, "B": 18, "C": 40})
    for c, text in ((2, str(year)), (3, "Kommer från")):
        write_text(ws, 4, c, text, BOLD)
    sheet = book.inputs["Balanskravsjusteringar"]
    r = 5
    write_text(ws, r, 1, "Årets resultat")
    book.formula(ws, r, 2, cast(str, book.result(0)), req.result, f"{TITLE}, Årets resultat")
    write_text(ws, r, 3, "Resultaträkning")
    lines = [r]
    other = [a for a in req.adjustments if not a.post.is_reserve]
    reserve = [a for a in req.adjustments if a.post.is_reserve]

    def line(a) -> None:
        nonlocal r
        r += 1
        write_text(ws, r, 1, a.post.value)
        book.formula(ws, r, 2, cast(str, sheet.cell("Belopp", cast(int, row_of(a.location)))), a.amount, f"{TITLE}, {a.post.value}")
        write_text(ws, r, 3, f"{sheet.title} › {a.location.cell}")
        lines.append(r)

    for a in other:
        line(a)
    if other and reserve:
        r += 1
        write_text(ws, r, 1, "Årets resultat efter balanskravsjusteringar", BOLD)
        book.formula(ws, r, 2, plus([f"B{n}" for n in lines]), req.before_reserve, f"{TITLE}, Årets resultat efter balanskravsjusteringar")
        lines = [r]
    for a in reserve:
        line(a)
    r += 1
    write_text(ws, r, 1, "Årets balanskravsresultat", BOLD)
    book.formula(ws, r, 2, plus([f"B{n}" for n in lines]), req.balance_result, f"{TITLE}, Årets balanskravsresultat")
    book.rows[TITLE] = {RESULT_KEY: r}
