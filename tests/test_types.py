"""The package type-checks: `mypy` with the configuration in pyproject.toml ([tool.mypy]), run by
the test command like `lint-imports` (tests/test_layers.py). Modules that do not check yet are
listed by name in pyproject.toml's [[tool.mypy.overrides]]; the list only shrinks."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_package_type_checks():
    mypy = Path(sys.executable).parent / "mypy"
    proc = subprocess.run([str(mypy)], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
