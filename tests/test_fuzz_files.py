"""The fuzzing of ``tests/test_fuzz_workbook.py`` extended to the other files a user hands the tool
(issue 27, point 5): SIE files for ``importera`` and Word reports for ``lagesrapport las --skriv``,
broken by hypothesis — bytes inserted, flipped and cut, lines dropped and doubled, fields replaced
with text of any kind (control characters, quotes, formula starts), other character sets, XML made
invalid or hostile. The invariant: no input gives exit code 3 ("Internt fel"); every run ends with 0
or 1 and, with 1, a finding that names the file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .builders import run_cli, workbook
from .sie_builders import BODY, HEADER
from .test_lagesrapport import sheets_with_dates

FUZZ = settings(max_examples=10, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
TEXT = st.one_of(
    st.sampled_from(["", '"', "{", "}", "=cmd|' /C calc'!A0", "+1", "@A1", "\x00", "\x07", "\x1a", "\t", "\r", "-0",
                     "1e9999", "99999999999999999999.99", "#KONTO", "#KSUMMA", "å ä ö", "\ufffd", "x" * 500]),
    st.text(max_size=30),
)
ENCODINGS = st.sampled_from(["cp437", "utf-8", "iso-8859-15", "utf-16", "utf-8-sig"])


def _ends_well(r, file: str) -> None:
    assert r.exit_code in (0, 1), r.output
    assert "Internt fel" not in r.output
    if r.exit_code == 1:
        assert file in r.output, r.output


# ---- SIE ---------------------------------------------------------------------------------------------


@st.composite
def sie_bytes(draw) -> bytes:
    lines = (HEADER + BODY).splitlines()
    names = [i for i, line in enumerate(lines) if line.startswith(("#KONTO", "#FNAMN", "#PROGRAM"))]
    for i in draw(st.lists(st.sampled_from(names), max_size=3)):  # a name of any kind, the file still whole
        head, _, _ = lines[i].partition('"')
        lines[i] = head + '"' + draw(TEXT).replace('"', '\\"') + '"'
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["drop", "double", "field", "insert", "line"]))
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "drop" and len(lines) > 1:
            del lines[i]
        elif kind == "double":
            lines.insert(i, lines[i])
        elif kind == "field":
            fields = lines[i].split(" ")
            fields[draw(st.integers(0, len(fields) - 1))] = draw(TEXT)
            lines[i] = " ".join(fields)
        elif kind == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(TEXT) + lines[i][at:]
        else:
            lines.insert(i, draw(TEXT))
    data = "\r\n".join(lines).encode(draw(ENCODINGS), errors="replace")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    if draw(st.integers(0, 3)) == 0 and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
    return data


@FUZZ
@given(data=sie_bytes())
def test_a_broken_sie_file_never_gives_an_internal_error(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("sie")
    path = root / "export.se"
    path.write_bytes(data)
    _ends_well(run_cli("importera", path, root / "2016"), "export.se")


# ---- Word reports ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def form(tmp_path_factory) -> bytes:
    import docx

    doc = docx.Document()
    doc.add_heading("Insatsens namn", level=2)
    doc.add_paragraph("Steget")
    doc.add_paragraph("Tidsperiod som rapporten avser: 2016-01-01 - 2016-12-31")
    table = doc.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells, ["", "Kvinnor", "Män", "Faktiskt under perioden", "12", "9"]):
        cell.text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def arsmapp(tmp_path_factory) -> Path:
    return workbook(tmp_path_factory.mktemp("fuzz-word"), sheets_with_dates())


@st.composite
def word_bytes(draw, form: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(form)) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    xml = parts["word/document.xml"].decode("utf-8")
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["text", "cut", "markup", "entity"]))
        if kind == "text":  # any text (escaped or not) where Steget stands
            value = draw(TEXT)
            xml = xml.replace("Steget", value if draw(st.booleans()) else value.replace("&", "&amp;").replace("<", "&lt;"), 1)
        elif kind == "cut":
            xml = xml[: draw(st.integers(0, len(xml)))]
        elif kind == "markup":
            at = draw(st.integers(0, len(xml)))
            xml = xml[:at] + draw(st.sampled_from(["<", "</w:p>", "<w:p>", "&", "&lol;", "]]>", "<?x?>", "<!-- -->"])) + xml[at:]
        else:
            xml = xml.replace("?>", '?><!DOCTYPE w [<!ENTITY lol "lol">]>', 1)
    parts["word/document.xml"] = xml.encode("utf-8", errors="surrogatepass")
    if draw(st.integers(0, 4)) == 0:
        del parts[draw(st.sampled_from(sorted(parts)))]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    data = out.getvalue()
    if draw(st.integers(0, 4)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    if draw(st.integers(0, 4)) == 0 and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
    return data


@FUZZ
@given(data=st.data())
def test_a_broken_word_report_never_gives_an_internal_error(tmp_path_factory, form, arsmapp, data):
    folder = tmp_path_factory.mktemp("rapporter")
    (folder / "steget.docx").write_bytes(data.draw(word_bytes(form)))
    _ends_well(run_cli("lagesrapport", "las", folder, arsmapp), "steget.docx")
