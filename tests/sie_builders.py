"""Small SIE 4 files written in the test itself, and the real exports the tests read where present.

``sie_file(tmp_path, …)`` writes a file whose every line the test can see; ``REAL`` lists the real
exports (from idstam/jsisie ``sie_test_files/``, MIT licence, commit 59b9217) by the name the tests
use, with the SHA-256 of the exact bytes. They are data fetched from a public repository, which
this project does not commit: they lie in ``../shared/sie`` beside the clone (with their MIT
licence), or in ``.sie-testfiler/`` of the clone (ignored by git), or where
``ARSREDOVISNING_SIE_TESTFILER`` points. A test that reads a file that is in none of them fails,
saying which file is missing and where to get it; a file that is present must be the exact file
(its SHA-256 is checked). ``tests/test_sie_exports.py`` also checks whole exports in the same
dialects, written by ``tests/sie_exports.py``.
"""

from __future__ import annotations

import hashlib
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import ROOT

# name here: (file in idstam/jsisie sie_test_files/, program that wrote it, SHA-256)
REAL = {
    "mamut_enterprise_2010.se": ("MAMUT_SIE4_EXPORT.SE", "Mamut Enterprise", "0eb7e358745d631b2eacfd98840ec8a7d843d21c35cd261b8e099bd1a2ff192a"),
    "specter_2011.se": ("SIE_exempelfil.se", "Specter Business Management", "bdd7c52e1c5b164f96fde2b8bb49afb550639504d142d7eef0baaba77cd30a26"),
    "edison_2012.se": ("typ4.se", "Edison Ekonomi Byrå", "72847ee629583133b0f8760409306c8840835eb0e33615d55726f3563409bece"),
    "magenta_2011.se": ("magenta_bokföring_SIE4E.se", "Magenta Bokföring", "316bc7e364e22f995e11aaeabb3bb124835f9893f8c92e05458f405d6eaf09a4"),
    "avendo_2011.se": ("transaktioner_ovnbolag.se", "Avendo", "5fd7003f57a1d6584990828110aa83a015a76362dda37c8c9ad087e7b9f84e16"),
    "avendo_2011_bad_balance.se": ("transaktioner_ovnbolag-bad-balance.se", "Avendo", "5b90c66bf6c03b4e5d4a267db3ba30037d81b54ac5809460a2468b135fef53d9"),
    "briljant_2008.se": ("Test4.SE", "BRILJANT EKONOMISYSTEM", "733cbf06cc7c72a64d886f3ecba79a7dcf569d8f1e7554f60f57f46d3f3f69a8"),
    "norstedts_bokslut_2009_2010.se": ("Bokslut Norstedts SIE 4E.se", "Norstedts Bokslut", "bab676e5ba90c1828391980ee40b37376d443d853525a990b3ebb602f7007d46"),
    "visma_administration_2021.se": ("SIE4_Exempelfil_med_underdim.SE", "Visma Administration 2000 med Visma Integration", "160e72574da5a2738056d34ea45de18d7e203d84f9991311bc6cb222ffc8ea89"),
}


def _folders() -> list[Path]:
    env = os.environ.get("ARSREDOVISNING_SIE_TESTFILER")
    return [Path(env)] if env else [ROOT.parent / "shared" / "sie", ROOT / ".sie-testfiler"]


def real(name: str) -> Path:
    """The real export ``name`` (see REAL), checked byte for byte; the test fails, saying so, when it
    is not on this machine."""
    source, _, digest = REAL[name]
    for folder in _folders():
        path = folder / name
        if path.is_file():
            assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"{path} is not the file {source} from idstam/jsisie"
            return path
    pytest.fail(f"the real export {name} is not on this machine (fetched data is never committed): copy {source} from "
                f"github.com/idstam/jsisie sie_test_files/ (MIT, commit 59b9217) to ../shared/sie/{name} "
                f"(looked in {', '.join(str(f) for f in _folders())})")


def plain(text: str) -> str:
    """A message with its narrow no-break spaces (digit groups, before kr) as plain spaces."""
    return text.replace("\u202f", " ")


def ids(findings) -> list[str]:
    return sorted({f.id for f in findings})


def read_and_check(path: Path, year: int | None = None):
    """The file read and checked (for ``year`` when given): the SIE file and every finding."""
    from arsredovisning.sie.checks import check_sie
    from arsredovisning.sie.reader import read_sie

    sie, found = read_sie(path)
    assert sie is not None, [f.render() for f in found]
    return sie, found + check_sie(sie, year)


def independent_sums(path: Path) -> dict[tuple[str, int], Decimal]:
    """Σ amount per (label, year) of every ``#UB``/``#RES``/``#IB`` line, by a regular expression: a
    second reading that shares no code with the parser."""
    sums: dict[tuple[str, int], Decimal] = {}
    for line in path.read_bytes().decode("latin-1").splitlines():
        m = re.match(r'^\s*#(UB|RES|IB)\s+"?(-?\d+)"?\s+"?\d+"?\s+(-?[\d.]+)', line)
        if m:
            key = (m.group(1), int(m.group(2)))
            sums[key] = sums.get(key, Decimal(0)) + Decimal(m.group(3))
    return sums


HEADER = """#FLAGGA 0
#PROGRAM "Testprogram" 1.0
#FORMAT PC8
#GEN 20170115
#SIETYP 4
#FNAMN "Samordningsförbundet Test"
#RAR 0 20160101 20161231
#RAR -1 20150101 20151231
"""

# A balanced förbund ledger for 2016 and 2015: bank, skulder, eget kapital, bidrag, kostnader.
BODY = """#KONTO 1930 "Bank, förbundets konto"
#KONTO 2440 "Leverantörsskulder"
#KONTO 2010 "Eget kapital"
#KONTO 3010 "Medlemsbidrag från Försäkringskassan"
#KONTO 4510 "Projektmedel, insatser"
#IB -1 1930 800.00
#IB -1 2010 -800.00
#UB -1 1930 1000.00
#UB -1 2010 -800.00
#RES -1 3010 -500.00
#RES -1 4510 300.00
#IB 0 1930 1000.00
#IB 0 2010 -1000.00
#UB 0 1930 1200.00
#UB 0 2440 -50.00
#UB 0 2010 -1000.00
#RES 0 3010 -600.00
#RES 0 4510 450.00
"""


def sie_file(tmp_path: Path, text: str = HEADER + BODY, encoding: str = "cp437", name: str = "export.se") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def sie_of_workbook(xlsx: Path) -> str:
    """A SIE 4 text of a workbook's own Saldobalans (2016 and 2015): what a ledger would export."""
    import openpyxl

    rows = [list(r) for r in openpyxl.load_workbook(xlsx)["Saldobalans"].iter_rows(values_only=True) if any(v is not None for v in r)]
    header, lines = rows[0], HEADER.splitlines()
    for row in rows[1:]:
        values = dict(zip(header, row))
        konto = values["Konto"]
        label = "#RES" if konto >= 3000 else "#UB"
        lines.append(f'#KONTO {konto} "{values["Benämning"]}"')
        lines.append(f"{label} 0 {konto} {Decimal(str(values['Belopp'])):.2f}")
        lines.append(f"{label} -1 {konto} {Decimal(str(values['Föregående år'] or 0)):.2f}")
        if konto < 3000 and values.get("Ingående föregående år") is not None:
            lines.append(f"#IB -1 {konto} {Decimal(str(values['Ingående föregående år'])):.2f}")
    return "\n".join(lines) + "\n"
