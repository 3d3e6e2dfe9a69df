"""No hidden temporary file stays after a killed write (issue 27, point 5): a writer killed (SIGKILL,
no clean-up possible) after its temporary files are complete and before they replace the targets
leaves ``.indata.xlsx.<pid>-….tmp`` beside the workbook; the next ``importera``, ``lagesrapport las
--skriv`` or ``ny`` into that folder removes it, and never a temporary file of a writer still running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from arsredovisning.files import remove_stale_temps

from .builders import minimal_sheets, run_cli, workbook
from .sie_builders import BODY, HEADER, sie_file

KILLED_WRITE = """
import os, signal, sys
from pathlib import Path
from arsredovisning import files
os.replace = lambda src, dst: os.kill(os.getpid(), signal.SIGKILL)  # killed between write and rename
files.write_all([(Path(sys.argv[1]), b"half")])
"""


def killed_write(target: Path) -> list[str]:
    """Run a write of ``target`` that is killed before its rename; the hidden files it left."""
    done = subprocess.run([sys.executable, "-c", KILLED_WRITE, str(target)], capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr
    return hidden(target.parent)


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp"))


def test_importera_removes_what_a_killed_import_left(tmp_path):
    folder = workbook(tmp_path, minimal_sheets(), name="2016")
    sie = sie_file(tmp_path)
    assert run_cli("importera", sie, folder).exit_code == 0
    left = killed_write(folder / "indata.xlsx")
    assert len(left) == 1 and left[0].startswith(".indata.xlsx.")
    again = run_cli("importera", sie, folder)  # nothing to change: still cleans up
    assert again.exit_code == 0 and "Inga ändringar" in again.stdout
    assert hidden(folder) == []


def test_lagesrapport_skriv_removes_what_a_killed_write_left(tmp_path):
    from .test_lagesrapport import sheets_with_dates, write_report

    folder = workbook(tmp_path, sheets_with_dates())
    assert killed_write(folder / "indata.xlsx")
    reports = write_report(tmp_path / "rapporter", "steget.txt", "Insatsens namn: Steget\nTidsperiod som rapporten avser: 2016-01-01 - 2016-12-31\n")
    r = run_cli("lagesrapport", "las", reports, folder, "--skriv")
    assert r.exit_code == 0, r.output
    assert hidden(folder) == []


def test_ny_fran_removes_what_a_killed_ny_left(tmp_path):
    previous = workbook(tmp_path, minimal_sheets(), name="2016")
    new = tmp_path / "2017"
    new.mkdir()
    assert killed_write(new / "indata.xlsx")
    r = run_cli("ny", new, "--fran", previous)
    assert r.exit_code == 0, r.output
    assert hidden(new) == []


def test_a_running_writers_temporary_file_is_left_alone(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        live = tmp_path / f".indata.xlsx.{sleeper.pid}-abcdefgh.tmp"
        mine = tmp_path / f".indata.xlsx.{os.getpid()}-abcdefgh.tmp"
        other = tmp_path / ".indata.xlsx.999999999-abcdefgh.tmp"  # no such process
        young_legacy = tmp_path / ".indata.xlsx.abcdefgh.tmp"
        unrelated = tmp_path / ".gömd.tmp"
        for p in (live, mine, other, young_legacy, unrelated):
            p.write_bytes(b"x")
        assert remove_stale_temps(tmp_path) == [other]
        os.utime(young_legacy, (0, 0))  # an old temporary file of a version without process ids
        assert remove_stale_temps(tmp_path) == [young_legacy]
        assert sorted(hidden(tmp_path)) == sorted(p.name for p in (live, mine, unrelated))
    finally:
        sleeper.communicate(b"")


def test_a_dry_run_removes_nothing(tmp_path):
    folder = workbook(tmp_path, minimal_sheets(), name="2016")
    left = killed_write(folder / "indata.xlsx")
    assert run_cli("importera", sie_file(tmp_path, HEADER + BODY), folder, "--torrkorning").exit_code == 0
    assert hidden(folder) == left
