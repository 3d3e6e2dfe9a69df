"""Issue 23: utkast and slutlig, the förbund's own Upplysningar instead of tool text in the report,
one version id, the output set swapped in as one version, manifest and build log."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from arsredovisning.checks import all_reconciliations
from arsredovisning.checks.disclosures import check_disclosures, explained, unexplained
from arsredovisning.findings import Level, Reconciliation
from arsredovisning.model import Disclosure
from arsredovisning.pipeline import run_checks
from arsredovisning.present.disclosures import disclosures

from .conftest import EXAMPLE, build_log
from .records import loc

# The example's open differences explained in the förbund's words (what a styrelse would write).
EXAMPLE_DISCLOSURES = (
    ("SB-BALANS", "Föregående års balansräkning avviker med 1 kr till följd av avrundning i bokslutet 2015."),
    ("INS-PROJEKTMEDEL", "Insatsernas redovisade utfall överstiger bokförda projektmedel med 271 kr, som avser en faktura bokförd 2017."),
    ("INS-RESULTAT-SUMMA", "För två insatser har en deltagare kunnat redovisas med mer än ett utfall."),
)


def explained_example(tmp_path: Path, rows=EXAMPLE_DISCLOSURES) -> Path:
    """A copy of the example årsmapp with a sheet Upplysningar holding ``rows``."""
    folder = tmp_path / "2016"
    shutil.copytree(EXAMPLE, folder)
    book = openpyxl.load_workbook(folder / "indata.xlsx")
    sheet = book.create_sheet("Upplysningar")
    sheet.append(["Kontroll", "Text"])
    for row in rows:
        sheet.append(list(row))
    book.save(folder / "indata.xlsx")
    return folder


def rec(id_: str, level: Level | None, *, caused_by: tuple[str, ...] = (), about: str = "") -> Reconciliation:
    return Reconciliation(id_, id_, "Vänster", Decimal(1), "Höger", Decimal(0) if level else Decimal(1), level, "",
                          caused_by=caused_by, about=about, year=2016)


def test_a_disclosure_explains_its_avstamning_and_those_that_follow_from_it():
    cause = rec("SB-BALANS", Level.WARNING, about="Föregående år")
    follows = rec("BR-BALANS", Level.WARNING, caused_by=(cause.key,))
    other = rec("INS-PROJEKTMEDEL", Level.WARNING)
    ok = rec("EK-UB", None)
    rows = (Disclosure("SB-BALANS", "Avrundning 2015.", loc("Upplysningar", 2)),)
    assert explained([cause, follows, other, ok], rows) == {cause.key, follows.key}
    assert unexplained([cause, follows, other, ok], rows) == [other]
    assert unexplained([cause, follows, other, ok], ()) == [cause, follows, other]


def test_a_disclosure_naming_no_avstamning_or_one_without_difference_is_reported():
    rows = (Disclosure("SB-BALNS", "x", loc("Upplysningar", 2)), Disclosure("EK-UB", "y", loc("Upplysningar", 3)))
    found = check_disclosures([rec("SB-BALANS", Level.WARNING), rec("EK-UB", None)], rows)
    assert [(f.id, f.level, f.location.cell) for f in found] == [
        ("UPPLYSNING-OKAND", Level.WARNING, "A2"), ("UPPLYSNING-INAKTUELL", Level.INFO, "A3")]
    assert "avstämningar med skillnad nu: SB-BALANS" in found[0].message


def test_disclosures_are_printed_where_their_figures_stand():
    rows = (Disclosure("KF-LIKVIDA", "a", loc("Upplysningar", 2)), Disclosure("INS-PROJEKTMEDEL", "b", loc("Upplysningar", 3)),
            Disclosure("OKANT-ID", "c", loc("Upplysningar", 4)), Disclosure("SB-BALANS", "d", loc("Upplysningar", 5)))
    assert disclosures(rows, {"balansrakning", "kassaflodesanalys", "noter"}) == {
        "kassaflodesanalys": ("a",), "noter": ("b",), "balansrakning": ("c", "d")}


def test_the_example_with_upplysningar_reads_them_and_has_no_unexplained_difference(tmp_path):
    plain = run_checks(EXAMPLE).report
    assert {r.id for r in unexplained(all_reconciliations(plain), plain.inp.disclosures)} == {
        "SB-BALANS", "BR-BALANS", "KF-LIKVIDA", "INS-PROJEKTMEDEL", "INS-RESULTAT-SUMMA"}
    result = run_checks(explained_example(tmp_path))
    inp = result.report.inp
    assert [(d.check, d.location.sheet, d.location.cell) for d in inp.disclosures] == [
        ("SB-BALANS", "Upplysningar", "A2"), ("INS-PROJEKTMEDEL", "Upplysningar", "A3"), ("INS-RESULTAT-SUMMA", "Upplysningar", "A4")]
    assert unexplained(all_reconciliations(result.report), inp.disclosures) == []
    assert not [f for f in result.findings if f.id.startswith("UPPLYSNING-")]


# ---- the set is one version (files.publish) -----------------------------------------------------------

NAMES = ["arsredovisning-2016.pdf", "arsredovisning-2016.html", "arsredovisning-2016.json", "arsredovisning-2016-underlag.xlsx",
         "kontrollrapport-2016.pdf", "kontrollrapport-2016.html", "arsredovisning-2016-manifest.json"]


def earlier_set(out: Path) -> dict[str, bytes]:
    """An output folder holding an earlier set (and a file of another year that must stay)."""
    out.mkdir(parents=True)
    for name in [*NAMES, "arsredovisning-2015.pdf"]:
        (out / name).write_bytes(f"tidigare {name}".encode())
    return snapshot(out)


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    return [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.bygg-")]


def test_a_folder_in_the_way_of_one_output_leaves_the_earlier_set(tmp_path):
    from arsredovisning.build import run_build

    out = tmp_path / "ut"
    before = earlier_set(out)
    (out / "arsredovisning-2016.json").unlink()
    (out / "arsredovisning-2016.json").mkdir()
    before.pop("arsredovisning-2016.json")
    result = run_build(EXAMPLE, out)
    errors = [f for f in result.findings if f.level is Level.ERROR]
    assert [f.id for f in errors] == ["UT-SKRIVFEL"] and result.written == []
    assert "Inga tidigare filer i utmappen har ändrats" in errors[0].message
    assert errors[0].location.file.endswith("ut/arsredovisning-2016.json")
    assert snapshot(out) == before and leftovers(out) == []


def test_a_read_only_output_folder_leaves_the_earlier_set(tmp_path):
    from arsredovisning.build import run_build

    out = tmp_path / "ut"
    before = earlier_set(out)
    out.chmod(0o555)
    try:
        result = run_build(EXAMPLE, out)
    finally:
        out.chmod(0o755)
    assert [f.id for f in result.findings if f.level is Level.ERROR] == ["UT-SKRIVFEL"]
    assert snapshot(out) == before and leftovers(out) == []


def test_publish_swaps_the_whole_set_and_keeps_other_files(tmp_path):
    from arsredovisning.files import publish, staging_folder

    out = tmp_path / "ut"
    earlier_set(out)
    stage = staging_folder(out)
    for name in NAMES:
        (stage / name).write_bytes(f"ny {name}".encode())
    publish(stage, out, NAMES)
    after = snapshot(out)
    assert after == {**{n: f"ny {n}".encode() for n in NAMES}, "arsredovisning-2015.pdf": b"tidigare arsredovisning-2015.pdf"}
    assert not stage.exists() and leftovers(out) == []
    # a folder that does not exist yet is the staging folder renamed
    fresh = tmp_path / "ny" / "ut"
    stage = staging_folder(fresh)
    (stage / NAMES[0]).write_bytes(b"x")
    publish(stage, fresh, NAMES[:1])
    assert snapshot(fresh) == {NAMES[0]: b"x"}


def test_a_build_killed_while_writing_the_pdf_leaves_the_earlier_set_and_the_next_cleans_up(tmp_path):
    """The build is killed (SIGKILL) halfway through writing the report's PDF into its staging folder."""
    import subprocess
    import sys

    from arsredovisning.files import clean_leftovers

    out = tmp_path / "ut"
    before = earlier_set(out)
    script = (
        "import os, signal, sys\n"
        "import arsredovisning.render as render\n"
        "render.write_pdf_bytes = lambda *a, **k: b'%PDF-1.7 ' + b'x' * 100000\n"
        "def killed(targets):\n"
        "    path, data = targets[0]\n"
        "    with open(path, 'wb') as fh:\n"
        "        fh.write(data[: len(data) // 2]); fh.flush(); os.fsync(fh.fileno())\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "render.write_all = killed\n"
        "from arsredovisning.build import run_build\n"
        "run_build(sys.argv[1], sys.argv[2])\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(EXAMPLE), str(out)], capture_output=True, text=True)
    assert proc.returncode == -9, proc.stderr
    assert snapshot(out) == before
    assert len(leftovers(out)) == 1  # the killed build's staging folder, with half a PDF
    clean_leftovers(out)
    assert leftovers(out) == [] and snapshot(out) == before


def test_a_complete_set_marked_ready_is_moved_in_by_the_next_build(tmp_path):
    """Where folders cannot be swapped (a subfolder in the output folder), a build killed while moving
    a complete set in file by file is completed by the next one: old or new, never a mix for long."""
    from arsredovisning.files import READY, clean_leftovers, publish, staging_folder

    out = tmp_path / "ut"
    earlier_set(out)
    (out / "egen-mapp").mkdir()
    stage = staging_folder(out)
    for name in NAMES:
        (stage / name).write_bytes(f"ny {name}".encode())
    publish(stage, out, NAMES)  # the fallback: file by file
    assert snapshot(out)[NAMES[0]] == f"ny {NAMES[0]}".encode() and (out / "egen-mapp").is_dir()
    stage = Path(str(staging_folder(out)).replace(f"-{__import__('os').getpid()}-", "-999999-"))
    stage.mkdir()
    for name in NAMES:
        (stage / name).write_bytes(f"nyare {name}".encode())
    (stage / READY).write_text("\n".join(NAMES) + "\n", encoding="utf-8")
    (out / NAMES[0]).write_bytes(f"nyare {NAMES[0]}".encode())  # the killed build had moved one file
    (stage / NAMES[0]).unlink()
    clean_leftovers(out)
    assert {n: snapshot(out)[n] for n in NAMES} == {n: f"nyare {n}".encode() for n in NAMES}
    assert leftovers(out) == []


# ---- slutlig: a förbund without open differences, verifiera ------------------------------------------

@pytest.fixture(scope="module")
def adalen_final(adalen_build) -> Path:
    """Ådalen (tkr, no open difference) built once through the real command with ``--slutlig``: the
    shared build (tests/conftest.py), whose årsmapp is ``build_log(adalen_final)["arsmapp"]``."""
    return adalen_build


@pytest.fixture
def adalen(adalen_final, golden_env) -> Path:
    """The årsmapp of ``adalen_final``, for ``verifiera``'s fresh build in this process: with the
    shared builds' environment (the code digest of the version id), as the revisor's machine would
    have the same tool."""
    return Path(build_log(adalen_final)["arsmapp"])


def test_a_forbund_without_open_differences_builds_slutlig_with_its_version_on_every_page(adalen_final):
    import hashlib
    import json

    from arsredovisning.verify import page_texts

    doc = json.loads((adalen_final / "arsredovisning-2016.json").read_text(encoding="utf-8"))
    assert doc["tillstand"] == "slutlig" and re.fullmatch(r"[0-9a-f]{12}", doc["version_id"])
    pages = page_texts((adalen_final / "arsredovisning-2016.pdf").read_bytes())
    assert all(f"Version {doc['version_id']} · slutlig" in p for p in pages)  # the cover's foot too
    assert not [p for p in pages if "UTKAST" in p.upper()]
    kontroll = page_texts((adalen_final / "kontrollrapport-2016.pdf").read_bytes())
    assert all(f"Version {doc['version_id']} · slutlig" in p for p in kontroll)
    manifest = json.loads((adalen_final / "arsredovisning-2016-manifest.json").read_text(encoding="utf-8"))
    assert (manifest["version_id"], manifest["tillstand"]) == (doc["version_id"], "slutlig")
    outputs = {e["fil"]: e["sha256"] for e in manifest["utdata"]}
    assert set(outputs) == {p.name for p in adalen_final.iterdir()} - {"bygglogg.txt", "arsredovisning-2016-manifest.json"}
    assert all(hashlib.sha256((adalen_final / name).read_bytes()).hexdigest() == sha for name, sha in outputs.items())
    assert [e["fil"] for e in manifest["indata"]][0] == "indata.xlsx"
    log = (adalen_final / "bygglogg.txt").read_text(encoding="utf-8").splitlines()
    assert len(log) == 1 and f"version {doc['version_id']}\tslutlig\t" in log[0]


def test_verifiera_accepts_the_slutlig_pdf(adalen_final, adalen):
    from .builders import run_cli

    result = run_cli("verifiera", adalen_final / "arsredovisning-2016.pdf", adalen)
    assert result.exit_code == 0, result.output
    assert "JA:" in result.output and "byte för byte" in result.output and "inga signaturer" in result.output


def test_verifiera_rejects_a_changed_page_and_an_utkast(adalen_final, adalen, tmp_path):
    import pikepdf

    from arsredovisning.verify import verification_text, verify

    fresh = (adalen_final / "arsredovisning-2016.pdf").read_bytes()
    changed = tmp_path / "andrad.pdf"
    with pikepdf.open(adalen_final / "arsredovisning-2016.pdf") as pdf:
        pdf.pages[3] = pdf.pages[4]
        pdf.save(changed)
    v = verify(changed, adalen, fresh=fresh)
    assert not v.accepted and v.differing_pages == (4,)
    assert "Texten skiljer sig på sidan 4." in verification_text(v)
    import weasyprint

    expected = v.version_expected
    utkast = tmp_path / "utkast.pdf"  # a page whose footer names the same version, but as an utkast
    weasyprint.HTML(string=f"<p>Årsredovisning</p><p>Version {expected} · utkast</p>").write_pdf(utkast)
    other = verify(utkast, adalen, fresh=fresh)
    assert not other.accepted and other.version_in_pdf == (f"{expected} · utkast",)
    assert f"PDF:ens sidfot anger version {expected} · utkast." in verification_text(other)


def test_verifiera_lists_the_signature_of_a_signed_pdf(adalen_final, adalen, tmp_path):
    """Signed in the test with a throw-away self-signed certificate (pyHanko), as an e-signing service would."""
    import datetime as dt
    import io

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    from arsredovisning.verify import verification_text, verify

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Anna Ordförande")])
    now = dt.datetime(2017, 3, 20, tzinfo=dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + dt.timedelta(days=3650)).sign(key, hashes.SHA256()))
    (tmp_path / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    signer = signers.SimpleSigner.load(str(tmp_path / "key.pem"), str(tmp_path / "cert.pem"))
    fresh = (adalen_final / "arsredovisning-2016.pdf").read_bytes()
    signed = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(fresh), strict=False),
                              signers.PdfSignatureMetadata(field_name="Styrelsen"), signer=signer)
    path = tmp_path / "signerad.pdf"
    path.write_bytes(signed.getvalue())
    v = verify(path, adalen, fresh=fresh)
    assert v.accepted and v.same_bytes
    assert [(s.field, "Anna Ordförande" in s.signer, s.intact, s.whole_file) for s in v.signatures] == [("Styrelsen", True, True, True)]
    assert "Signaturer (1):" in verification_text(v) and "täcker hela filen" in verification_text(v)


def test_the_example_with_upplysningar_is_a_slutlig_report_with_the_forbunds_own_words(tmp_path):
    """--slutlig lets the explained example through; its HTML prints the förbund's texts and no draft mark."""
    from arsredovisning.build import BuildOptions, build_stamp, refuse_final
    from arsredovisning.render import render_html

    refused = run_checks(EXAMPLE)
    assert {f.id for f in refuse_final(refused)} == {"SLUTLIG-AVSTAMNING"}
    result = run_checks(explained_example(tmp_path))
    assert refuse_final(result) == []
    stamp = build_stamp(result, BuildOptions(final=True))
    html = render_html(result, stamp=stamp).standalone()
    for _, text in EXAMPLE_DISCLOSURES:
        assert text in html
    assert 'class="utkast"' not in html and "draft-banner" not in html and f"Version {stamp.version_id} · slutlig" in html


# ---- jamfor shows everything a reader sees -------------------------------------------------------------


@pytest.fixture(scope="module")
def reader_changes(tmp_path_factory):
    """The example with one word changed in presidiet.md, Deltagare of one insats changed and a logo added."""
    from arsredovisning.compare import compare_paths

    from .builders import example_with_a_changed_word

    folder, word = example_with_a_changed_word(tmp_path_factory.mktemp("lasare"))
    book = openpyxl.load_workbook(folder / "indata.xlsx")
    sheet = book["Insatser"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("Typ")].value == "Individ" and r[header.index("Deltagare")].value)
    row[header.index("Deltagare")].value += 10
    book.save(folder / "indata.xlsx")
    (folder / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>", encoding="utf-8")
    return compare_paths(EXAMPLE, folder), word


def test_jamfor_reports_a_one_word_text_change_as_before_and_after(reader_changes):
    from arsredovisning.compare import comparison_json, comparison_text

    c, word = reader_changes
    assert len(c.texts) == 1 and c.texts[0].text == "presidiet"
    (before,), (after,) = c.texts[0].before, c.texts[0].after
    assert word in before and word.upper() in after and before.replace(word, word.upper(), 1) == after
    text = comparison_text(c)
    assert "Ändrade texter (1 ställe)" in text and "texter/presidiet.md:" in text
    assert comparison_json(c)["andrade_texter"] == [{"text": "presidiet", "fore": [before], "efter": [after]}]


def test_jamfor_reports_aret_i_korthet_images_and_both_versions(reader_changes):
    from arsredovisning.compare import comparison_json, comparison_text

    c, _ = reader_changes
    by_key = {ch.key: ch for ch in c.changes}
    cost = by_key[("korthet", "Kostnad per deltagare, individinriktade insatser", 2016)]
    assert cost.section == "Året i korthet" and cost.after < cost.before  # more deltagare, same cost
    assert by_key[("korthet", "Deltagare i individinriktade insatser", 2016)].difference == 10
    assert [(f.name, f.before) for f in c.files] == [("logo.svg", None)]
    assert re.fullmatch(r"[0-9a-f]{12}", c.before.version) and c.before.version != c.after.version
    assert f"Version: {c.before.version} → {c.after.version}" in comparison_text(c)
    doc = comparison_json(c)
    assert (doc["fore"]["version_id"], doc["efter"]["version_id"]) == (c.before.version, c.after.version)
    assert doc["andrade_filer"][0]["fil"] == "logo.svg"


def test_jamfor_pdf_is_an_andringsrapport(reader_changes, tmp_path):
    """Its text; that it passes PDF/UA-1 is tests/test_verapdf.py (every PDF in one JVM)."""
    from arsredovisning.compare import write_change_report
    from arsredovisning.verify import page_texts

    c, word = reader_changes
    path = write_change_report(c, tmp_path / "andringsrapport.pdf")
    text = " ".join(page_texts(path.read_bytes()))
    assert "Ändringsrapport" in text and word.upper() in text and "Kostnad per deltagare" in text and c.after.version in text


def test_verifiera_builds_with_the_options_of_the_final_report(tmp_path, monkeypatch):
    """verifiera builds afresh with the options the final report was built with, --foregaende among
    them (the version id covers last year's export); --arkiv is none of them (tests/test_report_pdf.py)."""
    import types

    import pikepdf

    from arsredovisning import verify as verify_module

    from .builders import run_cli

    seen = []

    def fresh_build(folder, options):
        seen.append(options)
        return types.SimpleNamespace(findings=[], inp=None), None  # as if nothing could be built

    monkeypatch.setattr(verify_module, "report_pdf", fresh_build)
    pdf = tmp_path / "slutlig.pdf"
    with pikepdf.new() as document:
        document.add_blank_page()
        document.save(pdf)
    previous = tmp_path / "arsredovisning-2015.json"
    previous.write_text("{}", encoding="utf-8")
    result = run_cli("verifiera", pdf, EXAMPLE, "--foregaende", previous, "--maskera-under", "3", "--med-kontrollrapport")
    assert result.exit_code == 1
    [options] = seen
    assert (options.final, options.previous, options.mask_under, options.with_control_report) == (True, previous, 3, True)
