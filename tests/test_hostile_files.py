"""Every bad file gets a located answer (issue 27, point 6): a Word report that is no Word document,
empty, cut or hostile, and a SIE file with control characters in its names or written in UTF-16, each
gives a Swedish finding that names the file, exit code 1 (or a warning), never "Internt fel" (3). Sizes
are said in MB of 1 000 000 bytes throughout."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from arsredovisning.load.limits import megabytes

from .builders import run_cli, workbook
from .sie_builders import BODY, HEADER, sie_file
from .test_lagesrapport import sheets_with_dates

LOL = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
       + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"".join(b"&lol%s;" % (b"" if i == 1 else str(i - 1).encode()) for _ in range(10)))
                  for i in range(1, 10))
       + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
       + b"<w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")


def _form(tmp_path: Path) -> Path:
    import docx

    path = tmp_path / "form.docx"
    doc = docx.Document()
    doc.add_paragraph("Insatsens namn: Steget")
    doc.save(str(path))
    return path


def _rewritten(form: Path, out: Path, document: bytes | None = None, extra: dict[str, bytes] | None = None) -> None:
    with zipfile.ZipFile(form) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item.filename, document if document is not None and item.filename == "word/document.xml" else data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)


def _bomb(form: Path, out: Path, size: int) -> None:
    """``form`` with a part of ``size`` zero bytes (a zip bomb: it packs about 200 times)."""
    _rewritten(form, out)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as z, z.open("word/media/bild.bin", "w", force_zip64=True) as fh:
        chunk = bytes(1_000_000)
        for _ in range(size // len(chunk)):
            fh.write(chunk)


def _make(kind: str, tmp_path: Path, path: Path) -> None:
    form = _form(tmp_path)
    if kind == "pdf":
        path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    elif kind == "tom":
        path.write_bytes(b"")
    elif kind == "doc":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    elif kind == "text":
        path.write_text("Insatsens namn: Steget\n", encoding="utf-8")
    elif kind == "avbruten-zip":
        path.write_bytes(form.read_bytes()[:600])
    elif kind == "avbruten-xml":
        with zipfile.ZipFile(form) as z:
            xml = z.read("word/document.xml")
        _rewritten(form, path, xml[: len(xml) // 2])
    elif kind == "billion-laughs":
        _rewritten(form, path, LOL)
    elif kind == "600-mb":
        _bomb(form, path, 600_000_000)
    elif kind == "zip-utan-word":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("hej.txt", "hej")


WORD = {
    "pdf": "Filen heter .docx men är en PDF-fil.",
    "tom": "Filen är tom (0 byte).",
    "doc": "Filen heter .docx men är ett äldre Word-dokument (.doc)",
    "text": "Filen heter .docx men är en textfil.",
    "avbruten-zip": "Filen heter .docx men är ingen Word-fil",
    "avbruten-xml": "Word-filen kan inte läsas: den är skadad, avbruten",
    "billion-laughs": "Word-filen läses inte: dess text (word/document.xml) deklarerar egna XML-entiteter",
    "600-mb": "Word-filen packas upp till 60",  # 600 MB and the form's own parts
    "zip-utan-word": "Filen är ett zip-arkiv men inget Word-dokument (word/document.xml saknas).",
}


@pytest.fixture(scope="module")
def arsmapp(tmp_path_factory):
    return workbook(tmp_path_factory.mktemp("hostile"), sheets_with_dates())


@pytest.mark.parametrize("kind", list(WORD))
def test_a_bad_word_report_is_a_located_finding_with_exit_code_1(kind, arsmapp, tmp_path):
    reports = tmp_path / "rapporter"
    reports.mkdir()
    _make(kind, tmp_path, reports / "steget.docx")
    r = run_cli("lagesrapport", "las", reports, arsmapp)
    assert r.exit_code == 1, r.output
    assert "Internt fel" not in r.output
    assert f"steget.docx: {WORD[kind]}" in r.stdout.replace("\u202f", " "), r.output


def test_a_large_text_report_is_refused_before_it_is_read(arsmapp, tmp_path):
    reports = tmp_path / "rapporter"
    reports.mkdir()
    with (reports / "steget.txt").open("wb") as fh:
        fh.truncate(6_000_000)
    r = run_cli("lagesrapport", "las", reports, arsmapp)
    assert r.exit_code == 1 and "steget.txt: Filen är 6,0 MB, mer än gränsen 5,0 MB" in r.stdout, r.output


def test_control_characters_in_a_text_report_are_removed_and_named(arsmapp, tmp_path):
    reports = tmp_path / "rapporter"
    reports.mkdir()
    (reports / "steget.txt").write_text("Insatsens namn: Steget\nTidsperiod som rapporten avser: 2016-01-01 - 2016-12-31\n\n"
                                        "Underskrift: Anna\x00 Anders\x07son\n", encoding="utf-8")
    r = run_cli("lagesrapport", "las", reports, arsmapp)
    assert r.exit_code == 0, r.output
    assert "[LAGE-STYRTECKEN] steget.txt, rad 4: Filen innehåller styrtecken" in r.stdout


# ---- SIE ---------------------------------------------------------------------------------------------


def test_nul_and_bel_in_sie_names_are_removed_and_named(tmp_path):
    text = HEADER.replace('#FNAMN "Samordningsförbundet Test"', '#FNAMN "Samordnings\x07förbundet Test"') \
        + BODY.replace('"Leverantörsskulder"', '"Lever\x00antörs\x07skulder"')
    folder = tmp_path / "2016"
    r = run_cli("importera", sie_file(tmp_path, text), folder)
    assert r.exit_code == 0, r.output
    assert "Internt fel" not in r.output
    assert "[SIE-STYRTECKEN] export.se, rad 6: Rad 6 och 1 rader till innehåller styrtecken (BEL, NUL)" in r.stdout
    wb = openpyxl.load_workbook(folder / "indata.xlsx")
    assert [c.value for c in wb["Saldobalans"]["B"] if c.value == "Leverantörsskulder"] == ["Leverantörsskulder"]
    assert wb["Förbund"]["B2"].value == "Samordningsförbundet Test"


@pytest.mark.parametrize("codec, how", [("utf-16", "med byte-ordningsmärke"), ("utf-16-le", "utan byte-ordningsmärke"),
                                        ("utf-16-be", "utan byte-ordningsmärke")])
def test_a_utf16_sie_file_says_why_it_is_not_read(codec, how, tmp_path):
    r = run_cli("importera", sie_file(tmp_path, HEADER + BODY, encoding=codec), tmp_path / "2016")
    assert r.exit_code == 1 and "Internt fel" not in r.output
    assert f"[SIE-UTF16] export.se: Filen är skriven i Unicode UTF-16 ({how}, två byte per tecken)." in r.stdout, r.output
    assert not (tmp_path / "2016").exists()


def test_sizes_are_said_in_one_unit():
    assert [megabytes(n) for n in (300_000, 5_000_000, 200_000_000, 524_288_000)] == ["0,3 MB", "5,0 MB", "200 MB", "524 MB"]


# ---- raw HTML in a text -------------------------------------------------------------------------------


def test_raw_html_in_a_text_is_a_located_warning(tmp_path):
    from arsredovisning.pipeline import run_checks

    from .builders import minimal_sheets

    folder = workbook(tmp_path, minimal_sheets(), {"presidiet.md": "Året i korthet.\n\n<!-- en anteckning -->\n\nVi har <b>ökat</b> antalet<br>deltagare.\n\n`<i>kod</i>`\n"})
    found = [f for f in run_checks(folder).findings if f.id == "TEXT-HTML"]
    assert [f.render() for f in found] == [
        "texter/presidiet.md, rad 5: Texten innehåller HTML (<b>, </b>, <br>), som inte skrivs ut: taggarna tas bort i rapporten "
        "och texten mellan dem står kvar. Skriv med Markdown i stället: **fet**, *kursiv*, en tom rad för nytt stycke, en rad som "
        "slutar med \\ för radbrytning."]
