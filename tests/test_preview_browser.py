"""granska in a real headless Chromium, on a copy of the example, used as the ekonom uses it: the
summary counts what kontrollera counts, the filters, a finding's link scrolls the report to its
figure, markers, the keyboard, a finding marked as seen, axe-core; a changed sentence and a changed amount show up without a
reload (the report keeps its scroll position) and the change list shows årets resultat before and
after, with a link to the figure; a broken cell hides the key figures and marks the report as the
last correct version; the Bygg button writes the files as links and its output can be closed; a
stopped server makes the button say so, and granska started again on the same årsmapp takes the same
address, so the open tab reconnects; Ctrl-C stops the server cleanly."""

from __future__ import annotations

import io
import json
import re

import openpyxl
import pytest
from click.testing import CliRunner

from arsredovisning.cli import cli
from arsredovisning.files import write_atomic
from tests import granska_server
from tests.browser import chromium
from tests.test_accessibility import AXE, WCAG_TAGS
from tests.conftest import require_file

pytestmark = pytest.mark.browser

WAIT = 60_000  # ms; the machine is shared, the first turn imports and draws everything
IN_REPORT = ("sel => { const f = document.querySelector('iframe.aktuell'); const d = f && f.contentDocument;"
             " const el = d && d.querySelector(sel); if (!el) return null; const r = el.getBoundingClientRect();"
             " return {marked: el.hasAttribute('data-granska-markerad'), top: r.top, bottom: r.bottom,"
             " height: f.contentWindow.innerHeight, text: el.innerText}; }")


def report_text(page) -> str:
    return page.evaluate("() => document.querySelector('iframe.aktuell').contentDocument.body.innerText")


def wait_in_report(page, text: str) -> None:
    """``text`` shown in the report; a no-break space there (a paragraph's short last word bound to
    the one before, fmt.bind_last_word) reads as a space."""
    page.wait_for_function(
        "t => { const f = document.querySelector('iframe.aktuell');"
        " return f && f.contentDocument && f.contentDocument.body && f.contentDocument.body.innerText.replace(/\u00a0/g, ' ').includes(t); }",
        arg=text, timeout=WAIT)


def edit(folder, changes: dict) -> None:
    """Save the workbook with ``{(sheet, cell): value}`` changed (a value given as a function of the
    old), as Excel saves: written beside and moved into place, so granska never reads half a file."""
    book = openpyxl.load_workbook(folder / "indata.xlsx")
    for (sheet, cell), value in changes.items():
        book[sheet][cell] = value(book[sheet][cell].value) if callable(value) else value
    data = io.BytesIO()
    book.save(data)
    write_atomic(folder / "indata.xlsx", data.getvalue())  # beside (a name granska does not watch), then moved


def account_cell(folder, number: int) -> str:
    sheet = openpyxl.load_workbook(folder / "indata.xlsx", read_only=True)["Saldobalans"]
    row = next(i for i, r in enumerate(sheet.iter_rows(values_only=True), start=1) if r[0] == number)
    return f"C{row}"


def axe(page) -> list:
    """axe-core's WCAG 2.1 AA violations on granska's page (the report inside is tested on its own)."""
    if not page.evaluate("() => !!window.axe"):
        page.evaluate(require_file(AXE).read_text(encoding="utf-8"))
    return page.evaluate(
        "tags => axe.run({exclude: [['iframe']]}, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))",
        WCAG_TAGS)


def in_view(place) -> bool:
    return place is not None and place["marked"] and 0 <= place["top"] < place["height"]


@pytest.fixture(scope="module")
def server(tmp_path_factory, example_build):
    """granska on a copy of the example, started after the shared example build: it runs with the test
    run's cache (a module fixture's), so it finds the example's charts, font subsets and compiled
    templates there instead of making them a second time beside that build."""
    running = granska_server.start(tmp_path_factory.mktemp("granska-browser"))
    yield running
    running.stop()


def test_the_workbench_in_chromium(server):
    summary = CliRunner().invoke(cli, ["kontrollera", str(server.folder)]).output
    counts = re.search(r"Sammanfattning: (\d+) fel, (\d+) varning(?:ar)?, (\d+) info", summary).groups()
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(server.address)
        assert page.url == server.address  # the token is the first segment of the path, no cookie
        wait_in_report(page, "Förvaltningsberättelse")
        page.wait_for_selector("#summering")

        # The summary counts what kontrollera counts; the findings grouped as in kontrollera.
        shown = [page.locator(f"#summering .antal-{level}").inner_text().split()[0] for level in ("fel", "varning", "info")]
        assert shown == list(counts), (shown, summary)
        assert page.locator("#panel .niva-varning h2").inner_text().startswith("Varningar (")
        assert page.locator('#panel li[data-id="INS-PROJEKTMEDEL"] > .fynd-kropp .plats').inner_text() == "indata.xlsx › Förbund › B12"
        # BR-BALANS 2015 follows from SB-BALANS: nested under it
        assert page.locator('#panel li[data-id="SB-BALANS"] .foljder li[data-id="BR-BALANS"]').count() == 1

        # Filtering to one level shows only those; to one sheet likewise.
        page.click('.filter-niva[data-niva="info"]')
        levels = page.eval_on_selector_all(".fynd-rad:not(.dold-fynd) > .fynd-kropp", "els => els.map(e => e.parentElement.dataset.niva)")
        assert levels == ["info"] * int(counts[2])
        page.click('.filter-niva[data-niva=""]')
        page.select_option("#filter-plats", "Insatser")
        assert set(page.eval_on_selector_all(".fynd-rad:not(.dold-fynd)", "els => els.map(e => e.dataset.blad)")) == {"Insatser"}
        page.select_option("#filter-plats", "")

        # A finding's link scrolls the report to where its figure stands and marks it.
        page.click('#panel li[data-id="RR-INTAKTER"] .till-rapport[data-anchor="resultatrakning"]')
        assert in_view(page.evaluate(IN_REPORT, "#resultatrakning"))
        # The keyboard: next finding, Enter to the report, m for the markers.
        page.locator("#panel").focus()
        page.keyboard.press("j")
        first = page.evaluate("() => document.activeElement.parentElement.dataset.key")
        page.keyboard.press("k")
        assert page.evaluate("() => document.activeElement.parentElement.dataset.key") != first
        page.keyboard.press("j")
        assert page.evaluate("() => document.activeElement.parentElement.dataset.key") == first
        page.keyboard.press("s")  # seen: dimmed, and hidden on demand
        assert page.locator(f'li.sedd[data-key="{first}"]').count() == 1
        page.click("#dolj-sedda")
        assert page.locator(f'li.dold-fynd[data-key="{first}"]').count() == 1
        page.click("#dolj-sedda")
        page.keyboard.press("m")
        markers = page.evaluate("() => document.querySelector('iframe.aktuell').contentDocument.querySelectorAll('[data-granska-markor]').length")
        assert markers >= 3
        assert page.get_attribute("#markorer", "aria-pressed") == "true"
        page.keyboard.press("m")

        assert axe(page) == []  # granska's own page: no WCAG 2.1 AA violation

        # A changed sentence in a text: shown without a reload, at the same scroll position.
        page.evaluate("() => { window.sammaSida = true; document.querySelector('iframe.aktuell').contentWindow.scrollTo(0, 2000); }")
        text = server.folder / "texter" / "uppdraget.md"
        text.write_text(text.read_text(encoding="utf-8") + "\nStyrelsen prövade förhandsvisningen i december.\n",
                        encoding="utf-8")
        wait_in_report(page, "Styrelsen prövade förhandsvisningen i december.")
        assert page.evaluate("() => window.sammaSida") is True  # no reload of the page
        assert page.evaluate("() => document.querySelector('iframe.aktuell').contentWindow.scrollY") == 2000

        # An amount: 1 000 kr more on Projektmedel (4510), paid from the bank (1930). The change list
        # shows årets resultat before and after; a click shows the figure in the report.
        edit(server.folder, {("Saldobalans", account_cell(server.folder, 4510)): lambda v: v + 1000,
                             ("Saldobalans", account_cell(server.folder, 1930)): lambda v: v - 1000})
        wait_in_report(page, "−33\u202f323")
        row = page.locator('details.andring[open] tr:has(button[data-anchor="resultatrakning"][data-row="Årets resultat"])')
        assert row.locator(".fore").inner_text() == "−32\u202f323"
        assert row.locator(".efter").inner_text().startswith("−33\u202f323")
        row.locator("button").click()
        # The report may be replaced meanwhile (the quick version, then the one with its charts): the
        # shown figure stays marked in the new version, at the kept scroll position.
        page.wait_for_function(
            f"() => {{ const p = ({IN_REPORT})('#resultatrakning [data-granska-markerad=\"ja\"]');"
            " return p && p.marked && p.top >= 0 && p.top < p.height && p.text.includes('−33\u202f323'); }",
            timeout=WAIT)
        assert page.evaluate("() => window.sammaSida") is True
        assert axe(page) == []  # with the change list open

        # A broken cell: its fel with the cell, the last correct report kept and said so, no key figures.
        edit(server.folder, {("Insatser", "G2"): "ca 5000"})
        page.wait_for_selector('#panel .niva-fel li[data-blad="Insatser"][data-cell="G2"]', timeout=WAIT)
        assert "Uppdaterad" not in page.locator("#status").inner_text()
        page.wait_for_function("() => document.getElementById('summering').textContent.includes('nya sedan förra sparningen')",
                               timeout=WAIT)
        assert page.locator('#panel li[data-id="CELL-TAL"][data-blad="Insatser"][data-cell="G2"] > .fynd-kropp .ny').count() == 1
        assert page.locator("#rapport-banner").is_visible()
        assert "Senaste felfria version" in page.locator("#rapport-banner").inner_text()
        assert page.locator("#panel .nyckeltal table").count() == 0
        assert "Traceback" not in page.locator("#panel").inner_text()
        assert "−33\u202f323" in report_text(page)
        before = page.evaluate("() => document.body.dataset.rapport")
        edit(server.folder, {("Insatser", "G2"): 645276})
        page.wait_for_selector("#panel .niva-fel", state="detached", timeout=WAIT)
        page.wait_for_function("v => document.body.dataset.rapport !== v", arg=before, timeout=WAIT)
        place = page.evaluate(IN_REPORT, "#resultatrakning [data-granska-markerad=\"ja\"]")
        assert place is not None and "−33\u202f323" in place["text"], place  # still marked in the new version
        assert not page.locator("#rapport-banner").is_visible()
        assert page.locator("#panel .nyckeltal table .kopiera").count() > 10
        assert page.evaluate("() => window.sammaSida") is True

        # The Bygg button writes every output, shown as links; the output can be closed.
        page.click("#bygg-knapp")
        page.wait_for_selector('#bygg-status[data-klar="ja"]', timeout=240_000)
        status = page.locator("#bygg-status").inner_text()
        assert "Klart: 7 filer" in status and "Skapar PDF" in status, status
        assert sorted(p.name for p in server.out.iterdir()) == sorted([
            "arsredovisning-2016.pdf", "arsredovisning-2016.html", "arsredovisning-2016.json",
            "arsredovisning-2016-underlag.xlsx", "kontrollrapport-2016.pdf", "kontrollrapport-2016.html",
            "arsredovisning-2016-manifest.json", "bygglogg.txt"])
        link = page.locator('#bygg-status a:text("arsredovisning-2016.json")')
        assert json.loads(page.request.get(server.address + link.get_attribute("href")).text())["forbund"]["rakenskapsar"] == 2016
        page.click("#bygg-stang")
        assert not page.locator("#bygg-status").is_visible()

        # The server stops: the button says so. Started again on the same årsmapp: same address, and
        # the open tab reconnects by itself.
        assert server.stop() == 0
        log = "".join(server.stderr)
        assert "Traceback" not in log and "Förhandsvisningen avslutad." in log, log
        page.wait_for_function("() => document.getElementById('bygg-knapp').textContent.includes('ingen kontakt')", timeout=WAIT)
        again = granska_server.restart(server)
        try:
            assert again.address == server.address
            page.wait_for_function("() => document.getElementById('status').textContent.startsWith('Uppdaterad')", timeout=WAIT)
            assert page.locator("#bygg-knapp").inner_text() == "Bygg PDF och alla filer"
            assert page.evaluate("() => window.sammaSida") is True
        finally:
            assert again.stop() == 0
