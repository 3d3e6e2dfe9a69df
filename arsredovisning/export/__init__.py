"""Revisorns underlag, written after the report: the JSON export and the revision workbook.

The pipeline writes them (``build.write_underlag``, together with the kontrollrapport, which
present/ and render/ make). May import: checks, compute, load, model, findings and the leaf
modules — never render, present's view models, pipeline or build.
"""

from __future__ import annotations

from .json_export import json_bytes, write_json
from .workbook import write_workbook

__all__ = ["json_bytes", "write_json", "write_workbook"]
