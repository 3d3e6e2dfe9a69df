"""The package type-checks: `mypy` with the configuration in pyproject.toml ([tool.mypy]), run by
the test command like `lint-imports` (tests/test_layers.py). Every module is checked, unannotated
function bodies included (check_untyped_defs); there is no per-module override that switches errors
off (ignore_errors), so a new error anywhere in the package fails this test."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_package_type_checks():
    mypy = Path(sys.executable).parent / "mypy"
    proc = subprocess.run([str(mypy)], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_no_module_is_exempt():
    """No override switches errors off or skips function bodies, and every ignore names its code."""
    import re
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config.get("ignore_errors") is not True
    assert config.get("check_untyped_defs") is True
    for override in config.get("overrides", []):
        assert not override.get("ignore_errors"), override
        assert override.get("check_untyped_defs", True), override
    bare = [f"{path.relative_to(ROOT)}:{n}" for path in sorted((ROOT / "arsredovisning").rglob("*.py"))
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(r"#\s*type:\s*ignore(?!\[)", line)]
    assert bare == []
