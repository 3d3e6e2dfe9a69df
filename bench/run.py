"""Benchmark: stage times of ``bygg`` on the example and on a synthetic förbund 10× larger, and
``bygg`` against WeasyPrint alone rendering the same HTML.

    .venv/bin/python bench/run.py            # prints a Markdown table; add --skriv to update RESULTS.md

Each case runs in a fresh subprocess (so imports and caches are counted the same way every time);
the figure reported is the median of ``--gånger`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
import arsredovisning.render as render
import arsredovisning.render.pdf as pdfmod
from arsredovisning.build import run_build
from arsredovisning.findings import Level
imports = time.perf_counter() - t0
captured = {}
original = render.write_pdf_bytes  # the name the report's rendering calls
def capture(html, assets, policy, **kw):
    if "html" not in captured:  # the report; later calls are the kontrollrapport
        captured["html"], captured["base"] = html, assets.base.as_uri() + "/"
    return original(html, assets, policy, **kw)
render.write_pdf_bytes = capture
stages = {}
t1 = time.perf_counter()
result = run_build(Path(sys.argv[1]), Path(sys.argv[2]), progress=lambda s, sec: stages.__setitem__(s, sec))
bygg = time.perf_counter() - t1
from weasyprint import HTML
t2 = time.perf_counter()
HTML(string=captured["html"], base_url=captured["base"]).write_pdf(**pdfmod.PDF_OPTIONS)  # same options: tagged PDF/UA-1
alone = time.perf_counter() - t2
pages = len(HTML(string=captured["html"], base_url=captured["base"]).render().pages)
print(json.dumps({"imports": imports, "bygg": bygg, "weasyprint": alone, "stages": stages, "pages": pages,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "errors": sum(1 for f in result.findings if f.level is Level.ERROR)}))
"""

REPORT_STAGES = ("Läser arbetsbok och texter", "Beräknar och stämmer av", "Förbereder innehåll", "Skapar HTML", "Skapar PDF", "Skriver filer")


def measure(folder: Path, runs: int) -> dict:
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            proc = subprocess.run([sys.executable, "-c", CHILD, str(folder), out], capture_output=True, text=True, cwd=ROOT, check=True)
            samples.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    med = lambda key: statistics.median(s[key] for s in samples)  # noqa: E731
    stages = {name: statistics.median(s["stages"].get(name, 0.0) for s in samples) for name in samples[0]["stages"]}
    return {"imports": med("imports"), "bygg": med("bygg"), "weasyprint": med("weasyprint"), "stages": stages,
            "pages": samples[0]["pages"], "maxrss_mb": max(s["maxrss_mb"] for s in samples), "errors": samples[0]["errors"]}


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
    return f"{cpu}, {os.cpu_count()} kärnor, {mem:.0f} GiB, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def table(results: dict[str, dict]) -> str:
    names = list(results)
    lines = ["| steg | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    all_stages = list(dict.fromkeys(s for r in results.values() for s in r["stages"]))
    for stage in all_stages:
        lines.append(f"| {stage} | " + " | ".join(f"{r['stages'].get(stage, 0) * 1000:.0f} ms" for r in results.values()) + " |")
    def row(label, fn):
        lines.append(f"| {label} | " + " | ".join(fn(r) for r in results.values()) + " |")
    row("**bygg, rapporten** (läsa → PDF skriven)", lambda r: f"**{sum(r['stages'].get(s, 0) for s in REPORT_STAGES) * 1000:.0f} ms**")
    row("**bygg, allt** (även JSON, underlag, kontrollrapport)", lambda r: f"**{r['bygg'] * 1000:.0f} ms**")
    row("**WeasyPrint ensam**, samma HTML", lambda r: f"**{r['weasyprint'] * 1000:.0f} ms**")
    row("kvot bygg rapporten / WeasyPrint ensam", lambda r: f"{sum(r['stages'].get(s, 0) for s in REPORT_STAGES) / r['weasyprint']:.2f}")
    row("kvot bygg allt / WeasyPrint ensam", lambda r: f"{r['bygg'] / r['weasyprint']:.2f}")
    row("import av paketen", lambda r: f"{r['imports'] * 1000:.0f} ms")
    row("sidor i PDF", lambda r: str(r["pages"]))
    row("högsta minnesanvändning (RSS)", lambda r: f"{r['maxrss_mb']:.0f} MB")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark för arsredovisning bygg")
    parser.add_argument("--gånger", dest="runs", type=int, default=3)
    parser.add_argument("--skriv", action="store_true", help="skriv resultatet till bench/RESULTS.md")
    args = parser.parse_args()
    from bench.synthetic import make

    example = ROOT / "input" / "2016"
    with tempfile.TemporaryDirectory() as tmp:
        synthetic = make(example, Path(tmp) / "syntetisk", 10)
        results = {"exemplet 2016": measure(example, args.runs), "syntetiskt ×10": measure(synthetic, args.runs)}
    text = (
        f"## {date.today().isoformat()}\n\nMaskin: {machine()}\n\nMedian av {args.runs} körningar, var och en i en ny process.\n\n"
        + table(results)
        + "\n"
    )
    print(text)
    if args.skriv:
        path = ROOT / "bench" / "RESULTS.md"
        head = "# Benchmark\n\nSkapad av `bench/run.py --skriv`. Nyaste mätningen först.\n\n"
        old = path.read_text(encoding="utf-8").removeprefix(head) if path.exists() else ""
        path.write_text(head + text + ("\n" + old if old else ""), encoding="utf-8")


if __name__ == "__main__":
    main()
