"""The accessible PDF: what WeasyPrint's own tagging (``pdf/ua-1``) leaves out, completed before
the file is written.

WeasyPrint 70 tags the PDF from the HTML: sections, headings, lists, tables (with header ids on
``TH`` and ``/Headers`` on ``TD``), figures with ``/Alt`` from an SVG's ``<title>`` or an
``<img alt>``, and borders and backgrounds as artifacts. :func:`finish` (a WeasyPrint finisher,
working on the pydyf objects, so nothing is parsed again) adds:

* the running header and footer (``@page`` margin boxes) become ``/Artifact /Pagination``:
  WeasyPrint marks them as content but hangs them on no structure element;
* every ``TH`` gets ``/Scope``: ``/Column`` in a ``THead``, ``/Row`` elsewhere (the templates'
  ``scope`` attributes say the same);
* an anonymous block inside a heading or paragraph (a ``display: block`` span in an ``<h1>``)
  would be a second ``H1`` inside the ``H1``: it becomes ``NonStruct``;
* a link's ``/Contents`` is its ``aria-label``, else its text, instead of the bare anchor name.

What is still missing is listed in docs/tillganglighet.md.
"""

from __future__ import annotations

import re

import pydyf

# Elements that WeasyPrint repeats for an anonymous block box inside themselves.
NO_NESTING = {f"/H{n}" for n in range(1, 7)} | {"/P", "/Caption", "/TH", "/TD"}
SPACE = re.compile(r"\s+")


def finish(document, pdf: pydyf.PDF) -> None:
    """The WeasyPrint finisher of a tagged PDF (``pdf_variant`` ``pdf/ua-1`` or ``pdf/a-3a``)."""
    if "StructTreeRoot" not in pdf.catalog:
        return
    objects = pdf.objects
    root = _get(objects, pdf.catalog["StructTreeRoot"])
    reachable = _structure(objects, root)
    _pagination_artifacts(pdf, objects, root, reachable)
    _link_contents(document)


def _get(objects, reference):
    return objects[int(bytes(reference).split()[0])]


def _structure(objects, root) -> set[int]:
    """Walk the structure tree once: scopes and nesting fixed on the way; the element numbers seen."""
    seen: set[int] = set()
    stack = [(_get(objects, ref), None, None) for ref in root["K"]]
    while stack:
        element, parent, grandparent = stack.pop()
        seen.add(element.number)
        tag = element["S"]
        if parent is not None and tag == parent["S"] and tag in NO_NESTING:
            element["S"] = "/NonStruct"
        elif tag == "/TH":
            element.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
            element["A"]["Scope"] = "/Column" if grandparent is not None and grandparent["S"] == "/THead" else "/Row"
        for kid in element["K"]:
            if isinstance(kid, bytes):
                child = _get(objects, kid)
                if child.get("Type") == "/StructElem":
                    stack.append((child, element, parent))
    return seen


def _pagination_artifacts(pdf, objects, root, reachable: set[int]) -> None:
    """Marked content whose structure element is outside the tree (the margin boxes) → artifacts."""
    nums = _get(objects, root["ParentTree"])["Nums"]
    page_refs = pdf.page_references
    for index in range(0, len(nums), 2):
        key, value = nums[index], nums[index + 1]
        if not isinstance(value, pydyf.Array) or key >= len(page_refs):
            continue  # an annotation's entry, not a page's
        orphans = {mcid for mcid, ref in enumerate(value) if isinstance(ref, bytes) and int(ref.split()[0]) not in reachable}
        if not orphans:
            continue
        page = _get(objects, page_refs[key])
        items = _get(objects, page["Contents"]).stream
        for i, item in enumerate(items):
            if isinstance(item, pydyf.Dictionary) and item.get("MCID") in orphans and i and items[i + 1] == b"BDC":
                value[item["MCID"]] = "null"  # an artifact has no structure parent
                items[i - 1] = "/Artifact"
                items[i] = pydyf.Dictionary({"Type": "/Pagination"})


def _link_contents(document) -> None:
    for page in document.pages:
        for _type, _target, _rect, box in page.links:
            annotation = getattr(box, "link_annotation", None)
            element = getattr(box, "element", None)
            if annotation is None or element is None:
                continue
            text = element.get("aria-label") or SPACE.sub(" ", "".join(element.itertext())).strip()
            if text:
                annotation["Contents"] = pydyf.String(text)
