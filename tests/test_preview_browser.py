"""granska in a real headless Chromium, on a copy of the example: the findings and the report
appear; a changed sentence in a text and a changed amount in the workbook show up without a reload
(and the report keeps its scroll position); a workbook made invalid shows its fel with the cell;
the Bygg button writes the PDF; Ctrl-C stops the server cleanly."""

from __future__ import annotations

import openpyxl
import pytest

from tests import granska_server
from tests.browser import chromium

pytestmark = pytest.mark.browser

WAIT = 60_000  # ms; the machine is shared, the first turn imports and draws everything


def report_text(page) -> str:
    return page.evaluate("() => document.querySelector('iframe.aktuell').contentDocument.body.innerText")


def wait_in_report(page, text: str) -> None:
    page.wait_for_function(
        "t => { const f = document.querySelector('iframe.aktuell');"
        " return f && f.contentDocument && f.contentDocument.body && f.contentDocument.body.innerText.includes(t); }",
        arg=text, timeout=WAIT)


def set_cell(folder, sheet: str, cell: str, value) -> None:
    book = openpyxl.load_workbook(folder / "indata.xlsx")
    book[sheet][cell] = value
    book.save(folder / "indata.xlsx")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = granska_server.start(tmp_path_factory.mktemp("granska-browser"))
    yield running
    running.stop()


def test_live_preview_in_chromium(server):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(server.address)
        assert "token" not in page.url  # the token went into a cookie
        # The findings, grouped as in kontrollera, with sheet and cell; the key figures; the report.
        page.wait_for_selector("#panel .niva-varning", timeout=WAIT)
        assert page.locator("#panel .niva-varning h2").inner_text().startswith("Varningar (")
        assert page.locator('#panel li[data-id="INS-PROJEKTMEDEL"] .plats').inner_text() == "indata.xlsx › Förbund › B12"
        assert page.locator("#panel .nyckeltal").count() == 1
        wait_in_report(page, "Förvaltningsberättelse")
        page.evaluate("() => document.querySelector('iframe.aktuell').contentWindow.scrollTo(0, 2000)")

        # A changed sentence in a text: shown without a reload, at the same scroll position.
        page.evaluate("() => { window.sammaSida = true; }")
        text = server.folder / "texter" / "uppdraget.md"
        text.write_text(text.read_text(encoding="utf-8") + "\nStyrelsen prövade förhandsvisningen i december.\n",
                        encoding="utf-8")
        wait_in_report(page, "Styrelsen prövade förhandsvisningen i december.")
        assert page.evaluate("() => window.sammaSida") is True  # no reload of the page
        assert page.evaluate("() => document.querySelector('iframe.aktuell').contentWindow.scrollY") == 2000

        # A changed amount in the workbook (Insatser › Budget of Mottagningsteam Sydnärke).
        set_cell(server.folder, "Insatser", "F2", 712345)
        wait_in_report(page, "712\u202f345")
        assert page.evaluate("() => window.sammaSida") is True

        # The Bygg button writes the PDF and every output, with its progress shown.
        page.click("#bygg-knapp")
        page.wait_for_selector('#bygg-status[data-klar="ja"]', timeout=240_000)
        status = page.locator("#bygg-status").inner_text()
        assert "Klart: 6 filer" in status, status
        assert "Skapar PDF" in status
        assert (server.out / "arsredovisning-2016.pdf").read_bytes().startswith(b"%PDF")
        assert sorted(p.name for p in server.out.iterdir()) == sorted([
            "arsredovisning-2016.pdf", "arsredovisning-2016.html", "arsredovisning-2016.json",
            "arsredovisning-2016-underlag.xlsx", "kontrollrapport-2016.pdf", "kontrollrapport-2016.html"])

        # An invalid workbook: its fel with the cell, the last good report kept, the server running.
        set_cell(server.folder, "Insatser", "G2", "ca 5000")
        page.wait_for_selector('#panel .niva-fel li[data-blad="Insatser"][data-cell="G2"]', timeout=WAIT)
        assert "Fel (" in page.locator("#panel .niva-fel h2").inner_text()
        assert page.locator("#panel .gammal").count() == 1
        assert "Traceback" not in page.locator("#panel").inner_text()
        assert "712\u202f345" in report_text(page)
        set_cell(server.folder, "Insatser", "G2", 645276)
        page.wait_for_selector("#panel .niva-fel", state="detached", timeout=WAIT)
        assert page.evaluate("() => window.sammaSida") is True

    assert server.stop() == 0
    log = "".join(server.stderr)
    assert "Traceback" not in log and "Förhandsvisningen avslutad." in log, log
