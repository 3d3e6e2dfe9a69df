"""File names, atomic writes, and workbook bytes that do not depend on the time: the one place
that knows what the tool reads and writes.

Every output goes to a temporary file in its own folder, is flushed to disk, and only then
replaces the target (``os.replace``), after which the folder entry itself is synced where the
platform allows. A build that fails before or while writing leaves the previous files as they
were and no temporary files behind. A process that is killed while writing cannot remove its
temporary files; their names carry the writer's process id, and the next write into the folder
removes those whose writer is gone (:func:`remove_stale_temps`). A leaf module: it imports nothing
from the package.
"""

from __future__ import annotations

import io
import os
import re
import time
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

WORKBOOK = "indata.xlsx"  # the input workbook in an årsmapp
TEXT_DIR = "texter"  # the texts of an årsmapp
WORKBOOK_ODS = "indata.ods"  # the same, saved as OpenDocument by LibreOffice
BACKUP_WORKBOOK = "indata-backup.xlsx"  # the workbook as it was before the last ``importera``


def workbook_path(folder: Path) -> Path:
    """The årsmapp's workbook: ``indata.ods`` when only that exists, else ``indata.xlsx`` (which the
    loader reports as missing when it is). Both present is the loader's error."""
    folder = Path(folder)
    ods = folder / WORKBOOK_ODS
    return ods if ods.is_file() and not (folder / WORKBOOK).exists() else folder / WORKBOOK

AUDIT_REPORT = "revisionsberattelse.pdf"  # the signed revisionsberättelse, appended to the report

FIXED_TIME = datetime(1980, 1, 1)  # document and zip entry times of a written workbook: same input, same bytes
CORE_PART = "docProps/core.xml"  # the workbook's document properties, where openpyxl stamps the save time


def fixed_time_workbook(saved: bytes, core: bytes) -> bytes:
    """A workbook as openpyxl saved it, made deterministic: every zip entry dated :data:`FIXED_TIME`
    with mode 0644, and :data:`CORE_PART` replaced by ``core`` (the properties with fixed times)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(saved)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, core if item.filename == CORE_PART else src.read(item.filename))
    return out.getvalue()


def report_pdf_name(year: int) -> str:
    return f"arsredovisning-{year}.pdf"


def report_html_name(year: int) -> str:
    return f"arsredovisning-{year}.html"


def archive_pdf_name(year: int) -> str:
    """The PDF/A-3 archive version (``bygg --arkiv``)."""
    return f"arsredovisning-{year}-arkiv.pdf"


def json_name(year: int) -> str:
    return f"arsredovisning-{year}.json"


def revision_workbook_name(year: int) -> str:
    return f"arsredovisning-{year}-underlag.xlsx"


def control_report_names(year: int) -> tuple[str, str]:
    """The kontrollrapport as (HTML, PDF)."""
    return f"kontrollrapport-{year}.html", f"kontrollrapport-{year}.pdf"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`write_all`)."""
    write_all([(Path(path), data)])


# ``.<name>.<pid>-<random>.tmp``: a temporary file of write_all; the older form without the process id
# (``.<name>.<random>.tmp``) is removed when it is older than STALE_SECONDS.
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?:(?P<pid>\d+)-)?[A-Za-z0-9_]{8}\.tmp$")
STALE_SECONDS = 3600


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else (or the platform cannot tell): leave its files
        return True
    return True


def remove_stale_temps(folder: Path, names: set[str] | None = None) -> list[Path]:
    """Remove the temporary files :func:`write_all` left in ``folder`` when its process was killed
    (for the files ``names`` only, when given): those whose writer process is gone, and old ones
    without a process id. A temporary file of a writer still running is never touched. Returns
    what was removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _TEMP.match(entry.name)
        if m is None or (names is not None and m["name"] not in names) or not entry.is_file(follow_symlinks=False):
            continue
        try:
            stale = (not _alive(int(m["pid"]))) if m["pid"] else time.time() - entry.stat().st_mtime > STALE_SECONDS
            if stale:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def write_all(targets: list[tuple[Path, bytes]]) -> None:
    """Write all ``(path, data)`` pairs, each atomically; the renames happen only after every
    temporary file is complete, so either all targets are replaced or (barring a failing rename
    midway) none is. Temporary files a killed earlier write left beside the targets are removed first."""
    temps: list[tuple[str, Path]] = []
    current: Path | None = None
    folders: dict[Path, set[str]] = {}
    for path, _ in targets:
        folders.setdefault(Path(path).parent, set()).add(Path(path).name)
    for folder, names in folders.items():
        remove_stale_temps(folder, names)
    try:
        for path, data in targets:
            current = Path(path)
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=path.parent)
            temps.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
        for tmp, path in temps:
            current = path
            os.replace(tmp, path)
        for folder in dict.fromkeys(path.parent for _, path in temps):
            _sync_folder(folder)
    except OSError as exc:  # name the user's file, not the temporary one beside it
        raise OSError(exc.errno, exc.strerror or str(exc), str(Path(current).resolve()) if current else None) from exc
    finally:
        for tmp, _ in temps:
            if os.path.exists(tmp):
                os.unlink(tmp)


def _sync_folder(folder: Path) -> None:
    """Make the renames durable; a no-op where folders cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems refuse fsync on a folder
        pass
    finally:
        os.close(fd)
