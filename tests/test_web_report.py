"""The web report in a real browser (Debian's Chromium through Playwright, tests/browser.py) at a
phone's width (390 px, mobile emulation) and a desk's (1280 px), for the example and for the
test förbund of tests/golden/adalen (tkr, two kommuner): nothing here knows the example's names.

Fails on: a page wider than the viewport; a resultaträkning, kassaflödesanalys or balansräkning
wider than its container on the phone; table, box or note text under 12 px, body text under 16 px,
a chart label under 9 px; text boxes overlapping inside a fact box; no innehåll that stays in view
on the desk (and none the phone's button opens); a footnote link landing outside its own table's
notes (or a back-link outside its table); kontrollrapport amounts that touch.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from arsredovisning.files import control_report_names, report_html_name

from .browser import chromium
from .conftest import ROOT

pytestmark = pytest.mark.browser

WIDTHS = {"mobil": (390, 844, True), "dator": (1280, 900, False)}
STATEMENTS = ("resultatrakning", "kassaflodesanalys", "balansrakning")


def _smallest_chart_font_pt() -> float:
    """The smallest text the charts draw (render/charts.py: rcParams font.size and every fontsize=),
    in points = SVG user units (the charts' viewBox is in pt)."""
    source = (ROOT / "arsredovisning" / "render" / "charts.py").read_text(encoding="utf-8")
    sizes = [float(x) for x in re.findall(r'(?:fontsize=|"font\.size":\s*)([0-9.]+)', source)]
    assert sizes, "no font size found in render/charts.py"
    return min(sizes)


@pytest.fixture(scope="module", params=["exempel", "adalen"])
def built(request, example_build, adalen_build) -> Path:
    """The shared builds of the example and of tests/golden/adalen (tests/conftest.py)."""
    return example_build if request.param == "exempel" else adalen_build


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _page(browser, path: Path, width_id: str):
    width, height, mobile = WIDTHS[width_id]
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=mobile, has_touch=mobile,
                                  device_scale_factor=1)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    page.goto(path.as_uri())
    page.evaluate("document.fonts.ready")
    return context, page, requests


def _report(built: Path) -> Path:
    (html,) = built.glob("arsredovisning-*.html")
    return html


def _scroll_stops(page) -> dict:
    """The report's table and chart regions: which scroll sideways, which are tab stops."""
    return page.evaluate("""() => {
        const all = [...document.querySelectorAll('.table-scroll, figure.chart')];
        const scrolls = e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1;
        const name = e => e.getAttribute('aria-label') || e.id;
        return {regions: all.length,
                scrolling: all.filter(scrolls).map(name),
                stops_not_scrolling: all.filter(e => e.tabIndex === 0 && e.hasAttribute('tabindex') && !scrolls(e)).map(name),
                scrolling_not_stops: all.filter(e => scrolls(e) && !e.hasAttribute('tabindex')).map(name)}; }""")


@pytest.mark.parametrize("width_id", list(WIDTHS))
def test_report_fits_reads_and_navigates(browser, built, width_id):
    context, page, requests = _page(browser, _report(built), width_id)
    try:
        width = WIDTHS[width_id][0]
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page is wider than the screen"
        assert requests == [], f"the report fetched {requests}"

        if width_id == "mobil":
            too_wide = page.evaluate("""ids => ids.flatMap(id => {
                const s = document.getElementById(id); if (!s) return [];
                return [...s.querySelectorAll('table')].filter(t => t.getBoundingClientRect().width > t.parentElement.clientWidth + 0.5)
                  .map(t => id + ': ' + Math.round(t.getBoundingClientRect().width) + ' > ' + t.parentElement.clientWidth); })""",
                list(STATEMENTS))
            assert too_wide == [], too_wide

        small = page.evaluate("""() => {
            const bad = [];
            const textOf = e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
            const check = (sel, min) => document.querySelectorAll(sel).forEach(e => {
                if (!textOf(e) || !e.getClientRects().length) return;
                const size = parseFloat(getComputedStyle(e).fontSize);
                if (size < min) bad.push(`${e.tagName}.${e.className} "${e.textContent.trim().slice(0, 30)}" ${size}px < ${min}`);
            });
            check('table, table *, .footnotes, .footnotes *, .table-note, figcaption, .chart-source, .disclosures *, .facts *', 12);
            check('.prose p, .prose li, .section > p:not(.table-note):not(.unit):not(.kr-stamp):not(.chart-source)', 16);
            return bad.slice(0, 20);
        }""")
        assert small == [], small

        min_pt = _smallest_chart_font_pt()
        charts = page.evaluate("""min => [...document.querySelectorAll('figure.chart svg')].filter(s => s.getClientRects().length).map(s => {
            const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
            const figure = s.closest('figure');
            return [figure.id, min * scale, s.classList.contains('chart-narrow'),
                    Math.round(s.getBoundingClientRect().width), figure.clientWidth]; })""", min_pt)
        assert len(charts) == len(page.query_selector_all("figure.chart")), f"not one drawing shown per chart: {charts}"
        assert [c for c in charts if c[1] < 9] == [], f"chart labels under 9 px: {charts}"
        # a phone shows each chart's narrow drawing, whole within the screen; a desk the page-wide one
        assert [c for c in charts if c[2] != (width_id == "mobil")] == [], charts
        if width_id == "mobil":
            assert [c for c in charts if c[3] > c[4]] == [], f"a chart wider than the screen: {charts}"

        overlaps = page.evaluate("""() => {
            const bad = [];
            for (const t of document.querySelectorAll('table.facts')) {
                const cells = [...t.querySelectorAll('th, td')].filter(c => c.textContent.trim() && c.getClientRects().length);
                const boxes = cells.map(c => {
                    const r = document.createRange(); r.selectNodeContents(c);
                    return [c, [...r.getClientRects()]];
                });
                for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++)
                    for (const a of boxes[i][1]) for (const b of boxes[j][1]) {
                        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                        if (w > 0.5 && h > 0.5) bad.push(t.getAttribute('aria-label') + ': "' + boxes[i][0].textContent.trim()
                                                     + '" over "' + boxes[j][0].textContent.trim() + '"');
                    }
                for (const c of cells) if (c.scrollWidth > c.clientWidth + 1) bad.push('overflows: ' + c.textContent.trim());
            }
            return bad.slice(0, 10);
        }""")
        assert overlaps == [], overlaps
        # No hyphenation (issue 25 point 2): no text box overflows (a compound wider than its cell in
        # a Bilaga table or a fact box); a word breaks across lines only where it is wider than its box.
        spilled = page.evaluate("""() => [...document.querySelectorAll('main th, main td, main p, main li, main h2, main h3, main h4, main figcaption')]
            .filter(e => e.getClientRects().length && getComputedStyle(e).display !== 'inline' && e.scrollWidth > e.clientWidth + 1)
            .map(e => `${e.tagName}.${e.className} ${e.scrollWidth} > ${e.clientWidth}: ${e.textContent.trim().slice(0, 40)}`)""")
        assert spilled == [], spilled

        wrong = page.evaluate("""() => {
            const bad = [];
            for (const a of document.querySelectorAll('.fn-ref a')) {
                const table = a.closest('table');
                const target = document.getElementById(a.getAttribute('href').slice(1));
                const notes = document.getElementById(table.id + '-fotnoter');
                if (!target || !notes || !notes.contains(target)) bad.push(table.id + ' ' + a.getAttribute('href'));
                const r = a.getBoundingClientRect();
                if (r.width < 24 || r.height < 24) bad.push(`${a.getAttribute('href')} tap target ${r.width}×${r.height}`);
            }
            for (const back of document.querySelectorAll('.footnote a.fn-number')) {
                const notes = back.closest('.footnotes');
                const table = document.getElementById(notes.id.replace(/-fotnoter$/, ''));
                const target = document.getElementById(back.getAttribute('href').slice(1));
                if (!target || !table.contains(target)) bad.push('back ' + back.getAttribute('href'));
            }
            return bad;
        }""")
        assert wrong == [], wrong
        first = page.locator(".fn-ref a").first
        if first.count():
            first.click()
            landed = page.evaluate("""() => { const t = document.querySelector(':target');
                return t && t.closest('.footnotes') ? t.getBoundingClientRect().top : null; }""")
            assert landed is not None and 0 <= landed < WIDTHS[width_id][1], "the footnote link does not show its note"

        hidden = page.evaluate("""() => [...document.querySelectorAll('.sign-line, .blank-line')]
            .filter(e => e.getClientRects().length).length""")
        assert hidden == 0, "print-only signature lines or blanks show on screen"

        files = page.evaluate("[...document.querySelectorAll('.downloads a')].map(a => a.getAttribute('href'))")
        assert files and all((built / f).is_file() for f in files), files

        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
        toc = page.evaluate("""() => { const n = document.querySelector('nav.toc'); const r = n.getBoundingClientRect();
            return [getComputedStyle(n).position, r.top, r.bottom, r.width]; }""")
        if width_id == "dator":
            position, top, bottom, w = toc
            assert position == "sticky" and -1 <= top < 50 and bottom > 300 and w > 150, f"no innehåll in view: {toc}"
            assert page.locator("nav.toc .toc-sub a").first.is_visible(), "no sub-entries in the side innehåll"
        else:
            page.locator(".toc-button").click()
            opened = page.evaluate("""() => { const n = document.querySelector('nav.toc'); const r = n.getBoundingClientRect();
                return [getComputedStyle(n).position, r.top, r.height]; }""")
            assert opened[0] == "fixed" and opened[1] == 0 and opened[2] > 500, f"the Innehåll button opens nothing: {opened}"
            page.locator("nav.toc .toc-sub a").first.click()
            assert page.evaluate("getComputedStyle(document.querySelector('nav.toc')).position") != "fixed"
        assert page.locator(".to-top").is_visible()

        # Issue 25 point 4: one h1 and a skip link to it; no control floating over the text; a table
        # or chart region is a tab stop exactly when it scrolls (base.html.j2's script, on load and
        # resize); on the phone the statements' labels keep whole words.
        outline = page.evaluate("""() => [document.querySelectorAll('h1').length,
            document.querySelector('a.skip-link') && document.querySelector('a.skip-link').getAttribute('href')]""")
        assert outline[0] == 1, outline
        stops = _scroll_stops(page)
        assert stops["stops_not_scrolling"] == [] and stops["scrolling_not_stops"] == [], stops
        if width_id == "mobil":
            assert stops["scrolling"], "no wide table scrolls on the phone: the check would prove nothing"
        else:
            assert stops["regions"] >= 20 and stops["scrolling"] == []
        page.set_viewport_size({"width": 390, "height": 844})  # a desk window made narrow: the stops follow
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        narrowed = _scroll_stops(page)
        assert narrowed["scrolling"] and narrowed["stops_not_scrolling"] == narrowed["scrolling_not_stops"] == [], narrowed
        page.set_viewport_size({"width": width, "height": WIDTHS[width_id][1]})
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        assert page.evaluate(f"document.querySelector('{outline[1]}').tagName") == "MAIN"
        page.goto(_report(built).as_uri())  # from the top: the first Tab reaches the skip link
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link screen-only"
        floating = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => {
                const p = getComputedStyle(e).position;
                return (p === 'fixed' || p === 'sticky') && e.getClientRects().length
                    && !e.matches('nav.toc') && !e.closest('.table-scroll');
            }).map(e => e.tagName + '.' + e.className)""")
        assert floating == [], f"controls that float over the text: {floating}"
        if width_id == "mobil":
            torn = page.evaluate("""ids => ids.flatMap(id => [...document.querySelectorAll('#' + id + ' th.label')].flatMap(th => {
                const bad = [];
                const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                    for (const m of n.textContent.matchAll(/\\S+/g)) {
                        const r = document.createRange(); r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
                        const lines = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
                        if (lines.size > 1) bad.push(id + ': ' + m[0]);
                    }
                }
                return bad; }))""", list(STATEMENTS))
            assert torn == [], f"labels broken inside a word: {torn}"
            years = page.evaluate("""() => [...document.querySelectorAll('#resultatrakning thead th.num')].map(th =>
                [th.querySelector('.period-year').getBoundingClientRect().width > 1 ? th.querySelector('.period-year').textContent : '',
                 th.querySelector('.period-full').getBoundingClientRect().width])""")
            assert years and all(re.fullmatch(r"\d{4}", y) and hidden <= 1 for y, hidden in years), years
    finally:
        context.close()


@pytest.mark.parametrize("width_id", list(WIDTHS))
def test_kontrollrapport_fits_and_its_amounts_stand_apart(browser, built, width_id):
    year = re.search(r"(\d{4})", _report(built).name).group(1)
    context, page, _ = _page(browser, built / control_report_names(int(year))[0], width_id)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width_id][0]
        touching = page.evaluate("""() => {
            const bad = [];
            const text = c => { const r = document.createRange(); r.selectNodeContents(c); return r.getBoundingClientRect(); };
            for (const row of document.querySelectorAll('table.kr-checks tbody tr')) {
                const cells = [...row.querySelectorAll('th, td')].filter(c => c.textContent.trim()).map(c => [c, text(c)]);
                for (let i = 0; i < cells.length; i++) for (let j = i + 1; j < cells.length; j++) {
                    const a = cells[i][1], b = cells[j][1];
                    const apart = Math.max(b.left - a.right, a.left - b.right, b.top - a.bottom, a.top - b.bottom);
                    if (apart < 4) bad.push(cells[i][0].textContent.trim().slice(0, 20) + ' | ' + cells[j][0].textContent.trim().slice(0, 20));
                }
            }
            return bad.slice(0, 10);
        }""")
        assert touching == [], touching

        # Issue 25 point 5: a <main>, links to each part, group and open difference, no text under 12 px.
        nav = page.evaluate("""() => {
            const links = [...document.querySelectorAll('main .kr-contents a, main .kr-open a')];
            return [document.querySelectorAll('main').length, links.length,
                    links.filter(a => !document.getElementById(a.getAttribute('href').slice(1))).map(a => a.getAttribute('href')),
                    [...document.querySelectorAll('main .kr-open a')].map(a =>
                        document.getElementById(a.getAttribute('href').slice(1)).className)];
        }""")
        assert nav[0] == 1 and nav[1] >= 2 and nav[2] == [], nav  # Avstämningar, Fynd (and its groups)
        assert len(nav[3]) == page.locator(".kr-open li").count(), nav[3]  # every open difference links to its row
        assert all(c.startswith("status-") and c != "status-ok" for c in nav[3]), nav[3]
        small = page.evaluate("""() => {
            const bad = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const e = n.parentElement;
                if (!n.textContent.trim() || !e.getClientRects().length || e.closest('thead')) continue;
                const size = parseFloat(getComputedStyle(e).fontSize);
                if (size < 12) bad.push(`${e.tagName}.${e.className} "${n.textContent.trim().slice(0, 30)}" ${size}px`);
            }
            return bad.slice(0, 10);
        }""")
        assert small == [], small
    finally:
        context.close()


def test_the_html_carries_its_font_and_no_script_but_the_scroll_stops(built):
    """One inline script, and no other: the one that makes a scroll region a tab stop exactly when it
    scrolls (base.html.j2); it loads nothing."""
    page = _report(built).read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.S | re.I)
    assert len(scripts) == 1 and scripts[0][0] == "" and ".table-scroll" in scripts[0][1], [a for a, _ in scripts]
    assert not re.search(r"fetch|XMLHttpRequest|import\(|src\s*=|eval|innerHTML", scripts[0][1])
    assert page.count("@font-face") == 4 and "url(data:font/woff2;base64," in page
    assert report_html_name(int(re.search(r"(\d{4})", _report(built).name).group(1))) == _report(built).name
