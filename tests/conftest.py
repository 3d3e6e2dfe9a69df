import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "input" / "2016"
sys.path.insert(0, str(ROOT))


import shutil  # noqa: E402
import subprocess  # noqa: E402

import pytest  # noqa: E402

SETUP = "run `bash scripts/setup.sh --test` (the README's test command)"


def require_tool(*names: str) -> str:
    """The path of the first of ``names`` found on PATH. When none is, the test fails (never skips):
    a test suite that passes without its tool has tested nothing, and ``scripts/setup.sh --test``
    installs every tool the tests use."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(f"{' / '.join(names)} is not installed: {SETUP}", pytrace=False)


def require_file(path: Path) -> Path:
    """``path``, which must exist (a tool installed as a file, e.g. axe-core); else the test fails."""
    if not path.is_file():
        where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        pytest.fail(f"{where} is missing: {SETUP}", pytrace=False)
    return path


@pytest.fixture(scope="session")
def arkiv_build(tmp_path_factory) -> Path:
    """The example built once through the real command with ``--arkiv``: the output folder with the
    report (PDF/UA, HTML), the archival PDF/A-3 and the JSON export. The report PDF is the same as
    without ``--arkiv``."""
    out = tmp_path_factory.mktemp("archive")
    proc = subprocess.run([sys.executable, "-m", "arsredovisning", "bygg", str(EXAMPLE), "-o", str(out), "-q", "--arkiv"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


ADALEN = ROOT / "tests" / "golden" / "adalen"  # tests/test_other_forbund.py's förbund: tkr, own Kontoplan, a loan


@pytest.fixture(scope="session")
def adalen_signed_build(tmp_path_factory) -> Path:
    """A second förbund built through the real command, as its styrelse would sign it: Ådalen (tkr)
    with the revisors' signed revisionsberättelse (a two-page PDF), a logo and the styrelse's
    explanation of the balanskravsresultat in its årsmapp, with ``--arkiv``. The output folder."""
    import weasyprint
    from PIL import Image, ImageDraw

    root = tmp_path_factory.mktemp("adalen-signed")
    folder = root / "adalen"
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
    out = root / "ut"
    proc = subprocess.run([sys.executable, "-m", "arsredovisning", "bygg", str(folder), "-o", str(out), "-q", "--arkiv"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out
