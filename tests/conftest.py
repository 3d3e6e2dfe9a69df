import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "input" / "2016"
sys.path.insert(0, str(ROOT))


import subprocess  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def arkiv_build(tmp_path_factory) -> Path:
    """The example built once through the real command with ``--arkiv``: the output folder with the
    report (PDF/UA, HTML), the archival PDF/A-3 and the JSON export. The report PDF is the same as
    without ``--arkiv``."""
    out = tmp_path_factory.mktemp("arkiv")
    proc = subprocess.run([sys.executable, "-m", "arsredovisning", "bygg", str(EXAMPLE), "-o", str(out), "-q", "--arkiv"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out
