"""Bilaga 3 charts: deterministic vector SVG with Swedish labels, alt text and a data table."""

import re
import xml.etree.ElementTree as ET

import pytest

from arsredovisning.compute.appendix_tables import appendix_tables
from arsredovisning.compute.masking import mask
from arsredovisning.compute.tables import Masked
from arsredovisning.render.charts import (
    Chart,
    appendix_charts,
    budget_chart,
    gender_chart,
    municipality_chart,
)
from tests.records import FOUR_KOMMUNER as MEMBERS, annual_input


def muni(name, kumla, hallsberg, askersund, laxa):
    return (name, [("Kumla kommun", kumla), ("Hallsbergs kommun", hallsberg), ("Askersunds kommun", askersund), ("Laxå kommun", laxa)], 0)


@pytest.fixture(scope="module")
def tables():
    inp = annual_input(
        members=MEMBERS,
        interventions=[
            ("Mottagningsteam Sydnärke", "Individ", 700_000, 645_276, 63, 60),
            ("På väg/Sydnärke", "Individ", 1_210_000, 1_218_308, 62, 50),
            ("Fördjupad utredning/kartläggning", "Individ", 500_000, 64_800, 3, 8),
            ("Rehabiliteringsmässan", "Struktur", 30_000, 23_016, 35, 30),
        ],
        genders=[("Mottagningsteam Sydnärke", 31, 32), ("På väg/Sydnärke", 48, 14), ("Fördjupad utredning/kartläggning", 0, 3)],
        municipalities=[
            muni("Mottagningsteam Sydnärke", 20, 15, 21, 7),
            muni("På väg/Sydnärke", 26, 22, 12, 2),
            muni("Fördjupad utredning/kartläggning", 0, 2, 0, 1),
        ],
    )
    return appendix_tables(inp)


@pytest.fixture(scope="module")
def charts(tables):
    return appendix_charts(tables)


def test_the_four_charts(charts):
    assert [c.key for c in charts] == ["budget-utfall-individ", "budget-utfall-struktur", "konsfordelning", "kommuntillhorighet"]
    assert all(isinstance(c, Chart) for c in charts)


def test_byte_identical_across_runs(tables, charts):
    again = appendix_charts(tables)
    assert [c.svg for c in again] == [c.svg for c in charts]
    assert again == charts


def test_each_chart_has_a_narrow_drawing_for_a_phone(charts):
    """Drawn 3,3 in wide (shown at its size below 600 px, so its 7 pt labels stay above 9 px); in one
    page with the page-wide drawing, no id is shared and the narrow one carries its class."""
    from arsredovisning.render.charts import NARROW_IN, WIDTH_IN
    from arsredovisning.render.svg import ID, inline

    for c in charts:
        wide, narrow = ET.fromstring(c.svg), ET.fromstring(c.narrow_svg)
        assert float(wide.get("viewBox").split()[2]) == pytest.approx(WIDTH_IN * 72)
        assert float(narrow.get("viewBox").split()[2]) == pytest.approx(NARROW_IN * 72)
        page, phone = inline(c.svg, f"diagram-{c.key}", c.alt_text), inline(c.narrow_svg, f"diagram-{c.key}", c.alt_text, narrow=True)
        assert not set(ID.findall(page)) & set(ID.findall(phone)), c.key
        assert 'class="chart-narrow"' in phone and "chart-narrow" not in page
        assert f'aria-label="{c.alt_text}"' in phone.replace("&#34;", '"')


def test_svg_is_inline_ready_xml_without_timestamps_or_creator(charts):
    for c in charts:
        assert c.svg.startswith("<svg") and c.svg.rstrip().endswith("</svg>")
        ET.fromstring(c.svg)  # well-formed
        assert not re.search(r"\d{4}-\d{2}-\d{2}T?\d{0,2}:?\d{0,2}", c.svg), c.key
        assert "<dc:date>" not in c.svg and "Matplotlib v" not in c.svg and "<dc:creator>" not in c.svg


def test_text_is_drawn_from_the_shipped_inter(charts):
    """WeasyPrint draws SVG <text> with system fonts only: glyph outlines from templates/fonts keep
    the charts identical on every machine; the words stay available in the title and alt text."""
    from arsredovisning.render.charts import _register_fonts
    from matplotlib import font_manager

    assert _register_fonts()
    assert "templates/fonts/Inter-Regular.otf" in font_manager.findfont(font_manager.FontProperties(family="Inter"))
    c = next(c for c in charts if c.key == "konsfordelning")
    assert "<text" not in c.svg and '<path id="Inter-' in c.svg and "DejaVuSans-" not in c.svg
    assert "kvinnor" in c.alt_text and "män" in c.alt_text


def test_budget_chart_uses_swedish_kr_labels(tables):
    c = budget_chart(tables.t3)
    assert c.title == "Budget och utfall för de individinriktade insatserna"
    assert "200\u202f000" in c.svg  # x tick in kr, thin no-break space
    assert "På väg/Sydnärke: budget 1\u202f210\u202f000\u202fkr, utfall 1\u202f218\u202f308\u202fkr" in c.alt_text
    assert c.columns == ("Insats", "Budget", "Utfall", "Avvikelse")
    assert c.rows[1] == ("På väg/Sydnärke", "1\u202f210\u202f000\u202fkr", "1\u202f218\u202f308\u202fkr", "\u22128\u202f308\u202fkr")


def test_gender_chart_alt_text_and_data(tables):
    c = gender_chart(tables.t5)
    assert "Mottagningsteam Sydnärke: 31 kvinnor, 32 män" in c.alt_text
    assert c.columns == ("Insats", "Kvinnor", "Män")
    assert c.rows[0] == ("Mottagningsteam Sydnärke", "31", "32")


def test_municipality_chart_has_population_reference(tables):
    c = municipality_chart(tables.t6, tables.shares)
    assert c.rows[0] == ("Andel av invånarna", "40,0\u202f%", "30,0\u202f%", "20,0\u202f%", "10,0\u202f%")
    assert c.rows[1][0] == "Alla deltagare"
    assert c.rows[2][0] == "Mottagningsteam Sydnärke" and c.rows[2][1] == "31,7\u202f%"  # 20 of 63
    assert "Andel av invånarna: Kumla 40\u202f%, Hallsberg 30\u202f%, Askersund 20\u202f%, Laxå 10\u202f%" in c.alt_text
    assert "stroke-dasharray" in c.svg  # the dashed reference lines


def test_masked_rows_are_left_out_and_named(tables):
    m5 = mask(tables.t5, under=5)
    hidden = [r.label for r in m5.rows if any(isinstance(c, Masked) for c in r.cells)]
    assert "Fördjupad utredning/kartläggning" in hidden and len(hidden) < len(m5.rows)
    c = gender_chart(m5)
    assert [r[0] for r in c.rows] == [r.label for r in m5.rows if r.label not in hidden]
    assert f"dolda små tal visas inte: {', '.join(hidden)}." in c.alt_text
    m6 = mask(tables.t6, under=5)  # every row has a small count: nothing left to draw
    assert all(any(isinstance(c, Masked) for c in r.cells) for r in m6.rows)
    assert municipality_chart(m6, tables.shares) is None


def test_no_data_no_chart():
    t = appendix_tables(annual_input(interventions=[("A", "Individ", 0, 0, 5)], sheets_present=frozenset({"Kön"})))
    assert gender_chart(t.t5) is None
    assert [c.key for c in appendix_charts(t)] == ["budget-utfall-individ"]


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_chart_colours_have_3_to_1_contrast_against_the_page_and_each_other():
    from arsredovisning.render.charts import ACTUAL, BUDGET, PALETTE

    assert all(_contrast(c, "#FFFFFF") >= 3 for c in (*PALETTE, BUDGET, ACTUAL))
    assert _contrast(BUDGET, ACTUAL) >= 3
    # stacked segments touch their neighbours: every colour against the next (and the last against the first)
    assert all(_contrast(a, b) >= 3 for a, b in zip(PALETTE, PALETTE[1:] + PALETTE[:1]))


def test_text_inside_a_bar_has_4_5_to_1_contrast_and_each_series_its_own_pattern():
    """Issue 25 point 3: white figures on the orange and light-blue bars had 3.4–3.7:1; Diagram 4's
    kommuner were told apart by hue only."""
    from arsredovisning.render.charts import HATCHES, PALETTE, _ink

    assert all(_contrast(_ink(c), c) >= 4.5 for c in PALETTE)
    assert _ink("#CC6A2C") == "#000000" and _ink("#17324D") == "#FFFFFF"
    assert len(set(HATCHES)) == len(HATCHES) == len(PALETTE)


def test_stacked_charts_draw_a_pattern_per_series(charts):
    by_key = {c.key: c for c in charts}
    assert by_key["konsfordelning"].svg.count("<pattern") == 1  # Kvinnor solid, Män hatched
    assert by_key["kommuntillhorighet"].svg.count("<pattern") == 3  # four kommuner: solid and three patterns


def test_every_pattern_is_lines_that_draw_quickly():
    """Each hatch is a few straight lines per tile, never matplotlib's dots or circles (hundreds of
    curves, drawn again for every bar the pattern fills)."""
    from arsredovisning.render.charts import HATCHES

    assert not any(set(h) & {".", "o", "O", "*"} for h in HATCHES if h)
