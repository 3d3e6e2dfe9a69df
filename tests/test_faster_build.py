"""The faster bygg writes the same bytes: the charts from their cache equal the drawn ones (and a
hit needs no matplotlib), and the underlag made beside the report's layout and writing are used
only when they were made from exactly the build's findings."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from arsredovisning import build
from arsredovisning.background import Background
from arsredovisning.build import prepare_underlag, run_build, write_underlag
from arsredovisning.findings import warning
from arsredovisning.load.stamp import stamp
from arsredovisning.pipeline import run_checks
from arsredovisning.render import chart_cache, charts
from tests.conftest import EXAMPLE, ROOT, _link_entries, run_folder
from tests.golden.outputs import ADALEN, CASES, GOLDEN_ENV


def test_cached_charts_equal_the_drawn_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("ARSREDOVISNING_CACHE", str(tmp_path))
    monkeypatch.setattr(chart_cache, "_memory", {})
    tables = run_checks(EXAMPLE).report.appendix
    drawn = charts.appendix_charts(tables)
    first = chart_cache.appendix_charts(tables)  # a miss: drawn and stored
    assert len(list(tmp_path.glob("diagram-*.json"))) == 1
    chart_cache._memory.clear()
    second = chart_cache.appendix_charts(tables)  # a hit, from the file
    assert first == drawn and second == drawn


def test_the_key_is_the_full_chart_input():
    tables = run_checks(EXAMPLE).report.appendix
    t3 = tables.t3
    row = t3.rows[0]
    changed_row = dataclasses.replace(row, label=row.label + " ")
    changed = dataclasses.replace(tables, t3=dataclasses.replace(t3, rows=(changed_row, *t3.rows[1:])))
    assert chart_cache.chart_key("appendix_charts", tables) == chart_cache.chart_key("appendix_charts", tables)
    assert chart_cache.chart_key("appendix_charts", tables) != chart_cache.chart_key("appendix_charts", changed)


STAGES = ("Skriver JSON-export", "Skriver revisionsunderlag", "Skapar kontrollrapport")


def build_result():
    """Ådalen's checks and stamp: its kontrollrapport is shorter than the example's (the underlag are
    made twice in the test below)."""
    result = run_checks(ADALEN)
    return result, stamp(ADALEN)


def test_underlag_made_beside_the_layout_are_the_same_bytes(tmp_path):
    result, st = build_result()
    sequential = tmp_path / "sekventiellt"
    write_underlag(result, st, sequential)
    result, st = build_result()
    beside = tmp_path / "parallellt"
    prepared = prepare_underlag(result, st, beside, None, list(result.findings), lambda: ({}, list(result.findings)))
    assert sorted(prepared) == sorted(STAGES)
    write_underlag(result, st, beside, prepared=prepared)
    names = sorted(p.name for p in sequential.iterdir())
    assert len(names) == 4
    for name in names:
        assert (beside / name).read_bytes() == (sequential / name).read_bytes(), name


def test_underlag_made_from_other_findings_are_made_again(tmp_path):
    result, st = build_result()
    stale = [warning("RENDER-URL-NEKAD", "något annat")]
    prepared = {stage: (stale, [(tmp_path / p, b"fel") for p in ("a", "b")], [], 0.0) for stage in STAGES}
    write_underlag(result, st, tmp_path, prepared=prepared)
    assert not (tmp_path / "a").exists()
    exported = json.loads((tmp_path / "arsredovisning-2016.json").read_text(encoding="utf-8"))
    assert exported["fynd"] and all(f["meddelande"] != "något annat" for f in exported["fynd"])


def test_a_childs_temporary_files_are_removed(tmp_path, monkeypatch):
    """The child leaves with os._exit, so finalizers (WeasyPrint removing its font folders) do not
    run there: its temporary files go into a folder of its own that is removed."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    made = Background(lambda receive: tempfile.mkdtemp(prefix="weasyprint-")).result()
    assert made is not None and Path(made).parent.parent == tmp_path
    ready_read, ready_write = os.pipe()

    def make_then_wait(receive):
        tempfile.mkdtemp()
        os.write(ready_write, b"x")  # the folder is made
        return receive()  # waits until it is stopped

    stopped = Background(make_then_wait)
    os.close(ready_write)
    assert os.read(ready_read, 1) == b"x"
    os.close(ready_read)
    stopped.cancel()
    assert list(tmp_path.iterdir()) == []


def test_a_child_receives_a_later_value_or_its_end():
    def later(receive):
        try:
            return ("fick", receive())
        except EOFError:
            return ("inget", None)

    sent = Background(later)
    waiting = Background(later)  # forked after the first: must not keep the first one's inbox open
    sent.send(list(range(100_000)))  # more than a pipe holds
    assert sent.result() == ("fick", list(range(100_000)))
    assert waiting.result() == ("inget", None)  # result() without send(): the child sees the end
    # A child that never receives, with a large value of its own: send() does not wait for it
    # (whether the child has left by then or not).
    ignoring = Background(lambda receive: b"x" * 1_000_000)
    ignoring.send(b"y" * 1_000_000)
    assert ignoring.result() == b"x" * 1_000_000


def test_a_changed_table_redraws_only_its_chart(monkeypatch):
    tables = run_checks(EXAMPLE).report.appendix
    charts.appendix_charts(tables)
    drawn = []
    original = charts._figure
    monkeypatch.setattr(charts, "_figure", lambda n, *layout: drawn.append(n) or original(n, *layout))
    t3 = tables.t3
    row = t3.rows[0]
    changed = dataclasses.replace(tables, t3=dataclasses.replace(t3, rows=(dataclasses.replace(row, label="Ny"), *t3.rows[1:])))
    again = charts.appendix_charts(changed)
    assert len(drawn) == 2  # only the budget chart of Tabell 3, page-wide and narrow
    assert [c.key for c in again] == [c.key for c in charts.appendix_charts(tables)]


# The disk caches seen from a fresh process, as bygg and granska start: the shared example build
# (tests/conftest.py), a fresh ``bygg`` process, filled the run's cache; a second process with a copy
# of that cache must find everything there ("hit": compiling a template, making a font subset or
# importing matplotlib to draw a chart fails it) and still make bygg's HTML byte for byte (its charts
# and Inter subsets inlined). A damaged entry: test_a_damaged_compiled_template_is_compiled_again.
HIT = """
import json, sys
from pathlib import Path
import jinja2
from arsredovisning.build import BuildOptions
from arsredovisning.render import webfonts
def refuse(*args, **kw): raise AssertionError("compiled again")
jinja2.Environment.compile = refuse
def refuse_subset(*args): raise AssertionError("subset made again")
webfonts._make_subset = refuse_subset
from tests.builders import report_files
made = report_files(Path(sys.argv[1]), BuildOptions())
print(json.dumps({"matplotlib": "matplotlib" in sys.modules, "html": made.html}))
"""


@pytest.fixture(scope="module")
def cached_runs(example_build, tmp_path_factory) -> dict:
    """The hit process on a copy (hard links) of the cache the example's bygg filled."""
    cache = tmp_path_factory.mktemp("cache")
    _link_entries(run_folder(tmp_path_factory) / "cache", cache)
    assert CASES["exempel-2016"].options == ()
    env = {**GOLDEN_ENV, "ARSREDOVISNING_CACHE": str(cache), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", HIT, str(EXAMPLE)], capture_output=True, text=True, cwd=ROOT, env=env)
    assert proc.returncode == 0, proc.stderr
    return {"hit": json.loads(proc.stdout), "bygg": (example_build / "arsredovisning-2016.html").read_text(encoding="utf-8"),
            "templates": len(list(cache.glob("mall-*.jinja"))), "subsets": len(list(cache.glob("inter-*.woff2")))}


def test_a_cache_hit_does_not_import_matplotlib(cached_runs):
    """The charts come from the cache: the hit's report with its charts is bygg's, without matplotlib."""
    assert "<svg" in cached_runs["hit"]["html"] and cached_runs["hit"]["html"] == cached_runs["bygg"]
    assert cached_runs["hit"]["matplotlib"] is False


def test_a_font_subset_comes_from_the_disk_cache(cached_runs):
    """The Inter subsets of the web report: a second process reads them from the cache (the same
    bytes, inlined in bygg's HTML) and does not subset again."""
    assert "@font-face" in cached_runs["hit"]["html"] and cached_runs["hit"]["html"] == cached_runs["bygg"]
    assert cached_runs["subsets"] >= 4  # regular, italic, semibold, bold


def test_compiled_templates_come_from_the_disk_cache(cached_runs):
    """A second process renders the report's HTML from the compiled templates on disk (bygg's HTML,
    nothing compiled)."""
    assert cached_runs["templates"] > 10
    assert cached_runs["hit"]["html"] == cached_runs["bygg"]


def test_a_damaged_compiled_template_is_compiled_again(tmp_path, monkeypatch):
    """Every compiled template on disk cut short (a process killed while writing, a full disk): a
    new environment, as in a new process, compiles each again, to the same code, and stores it whole."""
    from arsredovisning.render.assets import Assets
    from arsredovisning.render.environment import make_environment

    monkeypatch.setenv("ARSREDOVISNING_CACHE", str(tmp_path))
    assets = Assets.create(None)
    names = [n for n in make_environment.__wrapped__(assets).list_templates() if n.endswith(".j2")]

    def compiled() -> dict:
        env = make_environment.__wrapped__(assets)  # not the process's kept one: nothing in memory
        return {n: env.get_template(n).root_render_func.__code__.co_code for n in names}

    first = compiled()
    entries = list(tmp_path.glob("mall-*.jinja"))
    assert len(entries) == len(names) > 10
    whole = {e.name: e.read_bytes() for e in entries}
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:40])
    assert compiled() == first
    assert {e.name: e.read_bytes() for e in tmp_path.glob("mall-*.jinja")} == whole


def test_a_build_that_stops_during_the_layout_stops_its_child(tmp_path, monkeypatch):
    children = []

    class Recorded(Background):
        def __init__(self, fn):
            super().__init__(fn)
            children.append(self)

    def interrupted(result, out, *, before_layout, **kw):
        before_layout(list(result.findings))
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "Background", Recorded)
    monkeypatch.setattr(build, "build_outputs", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_build(EXAMPLE, tmp_path)
    assert len(children) == 1 and children[0]._pid is None  # killed and reaped, not waiting for pages
    assert not tmp_path.exists() or not any(tmp_path.iterdir())


def test_send_does_not_wait_for_a_busy_child():
    """The page map is sent while the child may still make the revision workbook: the pipe holds it.
    The child stays busy until the parent has sent (a gate the parent opens only after send()
    returned), so a send() that waited for the child would never return; the send runs in a thread
    started after the fork, and the gate is opened either way, so a failure cannot hang."""
    gate_read, gate_write = os.pipe()

    def busy(receive):
        os.read(gate_read, 1)  # busy until the parent opens the gate
        return len(receive())

    child = Background(busy)
    assert child._pid is not None  # forked (no thread yet)
    returned = threading.Event()
    sender = threading.Thread(target=lambda: (child.send(b"z" * 500_000), returned.set()))
    sender.start()
    sent_while_busy = returned.wait(timeout=120)  # a guard against hanging, not a timing
    os.write(gate_write, b"x")
    sender.join()
    os.close(gate_read)
    os.close(gate_write)
    assert sent_while_busy, "send() waited for the busy child"
    assert child.result() == 500_000
