"""Charts for Bilaga 3 as vector SVG strings (matplotlib, no pyplot state).

Deterministic: the same data gives the same bytes (fixed ``svg.hashsalt`` per chart, no date or
creator metadata). Text is drawn as outlines (``svg.fonttype: path``) from the Inter files shipped in
``templates/fonts`` — never from a font the machine happens to have installed — because WeasyPrint
draws ``<text>`` inside SVG with system fonts only; so the charts look the same on every machine.
The text stays available to readers through each chart's title and alt text (``role="img"``).

Each function takes a computed (possibly masked) table and returns a :class:`Chart` with a Swedish
title, alt text with the figures, and a data table (formatted strings) for readers who cannot see
the chart. Rows with a masked count are left out of the chart (and said so in the alt text).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TypedDict

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .. import fmt
from ..compute.appendix_tables import AppendixTables
from ..compute.municipal_shares import MunicipalityShares
from ..compute.tables import AppendixRow, AppendixTable, Cell, Masked
from .chart_memo import Uncacheable, drawn, key_of, memo  # a preview turn redraws only the chart whose data changed
from .chart_model import Chart  # the record (re-exported: charts.Chart)

# Dark and mid tones in turn: navy, orange, plum, blue, forest, ochre, indigo, lilac. Every colour has
# at least 3:1 contrast against the white page, and each against the next one (stacked segments
# that touch; segments are also parted by a white rule). tests/test_charts.py checks both.
PALETTE = ("#17324D", "#CC6A2C", "#4A1F3D", "#5E8FC0", "#1C3A24", "#A0781A", "#2E2257", "#9A6FB0")
BUDGET, ACTUAL = "#5E8FC0", "#17324D"  # 3,4:1 and 13:1 against white, 3,9:1 against each other


class BarStyle(TypedDict, total=False):
    """Keyword arguments of ``Axes.barh`` that style a series' bars."""

    color: str
    hatch: str | None
    edgecolor: str
    linewidth: float


SEPARATOR: BarStyle = {"edgecolor": "#FFFFFF", "linewidth": 0.8}
TEXT = "#2B2B2B"
GRID = "#D9D9D9"
WIDTH_IN = 6.3  # ≈ 16 cm, the text width of an A4 page with 2,5 cm margins
NARROW_IN = 3.3  # 238 pt = 317 px at 1:1: a 360 px phone screen less its margins


@dataclass(frozen=True)
class Layout:
    """How a chart is drawn: at the page's text width (the PDF, the web report on a desk), or narrow
    for a phone (css/screen.css shows it below 600 px), where the same point sizes stay ≥ 9 px
    because the chart is shown at its drawn size instead of being shrunk."""

    width_in: float
    wrap: int  # characters per line of an insats name on the y axis
    salt: str  # part of svg.hashsalt: the two drawings of a chart get different ids
    legend_columns: int  # at most this many legend entries side by side
    label_share: float  # a segment gets its count label from this share of the longest bar
    percent_label_min: float  # a 100 % segment gets its percent label from this many percent
    ticks: int | None  # at most this many x ticks (None: matplotlib's choice)


WIDE = Layout(WIDTH_IN, 34, "", 99, 0.04, 9, None)
NARROW = Layout(NARROW_IN, 18, "-smal", 2, 0.12, 16, 4)
LAYOUTS = (WIDE, NARROW)



# --------------------------------------------------------------------------------------------
# Figure plumbing
# --------------------------------------------------------------------------------------------


def _font_files() -> list[Path]:
    here = Path(__file__).resolve()
    for base in (here.parents[2] / "templates" / "fonts", here.parents[1] / "templates" / "fonts"):
        if base.is_dir():
            return sorted(base.glob("Inter-*.otf")) + sorted(base.glob("Inter-*.ttf"))
    return []


@lru_cache(maxsize=1)
def _register_fonts() -> bool:
    """Make matplotlib's "Inter" the shipped files only (a system copy may be another version)."""
    files = _font_files()
    if not files:
        return False
    ours = {str(f) for f in files}
    manager = font_manager.fontManager
    manager.ttflist = [e for e in manager.ttflist if not e.name.startswith("Inter") or e.fname in ours]
    for f in sorted(ours):
        if not any(e.fname == f for e in manager.ttflist):
            manager.addfont(f)
    # lookups made before registration; matplotlib's stubs do not declare this private cache
    manager._findfont_cached.cache_clear()  # type: ignore[attr-defined]  # noqa: SLF001
    return True


def _rc(salt: str) -> dict:
    return {
        "svg.fonttype": "path",
        "svg.hashsalt": f"arsredovisning-{salt}",
        "font.family": ["Inter", "DejaVu Sans"],
        "font.size": 8.5,
        "text.color": TEXT,
        "axes.labelcolor": TEXT,
        "axes.edgecolor": GRID,
        "xtick.color": TEXT,
        "ytick.color": TEXT,
        "axes.titlesize": 9.5,
        "legend.frameon": False,
        "axes.unicode_minus": True,
    }


def _figure(n_bars: int, layout: Layout = WIDE, extra_in: float = 0.0) -> Figure:
    """A figure for ``n_bars`` horizontal bars; ``extra_in``: room for wrapped labels and legend rows."""
    height = max(1.6, 0.8 + 0.28 * n_bars) + extra_in
    fig = Figure(figsize=(layout.width_in, height), layout="constrained", facecolor="none")
    FigureCanvasSVG(fig)
    return fig


def _svg(fig: Figure) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    # Inline-ready: drop the XML declaration and DOCTYPE; the <svg> element stands alone.
    return text[text.index("<svg") :]


def _luminance(colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#RRGGBB`` colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _ink(background: str) -> str:
    """The text colour on a bar: white or black, whichever contrasts more (at least 4.5:1 on every
    colour of the palette; tests/test_charts.py)."""
    return "#FFFFFF" if contrast(background, "#FFFFFF") >= contrast(background, "#000000") else "#000000"


# Each series of a stacked bar also has its own pattern, so that the parts are told apart without
# colour (printed in grey, or by a reader who does not see the hues): solid, then white hatching.
# Lines only: WeasyPrint draws a pattern again for every bar it fills, and matplotlib's dots ("."
# and "o") are hundreds of curves per tile (one dotted series cost the example's PDF over a second).
HATCHES = (None, "////", "||", "\\\\", "xx", "---", "++", "-\\\\")


def _series_style(n: int) -> BarStyle:
    return {"color": PALETTE[n % len(PALETTE)], "hatch": HATCHES[n % len(HATCHES)]}


def _style(ax) -> None:
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.grid(True, color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)


def _wrap(label: str, width: int = WIDE.wrap) -> str:
    """Break long insats names at spaces so the y axis does not eat the plot."""
    if len(label) <= width:
        return label
    words, lines, line = label.split(" "), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "\n".join(lines)


def _extra_lines(labels: list[str], layout: Layout, legend_entries: int) -> float:
    """Height (in) the narrow layout adds for label lines beyond one per bar and legend rows."""
    if layout is WIDE:
        return 0.0
    wrapped = sum(label.count("\n") for label in labels)
    legend_rows = -(-legend_entries // layout.legend_columns) - 1
    return 0.13 * wrapped + 0.16 * legend_rows


def _legend(ax, layout: Layout, entries: int) -> None:
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=min(entries, layout.legend_columns))


def _ticks(layout: Layout) -> dict:
    return {"nbins": layout.ticks} if layout.ticks else {}


def _both(draw, narrow: bool, *inputs) -> tuple[str, str]:
    """``draw(layout)`` for the page width and, when ``narrow``, for a phone ("" otherwise: the
    preview's quick turn; css/screen.css then shows the page-wide drawing on a phone too). Each
    drawing is remembered by ``inputs`` (everything it is drawn from) and its layout."""
    try:
        key = key_of(*inputs)
    except Uncacheable:
        return draw(WIDE), draw(NARROW) if narrow else ""

    def one(layout: Layout) -> str:
        return drawn(f"{key}|{layout.width_in}|{layout.salt}", lambda: draw(layout))

    return one(WIDE), one(NARROW) if narrow else ""


def _shown(table: AppendixTable, keys: list[str]) -> tuple[list[AppendixRow], list[str]]:
    """Rows with data in every key column and nothing masked; names of the masked ones."""
    idx = [table.column_index(k) for k in keys]
    shown, hidden = [], []
    for r in table.rows:
        cells = [r.cells[i] for i in idx]
        if any(isinstance(c, Masked) for c in cells):
            hidden.append(r.label)
        elif all(c is not None for c in cells):
            shown.append(r)
    return shown, hidden


def _value_of(cell: Cell) -> int | Decimal:
    """A charted cell's figure: ``_shown`` keeps only rows whose charted cells are neither masked nor
    empty, and a chart is drawn only from what is not masked."""
    if cell is None or isinstance(cell, Masked):
        raise ValueError(f"a chart is drawn from figures only, not {cell!r}")
    return cell


def _hidden_note(hidden: list[str]) -> str:
    if not hidden:
        return ""
    return f" Insatser med dolda små tal visas inte: {', '.join(hidden)}."


# --------------------------------------------------------------------------------------------
# Charts
# --------------------------------------------------------------------------------------------


@memo
def gender_chart(t5: AppendixTable, narrow: bool = True) -> Chart | None:
    """Könsfördelning per insats: horizontal stacked bars of Kvinnor, Män (and Annat/ej angivet)."""
    keys = [c.key for c in t5.columns if c.maskable]
    headers = [c.header for c in t5.columns if c.maskable]
    rows, hidden = _shown(t5, keys)
    if not rows:
        return None
    _register_fonts()
    title = "Könsfördelning per insats"

    def draw(layout: Layout) -> str:
        with matplotlib.rc_context(_rc("konsfordelning" + layout.salt)):
            labels = [_wrap(r.label, layout.wrap) for r in rows]
            fig = _figure(len(rows), layout, _extra_lines(labels, layout, len(keys)))
            ax = fig.add_subplot()
            left = [0] * len(rows)
            for n, (key, header) in enumerate(zip(keys, headers)):
                values = [int(_value_of(r.cell(t5, key))) for r in rows]
                bars = ax.barh(labels, values, left=left, label=header, height=0.62, **(_series_style(n) | SEPARATOR))
                for bar, v in zip(bars, values):
                    if v and bar.get_width() >= _label_room(rows, t5, layout.label_share):
                        ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, fmt.money(v),
                                ha="center", va="center", fontsize=7.5, color=_ink(PALETTE[n % len(PALETTE)]), zorder=4,
                                bbox={"facecolor": PALETTE[n % len(PALETTE)], "edgecolor": "none", "pad": 0.8})
                left = [a + b for a, b in zip(left, values)]
            ax.invert_yaxis()
            ax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10], **_ticks(layout)))
            ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt.money(Decimal(str(x)))))
            ax.set_xlabel("Antal deltagare")
            _legend(ax, layout, len(keys))
            _style(ax)
            return _svg(fig)

    svg, narrow_svg = _both(draw, narrow, "konsfordelning", t5)
    parts = [f"{r.label}: " + ", ".join(f"{fmt.money(_value_of(r.cell(t5, k)))} {h.lower()}" for k, h in zip(keys, headers)) for r in rows]
    alt = f"Liggande stapeldiagram över könsfördelningen i de individinriktade insatserna. {'; '.join(parts)}." + _hidden_note(hidden)
    data = tuple((r.label, *(fmt.money(_value_of(r.cell(t5, k))) for k in keys)) for r in rows)
    return Chart("konsfordelning", title, svg, alt, ("Insats", *headers), data, narrow_svg)


def _label_room(rows: list[AppendixRow], table: AppendixTable, share: float) -> float:
    """Smallest segment (in data units) wide enough for a count label: ``share`` of the longest bar."""
    total = table.column_index("total")
    longest = max((_value_of(r.cells[total] or 0) for r in rows), default=0)
    return max(1.0, share * float(longest))


@memo
def municipality_chart(t6: AppendixTable, shares: MunicipalityShares, narrow: bool = True) -> Chart | None:
    """Kommuntillhörighet per insats as 100 % stacked bars, under two reference bars: the kommunernas
    share of invånarna and of all deltagare. Dashed lines carry the population split down the chart."""
    keys = [c.key for c in t6.columns if c.maskable]
    headers = [c.header for c in t6.columns if c.maskable]
    rows, hidden = _shown(t6, keys)
    rows = [r for r in rows if r.cell(t6, "total")]
    if not rows:
        return None
    _register_fonts()
    title = "Kommuntillhörighet per insats jämfört med andelen invånare"
    pop = {s.member: s.population_pct for s in shares.rows}
    has_pop = all(pop.get(k) is not None for k in keys if k != "other")
    bars: list[tuple[str, list[Decimal]]] = []
    if has_pop:
        bars.append(("Andel av invånarna", [pop.get(k) or Decimal(0) for k in keys]))
    totals_shown = t6.total is not None and not any(isinstance(c, Masked) for c in t6.total.cells)
    if shares.total and totals_shown:
        by_member = {s.member: Decimal(_value_of(s.participants)) for s in shares.rows}
        all_counts = [by_member.get(k, Decimal(_value_of(shares.other)) if k == "other" else Decimal(0)) for k in keys]
        bars.append(("Alla deltagare", [c * 100 / Decimal(shares.total) for c in all_counts]))
    for r in rows:
        total = Decimal(_value_of(r.cell(t6, "total")))
        bars.append((r.label, [Decimal(_value_of(r.cell(t6, k))) * 100 / total for k in keys]))
    def draw(layout: Layout) -> str:
        with matplotlib.rc_context(_rc("kommuntillhorighet" + layout.salt)):
            labels = [_wrap(b[0], layout.wrap) for b in bars]
            fig = _figure(len(bars), layout, _extra_lines(labels, layout, len(keys)))
            ax = fig.add_subplot()
            left = [0.0] * len(bars)
            for n, header in enumerate(headers):
                values = [float(b[1][n]) for b in bars]
                segs = ax.barh(labels, values, left=left, label=header, height=0.62, **(_series_style(n) | SEPARATOR))
                for seg, v in zip(segs, values):
                    if v >= layout.percent_label_min:
                        colour = PALETTE[n % len(PALETTE)]
                        # above the dashed reference lines, on a patch of the segment's colour
                        ax.text(seg.get_x() + v / 2, seg.get_y() + seg.get_height() / 2, fmt.percent(Decimal(str(v)), 0),
                                ha="center", va="center", fontsize=7, color=_ink(colour), zorder=4,
                                bbox={"facecolor": colour, "edgecolor": "none", "pad": 0.8})
                left = [a + b for a, b in zip(left, values)]
            if has_pop:
                edge = 0.0
                for share in bars[0][1][:-1]:
                    edge += float(share)
                    ax.axvline(edge, color=TEXT, linewidth=0.7, linestyle=(0, (3, 2)), alpha=0.7, zorder=3)
            ax.set_xlim(0, 100)
            ax.invert_yaxis()
            if layout.ticks:
                ax.xaxis.set_major_locator(MaxNLocator(steps=[1, 2, 2.5, 5, 10], **_ticks(layout)))
            ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt.percent(Decimal(str(x)), 0)))
            ax.set_xlabel("Andel av insatsens deltagare")
            _legend(ax, layout, len(keys))
            _style(ax)
            return _svg(fig)

    svg, narrow_svg = _both(draw, narrow, "kommuntillhorighet", t6, shares)
    ref = ""
    if has_pop:
        ref = "Andel av invånarna: " + ", ".join(f"{h} {fmt.percent(v, 0)}" for h, v in zip(headers, bars[0][1])) + ". "
    parts = [f"{r.label}: " + ", ".join(f"{h} {fmt.money(_value_of(r.cell(t6, k)))}" for k, h in zip(keys, headers)) for r in rows]
    alt = (f"Liggande stapeldiagram (100{fmt.GROUP}%) över deltagarnas kommuntillhörighet per individinriktad insats, "
           f"med kommunernas andel av invånarna som jämförelse. {ref}Antal deltagare per kommun: "
           f"{'; '.join(parts)}." + _hidden_note(hidden))
    data = tuple((label, *(fmt.percent(v, 1) for v in values)) for label, values in bars)
    return Chart("kommuntillhorighet", title, svg, alt, ("", *headers), data, narrow_svg)


@memo
def budget_chart(table: AppendixTable, narrow: bool = True) -> Chart | None:
    """Budget and utfall per insats (Tabell 3 or 4) as grouped horizontal bars in kr."""
    if not table.rows:
        return None
    _register_fonts()
    kind = "individinriktade" if table.number == 3 else "strukturövergripande"
    key = f"budget-utfall-{'individ' if table.number == 3 else 'struktur'}"
    title = f"Budget och utfall för de {kind} insatserna"
    rows = list(table.rows)
    budget = [Decimal(_value_of(r.cell(table, "budget"))) for r in rows]
    actual = [Decimal(_value_of(r.cell(table, "actual"))) for r in rows]
    def draw(layout: Layout) -> str:
        with matplotlib.rc_context(_rc(key + layout.salt)):
            labels = [_wrap(r.label, layout.wrap) for r in rows]
            fig = _figure(int(len(rows) * 1.6), layout, _extra_lines(labels, layout, 2))
            ax = fig.add_subplot()
            pos = list(range(len(rows)))
            h = 0.38
            ax.barh([p - h / 2 for p in pos], [float(b) for b in budget], height=h, color=BUDGET, label="Budget")
            ax.barh([p + h / 2 for p in pos], [float(a) for a in actual], height=h, color=ACTUAL, label="Utfall")
            ax.set_yticks(pos, labels)
            ax.invert_yaxis()
            if layout.ticks:  # "1 200 000" needs room: fewer ticks
                ax.xaxis.set_major_locator(MaxNLocator(steps=[1, 2, 2.5, 5, 10], nbins=layout.ticks - 1))
            ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt.money(Decimal(str(x)))))
            ax.set_xlabel("kr")
            _legend(ax, layout, 2)
            _style(ax)
            return _svg(fig)

    svg, narrow_svg = _both(draw, narrow, "budget", table)
    parts = [f"{r.label}: budget {fmt.whole_kr(b)}, utfall {fmt.whole_kr(a)}" for r, b, a in zip(rows, budget, actual)]
    alt = f"Liggande stapeldiagram med budget och utfall för de {kind} insatserna. {'; '.join(parts)}."
    data = tuple((r.label, fmt.whole_kr(b), fmt.whole_kr(a), fmt.whole_kr(b - a)) for r, b, a in zip(rows, budget, actual))
    return Chart(key, title, svg, alt, ("Insats", "Budget", "Utfall", "Avvikelse"), data, narrow_svg)


def multi_year_chart(view, narrow: bool = True) -> Chart | None:
    """Flerårsöversikt (present/multi_year.py): verksamhetens intäkter and kostnader and eget kapital
    per year as grouped vertical bars, in the report's unit, from the view's rounded figures."""
    series = [(r.label, r.values) for r in view.rows
              if r.key in ("verksamhetens_intakter", "verksamhetens_kostnader", "eget_kapital")]
    series = [(label, [abs(v) if v is not None else None for v in values]) for label, values in series]
    if not series:
        return None
    _register_fonts()
    title = f"Intäkter, kostnader och eget kapital {view.years[0]}–{view.years[-1]}"
    def draw(layout: Layout) -> str:
        with matplotlib.rc_context(_rc("flerarsoversikt" + layout.salt)):
            columns = 1 if layout is not WIDE else len(series)  # a narrow legend: one entry a row
            fig = Figure(figsize=(layout.width_in, 2.6 + 0.16 * (len(series) - columns)), layout="constrained", facecolor="none")
            FigureCanvasSVG(fig)
            ax = fig.add_subplot()
            width = 0.8 / len(series)
            for n, (label, values) in enumerate(series):
                xs = [i - 0.4 + width * (n + 0.5) for i in range(len(view.years))]
                ax.bar(xs, [float(v or 0) for v in values], width=width * 0.92, color=PALETTE[n % len(PALETTE)], label=label)
            ax.set_xticks(range(len(view.years)), [str(y) for y in view.years])
            ax.yaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt.money(Decimal(str(x)))))
            ax.set_ylabel(view.unit)
            ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=columns)
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
            ax.yaxis.grid(True, color=GRID, linewidth=0.6)
            ax.set_axisbelow(True)
            return _svg(fig)

    svg, narrow_svg = _both(draw, narrow, "flerarsoversikt", view)
    labels = [label[0].lower() + label[1:] for label, _ in series]
    parts = [f"{y}: " + ", ".join(f"{lab} {fmt.shown(vals[i])} {view.unit}" for lab, (_, vals) in zip(labels, series))
             for i, y in enumerate(view.years)]
    alt = f"Stapeldiagram per år över {', '.join(labels[:-1])} och {labels[-1]} (kostnaderna som positiva tal). {'; '.join(parts)}."
    data = tuple((str(y), *(fmt.shown(vals[i]) for _, vals in series)) for i, y in enumerate(view.years))
    return Chart("flerarsoversikt", title, svg, alt, ("År", *(label for label, _ in series)), data, narrow_svg)


def appendix_charts(tables: AppendixTables, narrow: bool = True) -> tuple[Chart, ...]:
    """The charts of Bilaga 3 that have data, in reading order."""
    charts = [
        tables.t3 and budget_chart(tables.t3, narrow),
        tables.t4 and budget_chart(tables.t4, narrow),
        tables.t5 and gender_chart(tables.t5, narrow),
        tables.t6 and municipality_chart(tables.t6, tables.shares, narrow),
    ]
    return tuple(c for c in charts if c)

