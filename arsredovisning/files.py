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

import contextlib
import ctypes
import errno
import glob
import io
import os
import re
import shutil
import stat
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


# ---- the output set as one version (issue 23) ------------------------------------------------------

STAGING_MARK = ".bygg-"  # a build's temporary folder beside the output folder: .<utmapp>.bygg-<pid>-<random>
READY = ".arsredovisning-klar"  # in a staging folder whose files are complete (the per-file fallback)
BUILD_LOG = "bygglogg.txt"  # append-only, one line per bygg; the only output that is not deterministic


def manifest_name(year: int) -> str:
    """The manifest beside the outputs: SHA-256 of every input and output file, version id, state."""
    return f"arsredovisning-{year}-manifest.json"


def check_publishable(out: Path, names: list[str]) -> None:
    """Raise ``OSError`` (naming the path) when the set cannot replace the files in ``out``: ``out`` is a
    file or a read-only folder, or a folder stands where one of ``names`` goes. Nothing is changed."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "utmappen är en fil, inte en mapp", str(out.resolve()))
    if out.is_dir():
        if not os.stat(out).st_mode & stat.S_IWUSR or not os.access(out, os.W_OK):
            raise PermissionError(errno.EACCES, "utmappen är skrivskyddad", str(out.resolve()))
        for name in names:
            if (out / name).is_dir() and not (out / name).is_symlink():
                raise IsADirectoryError(errno.EISDIR, "en mapp med filens namn står i vägen", str((out / name).resolve()))
    parent = out.resolve().parent
    if parent.is_dir() and not os.access(parent, os.W_OK):
        raise PermissionError(errno.EACCES, "mappen som utmappen ligger i är skrivskyddad", str(parent))


def staging_folder(out: Path) -> Path:
    """A new empty folder beside ``out`` (same file system, so the set can be swapped in by renames),
    after the leftovers of earlier killed builds are cleaned up (:func:`clean_leftovers`)."""
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(out)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}{STAGING_MARK}{os.getpid()}-", dir=out.parent))


def clean_leftovers(out: Path) -> None:
    """Remove what a build killed midway left beside ``out``: a staging folder whose set was complete
    (:data:`READY`) is first moved in, file by file (the fallback of :func:`publish`); any other is
    removed, so ``out`` keeps the whole earlier set. Folders of builds still running are left alone."""
    out = Path(out).resolve()
    if not out.parent.is_dir():
        return
    for leftover in out.parent.glob(f".{glob.escape(out.name)}{STAGING_MARK}*"):
        pid = leftover.name[len(out.name) + 1 + len(STAGING_MARK):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and _running(int(pid)):
            continue
        ready = leftover / READY
        if ready.is_file() and out.is_dir():
            for name in ready.read_text(encoding="utf-8").split("\n"):
                if name and (leftover / name).is_file():
                    os.replace(leftover / name, out / name)
            _sync_folder(out)
        shutil.rmtree(leftover, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def publish(stage: Path, out: Path, names: list[str]) -> None:
    """Put the files ``names`` of ``stage`` in ``out`` as one change; remove ``stage``.

    ``out`` missing: ``stage`` is renamed to it. Else, on Linux, ``stage`` gets a hard link to every
    other file of ``out`` (other years' files stay) and the two folders are swapped in one atomic
    ``renameat2(RENAME_EXCHANGE)``: a ``kill -9`` at any moment leaves the whole old set or the whole
    new one. Where that cannot be done (another system, subfolders in ``out``), the complete set is
    marked :data:`READY` and the files are moved in one by one; a build killed then is completed by
    the next one (:func:`clean_leftovers`). Raises ``OSError`` naming the path; before the swap,
    ``out`` is untouched."""
    stage, out = Path(stage), Path(out).resolve()
    check_publishable(out, names)
    if not out.exists():
        os.chmod(stage, 0o777 & ~_umask())
        os.rename(stage, out)
        _sync_folder(out.parent)
        return
    os.chmod(stage, stat.S_IMODE(os.stat(out).st_mode))
    others = [e for e in os.scandir(out) if e.name not in names]
    if all(e.is_file(follow_symlinks=False) or e.is_symlink() for e in others):
        try:
            for e in others:
                os.link(e.path, stage / e.name, follow_symlinks=False)
            swapped = _exchange(stage, out)
        except OSError:
            swapped = False
        if swapped:
            _sync_folder(out.parent)
            shutil.rmtree(stage, ignore_errors=True)  # the earlier set
            return
        for e in others:  # the links made for the swap
            with contextlib.suppress(OSError):
                os.unlink(stage / e.name)
    ready = stage / READY
    ready.write_text("\n".join(names) + "\n", encoding="utf-8")
    _sync_folder(stage)
    for name in names:
        os.replace(stage / name, out / name)
    _sync_folder(out)
    shutil.rmtree(stage, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux ``renameat2``); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        call = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if call(at_fdcwd, os.fsencode(str(a)), at_fdcwd, os.fsencode(str(b)), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(err, os.strerror(err), str(b))
