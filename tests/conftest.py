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
