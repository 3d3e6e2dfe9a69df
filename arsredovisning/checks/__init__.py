"""Checks (avstämningar): each family module exposes functions returning findings."""

from __future__ import annotations

from ..findings import Finding
from ..model import AnnualInput


def run_all(inp: AnnualInput, report) -> list[Finding]:
    return []
