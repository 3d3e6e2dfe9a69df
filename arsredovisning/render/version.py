"""The version of one build (load/stamp.py's version id): the input files as loaded, the template
folders in use (built-in or ``--mallar``), the options (the state among them), the tool's version
and code. Here, beside the templates it reads, so that ``bygg`` and ``jamfor`` share it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .. import __version__
from ..load.stamp import DRAFT, FINAL, Stamp, checksum_of, version_id
from ..model import AnnualInput
from .assets import Assets


def version_stamp(inp: AnnualInput, templates: Path | None, *, final: bool = False, previous: Path | None = None,
                  **options: object) -> Stamp:
    """The stamp of a build of ``inp`` with ``templates`` and ``options`` (utkast unless ``final``)."""
    state = FINAL if final else DRAFT
    chosen: dict[str, object] = {"tillstand": state, **options}
    if previous is not None:
        path = Path(previous)
        chosen["foregaende"] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else path.name
    vid = version_id(inp.inputs, Assets.create(templates).roots, chosen)
    return Stamp(checksum_of(inp.inputs), __version__, vid, state)
