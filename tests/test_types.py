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
    imported = _imported_packages()
    for override in config.get("overrides", []):
        assert not override.get("ignore_errors"), override
        assert override.get("check_untyped_defs", True), override
        if override.get("follow_imports") == "skip":  # only packages the package never imports itself
            assert not {m.split(".")[0] for m in override["module"]} & imported, override
    bare = [f"{path.relative_to(ROOT)}:{n}" for path in sorted((ROOT / "arsredovisning").rglob("*.py"))
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(r"#\s*type:\s*ignore(?!\[)", line)]
    assert bare == []


def _imported_packages() -> set[str]:
    """The top-level names the package imports (``import x`` / ``from x import``), its own included."""
    import ast

    names = set()
    for path in (ROOT / "arsredovisning").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names | {"arsredovisning"}
