"""``bygg --arkiv``: arsredovisning-2016-arkiv.pdf is PDF/A-3a (tagged, fonts embedded, sRGB output
intent, XMP consistent with the document information) and carries indata.xlsx and the JSON export
as associated files, byte for byte. On the shared Ådalen build (``-q --slutlig --arkiv``), the
suite's one archive file."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest

from tests.golden.outputs import CASES, DIGESTS

from .conftest import build_log
from .test_accessibility import descriptor, elements, fonts, tag

ARCHIVE = "arsredovisning-2016-arkiv.pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def archive(adalen_build):
    with pikepdf.open(adalen_build / ARCHIVE) as pdf:
        yield pdf


def test_pdfa_3a_is_declared_in_xmp(archive):
    meta = archive.open_metadata()
    assert meta["pdfaid:part"] == "3" and meta["pdfaid:conformance"] == "A"
    assert archive.pdf_version == "1.7"
    intent = archive.Root.OutputIntents[0]
    assert intent.S == "/GTS_PDFA1" and "/DestOutputProfile" in intent
    assert len(archive.trailer.ID) == 2 and not archive.is_encrypted


def test_xmp_agrees_with_the_document_information(archive):
    meta, info = archive.open_metadata(), archive.docinfo
    assert meta["dc:title"] == str(info.Title) == "Årsredovisning 2016 – Samordningsförbundet Ådalen"
    assert meta["dc:creator"] == [str(info.Author)]
    assert meta["dc:description"] == str(info.Subject)
    assert meta["pdf:Producer"] == str(info.Producer) and meta["xmp:CreatorTool"] == str(info.Creator)
    assert str(info.CreationDate).startswith("D:20170301") and meta["xmp:CreateDate"] == "2017-03-01"
    assert str(info.ModDate).startswith("D:20170301") and meta["xmp:ModifyDate"] == "2017-03-01"


def test_sources_are_embedded_as_associated_files(archive, adalen_build):
    folder = Path(build_log(adalen_build)["arsmapp"])
    expected = {
        "indata.xlsx": ("/Source", XLSX, (folder / "indata.xlsx").read_bytes()),
        "arsredovisning-2016.json": ("/Data", "application/json", (adalen_build / "arsredovisning-2016.json").read_bytes()),
    }
    assert set(archive.attachments) == set(expected)
    associated = [str(spec.UF) for spec in archive.Root.AF]
    assert associated == ["indata.xlsx", "arsredovisning-2016.json"]
    for name, (relationship, mime, data) in expected.items():
        spec = archive.attachments[name]
        assert spec.obj.AFRelationship == relationship and str(spec.obj.F) == name
        embedded = spec.get_file()
        assert embedded.mime_type == mime
        assert embedded.read_bytes() == data, name  # extractable and byte-identical
        assert str(embedded.obj.Params.ModDate).startswith("D:20170301")


def test_archive_is_tagged_and_embeds_every_font(archive):
    assert archive.Root.MarkInfo.Marked is True and str(archive.Root.Lang) == "sv-SE"
    tags = {tag(e) for e in elements(archive.Root.StructTreeRoot)}
    assert {"H1", "Table", "TH", "TD", "Figure", "L", "LI"} <= tags
    for font in fonts(archive):
        assert any(k in descriptor(font) for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_the_report_pdf_stays_pdf_ua(adalen_build):
    with pikepdf.open(adalen_build / "arsredovisning-2016.pdf") as pdf:
        assert pdf.open_metadata().get("pdfaid:part") is None and not pdf.attachments


def test_two_archive_builds_are_identical():
    """The archive's bytes are recorded: the byte-identity test (tests/test_byte_identity.py) builds
    ``--arkiv`` afresh each run and compares it with the digests of an earlier build."""
    recorded = json.loads(DIGESTS.read_text(encoding="utf-8"))
    assert ARCHIVE in recorded["adalen-tkr"] and "--arkiv" in CASES["adalen-tkr"].options
