"""``arsredovisning verifiera FIL.pdf ÅRSMAPP``: is this PDF the final report of this årsmapp?

The årsmapp's report PDF is made afresh as ``bygg --slutlig`` would make it (build.report_pdf: the
same layout, without the underlag; so a kontrollrapport template of ``--mallar`` that fails, which
stops bygg, does not stop this) and the PDF is compared with it: the version id in its page footers
("Version 3f9c0a1b22de · slutlig"), the text of every page, and whether its first revision is byte
for byte the fresh PDF (a PDF an e-signing service signed keeps the original bytes and adds its
signatures as incremental updates). The PDF's signatures are listed with pyHanko: signer, the time
the signer's software claims, whether the signature is intact and whether the signed revision covers
the whole file (or what was added after it). Trust in the signer's certificate is not judged here:
that is the e-signing service's or the revisor's business.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .build import BuildOptions, report_pdf
from .findings import Finding

VERSION = re.compile(r"Version ([0-9a-f]{12}) · (utkast|slutlig)")


@dataclass(frozen=True)
class SignatureInfo:
    field: str
    signer: str
    time: str | None  # as the signer's software claims it (ISO 8601), or None
    intact: bool  # the signed bytes are unchanged and the cryptographic signature is valid
    whole_file: bool  # the signed revision is the whole file (nothing added after it)
    after: str = ""  # what was added after the signed revision, in Swedish, when not the whole file


@dataclass
class Verification:
    accepted: bool
    pdf: str
    folder: str
    version_in_pdf: tuple[str, ...]  # every "id · state" its footers print
    version_expected: str | None  # the fresh slutlig build's version id (None: it was refused)
    pages: tuple[int, int]  # (the PDF's pages, the fresh build's)
    differing_pages: tuple[int, ...] = ()
    same_bytes: bool = False  # the PDF (its first revision) is byte for byte the fresh build
    signatures: tuple[SignatureInfo, ...] = ()
    findings: list[Finding] = field(default_factory=list)  # why the fresh build was refused


def page_texts(data: bytes) -> list[str]:
    """The text of every page (pdfium), whitespace normalised."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        texts = []
        for i in range(len(doc)):
            page = doc[i]
            text = page.get_textpage().get_text_range()
            texts.append(" ".join(text.split()))
        return texts
    finally:
        doc.close()


def signatures(data: bytes) -> tuple[SignatureInfo, ...]:
    """Every signature of the PDF (pyHanko), in the order they were made."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    out = []
    for sig in reader.embedded_signatures:
        try:
            status = validate_pdf_signature(sig)
            intact, coverage = bool(status.intact and status.valid), status.coverage
            modification = getattr(status, "modification_level", None)
        except Exception:  # noqa: BLE001 - a damaged signature is reported, not raised
            intact, coverage, modification = False, None, None
        cert = sig.signer_cert
        signer = cert.subject.human_friendly if cert is not None else "okänd"
        claimed = sig.self_reported_timestamp
        whole = coverage == SignatureCoverageLevel.ENTIRE_FILE
        after = "" if whole else ("senare tillägg i filen" + (f" ({_modification(modification)})" if modification is not None else ""))
        out.append(SignatureInfo(sig.field_name or "", signer, claimed.isoformat() if claimed else None, intact, whole, after))
    return tuple(out)


def _modification(level) -> str:
    names = {"NONE": "inga ändringar av innehållet", "LTA_UPDATES": "bara valideringsdata och tidsstämplar",
             "FORM_FILLING": "ifyllda formulärfält eller fler signaturer", "ANNOTATIONS": "kommentarer",
             "OTHER": "ändringar av innehållet"}
    return names.get(getattr(level, "name", str(level)), str(level))


def verify(pdf: Path, folder: Path, *, fresh: bytes | None = None, templates: Path | None = None,
           mask_under: int | None = None, with_control_report: bool = False, previous: Path | None = None) -> Verification:
    """Compare ``pdf`` with a fresh ``bygg --slutlig`` of ``folder`` (with the same options). ``fresh``:
    that build's PDF when the caller has made it already."""
    data = Path(pdf).read_bytes()
    texts = page_texts(data)
    found = tuple(dict.fromkeys(f"{m[1]} · {m[2]}" for t in texts for m in VERSION.finditer(t)))
    findings: list[Finding] = []
    if fresh is None:
        options = BuildOptions(final=True, templates=templates, mask_under=mask_under,
                               with_control_report=with_control_report, previous=previous)
        result, fresh = report_pdf(Path(folder), options)
        findings = [f for f in result.findings if f.level.value == "fel"]
    sigs = signatures(data)
    if fresh is None:
        return Verification(False, str(pdf), str(folder), found, None, (len(texts), 0), signatures=sigs, findings=findings)
    fresh_texts = page_texts(fresh)
    expected = next((m[1] for t in fresh_texts for m in VERSION.finditer(t)), None)
    differing = tuple(i + 1 for i in range(max(len(texts), len(fresh_texts)))
                      if i >= len(texts) or i >= len(fresh_texts) or texts[i] != fresh_texts[i])
    accepted = found == (f"{expected} · slutlig",) and not differing
    return Verification(accepted, str(pdf), str(folder), found, expected, (len(texts), len(fresh_texts)), differing,
                        data[: len(fresh)] == fresh, sigs)


def verification_text(v: Verification) -> str:
    """The answer in Swedish, one fact a line."""
    lines = []
    if v.version_expected is None:
        lines.append(f"{v.folder} ger ingen slutlig årsredovisning (bygg --slutlig vägras):")
        lines += [f"  {f.render()}" for f in v.findings]
    if v.accepted:
        lines.append(f"JA: {v.pdf} är den slutliga årsredovisningen av {v.folder}, version {v.version_expected}.")
        lines.append("Samma versions-id och samma text på alla " f"{v.pages[0]} sidor som ett nytt bygge med --slutlig.")
        if v.same_bytes:
            lines.append("Filen börjar byte för byte med det nya bygget" + (" (signaturerna är tillägg efter det)." if v.signatures else "."))
    elif v.version_expected is not None:
        lines.append(f"NEJ: {v.pdf} är inte den slutliga årsredovisningen av {v.folder} (version {v.version_expected} · slutlig).")
        if not v.version_in_pdf:
            lines.append("PDF:en har inget versions-id i sidfoten.")
        elif v.version_in_pdf != (f"{v.version_expected} · slutlig",):
            lines.append(f"PDF:ens sidfot anger {', '.join('version ' + x for x in v.version_in_pdf)}.")
        if v.pages[0] != v.pages[1]:
            lines.append(f"PDF:en har {v.pages[0]} sidor, det nya bygget {v.pages[1]}.")
        if v.differing_pages:
            shown = ", ".join(str(p) for p in v.differing_pages[:20]) + (" …" if len(v.differing_pages) > 20 else "")
            lines.append(f"Texten skiljer sig på sidan {shown}.")
    if v.signatures:
        lines.append(f"Signaturer ({len(v.signatures)}):")
        for s in v.signatures:
            state = "oförändrad och giltig" if s.intact else "BRUTEN eller ogiltig"
            cover = "täcker hela filen" if s.whole_file else f"täcker inte hela filen: {s.after}"
            lines.append(f"  {s.signer}, {s.time or 'utan tid'}: {state}; {cover}.")
    else:
        lines.append("PDF:en har inga signaturer.")
    return "\n".join(lines) + "\n"


__all__ = ["SignatureInfo", "Verification", "page_texts", "signatures", "verify", "verification_text"]
