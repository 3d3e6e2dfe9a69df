"""LibreOffice users: ``indata.ods`` and an ``.xlsx`` saved by LibreOffice Calc build the same report
as the original (the files are made here with ``soffice --headless --convert-to``), and both
workbooks present is an error naming both. Also the workbook size limits."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest

from arsredovisning.load import load_annual_input
from arsredovisning.load.limits import MAX_ROWS, workbook_limits
from arsredovisning.pipeline import run_checks
from arsredovisning.render import render_html

from .builders import minimal_sheets, run_cli, workbook
from .conftest import EXAMPLE, require_tool
from .sie_builders import sie_file, sie_of_workbook

STAMP = re.compile(r"[0-9a-f]{12}")  # the version id


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """input/2016 as indata.ods, and that .ods saved back as .xlsx, both by LibreOffice."""
    soffice = require_tool("soffice", "libreoffice")
    root = tmp_path_factory.mktemp("libreoffice")
    profile = (root / "profil").as_uri()

    def convert(src, fmt, outdir):
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                       check=True, capture_output=True, timeout=180)

    convert(EXAMPLE / "indata.xlsx", "ods", root / "ods")
    convert(root / "ods" / "indata.ods", 'xlsx:Calc MS Excel 2007 XML', root / "xlsx")
    folders = {}
    for kind, file in (("ods", root / "ods" / "indata.ods"), ("xlsx", root / "xlsx" / "indata.xlsx")):
        folder = root / f"arsmapp-{kind}"
        shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("indata.xlsx"))
        shutil.copy(file, folder / file.name)
        folders[kind] = folder
    return folders


def _report_html(folder) -> str:
    """The report's HTML as ``bygg`` lays it out (the PDF is that HTML laid out), with the version id
    (it covers the input file's bytes, which differ) left out."""
    return STAMP.sub("Version …", render_html(run_checks(folder)).body)


@pytest.mark.libreoffice
def test_ods_and_libreoffice_xlsx_build_the_same_report(converted):
    original = _report_html(EXAMPLE)  # input/2016 as it is
    assert "Resultaträkning" in original and "−32\u202f323" in original
    for kind, folder in converted.items():
        assert _report_html(folder) == original, kind


@pytest.mark.libreoffice
def test_ods_gives_the_same_findings_with_its_own_file_name(converted):
    from_xlsx = [f.render() for f in run_checks(EXAMPLE).findings]
    from_ods = [f.render() for f in run_checks(converted["ods"]).findings]
    assert any("indata.xlsx › Förbund › B12" in f for f in from_xlsx)
    assert from_ods == [f.replace("indata.xlsx", "indata.ods") for f in from_xlsx]


@pytest.mark.libreoffice
def test_importing_into_a_libreoffice_xlsx_twice_is_byte_identical(converted, tmp_path):
    folder = tmp_path / "lo"
    shutil.copytree(converted["xlsx"], folder)
    sie = sie_file(tmp_path, sie_of_workbook(EXAMPLE / "indata.xlsx"))
    first = run_cli("importera", sie, folder)
    assert first.exit_code == 0, first.output
    written = (folder / "indata.xlsx").read_bytes()
    again = run_cli("importera", sie, folder)
    assert "Inga ändringar" in again.stdout and (folder / "indata.xlsx").read_bytes() == written
    assert [f.render() for f in run_checks(folder).findings if f.level.value != "info"] == \
        [f.render() for f in run_checks(EXAMPLE).findings if f.level.value != "info"]


@pytest.mark.libreoffice
def test_both_workbooks_is_an_error_naming_both(converted, tmp_path):
    folder = tmp_path / "bada"
    shutil.copytree(converted["ods"], folder)
    shutil.copy(EXAMPLE / "indata.xlsx", folder)
    inp, findings = load_annual_input(folder)
    assert inp is None and [f.id for f in findings] == ["FIL-BADA"]
    assert "indata.xlsx" in findings[0].message and "indata.ods" in findings[0].message


def test_an_xlsx_named_ods_is_named(tmp_path):
    folder = workbook(tmp_path, minimal_sheets())
    (folder / "indata.xlsx").rename(folder / "indata.ods")
    inp, findings = load_annual_input(folder)
    assert [f.id for f in findings] == ["FIL-INTE-ODS"] and "Byt namn på den till indata.xlsx" in findings[0].message


# --------------------------------------------------------------------------------------------
# Size limits
# --------------------------------------------------------------------------------------------


def refuse_reading(monkeypatch) -> None:
    """The workbook's sheets must not be read: pandas' reader fails the test."""
    import pandas

    def no_reading(*args, **kwargs):
        raise AssertionError("the sheets were read")

    monkeypatch.setattr(pandas, "read_excel", no_reading)


def _rewrite(src, dst, change):
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            out.writestr(info.filename, change(info.filename, z.read(info.filename)))


def test_a_sheet_declaring_a_million_rows_is_refused_quickly(tmp_path, monkeypatch):
    folder = workbook(tmp_path, minimal_sheets())
    path = folder / "indata.xlsx"
    big = tmp_path / "big.xlsx"
    _rewrite(path, big, lambda name, data: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:F1048576"', data) if name.startswith("xl/worksheets/") else data)
    shutil.move(big, path)
    refuse_reading(monkeypatch)  # refused before the sheets are read
    inp, findings = load_annual_input(folder)
    assert inp is None and [f.id for f in findings] == ["FIL-FOR-STOR"]
    assert "1048576 rader" in findings[0].message and f"{MAX_ROWS} rader" in findings[0].message


def test_a_zip_bomb_is_refused_before_unpacking(tmp_path, monkeypatch):
    folder = workbook(tmp_path, minimal_sheets())
    path = folder / "indata.xlsx"
    bomb = tmp_path / "bomb.xlsx"
    zeros = b"0" * (300 * 1024 * 1024)  # 300 MB of one byte: packs to about 300 kB
    with zipfile.ZipFile(path) as z, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            out.writestr(info.filename, z.read(info.filename))
        out.writestr("xl/media/padding.bin", zeros)
    del zeros
    shutil.move(bomb, path)
    refuse_reading(monkeypatch)  # refused before the sheets are read
    inp, findings = load_annual_input(folder)
    assert inp is None and [f.id for f in findings] == ["FIL-FOR-STOR"] and "200 MB" in findings[0].message
    assert workbook_limits(path) is not None


def test_the_example_is_far_below_every_limit():
    assert workbook_limits(EXAMPLE / "indata.xlsx") is None
