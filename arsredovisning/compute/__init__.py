"""Pure computations on an AnnualInput: statements, notes, appendices, key figures.

``compute_report`` gathers everything the report, the exports and the checks need.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Finding
from ..model import AnnualInput


@dataclass
class Report:
    """Everything computed from one årsmapp (filled in by the compute modules)."""

    inp: AnnualInput
    key_figures: dict = field(default_factory=dict)


def compute_report(inp: AnnualInput) -> tuple[Report, list[Finding]]:
    return Report(inp), []
