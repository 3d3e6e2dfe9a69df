"""Atomic writes and file names (arsredovisning/files.py)."""

import os

import pytest

from arsredovisning import files
from arsredovisning.files import write_all, write_atomic


def test_write_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "ut" / "a.pdf"
    write_all([(target, b"old")])
    assert target.read_bytes() == b"old"

    real = os.replace

    def failing(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        write_all([(target, b"new"), (tmp_path / "ut" / "a.html", b"x")])
    monkeypatch.setattr(os, "replace", real)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.pdf"]


def test_write_atomic_replaces_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "a.json"
    write_atomic(target, b"1")
    write_atomic(target, b"2")
    assert target.read_bytes() == b"2"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
    assert os.stat(target).st_mode & 0o777 == 0o644


def test_output_names():
    assert files.WORKBOOK == "indata.xlsx"
    assert files.report_pdf_name(2016) == "arsredovisning-2016.pdf"
    assert files.report_html_name(2016) == "arsredovisning-2016.html"
    assert files.archive_pdf_name(2016) == "arsredovisning-2016-arkiv.pdf"
    assert files.json_name(2016) == "arsredovisning-2016.json"
    assert files.revision_workbook_name(2016) == "arsredovisning-2016-underlag.xlsx"
    assert files.control_report_names(2016) == ("kontrollrapport-2016.html", "kontrollrapport-2016.pdf")


def test_a_write_error_names_the_users_file_not_the_temporary_one(tmp_path):
    import pytest

    from arsredovisning.files import write_atomic

    target = tmp_path / "arsredovisning-2025.pdf"
    target.mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(OSError) as caught:
        write_atomic(target, b"x")
    assert caught.value.filename == str(target.resolve())
    assert [p.name for p in tmp_path.iterdir()] == ["arsredovisning-2025.pdf"]
