"""Size limits for a workbook, checked before anything is unpacked.

An .xlsx or .ods is a zip archive: its directory says how large every part unpacks to, and a
worksheet's ``<dimension>`` says how many rows it claims. Both are read without decompressing the
parts, so a zip bomb or a sheet declaring a million rows is refused in milliseconds with a message
naming the limit, instead of exhausting memory in the reader. A förbund's workbook is far below
every limit (the example: 60 kB, 120 rows). A Word report (``lagesrapport las``) is a zip archive
too and gets the same archive limits (:func:`archive_limits`).

Every size is said in one unit, MB = 1 000 000 bytes (:func:`megabytes`), limits and sizes alike.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .. import fmt
from ..findings import Finding, Location, error

MB = 1_000_000  # the one unit sizes are said in
MAX_UNPACKED_BYTES = 200 * MB  # all parts together
MAX_RATIO = 200  # unpacked / packed size of one large part; text XML packs about 10–20 ×
RATIO_FROM_BYTES = 10 * MB  # parts smaller than this may pack as well as they like
MAX_ROWS = 100_000  # rows a worksheet may declare
MAX_COLUMNS = 1_000
HEAD_BYTES = 4096  # the <dimension> element is at the top of a worksheet part

FINDINGS: dict[str, str] = {
    "FIL-FOR-STOR": "arbetsboken packas upp till mer än gränsen (en zip-bomb eller ett orimligt stort blad)",
}

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.decode("ascii"):
        n = n * 26 + ord(ch) - 64
    return n


def megabytes(n: int) -> str:
    """A size in MB, Swedish style: ``524 MB``, ``0,3 MB``."""
    value = n / MB
    return f"{fmt.integer(round(value))} MB" if value >= 10 else f"{value:.1f} MB".replace(".", ",")


def archive_limits(infos: list[zipfile.ZipInfo], where: Location, what: str, advice: str,
                   max_unpacked: int = MAX_UNPACKED_BYTES, typical: str = "", id: str = "FIL-FOR-STOR") -> Finding | None:
    """A ``fel`` finding when the parts listed in a zip directory (``infos``) unpack to more than
    ``max_unpacked`` together, or one large part packs more than :data:`MAX_RATIO` times (a zip bomb);
    nothing is decompressed. ``what``: "Arbetsboken", "Word-filen"; ``advice``: how to fix it."""
    total = sum(i.file_size for i in infos)
    if total > max_unpacked:
        return error(id, f"{what} packas upp till {megabytes(total)}, mer än gränsen {megabytes(max_unpacked)}{typical}. Filen är skadad eller innehåller något annat; {advice}", where)
    for i in infos:
        if i.file_size > RATIO_FROM_BYTES and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            return error(id, f"Delen {i.filename} packas upp till {megabytes(i.file_size)} från {megabytes(i.compress_size)}, mer än {MAX_RATIO} gånger: filen ser ut som en zip-bomb och läses inte. {advice[:1].upper()}{advice[1:]}", where)
    return None


def workbook_limits(path: Path, display: str | None = None) -> Finding | None:
    """A ``fel`` finding when the archive at ``path`` exceeds a limit, else None (also when it is
    no zip archive: the reader says what it is)."""
    where = Location(display or Path(path).name)
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            found = archive_limits(infos, where, "Arbetsboken", "spara om den i Excel eller LibreOffice, eller skapa en ny med ”arsredovisning ny”.",
                                   typical=" (ett förbunds arbetsbok är under 1 MB)")
            if found is not None:
                return found
            for i in infos:
                if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml"):
                    with z.open(i) as part:
                        head = part.read(HEAD_BYTES)
                    m = _DIMENSION.search(head)
                    if m:
                        rows = int(m.group(4) or m.group(2))
                        cols = _column_number(m.group(3) or m.group(1))
                        if rows > MAX_ROWS or cols > MAX_COLUMNS:
                            ref = m.group(0).decode("ascii", "replace").split('"')[1]
                            return error("FIL-FOR-STOR", f"Ett blad ({i.filename}) anger området {ref}: {rows} rader och {cols} kolumner, mer än gränsen {MAX_ROWS} rader och {MAX_COLUMNS} kolumner per blad. Ta bort tomma rader och kolumner längst ned och till höger (markera dem, Ta bort) och spara igen.", where)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError, zipfile.LargeZipFile):
        return None
    return None
