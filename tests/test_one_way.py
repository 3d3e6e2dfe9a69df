"""Data flows one way (issue 28): the computed report is immutable, build options are a typed record,
and render neither writes into the pipeline's Result nor opens an input file: load reads the logo,
the revisionsberättelse and the workbook's bytes."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from pathlib import Path

import pytest

from arsredovisning.build import BuildOptions, run_build
from arsredovisning.compute import compute_report
from arsredovisning.load.attachments import read_attachments
from arsredovisning.pipeline import Result
from arsredovisning.render import render_html
from tests.records import annual_input
from tests.test_render import PNG


def test_the_report_is_immutable():
    report, _ = compute_report(annual_input([(1930, "Bank", 1000, 900), (2010, "Eget kapital", -900, -900)]))
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.key_figures = {}  # type: ignore[misc]


def test_a_misspelt_build_option_is_an_error(tmp_path):
    with pytest.raises(TypeError):
        BuildOptions(mask_undr=3)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        run_build(tmp_path, tmp_path / "ut", templates=tmp_path)  # type: ignore[call-arg]


def test_render_opens_no_input_file_and_writes_nothing_into_result(tmp_path, monkeypatch):
    (tmp_path / "logo.png").write_bytes(PNG)
    logo, audit_report = read_attachments(tmp_path)
    assert logo is not None and logo.name == "logo.png" and logo.data == PNG and audit_report is None
    inp = annual_input([(1930, "Bank", 1000, 900), (2010, "Eget kapital", -900, -900), (3010, "Bidrag", -100, 0)])
    inp = replace(inp, folder=str(tmp_path), logo=logo)
    report, findings = compute_report(inp)
    result = Result(inp, findings, report)
    before = (list(result.findings), dict(result.pages), list(result.written))

    opened: list[Path] = []
    for name in ("read_bytes", "read_text", "open"):
        original = getattr(Path, name)

        def spy(self, *args, _original=original, **kwargs):
            if Path(self).resolve().is_relative_to(tmp_path.resolve()):
                opened.append(Path(self))
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Path, name, spy)
    rendered = render_html(result)
    assert opened == []
    assert "data:image/png;base64," in rendered.body  # the logo, from the bytes load read
    assert (result.findings, result.pages, result.written) == before
