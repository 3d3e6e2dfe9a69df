"""Byte-identity fixture: the files ``bygg`` writes for a set of förbund, as SHA-256 digests.

The refactor of issue 11 must leave every output byte-identical. ``python -m tests.golden.outputs
--skriv`` records today's digests in ``outputs.json``; the test (tests/test_byte_identity.py)
compares the suite's shared builds of the same cases (tests/conftest.py) against it. A change meant
to show (a fixed bug) updates the JSON in the same commit and names the change there.

:data:`CASES` are whole builds (every file, the PDFs too); :data:`UNLAID_CASES` are the files that
``tests.builders.report_files`` makes without the PDF layout (the JSON export, the report HTML, the
revision workbook: bygg's bytes, proven on the example in tests/test_byte_identity.py), for a variant
of the example whose layout adds nothing the example's does not: the suite builds the example once.

The builds run with ``ARSREDOVISNING_KOD`` set (load/stamp.py): the version id printed on every page
covers the tool's code, and the digests here should change with what a build prints, not with every
edit of the code. The build log (``bygglogg.txt``, a time per line) is not part of the set.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
DIGESTS = Path(__file__).with_name("outputs.json")

ADALEN = Path(__file__).with_name("adalen")  # tests/test_other_forbund.py's förbund: tkr, own Kontoplan, Andel, a loan


def signed_adalen(base: Path) -> Path:
    """Ådalen as its styrelse signs it, made in ``base``: the revisors' signed revisionsberättelse (a
    two-page PDF), a logo and the styrelse's explanation of the balanskravsresultat. The årsmapp."""
    import shutil

    import weasyprint
    from PIL import Image, ImageDraw

    folder = base / "adalen"
    shutil.copytree(ADALEN, folder)
    (folder / "texter" / "balanskrav.md").write_text(
        "Styrelsen beslutade i budgeten att använda eget kapital från tidigare år till insatserna.\n", encoding="utf-8")
    weasyprint.HTML(string=(
        "<html lang='sv'><body><h1>Revisionsberättelse för år 2016</h1><p>Vi har granskat förbundets verksamhet.</p>"
        "<p style='break-before: page'>Kramfors den 20 mars 2017</p><p>Anna Revisor</p></body></html>"
    )).write_pdf(folder / "revisionsberattelse.pdf")
    logo = Image.new("RGB", (240, 80), "#ffffff")
    ImageDraw.Draw(logo).rectangle((10, 10, 70, 70), fill="#17324d")
    logo.save(folder / "logo.png")
    return folder


@dataclass(frozen=True)
class Case:
    folder: Path  # the årsmapp
    options: tuple[str, ...]  # bygg's options
    prepare: Callable[[Path], Path] | None = None  # makes the årsmapp in the given folder instead


# case name → build. tests/conftest.py builds each case once per test run (example_build,
# adalen_build) exactly so: the suite's shared builds are these cases, nothing more.
CASES: dict[str, Case] = {
    # The example as the ekonom builds it (progress lines on stderr). The archive file is Ådalen's.
    "exempel-2016": Case(ROOT / "input" / "2016", ()),
    # Ådalen written once and kept (a workbook written anew carries a new timestamp, hence a new input
    # checksum in the stamp), signed as above: the final report (no open difference) with its archive.
    "adalen-tkr": Case(ADALEN, ("-q", "--slutlig", "--arkiv"), signed_adalen),
}


# case name → (årsmapp, build.BuildOptions' fields): the files of report_files, no layout.
UNLAID_CASES: dict[str, tuple[Path, dict]] = {
    # The example published with small counts masked and the kontrollrapport as its last section
    # (bygg -q --maskera-under 3 --med-kontrollrapport).
    "exempel-2016-maskerad": (ROOT / "input" / "2016", {"mask_under": 3, "with_control_report": True}),
}


# The environment of every golden build (also the suite's shared builds, tests/conftest.py): the
# code digest in the version id fixed, so that a refactor keeps the digests.
GOLDEN_ENV = {"ARSREDOVISNING_KOD": "golden"}
NOT_IN_SET = ("bygglogg.txt",)  # a time per line: the one output that is not deterministic


def digests(out: Path) -> dict[str, str]:
    """Every file of a build's set in its output folder: name → SHA-256."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(Path(out).iterdir()) if p.name not in NOT_IN_SET}


def unlaid_digests(name: str) -> dict[str, str]:
    """The case ``UNLAID_CASES[name]`` made in this process (with :data:`GOLDEN_ENV` set): the files of
    ``report_files`` by the names bygg writes them under → SHA-256."""
    from arsredovisning import files
    from arsredovisning.build import BuildOptions
    from tests.builders import report_files

    folder, options = UNLAID_CASES[name]
    made = report_files(folder, BuildOptions(**options))
    assert made.json_bytes is not None and made.html is not None, [f.render() for f in made.findings]
    year = made.json["forbund"]["rakenskapsar"]
    written = {files.json_name(year): made.json_bytes, files.report_html_name(year): made.html.encode("utf-8"),
               files.revision_workbook_name(year): made.workbook_bytes()}
    return {n: hashlib.sha256(data).hexdigest() for n, data in sorted(written.items())}


def build_digests() -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {}
    os.environ.update(GOLDEN_ENV)
    for name in UNLAID_CASES:
        result[name] = unlaid_digests(name)
    for name, case in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "ut"
            folder = case.folder if case.prepare is None else case.prepare(Path(tmp))
            proc = subprocess.run([sys.executable, "-m", "arsredovisning", "bygg", str(folder), "-o", str(out), *case.options],
                                  capture_output=True, text=True, cwd=ROOT, env={**os.environ, **GOLDEN_ENV})
            if proc.returncode != 0:
                raise RuntimeError(f"{name}: bygg failed\n{proc.stdout}{proc.stderr}")
            result[name] = digests(out)
    return result


if __name__ == "__main__":
    result = build_digests()
    if "--skriv" in sys.argv:
        DIGESTS.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, sort_keys=True))
