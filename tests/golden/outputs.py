"""Byte-identity fixture: the files ``bygg`` writes for a set of förbund, as SHA-256 digests.

The refactor of issue 11 must leave every output byte-identical. ``python -m tests.golden.outputs
--skriv`` records today's digests in ``outputs.json``; the test compares a fresh build against it. A
change meant to show (a fixed bug) updates the JSON in the same commit and names the change there.

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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIGESTS = Path(__file__).with_name("outputs.json")

# (case name, årsmapp, extra bygg options)
CASES = (
    ("exempel-2016", ROOT / "input" / "2016", ()),
    ("exempel-2016-maskerad", ROOT / "input" / "2016", ("--maskera-under", "3", "--med-kontrollrapport", "--arkiv")),
    # tests/test_other_forbund.py's förbund (tkr, own Kontoplan, Andel, loan), written once and kept:
    # a workbook written anew carries a new timestamp, hence a new input checksum in the stamp.
    ("adalen-tkr", Path(__file__).with_name("adalen"), ()),
)


def build_digests() -> dict[str, dict[str, str]]:
    digests: dict[str, dict[str, str]] = {}
    for name, folder, options in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "ut"
            proc = subprocess.run([sys.executable, "-m", "arsredovisning", "bygg", str(folder), "-o", str(out), "-q", *options],
                                  capture_output=True, text=True, cwd=ROOT, env={**os.environ, "ARSREDOVISNING_KOD": "golden"})
            if proc.returncode != 0:
                raise RuntimeError(f"{name}: bygg failed\n{proc.stdout}{proc.stderr}")
            digests[name] = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir()) if p.name != "bygglogg.txt"}
    return digests


if __name__ == "__main__":
    result = build_digests()
    if "--skriv" in sys.argv:
        DIGESTS.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, sort_keys=True))
