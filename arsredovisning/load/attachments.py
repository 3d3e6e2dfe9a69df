"""The årsmapp's files besides the workbook and the texts that the report carries: the logo and the
signed revisionsberättelse (``load/schema.FOLDER_FILES``), read once here like every input file."""

from __future__ import annotations

from pathlib import Path

from ..files import AUDIT_REPORT
from ..model import FolderAttachment

LOGO_NAMES = ("logo.svg", "logo.png", "logo.jpg", "logo.jpeg")  # the first that exists is the logo


def read_attachments(folder: Path) -> tuple[FolderAttachment | None, FolderAttachment | None]:
    """The logo and the revisionsberättelse, None for one that is not there. A file that is a link out
    of the årsmapp is not read; one that cannot be read is empty (the report says it cannot use it)."""
    logo = next((found for name in LOGO_NAMES if (found := _read(folder, name)) is not None), None)
    return logo, _read(folder, AUDIT_REPORT)


def read_workbook_bytes(path: Path) -> FolderAttachment | None:
    """The workbook's bytes as they are now (the archival PDF embeds them); None when it cannot be read."""
    try:
        return FolderAttachment(path.name, path.read_bytes())
    except OSError:
        return None


def _read(folder: Path, name: str) -> FolderAttachment | None:
    try:
        root = Path(folder).resolve()
        path = (root / name).resolve()
        if not path.is_file() or not path.is_relative_to(root):
            return None
        return FolderAttachment(name, path.read_bytes())
    except OSError:
        return FolderAttachment(name, b"")
