"""The version stamp: same input → same checksum; any changed byte → another."""

import re
import shutil

from arsredovisning import __version__
from arsredovisning.load.stamp import input_checksum, input_stamp

from .conftest import EXAMPLE


def _folder(tmp_path, texts=None):
    (tmp_path / "texter" / "insatser").mkdir(parents=True)
    (tmp_path / "indata.xlsx").write_bytes(b"PK workbook bytes")
    for rel, content in (texts or {"presidiet.md": "Hej", "insatser/ips.md": "IPS"}).items():
        (tmp_path / "texter" / rel).write_text(content, encoding="utf-8")
    return tmp_path


def test_stamp_names_checksum_and_version(tmp_path):
    stamp = input_stamp(_folder(tmp_path))
    assert re.fullmatch(rf"Kontrollsumma indata [0-9a-f]{{12}} · arsredovisning {re.escape(__version__)}", stamp)


def test_checksum_is_stable_and_ignores_other_files(tmp_path):
    folder = _folder(tmp_path)
    before = input_checksum(folder)
    (folder / "anteckningar.txt").write_text("ignoreras")
    (folder / "texter" / "bild.png").write_bytes(b"\x89PNG")
    assert input_checksum(folder) == before


def test_checksum_changes_with_workbook_text_or_text_name(tmp_path):
    folder = _folder(tmp_path)
    before = input_checksum(folder)
    (folder / "texter" / "presidiet.md").write_text("Hej!", encoding="utf-8")
    changed_text = input_checksum(folder)
    assert changed_text != before
    (folder / "texter" / "presidiet.md").rename(folder / "texter" / "uppdraget.md")
    assert input_checksum(folder) not in (before, changed_text)
    (folder / "indata.xlsx").write_bytes(b"PK other bytes")
    assert input_checksum(folder) != before


def test_bytes_cannot_move_between_files(tmp_path):
    a = _folder(tmp_path / "a", {"a.md": "xy", "b.md": ""})
    b = _folder(tmp_path / "b", {"a.md": "x", "b.md": "y"})
    assert input_checksum(a) != input_checksum(b)


def test_example_checksum_does_not_depend_on_the_folder_name(tmp_path):
    copy = tmp_path / "kopia"
    shutil.copytree(EXAMPLE, copy)
    assert input_checksum(copy) == input_checksum(EXAMPLE)
