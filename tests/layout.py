"""Reading a laid-out PDF the way a typesetter checks proofs: where headings, units, short pages and
footnotes fall. Used by tests/test_layout.py; each function returns the faults found, as Swedish-free
developer strings naming the page.

The pages are read with pdfium (:func:`open_pages`: every character with its font, size and box, and
every image and path drawn), in the coordinates and conventions pdfplumber gives (from the page's
top; a character's box its font size high from its descent; a path split into its subpaths, a curve
measured over its end points), and words are grouped by pdfplumber's own word extractor. pdfminer
read the example's 73 000 characters in 8 s, pdfium in about one.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.utils import extract_words

MM = 72 / 25.4
BODY_MIN, BODY_MAX = 7.9, 10.0  # body text, tables, lists (pt); the running header/footer is 7.5 pt
HEADING_MIN = 10.4  # h1–h3 (20, 12.5, 10.5 pt, semibold); h4 and captions are body-sized
SECTION_MIN = 19.0  # a section's h1
TOP_MARGIN, BOTTOM_MARGIN = 24 * MM, 22 * MM  # page.css: the running header and footer lie outside
UNITS = re.compile(r"^(?:%|t?kr|mnkr)(?:[.,;:)]|$)")


# ---- the pages as drawn -----------------------------------------------------------------------------


@dataclass
class PdfPage:
    """One page: ``chars`` (dicts with ``text``, ``x0``, ``x1``, ``top``, ``bottom``, ``size``,
    ``fontname``) and ``drawn`` (each image and each subpath of a path: ``top``, ``bottom``, ``fill``,
    the path's fill colour as RGB in 0–1 or None), in points from the page's top."""
    width: float
    height: float
    chars: list[dict] = field(default_factory=list)
    drawn: list[dict] = field(default_factory=list)

    def extract_words(self, **options) -> list[dict]:
        return extract_words(self.chars, **options)


# pdfium gives a hyphen-minus (or a soft hyphen) that ends a line as U+0002: read as "-", as the PDF
# has it (WeasyPrint draws no soft hyphen; its inserted hyphen is U+2010, which pdfium keeps).
_HYPHEN_AT_LINE_END = 2
_NOT_DRAWN = {10, 13, 0xFFFE}  # the line ends pdfium adds, and its "unknown"


def open_pages(pdf) -> list[PdfPage]:
    """Every page of ``pdf`` (a path), or ``pdf`` itself when it is already a list of read pages."""
    if isinstance(pdf, list):
        return pdf
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [_read_page(doc[i]) for i in range(len(doc))]
    finally:
        doc.close()


def _read_page(page) -> PdfPage:
    width, height = page.get_size()
    out = PdfPage(width, height)
    text = page.get_textpage()
    try:
        _read_chars(text.raw, height, out)
    finally:
        text.close()
    _drawn(pdfium_c.FPDFPage_CountObjects(page.raw), lambda i: pdfium_c.FPDFPage_GetObject(page.raw, i),
           (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), out)
    return out


def _read_chars(raw, height: float, out: PdfPage) -> None:
    """The characters of a page's text page (``raw``), as drawn (not pdfium's added line ends)."""
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    box, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    fonts: dict[tuple, tuple[float, str]] = {}
    name = ctypes.create_string_buffer(256)
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if code in _NOT_DRAWN or pdfium_c.FPDFText_IsGenerated(raw, i):
            continue
        pdfium_c.FPDFText_GetMatrix(raw, i, matrix)  # the size as drawn: the font size times the scale
        size = pdfium_c.FPDFText_GetFontSize(raw, i) * abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
        pdfium_c.FPDFText_GetCharOrigin(raw, i, origin_x, origin_y)
        pdfium_c.FPDFText_GetLooseCharBox(raw, i, box)
        font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(raw, i))
        key = (ctypes.cast(font, ctypes.c_void_p).value, size)
        if key not in fonts:
            descent = ctypes.c_float()
            pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(size), descent)
            pdfium_c.FPDFFont_GetBaseFontName(font, name, len(name))
            fonts[key] = descent.value, name.value.decode("latin-1")
        descent, fontname = fonts[key]
        bottom = origin_y.value + descent
        out.chars.append({"text": "-" if code == _HYPHEN_AT_LINE_END else chr(code), "x0": origin_x.value,
                          "x1": box.right, "top": height - bottom - size, "bottom": height - bottom,
                          "doctop": height - bottom - size, "upright": True, "size": size, "fontname": fontname})


def _then(m: tuple, n: tuple) -> tuple:
    """The PDF matrix ``m`` followed by ``n``."""
    a, b, c, d, e, f = m
    return (a * n[0] + b * n[2], a * n[1] + b * n[3], c * n[0] + d * n[2], c * n[1] + d * n[3],
            e * n[0] + f * n[2] + n[4], e * n[1] + f * n[3] + n[5])


def _matrix(obj, outer: tuple) -> tuple:
    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, m)
    return _then((m.a, m.b, m.c, m.d, m.e, m.f), outer)


def _drawn(count: int, get, outer: tuple, page: PdfPage) -> None:
    """Images and path subpaths, also inside form XObjects (text is read from the text page)."""
    for i in range(count):
        obj = get(i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            _drawn(pdfium_c.FPDFFormObj_CountObjects(obj), lambda j, o=obj: pdfium_c.FPDFFormObj_GetObject(o, j),
                   _matrix(obj, outer), page)
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            m = _matrix(obj, outer)
            ys = [m[1] * x + m[3] * y + m[5] for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
            page.drawn.append({"top": page.height - max(ys), "bottom": page.height - min(ys), "fill": None})
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            fill = _fill(obj)
            for ys in _subpaths(obj, _matrix(obj, outer)):
                page.drawn.append({"top": page.height - max(ys), "bottom": page.height - min(ys), "fill": fill})


def _fill(obj) -> tuple[float, float, float] | None:
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    rgba = [ctypes.c_uint() for _ in range(4)]
    pdfium_c.FPDFPath_GetDrawMode(obj, mode, stroke)
    if not mode.value or not pdfium_c.FPDFPageObj_GetFillColor(obj, *rgba):
        return None
    return tuple(v.value / 255 for v in rgba[:3])


def _subpaths(obj, m: tuple) -> list[list[float]]:
    """The y of each subpath's points on the page; a Bézier curve by its end point (its control
    points are not on the page)."""
    out: list[list[float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    controls = 0
    for s in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, s)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            controls += 1
            if controls % 3:
                continue
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        on_page = m[1] * x.value + m[3] * y.value + m[5]
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not out:
            out.append([on_page])
        else:
            out[-1].append(on_page)
    return out


@dataclass(frozen=True)
class Line:
    top: float
    bottom: float
    size: float
    bold: bool
    text: str


@dataclass(frozen=True)
class Page:
    number: int
    height: float
    lines: tuple[Line, ...]  # body and headings, without the running header and footer
    drawn_bottom: float = 0.0  # the lowest image, rule or chart path in the body area
    boxes: tuple[tuple[float, float], ...] = ()  # (top, bottom) of each image, filled box or chart path

    @property
    def starts_section(self) -> bool:
        return bool(self.lines) and self.lines[0].size >= SECTION_MIN

    def fill(self, top_margin: float, bottom_margin: float) -> float:
        bottom = max(self.lines[-1].bottom if self.lines else 0.0, self.drawn_bottom)
        area = self.height - top_margin - bottom_margin
        return max(0.0, bottom - top_margin) / area


def read_pages(pdf) -> list[Page]:
    """``pdf``: a path or the pages of :func:`open_pages`."""
    pages = []
    for n, page in enumerate(open_pages(pdf), start=1):
        rows: dict[int, list] = {}
        for ch in page.chars:
            if ch["size"] < BODY_MIN - 0.5 or not ch["text"].strip() and ch["text"] != " ":
                continue
            rows.setdefault(round(ch["top"]), []).append(ch)
        lines = []
        for top in sorted(rows):
            chars = sorted(rows[top], key=lambda c: c["x0"])
            size = max(c["size"] for c in chars)
            text = _text(chars)
            if not text.strip():
                continue
            bold = any("SemiBold" in c["fontname"] or "Bold" in c["fontname"] for c in chars if c["size"] == size)
            lines.append(Line(top, max(c["bottom"] for c in chars), size, bold, text.strip()))
        body = [x for x in _merge(lines) if TOP_MARGIN - 2 <= x.top and x.bottom <= page.height - BOTTOM_MARGIN + 2]
        limit = page.height - BOTTOM_MARGIN + 2
        inside = [o for o in page.drawn if o["top"] >= TOP_MARGIN - 2 and o["bottom"] <= limit and not _watermark(o)]
        drawn = [o["bottom"] for o in inside]
        boxes = tuple(sorted((o["top"], o["bottom"]) for o in inside if o["bottom"] - o["top"] > 3))
        pages.append(Page(n, page.height, tuple(body), max(drawn, default=0.0), boxes))
    return pages


WATERMARK = (0.702, 0.149, 0.118)  # utkast.css: the diagonal "Utkast" behind every page of a draft, #b3261e


def _watermark(obj) -> bool:
    colour = obj["fill"]
    return colour is not None and all(abs(a - b) < 0.005 for a, b in zip(colour, WATERMARK))


def _text(chars) -> str:
    out, last = [], None
    for c in chars:
        if last is not None and c["x0"] - last["x1"] > c["size"] * 0.18:
            out.append(" ")
        out.append(c["text"])
        last = c
    return "".join(out)


def _merge(lines: list[Line]) -> list[Line]:
    """Characters a point apart (superscripts, baseline jitter) belong to one line."""
    merged: list[Line] = []
    for line in lines:
        if merged and abs(line.top - merged[-1].top) < 2.5:
            prev = merged[-1]
            merged[-1] = Line(min(prev.top, line.top), max(prev.bottom, line.bottom), max(prev.size, line.size),
                              prev.bold or line.bold, prev.text + " " + line.text)
        else:
            merged.append(line)
    return merged


def stranded_headings(pages: list[Page]) -> list[str]:
    """A heading in the bottom fifth of a page with fewer than three body lines after it there, unless
    its whole part is there (the next page opens with a heading)."""
    faults = []
    for k, p in enumerate(pages[1:], start=1):
        nxt = pages[k + 1] if k + 1 < len(pages) else None
        complete = nxt is None or not nxt.lines or nxt.lines[0].size >= HEADING_MIN
        for i, line in enumerate(p.lines):
            if line.size < HEADING_MIN or not line.bold or line.top < p.height * 0.8:
                continue
            after = [x for x in p.lines[i + 1:] if x.size < HEADING_MIN]
            if len(after) < 3 and not (complete and after):
                faults.append(f"page {p.number}: heading ”{line.text}” with {len(after)} lines after it")
    return faults


def units_at_line_start(pdf) -> list[str]:
    """A unit (%, kr, tkr) that begins a line: torn from its figure. ``pdf``: a path or the pages of
    :func:`open_pages`."""
    faults = []
    for n, page in enumerate(open_pages(pdf), start=1):
        for words in _text_lines(page):
            # a new line of a paragraph starts at the text's left edge; a table cell is its own line
            first = words[0]
            if UNITS.match(first["text"]):
                faults.append(f"page {n}: line starts with ”{first['text']}”")
    return faults


def _text_lines(page) -> list[list[dict]]:
    """A page's words in reading flow, one list per printed line (top to bottom, left to right),
    running header and footer included (:func:`_word_rows` is the body's lines alone)."""
    rows: dict[int, list] = {}
    for w in page.extract_words(keep_blank_chars=False, use_text_flow=True):
        rows.setdefault(round(w["top"]), []).append(w)
    return [sorted(rows[t], key=lambda w: w["x0"]) for t in sorted(rows)]


def short_pages(pages: list[Page], top_margin: float = TOP_MARGIN, bottom_margin: float = BOTTOM_MARGIN) -> list[str]:
    """A page less than a third full that does not end a section (the next page starts one)."""
    faults = []
    for i, p in enumerate(pages[1:-1], start=1):
        if pages[i + 1].starts_section or not p.lines and not p.drawn_bottom:
            continue
        if p.fill(top_margin, bottom_margin) < 1 / 3:
            faults.append(f"page {p.number}: {p.fill(top_margin, bottom_margin):.0%} full, no section ends")
    return faults


def footnotes_apart(pdf: Path) -> list[str]:
    """A footnote marker (a link to ``…-fn-N``) on another page than the footnote's text."""
    faults = []
    with pikepdf.open(pdf) as doc:
        names = _destinations(doc)
        pages = {p.objgen: n for n, p in enumerate(doc.pages, start=1)}
        for n, page in enumerate(doc.pages, start=1):
            for annot in page.obj.get("/Annots", []):
                dest = annot.get("/Dest")
                if dest is None and "/A" in annot:
                    dest = annot.A.get("/D")
                if dest is None:
                    continue
                name = str(dest) if isinstance(dest, (pikepdf.String, pikepdf.Name)) else None
                if name is None or "-fn-" not in name:
                    continue
                target = names.get(name.lstrip("/"))
                where = pages.get(target[0].objgen) if target is not None else None
                if where != n:
                    faults.append(f"page {n}: marker for {name} has its text on page {where}")
    return faults


def anchor_pages(pdf) -> dict[str, int]:
    """Each anchor of the laid-out report (WeasyPrint writes every HTML id as a named destination) →
    the 1-based page it stands on: the page map ``bygg`` hands the kontrollrapport (``pdf``: a path)."""
    with pikepdf.open(pdf) as doc:
        numbers = {page.objgen: n for n, page in enumerate(doc.pages, start=1)}
        return {name: numbers[dest[0].objgen] for name, dest in _destinations(doc).items()}


def _destinations(doc) -> dict:
    out = {}
    tree = doc.Root.get("/Names", {}).get("/Dests") if "/Names" in doc.Root else None
    if tree is not None:
        for name, dest in pikepdf.NameTree(tree).items():
            out[name] = dest
    if "/Dests" in doc.Root:
        for name, dest in doc.Root.Dests.items():
            out[name.lstrip("/")] = dest
    return out


# ---- issue 25: pages that end early, words and figures torn across a page break, notes apart ----------

EARLY = 0.75  # a page that ends below three quarters of its text area while its section goes on
BLOCK_GAP = 10.0  # pt: lines closer than this belong to one block (a paragraph's, a table's, a fact box's)
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")
BOUND_WORDS = re.compile(r"^(?:%|t?kr|mnkr|kronor|procent|tusen|miljon(?:er)?|miljard(?:er)?|" + "|".join(MONTHS) + r")\b")
FIGURE_END = re.compile(r"(?:^|\s)\d[\d\u202f\u00a0 ]*$")
HYPHENS = ("-", "\u2010", "\u00ad")


@dataclass(frozen=True)
class KeptBlock:
    """A block the stylesheet keeps whole (``break-inside: avoid``) and marks for this reader: an
    element ``<name>`` and an empty ``<name>-slut`` closing it (templates: ``.table-block``, a Bilaga 3
    table with its caption and notes). ``top`` and ``end`` in points from the page's top, as in
    :class:`PdfPage`; ``end`` includes the block's bottom margin."""
    name: str
    page: int
    top: float
    end: float


def kept_blocks(pdf) -> list[KeptBlock]:
    """Every marked kept-whole block whose start and end lie on one page (``pdf``: a path)."""
    with pikepdf.open(pdf) as doc:
        pages = {p.objgen: (n, float(p.mediabox[3])) for n, p in enumerate(doc.pages, start=1)}
        where = {}
        for name, dest in _destinations(doc).items():
            try:
                n, height = pages[dest[0].objgen]
                where[name] = (n, height - float(dest[3]))
            except (KeyError, IndexError, TypeError, ValueError):
                continue
    out = []
    for name, (n, top) in where.items():
        end = where.get(f"{name}-slut")
        if end is not None and end[0] == n:
            out.append(KeptBlock(name, n, top, end[1]))
    return sorted(out, key=lambda b: (b.page, b.top))


def _first_block_height(page: Page) -> float:
    """The height of the block a page opens with: its lines and drawn boxes from the top down to the
    first gap wider than between the lines of one paragraph or the rows of one table. A heading, a
    bold caption or lead-in and a drawn box (a fact box, a chart) keep with what follows them."""
    items = sorted([(x.top, x.bottom, x.bold or x.size >= HEADING_MIN) for x in page.lines]
                   + [(t, b, True) for t, b in page.boxes])
    if not items:
        return 0.0
    top, bottom, sticky = items[0]
    for t, b, keeps in items[1:]:
        if t - bottom > BLOCK_GAP and not sticky:
            break
        sticky = keeps if b > bottom else sticky
        bottom = max(bottom, b)
    return bottom - top


def _opening_block(page: Page, blocks=()) -> tuple[str, float]:
    """What opens a page and its height: a marked kept-whole block starting at the page's first line
    (measured from its top to the last line or box inside it), else the block read from the gaps."""
    first = min([x.top for x in page.lines] + [t for t, _ in page.boxes], default=0.0)
    for b in blocks:
        if b.page == page.number and b.top <= first + 2:
            inside = [x.bottom for x in page.lines if b.top - 2 <= x.top and x.bottom <= b.end + 1]
            inside += [bottom for top, bottom in page.boxes if b.top - 2 <= top and bottom <= b.end + 1]
            if inside:
                return b.name, max(inside) - b.top
    text = page.lines[0].text[:40] if page.lines else "a drawn box"
    return f"”{text}” (read from the gaps)", _first_block_height(page)


@dataclass(frozen=True)
class EarlyEnd:
    page: int
    fill: float
    left: float  # pt of text area left under the page's last line or box
    block: str  # what opens the next page
    need: float  # its height (pt)

    @property
    def fits(self) -> bool:
        return self.need + 8 * MM < self.left  # the block and the space above it (at most 8 mm)

    def __str__(self) -> str:
        verdict = "would fit in" if self.fits else "does not fit in"
        return (f"page {self.page}: ends at {self.fill:.0%} while its section goes on; the next page opens "
                f"with {self.block} ({self.need:.0f} pt, {self.need + 8 * MM:.0f} pt with the space above it), "
                f"which {verdict} the {self.left:.0f} pt left")


def early_ends(pages: list[Page], blocks=(), top_margin: float = TOP_MARGIN,
               bottom_margin: float = BOTTOM_MARGIN) -> list[EarlyEnd]:
    """Every page filled below three quarters whose section goes on on the next page, with the block
    that opens the next page (``blocks``: ``kept_blocks(pdf)``, the blocks the stylesheet keeps whole)."""
    out = []
    for i, p in enumerate(pages[1:-1], start=1):
        nxt = pages[i + 1]
        if nxt.starts_section or not p.lines:
            continue
        fill = p.fill(top_margin, bottom_margin)
        if fill >= EARLY:
            continue
        left = (1 - fill) * (p.height - top_margin - bottom_margin)
        block, need = _opening_block(nxt, blocks)
        out.append(EarlyEnd(p.number, fill, left, block, need))
    return out


def early_pages(pages: list[Page], blocks=(), top_margin: float = TOP_MARGIN,
                bottom_margin: float = BOTTOM_MARGIN) -> list[str]:
    """A page filled below three quarters whose section goes on on the next page, although the block
    that opens the next page would have fitted in the space left."""
    return [str(e) for e in early_ends(pages, blocks, top_margin, bottom_margin) if e.fits]


def torn_across_pages(pages: list[Page]) -> list[str]:
    """A word hyphenated across a page break, or a figure torn from its unit, month or magnitude
    (”1 | september”, ”500 | miljoner”) at a page break."""
    faults = []
    for p, nxt in zip(pages, pages[1:]):
        if not p.lines or not nxt.lines:
            continue
        last, first = p.lines[-1].text, nxt.lines[0].text
        if last.endswith(HYPHENS) and first[:1].islower():
            faults.append(f"page {p.number}: ”{last[-20:]}” is hyphenated across the page break into ”{first[:20]}”")
        if FIGURE_END.search(last) and BOUND_WORDS.match(first):
            faults.append(f"page {p.number}: ”{last[-20:]}” is torn from ”{first[:20]}” at the page break")
    return faults


def torn_figures(pdf) -> list[str]:
    """A figure at a line's end whose month, magnitude or unit begins the next line of the paragraph.
    ``pdf``: a path or the pages of :func:`open_pages`."""
    faults = []
    for n, page in enumerate(open_pages(pdf), start=1):
        ordered = _text_lines(page)
        for above, below in zip(ordered, ordered[1:]):
            end, start = above[-1], below[0]
            if abs(start["x0"] - ordered[0][0]["x0"]) > 40 and abs(start["x0"] - above[0]["x0"]) > 2:
                continue  # not the next line of the same text column
            if re.fullmatch(r"\d+", end["text"]) and BOUND_WORDS.match(start["text"]):
                faults.append(f"page {n}: ”{end['text']} | {start['text']}” torn across a line")
    return faults


def notes_apart_from_table(pdf: Path) -> list[str]:
    """A table's footnotes (``<table>-fotnoter``) not directly after their own table: another table,
    chart or heading anchor lies between them, or they come before it or a page or more after."""
    faults = []
    with pikepdf.open(pdf) as doc:
        pages = {p.objgen: n for n, p in enumerate(doc.pages, start=1)}
        where = {}
        for name, dest in _destinations(doc).items():
            try:
                where[name] = (pages[dest[0].objgen], -float(dest[3]))
            except (KeyError, IndexError, TypeError, ValueError):
                continue
    blocks = {k: v for k, v in where.items() if not re.search(r"-(?:fn-\d+|ref-\d+-\d+|fotnoter|rubrik)$", k)}
    for name, at in where.items():
        if not name.endswith("-fotnoter"):
            continue
        table = name[: -len("-fotnoter")]
        if table not in where:
            faults.append(f"{name}: no table {table}")
            continue
        start = where[table]
        between = [k for k, v in blocks.items() if k != table and start < v < at and not k.startswith(table)]
        if at < start or at[0] > start[0] + 1 or between:
            faults.append(f"page {at[0]}: the notes of {table} (page {start[0]}) are apart from it: {between or 'before it'}")
    return faults


# ---- issue 25 point 2: no automatic hyphenation, nothing past its cell or the text area ------------

LEFT_MARGIN, RIGHT_MARGIN = 22 * MM, 20 * MM  # page.css
INSERTED_HYPHENS = ("\u2010", "\u00ad")  # WeasyPrint's hyphenate-character; a written compound's is "-"


def _word_rows(page) -> list[list[dict]]:
    rows: dict[int, list] = {}
    for w in page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"]):
        if w["size"] >= BODY_MIN - 0.5 and TOP_MARGIN - 2 <= w["top"] and w["bottom"] <= page.height - BOTTOM_MARGIN + 2:
            rows.setdefault(round(w["top"]), []).append(w)
    return [sorted(rows[t], key=lambda w: w["x0"]) for t in sorted(rows)]


def overflowing_words(pdf) -> list[str]:
    """Text that runs into the next text of its line (a long compound wider than its table cell,
    printed over the next cell) or past the text area's side edges, on every page but the cover.
    ``pdf``: a path or the pages of :func:`open_pages`."""
    faults = []
    for n, page in enumerate(open_pages(pdf)[1:], start=2):
        right = page.width - RIGHT_MARGIN
        rows: dict[int, list] = {}
        for c in page.chars:
            if (c["size"] >= BODY_MIN - 0.5 and c["text"].strip() and TOP_MARGIN - 2 <= c["top"]
                    and c["bottom"] <= page.height - BOTTOM_MARGIN + 2):
                rows.setdefault(round(c["top"]), []).append(c)
        for top in sorted(rows):
            chars = sorted(rows[top], key=lambda c: c["x0"])
            for a, b in zip(chars, chars[1:]):
                if b["x0"] < a["x1"] - max(2.0, 0.2 * a["size"]):  # more than kerning ("7." 1.6 pt): glyph over glyph
                    text = "".join(c["text"] for c in chars)
                    faults.append(f"page {n}: text printed over text in ”{text[:60]}”")
                    break
            if chars[0]["x0"] < LEFT_MARGIN - 1.5 or chars[-1]["x1"] > right + 1.5:
                text = "".join(c["text"] for c in chars)
                faults.append(f"page {n}: ”{text[-30:]}” past the text area ({chars[0]['x0']:.0f}–{chars[-1]['x1']:.0f} pt)")
    return faults


def hyphenated_lines(pdf) -> list[str]:
    """A line ending in a hyphen the layout inserted (automatic hyphenation or a soft hyphen): a word
    split across a line. A compound's own hyphen ("Finsam-medlen") is a place to break."""
    faults = []
    for n, page in enumerate(open_pages(pdf)[1:], start=2):
        faults += [f"page {n}: ”{words[-1]['text']}” ends a line" for words in _word_rows(page)
                   if words[-1]["text"].endswith(INSERTED_HYPHENS)]
    return faults
