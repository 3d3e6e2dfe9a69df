"""Benchmark: ``bygg`` (all six outputs) against WeasyPrint alone laying out and writing the same
tagged report HTML, the code before this branch side by side, and the preview's latency.

    .venv/bin/python bench/run.py            # prints Markdown; --skriv also puts it first in RESULTS.md

Every figure is the median of ``--gånger`` fresh processes. The cases run interleaved in one run
(bygg, bygg before, WeasyPrint alone, bygg, …), so load from other work on the machine hits them
alike. Package imports are outside each timing (the same for every case) and shown apart. Before
the timed runs, each case runs once untimed: it leaves the chart cache as a repeated build finds it
(a cold cache is shown apart). ``--fore REF`` (default: where this branch left main) is exported
with ``git archive`` into a temporary folder and run from there. The preview's latency is measured
in headless Chromium: from a saved text or workbook to its new content shown in the page.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
import arsredovisning.render as render
from arsredovisning.build import run_build
from arsredovisning.findings import Level
imports = time.perf_counter() - t0
captured = {}
original = render.write_pdf_bytes  # the name the report's rendering calls
def capture(html, assets, policy, *args, **kw):
    if "html" not in captured:  # the report; a later call is the kontrollrapport
        captured["html"], captured["base"] = html, assets.base.as_uri() + "/"
    return original(html, assets, policy, *args, **kw)
render.write_pdf_bytes = capture
stages = {}
t1 = time.perf_counter()
result = run_build(Path(sys.argv[1]), Path(sys.argv[2]), progress=lambda s, sec: stages.__setitem__(s, sec))
bygg = time.perf_counter() - t1
if len(sys.argv) > 3:
    Path(sys.argv[3]).write_text(json.dumps(captured), encoding="utf-8")
print(json.dumps({"imports": imports, "seconds": bygg, "stages": stages, "files": len(result.written),
                  "module": render.__file__, "matplotlib": "matplotlib" in sys.modules,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "errors": sum(1 for f in result.findings if f.level is Level.ERROR)}))
"""

ALONE = r"""
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from weasyprint import HTML
import arsredovisning.render.pdf as pdfmod
imports = time.perf_counter() - t0
captured = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
t1 = time.perf_counter()
document = HTML(string=captured["html"], base_url=captured["base"]).render()
Path(sys.argv[2]).write_bytes(document.write_pdf(**pdfmod.PDF_OPTIONS))  # same options: tagged PDF/UA-1
seconds = time.perf_counter() - t1
print(json.dumps({"imports": imports, "seconds": seconds, "pages": len(document.pages), "stages": {},
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

STAGES = ("Läser arbetsbok och texter", "Beräknar och stämmer av", "Förbereder innehåll", "Skapar HTML", "Skapar PDF",
          "Skriver filer", "Skriver JSON-export", "Skriver revisionsunderlag", "Skapar kontrollrapport")


def run_child(script: str, args: list[str], code: Path, env: dict) -> dict:
    proc = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=code, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"Mätningen misslyckades:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def export(ref: str, into: Path) -> Path:
    """The package as of ``ref`` (git archive: no checkout, no worktree)."""
    data = subprocess.run(["git", "archive", "--format=tar", ref, "arsredovisning", "templates"], cwd=ROOT,
                          capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def measure_builds(folder: Path, runs: int, before: Path | None, tmp: Path) -> dict:
    tmp.mkdir(parents=True, exist_ok=True)
    cache = tmp / "diagramcache"
    env_after = {**os.environ, "ARSREDOVISNING_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    env_before = {**os.environ, "ARSREDOVISNING_CACHE": str(tmp / "cache-fore"), "PYTHONPATH": str(before or "")}
    html = tmp / "rapport.json"
    out = lambda: tempfile.mkdtemp(dir=tmp)  # noqa: E731
    cold = run_child(CHILD, [str(folder), out(), str(html)], ROOT, env_after)  # fills the chart cache
    cases = {"bygg": [], "WeasyPrint ensam": []}
    if before is not None:
        cases["bygg före"] = []
        run_child(CHILD, [str(folder), out()], before, env_before)  # the same untimed first run
    run_child(ALONE, [str(html), str(Path(out()) / "ensam.pdf")], ROOT, env_after)
    for _ in range(runs):
        cases["bygg"].append(run_child(CHILD, [str(folder), out()], ROOT, env_after))
        if before is not None:
            cases["bygg före"].append(run_child(CHILD, [str(folder), out()], before, env_before))
        cases["WeasyPrint ensam"].append(run_child(ALONE, [str(html), str(Path(out()) / "ensam.pdf")], ROOT, env_after))
    return {"cases": cases, "cold": cold}


def median(samples: list[dict], key: str) -> float:
    return statistics.median(s[key] for s in samples)


def build_table(measured: dict) -> str:
    cases = measured["cases"]
    names = list(cases)
    lines = ["| | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for stage in STAGES:
        cells = [f"{statistics.median(s['stages'].get(stage, 0.0) for s in cases[n]) * 1000:.0f} ms"
                 if cases[n][0]["stages"] else "" for n in names]
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    lines.append("| **hela tiden** (bygg: sex filer; ensam: layout + PDF skriven) | "
                 + " | ".join(f"**{median(cases[n], 'seconds') * 1000:.0f} ms**" for n in names) + " |")
    alone = median(cases["WeasyPrint ensam"], "seconds")
    lines.append("| **kvot mot WeasyPrint ensam** | " + " | ".join(f"**{median(cases[n], 'seconds') / alone:.2f}**" for n in names) + " |")
    lines.append("| import av paketen (utanför tiden) | " + " | ".join(f"{median(cases[n], 'imports') * 1000:.0f} ms" for n in names) + " |")
    lines.append("| högsta minnesanvändning (RSS, huvudprocessen) | " + " | ".join(f"{max(s['maxrss_mb'] for s in cases[n]):.0f} MB" for n in names) + " |")
    lines.append("| varje körning (s) | " + " | ".join(", ".join(f"{s['seconds']:.2f}" for s in cases[n]) for n in names) + " |")
    cold = measured["cold"]
    return "\n".join(lines) + (f"\n\nFörsta bygget med tom diagramcache (otidad uppvärmning ovan): {cold['seconds'] * 1000:.0f} ms, "
                               f"därav Förbereder innehåll {cold['stages'].get('Förbereder innehåll', 0) * 1000:.0f} ms.")


def measure_preview(edits: int, tmp: Path) -> dict:
    """Save → the new content in the page, in headless Chromium; text and workbook edits alternate."""
    import openpyxl
    from playwright.sync_api import sync_playwright

    from tests import granska_server

    os.environ["ARSREDOVISNING_CACHE"] = str(tmp / "diagramcache")
    server = granska_server.start(tmp / "granska")
    chromium = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(p).exists()), None)
    if chromium is None:
        raise SystemExit("Chromium saknas: kör bash scripts/setup.sh --test.")
    found = "t => { const f = document.querySelector('iframe.aktuell'); return f && f.contentDocument && f.contentDocument.body && f.contentDocument.body.innerText.includes(t); }"
    samples: dict[str, list[float]] = {"text": [], "arbetsbok": []}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(server.address)
            page.wait_for_function(found, arg="Förvaltningsberättelse", timeout=120_000)
            page.wait_for_timeout(2000)  # the warm-up after the first turn
            text = server.folder / "texter" / "uppdraget.md"
            original = text.read_text(encoding="utf-8")
            book = openpyxl.load_workbook(server.folder / "indata.xlsx")
            for n in range(edits):
                if n % 2 == 0:
                    marker = f"Mätmening nummer {n} om förhandsvisningen."
                    data, path, kind = (original + f"\n{marker}\n").encode("utf-8"), text, "text"
                else:
                    amount = 1_210_000 + n  # Insatser › Budget of På väg/Sydnärke: a table and a chart change
                    book["Insatser"]["F3"] = amount
                    buf = io.BytesIO()
                    book.save(buf)
                    data, path, kind = buf.getvalue(), server.folder / "indata.xlsx", "arbetsbok"
                    marker = f"{amount:,}".replace(",", "\u202f")
                t0 = time.perf_counter()
                tmp_file = path.with_name(f".{path.name}.spara")
                tmp_file.write_bytes(data)
                os.replace(tmp_file, path)  # saved as editors and Excel do: a new file renamed into place
                page.wait_for_function(found, arg=marker, timeout=60_000, polling=10)
                samples[kind].append(time.perf_counter() - t0)
                page.wait_for_timeout(300)
            browser.close()
    finally:
        server.stop()
    every = samples["text"] + samples["arbetsbok"]
    return {"all": every, **samples}


def preview_table(latency: dict) -> str:
    def row(label: str, xs: list[float]) -> str:
        return f"| {label} | {len(xs)} | {statistics.median(xs) * 1000:.0f} ms | {max(xs) * 1000:.0f} ms |"
    return "\n".join(["| ändringar | antal | p50 | värst |", "|---|---:|---:|---:|",
                      row("alla", latency["all"]), row("en mening i en text", latency["text"]),
                      row("ett belopp i arbetsboken (tabell och diagram ritas om)", latency["arbetsbok"])])


def machine() -> str:
    cpu = "okänd processor"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{cpu}, {os.cpu_count()} kärnor, {mem:.0f} GiB, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}; belastning (1/5/15 min) vid slutet: {load}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark för arsredovisning bygg och granska")
    parser.add_argument("--gånger", dest="runs", type=int, default=5)
    parser.add_argument("--ändringar", dest="edits", type=int, default=20)
    parser.add_argument("--fore", default=None, help="git-ref för koden före (standard: merge-base med main)")
    parser.add_argument("--utan-fore", action="store_true", help="mät inte koden före")
    parser.add_argument("--utan-granska", action="store_true", help="mät inte förhandsvisningen")
    parser.add_argument("--syntetisk", action="store_true", help="mät också ett syntetiskt förbund 10× större")
    parser.add_argument("--skriv", action="store_true", help="skriv resultatet först i bench/RESULTS.md")
    args = parser.parse_args()
    example = ROOT / "input" / "2016"
    parts = [f"## {date.today().isoformat()}\n"]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        before = None
        if not args.utan_fore:
            ref = args.fore or subprocess.run(["git", "merge-base", "HEAD", "main"], cwd=ROOT, capture_output=True,
                                              text=True, check=True).stdout.strip()
            before = export(ref, tmp / "fore")
            parts.append(f"Koden före: `{ref[:10]}`.\n")
        folders = {"exemplet 2016": example}
        if args.syntetisk:
            from bench.synthetic import make
            folders["syntetiskt ×10"] = make(example, tmp / "syntetisk", 10)
        for name, folder in folders.items():
            measured = measure_builds(folder, args.runs, before, tmp / name.replace(" ", "-"))
            cases = measured["cases"]
            ratio = median(cases["bygg"], "seconds") / median(cases["WeasyPrint ensam"], "seconds")
            print(f"{name}: kvot bygg / WeasyPrint ensam = {ratio:.2f}", file=sys.stderr)
            parts.append(f"### bygg, {name}: median av {args.runs} nya processer per fall, omväxlande\n\n{build_table(measured)}\n")
        if not args.utan_granska:
            latency = measure_preview(args.edits, tmp)
            print(f"granska: spara → sidan uppdaterad, p50 {statistics.median(latency['all']) * 1000:.0f} ms, "
                  f"värst {max(latency['all']) * 1000:.0f} ms ({len(latency['all'])} ändringar)", file=sys.stderr)
            parts.append(f"### granska: från sparad fil till nytt innehåll i sidan (headless Chromium)\n\n{preview_table(latency)}\n")
    parts.insert(1, f"Maskin: {machine()}.\n")
    text = "\n".join(parts)
    print(text)
    if args.skriv:
        path = ROOT / "bench" / "RESULTS.md"
        head = "# Benchmark\n\nSkapad av `bench/run.py --skriv`. Nyaste mätningen först.\n\n"
        old = path.read_text(encoding="utf-8").removeprefix(head) if path.exists() else ""
        path.write_text(head + text + ("\n" + old if old else ""), encoding="utf-8")


if __name__ == "__main__":
    main()
