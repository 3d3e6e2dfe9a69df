"""A preview turn never raises: a broken workbook gives its findings, a bug becomes GRANSKA-INTERNT,
and the last good report stays. A repeated load re-reads only the file that changed."""

from __future__ import annotations

import os
import shutil

import pytest

from arsredovisning.findings import Level
from arsredovisning.load import InputCache, load_annual_input
from arsredovisning.preview import session as session_module
from arsredovisning.preview.session import PreviewSession
from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    copy = tmp_path_factory.mktemp("session") / "2016"
    shutil.copytree(EXAMPLE, copy)
    return copy


def bump(path):
    """A save: new content and a later modification time."""
    path.write_bytes(path.read_bytes() + b"\n")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))


def test_a_repeated_load_reads_only_what_changed(folder):
    cache = InputCache()
    first, _ = load_annual_input(folder, cache)
    assert any(r.startswith("arbetsbok:") for r in cache.reads)
    cache.reads.clear()
    again, _ = load_annual_input(folder, cache)
    assert cache.reads == [] and again == first
    bump(folder / "texter" / "uppdraget.md")
    load_annual_input(folder, cache)
    assert cache.reads == [f"text:{folder / 'texter' / 'uppdraget.md'}"]


def test_a_broken_workbook_gives_findings_and_keeps_the_last_report(folder, tmp_path):
    broken = tmp_path / "2016"
    shutil.copytree(folder, broken)
    session = PreviewSession(broken)
    good = session.refresh()
    assert good.report_current and "<html" in good.report_html
    (broken / "indata.xlsx").write_bytes(b"inte en arbetsbok")
    bad = session.refresh()
    assert [f.id for f in bad.findings if f.level is Level.ERROR] == ["FIL-INTE-XLSX"]
    assert bad.report_html == good.report_html and not bad.report_current
    assert bad.version == good.version + 1 and bad.report_version == good.version


@pytest.fixture
def nothing_drawn(tmp_path, monkeypatch) -> None:
    """An empty chart cache and nothing remembered by earlier tests in this process: every chart
    this test needs is drawn in it."""
    from arsredovisning.render import chart_cache, chart_memo

    monkeypatch.setenv("ARSREDOVISNING_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(chart_cache, "_memory", {})
    monkeypatch.setattr(chart_memo, "_drawn", {})


def test_a_quick_turn_leaves_out_the_phone_charts_and_the_complete_turn_is_byggs_html(folder, nothing_drawn, monkeypatch):
    """What the page shows first after a save, and then: the complete turn draws only the phone
    drawings (the page-wide ones are the quick turn's) and its report is the complete HTML."""
    from arsredovisning.pipeline import run_checks
    from arsredovisning.render import charts, render_html

    session = PreviewSession(folder)
    quick = session.refresh(quick=True)
    assert quick.report_current and not quick.complete
    assert 'class="chart-narrow"' not in quick.report_html and 'id="diagram-konsfordelning"' in quick.report_html
    widths = []
    original = charts._figure
    monkeypatch.setattr(charts, "_figure", lambda n, layout=charts.WIDE, *extra: widths.append(layout.width_in) or original(n, layout, *extra))
    complete = session.refresh()
    assert complete.complete and complete.report_html.count('class="chart-narrow"') == 4
    assert widths == [charts.NARROW_IN] * 4  # the four phone drawings, nothing drawn twice
    # the HTML of one complete rendering (bygg's, but for its links to the files only bygg writes)
    assert complete.report_html == render_html(run_checks(folder)).standalone()


def test_a_quick_turn_with_every_phone_drawing_in_the_cache_is_complete_at_once(folder, nothing_drawn, tmp_path, monkeypatch):
    """A save that changes no chart (a text): the quick turn finds every phone drawing in the chart
    cache, so its report is already bygg's HTML and no complete turn needs to follow; nothing is drawn."""
    from arsredovisning.pipeline import run_checks
    from arsredovisning.render import chart_memo, charts, render_html

    copy = tmp_path / "2016"
    shutil.copytree(folder, copy)
    session = PreviewSession(copy)
    assert not session.refresh(quick=True).complete  # an empty cache: the phone drawings are left out
    assert session.refresh().complete  # and drawn by the complete turn
    text = copy / "texter" / "uppdraget.md"
    text.write_text(text.read_text(encoding="utf-8") + "\nEn mening till.\n", encoding="utf-8")
    bump(text)
    monkeypatch.setattr(chart_memo, "_drawn", {})  # whatever is not on disk now would have to be drawn
    monkeypatch.setattr(charts, "_figure", lambda *args, **kw: pytest.fail("a chart was drawn"))
    quick = session.refresh(quick=True)
    assert quick.report_current and quick.complete and "En mening till." in quick.report_html.replace("\u00a0", " ")
    assert quick.report_html.count('class="chart-narrow"') == 4
    assert quick.report_html == render_html(run_checks(copy)).standalone()


def test_a_bug_becomes_a_finding_not_a_crash(folder, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("trasig")

    monkeypatch.setattr(session_module, "run_checks", boom)
    snapshot = PreviewSession(folder).refresh()
    assert [f.id for f in snapshot.findings] == ["GRANSKA-INTERNT"]
    assert "RuntimeError: trasig" in snapshot.findings[0].message
    assert snapshot.report_html is None


def test_the_panel_shows_a_consequence_under_its_cause(folder):
    """As in kontrollera: the example's BR-BALANS 2015 follows from SB-BALANS (1 kr in Föregående år)."""
    import asyncio

    preview = asyncio.run(_preview(folder))  # asyncio.Event needs a loop on older Pythons
    preview.session.refresh()
    html = preview.panel()
    assert "↳ följer av SB-BALANS (Föregående år)" in html
    assert html.index("[SB-BALANS]") < html.index("[BR-BALANS]")


async def _preview(folder):
    from arsredovisning.preview.app import Preview

    return Preview(folder, folder.parent / "ut")


def test_each_save_lists_what_changed_with_its_place_in_the_report(folder, tmp_path):
    """1 000 kr more on Projektmedel (4510), paid from the bank (1930): the turn's change lists årets
    resultat before and after (compare's engine), with the row and year it stands at; a broken cell
    is not compared (its fel are new findings), and once fixed the figures are compared with the
    last correct version. The findings' places are the anchors the kontrollrapport cites."""
    import openpyxl

    from arsredovisning.preview.places import Place

    copy = tmp_path / "2016"
    shutil.copytree(folder, copy)
    session = PreviewSession(copy)
    first = session.refresh(quick=True)
    assert first.changes == ()
    assert first.places["RR-INTAKTER/2016"] == (Place("resultatrakning"), Place("not-1"), Place("finansiell-oversikt"))
    assert Place("bilaga1-pa-vag-sydnarke") in first.places["INS-BAKGRUND-EJ-REDOVISAD/Bakgrund!A3"]

    def save(changes):
        book = openpyxl.load_workbook(copy / "indata.xlsx")
        rows = {r[0].value: r[0].row for r in book["Saldobalans"].iter_rows(min_row=2)}
        for (sheet, cell), value in changes.items():
            cell = cell if isinstance(cell, str) else f"C{rows[cell]}"
            old = book[sheet][cell].value
            book[sheet][cell] = value(old) if callable(value) else value
        book.save(copy / "indata.xlsx")

    save({("Saldobalans", 4510): lambda v: v + 1000, ("Saldobalans", 1930): lambda v: v - 1000})
    amount = session.refresh(quick=True)
    change = amount.changes[0]
    result = next(f for f in change.figures if f.section == "Resultaträkning" and f.line == "Årets resultat, 2016")
    assert (result.before, result.after, result.difference) == ("−32\u202f323", "−33\u202f323", "−1\u202f000")
    assert result.place == Place("resultatrakning", "Årets resultat", "2016")
    note = next(f for f in change.figures if f.section.startswith("Not 2") and f.line == "Projektmedel, 2016")
    assert note.place == Place("not-2", "Projektmedel", "2016")
    assert not any(f.section.startswith("Avstämning") for f in change.figures)

    save({("Insatser", "G2"): "ca 5000"})
    broken = session.refresh(quick=True)
    assert broken.changes[0].figures == () and "talen jämförs igen" in broken.changes[0].note
    assert any(f.kind == "ny" and f.id == "CELL-TAL" for f in broken.changes[0].findings)
    assert "CELL-TAL/Insatser!G2" in broken.new_keys
    save({("Insatser", "G2"): 645277})  # fixed, one krona more than before
    fixed = session.refresh(quick=True)
    actual = next(f for f in fixed.changes[0].figures if f.line == "Mottagningsteam Sydnärke, utfall")
    assert (actual.before, actual.after) == ("645\u202f276", "645\u202f277")  # against the last correct version
    assert actual.place == Place("bilaga1-mottagningsteam-sydnarke")
    assert any(f.kind == "borta" and f.id == "CELL-TAL" for f in fixed.changes[0].findings)
    assert [c.number for c in fixed.changes] == [fixed.version, broken.version, amount.version]  # newest first


def test_a_finding_on_a_saldobalans_row_points_to_its_statement_row_and_note(folder):
    """Konto 1930's row in Saldobalans: printed in the balansräkning on "Kassa och bank", and in Not 6."""
    import openpyxl

    from arsredovisning.findings import Location, warning
    from arsredovisning.pipeline import run_checks
    from arsredovisning.preview.places import Place, finding_places

    sheet = openpyxl.load_workbook(folder / "indata.xlsx", read_only=True)["Saldobalans"]
    row = next(i for i, r in enumerate(sheet.iter_rows(values_only=True), start=1) if r[0] == 1930)
    finding = warning("BUDGET-TECKEN", "…", Location("indata.xlsx", "Saldobalans", f"E{row}"))
    report = run_checks(folder).report
    places = finding_places(report, [finding], frozenset({"balansrakning", "not-6"}))
    assert places[finding.key] == (Place("balansrakning", "Kassa och bank"), Place("not-6"))
    assert finding_places(report, [finding], frozenset({"resultatrakning"})) == {}  # only anchors the report has


def test_the_panel_lists_at_most_fifty_findings_of_a_kind_as_the_kontrollrapport(folder):
    """120 rows of Saldobalans with the same warning and two of another kind: the panel lists 50 of
    the first kind and ends the level with "… och 70 till av samma slag", filtered as its kind (its
    level and sheet), while the level's heading counts all 122 (issue 25)."""
    import asyncio

    from arsredovisning.findings import LISTED_PER_KIND, Location, warning
    from arsredovisning.preview.session import Snapshot

    assert LISTED_PER_KIND == 50
    many = [warning("SB-KONTO-OKANT", f"Kontot {3000 + n} finns inte i kontoplanen.", Location("indata.xlsx", "Saldobalans", f"A{n + 2}"))
            for n in range(120)]
    other = [warning("SB-NAMN", f"Benämning {n} saknas.", Location("indata.xlsx", "Saldobalans", f"B{n + 2}")) for n in range(2)]
    preview = asyncio.run(_preview(folder))
    preview.session.snapshot = Snapshot(version=1, findings=tuple(many + other), key_figures=(), report_version=1,
                                        report_html=None, seconds=0.0)
    html = preview.panel()
    assert html.count('class="fynd-rad') == 52 and "Kontot 3049 " in html and "Kontot 3050 " not in html
    assert html.count('class="fynd-mer"') == 1
    assert ('<li class="fynd-mer" data-id="SB-KONTO-OKANT" data-niva="varning" data-plats="Saldobalans">'
            '<span class="id">[SB-KONTO-OKANT]</span> … och 70 till av samma slag') in html
    assert "Varningar (122)" in html
