"""Where templates, stylesheets and fonts come from: a user folder (``--mallar``) first, then the package.

The package's own assets live in ``arsredovisning.templates`` (the top-level ``templates/`` dir,
mapped by pyproject). An editable checkout may not expose that package, so we fall back to the
checkout's ``templates/``.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def package_templates() -> Path:
    """The directory holding base.html.j2, sections/, css/ and fonts/ of the installed package."""
    try:
        spec = importlib.util.find_spec("arsredovisning.templates")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            if (Path(location) / "base.html.j2").is_file():
                return Path(location)
    return Path(__file__).resolve().parents[2] / "templates"


@dataclass(frozen=True)
class Assets:
    """The ordered template/asset folders: a user override folder (optional), then the package."""

    roots: tuple[Path, ...]

    @classmethod
    def create(cls, user_folder: Path | None = None) -> "Assets":
        roots: tuple[Path, ...] = (package_templates().resolve(),)
        if user_folder is not None:
            roots = (Path(user_folder).resolve(), *roots)
        return cls(roots)

    @property
    def base(self) -> Path:
        """The package folder; relative URLs in the HTML/CSS resolve against it."""
        return self.roots[-1]

    def find(self, relative: str) -> Path | None:
        """The first file ``relative`` (e.g. ``css/report.css``) in the roots, never outside them."""
        for root in self.roots:
            path = (root / relative).resolve()
            if path.is_file() and path.is_relative_to(root):
                return path
        return None

    def read_text(self, relative: str) -> str:
        path = self.find(relative)
        if path is None:
            raise FileNotFoundError(relative)
        return path.read_text(encoding="utf-8")
