"""A folder of returned reports → typed :class:`ProgressReport` records and every finding:
documents → parse → typed → the report's own checks (and, given the workbook, its checks)."""

from __future__ import annotations

from pathlib import Path

from ..findings import Finding
from ..model import AnnualInput
from .documents import read_folder
from .parse import parse_document
from .records import ProgressReport
from .typed import typed
from .validate import check_against_workbook, check_report


def read_reports(folder: Path, inp: AnnualInput | None = None) -> tuple[list[ProgressReport], list[Finding]]:
    documents, findings = read_folder(Path(folder))
    reports = []
    for doc in documents:
        raw, found = parse_document(doc)
        report, type_findings = typed(raw)
        findings += found + type_findings + check_report(report)
        reports.append(report)
    if inp is not None:
        findings += check_against_workbook(reports, inp)
    return reports, findings
