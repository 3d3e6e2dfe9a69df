"""The version stamp: same input → same checksum and version id; any changed byte, template, option or
line of code → another."""

import re
import shutil

from arsredovisning import __version__
from pathlib import Path

from arsredovisning.load import load_annual_input
from arsredovisning.load.stamp import DRAFT, FINAL, Stamp, checksum_of, input_checksum, input_hashes, input_stamp, version_id

from .conftest import EXAMPLE


def _folder(tmp_path, texts=None):
    (tmp_path / "texter" / "insatser").mkdir(parents=True)
    (tmp_path / "indata.xlsx").write_bytes(b"PK workbook bytes")
    for rel, content in (texts or {"presidiet.md": "Hej", "insatser/ips.md": "IPS"}).items():
        (tmp_path / "texter" / rel).write_text(content, encoding="utf-8")
    return tmp_path


def test_stamp_prints_version_and_state(tmp_path):
    assert re.fullmatch(r"Version [0-9a-f]{12} · utkast", input_stamp(_folder(tmp_path)))
    assert str(Stamp("0123456789ab", __version__, "3f9c0a1b22de", FINAL)) == "Version 3f9c0a1b22de · slutlig"
    assert Stamp("0123456789ab", __version__).draft


def test_checksum_is_stable_covers_images_and_attachments_and_ignores_other_files(tmp_path):
    folder = _folder(tmp_path)
    before = input_checksum(folder)
    (folder / "anteckningar.txt").write_text("ignoreras")
    (folder / "~$indata.xlsx").write_bytes(b"lock")
    (folder / "indata-backup.xlsx").write_bytes(b"backup")
    assert input_checksum(folder) == before
    (folder / "texter" / "bild.png").write_bytes(b"\x89PNG")
    with_image = input_checksum(folder)
    assert with_image != before
    (folder / "logo.svg").write_text("<svg/>")
    with_logo = input_checksum(folder)
    (folder / "revisionsberattelse.pdf").write_bytes(b"%PDF-1.7")
    assert len({before, with_image, with_logo, input_checksum(folder)}) == 4
    assert [name for name, _ in input_hashes(folder)] == [
        "indata.xlsx", "logo.svg", "revisionsberattelse.pdf", "texter/bild.png", "texter/insatser/ips.md", "texter/presidiet.md"]


def test_the_input_is_hashed_once_at_load_and_carried_on_the_input():
    inp, _ = load_annual_input(EXAMPLE)
    assert inp.inputs == input_hashes(EXAMPLE)
    assert checksum_of(inp.inputs) == input_checksum(EXAMPLE)


def test_version_id_covers_templates_options_and_code(tmp_path, monkeypatch):
    from arsredovisning.load import stamp as stamp_module
    from arsredovisning.render.assets import Assets

    inputs = input_hashes(_folder(tmp_path / "a"))
    roots = Assets.create().roots
    base = version_id(inputs, roots, {"tillstand": DRAFT})
    assert re.fullmatch(r"[0-9a-f]{12}", base) and base == version_id(inputs, roots, {"tillstand": DRAFT})
    assert version_id(inputs, roots, {"tillstand": FINAL}) != base
    assert version_id(inputs, roots, {"tillstand": DRAFT, "maskera_under": 3}) != base
    assert version_id(inputs[1:], roots, {"tillstand": DRAFT}) != base
    mallar = tmp_path / "mallar" / "css"
    mallar.mkdir(parents=True)
    (mallar / "report.css").write_text("body { color: black; }")
    own = version_id(inputs, Assets.create(Path(mallar.parent)).roots, {"tillstand": DRAFT})
    (mallar / "report.css").write_text("body { color: red; }")
    assert len({base, own, version_id(inputs, Assets.create(Path(mallar.parent)).roots, {"tillstand": DRAFT})}) == 3
    monkeypatch.setenv(stamp_module.CODE_ENV, "annan kod")  # read at each call, not cached
    assert version_id(inputs, roots, {"tillstand": DRAFT}) != base


def test_granskas_own_page_is_not_in_the_version_id(tmp_path):
    """The live preview's panel and script make no file a version id stamps: changing them leaves
    every report's version as it was; any other template changes it."""
    from arsredovisning.render.assets import Assets

    inputs = input_hashes(_folder(tmp_path / "a"))
    templates = tmp_path / "mallar"
    shutil.copytree(Assets.create().roots[-1], templates)
    roots = (templates,)
    base = version_id(inputs, roots, {"tillstand": DRAFT})
    script = templates / "granska" / "granska.js"
    script.write_text(script.read_text(encoding="utf-8") + "\n// ändrad\n", encoding="utf-8")
    assert version_id(inputs, roots, {"tillstand": DRAFT}) == base
    section = templates / "sections" / "noter.html.j2"
    section.write_text(section.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert version_id(inputs, roots, {"tillstand": DRAFT}) != base


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
