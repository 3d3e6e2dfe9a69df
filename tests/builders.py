"""Write tiny årsmappar (indata.xlsx + texter/) in tests, and run the real CLI on them.

    sheets = minimal_sheets()
    put(sheets, "Saldobalans", "C3", "ca 5000")
    folder = workbook(tmp_path, sheets)
    result = run_cli("kontrollera", folder)

Sheets are lists of rows; row 0 is the header row (Excel row 1), so ``sheets["Saldobalans"][2][2]``
is cell C3. A cell may be a :class:`Styled` value to give it an Excel number format; a string
starting with ``=`` is written as a formula (openpyxl stores no cached value for it).
"""

from __future__ import annotations

import copy
import re
import sys
from dataclasses import dataclass
from functools import cached_property
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from arsredovisning.build import BuildOptions
    from arsredovisning.load.stamp import Stamp
    from arsredovisning.pipeline import Result

MINIMAL: dict[str, list[list[object]]] = {
    "Förbund": [
        ["Uppgift", "Värde"],
        ["Namn", "Samordningsförbundet Test"],
        ["Organisationsnummer", "222000-2600"],
        ["Räkenskapsår", 2016],
        ["Ort", "Kumla"],
    ],
    "Medlemmar": [
        ["Medlem", "Typ", "Invånare", "Andel", "Konto", "Kortnamn"],
        ["Staten, FK/AF", "Stat", None, None, None, None],
        ["Region Örebro län", "Region", None, None, None, None],
        ["Kumla kommun", "Kommun", 13000, None, None, None],
        ["Hallsbergs kommun", "Kommun", 9000, None, None, "Hallsberg"],
    ],
    # Balanced both years: 500 000 − 400 000 − 1 000 000 + 900 000 = 0; 400 000 − 300 000 − 900 000 + 800 000 = 0.
    "Saldobalans": [
        ["Konto", "Benämning", "Belopp", "Föregående år"],
        [1930, "Bank", 500000, 400000],
        [2010, "Eget kapital", -400000, -300000],
        [3010, "Medlemsbidrag", -1000000, -900000],
        [4510, "Projektmedel", 900000, 800000],
    ],
    "Insatser": [
        ["Insats", "Typ", "Budget", "Utfall", "Budgeterade deltagare", "Deltagare"],
        ["Steget", "Individ", 500000, 480000, 20, 18],
        ["Nätverket", "Struktur", 420000, 420000, None, 35],
    ],
    "Kön": [
        ["Insats", "Kvinnor", "Män"],
        ["Steget", 10, 8],
    ],
    "Kommuner": [
        ["Insats", "Kumla", "Hallsberg", "Övriga"],
        ["Steget", 10, 7, 1],
    ],
}


@dataclass(frozen=True)
class Styled:
    """A cell value with an Excel number format, e.g. ``Styled(0.395, "0.0%")``."""

    value: object
    number_format: str


def minimal_sheets() -> dict[str, list[list[object]]]:
    """A valid minimal workbook as Python lists (a fresh deep copy: modify freely)."""
    return copy.deepcopy(MINIMAL)


def put(sheets: dict[str, list[list[object]]], sheet: str, cell: str, value: object) -> None:
    """Set ``sheets[sheet]`` at an Excel address such as ``C3``, growing the grid as needed."""
    m = re.fullmatch(r"([A-Z]+)(\d+)", cell)
    assert m, cell
    col = 0
    for ch in m[1]:
        col = col * 26 + ord(ch) - 64
    row, col = int(m[2]) - 1, col - 1
    grid = sheets.setdefault(sheet, [])
    while len(grid) <= row:
        grid.append([])
    while len(grid[row]) <= col:
        grid[row].append(None)
    grid[row][col] = value


def workbook(
    tmp_path: Path,
    sheets: dict[str, list[list[object]]],
    texts: dict[str, str | bytes] | None = None,
    name: str = "arsmapp",
) -> Path:
    """Write ``tmp_path/name`` with indata.xlsx from ``sheets`` and ``texter/`` from ``texts``.

    ``texts`` maps a path below texter/ (``"presidiet.md"``, ``"insatser/steget.md"``) to its
    content: ``str`` is written as UTF-8, ``bytes`` as given (for encoding tests).
    """
    import openpyxl

    folder = tmp_path / name
    folder.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet_name, rows in sheets.items():
        ws = wb.create_sheet(sheet_name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                fmt = None
                if isinstance(value, Styled):
                    value, fmt = value.value, value.number_format
                cell = ws.cell(row=r, column=c, value=value)
                if fmt:
                    cell.number_format = fmt
                elif isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"
    if not wb.worksheets:
        wb.create_sheet("Blad1")
    wb.save(folder / "indata.xlsx")
    for rel, content in (texts or {}).items():
        path = folder / "texter" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: object) -> CliResult:
    """Run ``arsredovisning.cli.main`` (the console-script entry point) in-process with click's
    CliRunner isolation: the same error handling and exit codes a user gets, without a subprocess."""
    from click.testing import CliRunner

    from arsredovisning.cli import main

    argv = ["arsredovisning", *map(str, args)]
    with CliRunner().isolation() as streams:
        out, err = streams[0], streams[1]
        saved, sys.argv = sys.argv, argv
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            sys.argv = saved
        return CliResult(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))


def run_subprocess(*args: object):
    """Run ``python -m arsredovisning`` for real (a fresh interpreter: proves no traceback end to end)."""
    import subprocess

    return subprocess.run(
        [sys.executable, "-m", "arsredovisning", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def html_text(html: str) -> str:
    """The HTML as lines of text: a line per table row, paragraph and heading, cells two spaces apart
    (as ``pdftotext -layout`` sets them), minus signs and the narrow spaces of the numbers plain: what
    a test of the PDF's text asks of the report, without the layout."""
    import html as _html

    html = re.sub(r"<(style|script)\b.*?</\1>", "", html, flags=re.S)  # the standalone file's inlined styles
    html = re.sub(r"</(th|td)>", "  ", re.sub(r"<br\s*/?>|</(tr|p|h\d|li|caption|div)>", "\n", html))
    raw = _html.unescape(re.sub(r"<[^>]+>", "", html))
    lines = (line.strip() for line in re.sub(r"[\u00a0\u202f\u2009]", " ", raw).replace("\u2212", "-").splitlines())
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class ReportFiles:
    """What :func:`report_files` makes: the JSON export and the report's HTML as ``bygg`` writes them."""

    result: Result  # run_checks's, with bygg's refusals and what rendering found
    stamp: Stamp | None  # the build's version (None with a fel)
    json_bytes: bytes | None  # arsredovisning-<år>.json; None when bygg would write nothing (a fel)
    rendered: Any = None  # render_html's RenderedHtml; None likewise

    @cached_property
    def html(self) -> str | None:
        """arsredovisning-<år>.html (None likewise), made when first read: the standalone file inlines
        the Inter subset of the page's characters, seconds of fontTools for a text with new ones."""
        return self.rendered.standalone() if self.rendered is not None else None

    @property
    def json(self) -> dict:
        import json

        assert self.json_bytes is not None, [f.render() for f in self.result.findings]
        return json.loads(self.json_bytes)

    @property
    def findings(self) -> list:
        return self.result.findings

    def workbook_bytes(self) -> bytes:
        """The revision workbook ``arsredovisning-<år>-underlag.xlsx``, byte for byte bygg's."""
        from arsredovisning.export.workbook import build_workbook, workbook_bytes

        assert self.result.report is not None and self.stamp is not None
        wb, _manifest = build_workbook(self.result.report, self.stamp)
        return workbook_bytes(wb)

    def control_report_body(self, pages: dict[str, int] | None = None) -> str:
        """The kontrollrapport's HTML body from the build's findings, as its template lays it out
        (the tool's templates, without the styles). ``pages``: the report's anchors → page numbers, which only the layout
        knows (bygg's ``Result.pages``); without them no page is named."""
        from arsredovisning.present.control_report import control_report, section
        from arsredovisning.render.assets import Assets
        from arsredovisning.render.control_report import DOCUMENT_TEMPLATE
        from arsredovisning.render.environment import make_environment

        assert self.result.report is not None and self.stamp is not None
        view = control_report(self.result.report, self.findings, self.stamp, pages)
        return make_environment(Assets.create(None)).get_template(DOCUMENT_TEMPLATE).render(doc=view, section=section(view))


def report_files(folder: Path, options: BuildOptions | None = None) -> ReportFiles:
    """The JSON export and the report's HTML that ``bygg`` (``build.run_build`` with ``options``, a
    ``build.BuildOptions``) writes for ``folder``, byte for byte, without the PDF layout (a build's
    dearest step, 3–10 s of CPU): run_checks, bygg's refusals, the build's stamp, ``render_html``
    and the JSON export from the findings the build has then. A test that reads only the JSON, the
    HTML or the findings uses this instead of ``bygg`` (tests/test_byte_identity.py proves the bytes
    equal against the shared builds). Not covered: what only the layout finds (a URL that a
    stylesheet refers to) and the files' writing; the kontrollrapport's findings are not in the
    result. With a ``fel`` (bygg writes nothing) both files are None."""
    from arsredovisning import build
    from arsredovisning.export import json_bytes
    from arsredovisning.findings import has_errors
    from arsredovisning.render import TemplateFailed, render_html

    options = options if options is not None else build.BuildOptions()
    result, stamp = build.checked_build(Path(folder), options=options)
    if stamp is None:
        return ReportFiles(result, None, None, None)
    report = result.report
    assert report is not None
    shown = build.shown_report(report, options)
    try:
        rendered = render_html(result, templates=options.templates, with_control_report=options.with_control_report,
                               report=shown, underlag=True, stamp=stamp)
    except TemplateFailed as exc:
        result.findings.append(exc.finding)
        return ReportFiles(result, None, None, None)
    result.findings += [*rendered.found, *rendered.policy.findings()]
    if has_errors(result.findings):
        return ReportFiles(result, None, None, None)
    return ReportFiles(result, stamp, json_bytes(report, result.findings, stamp), rendered)


def example_with_a_changed_word(base: Path) -> tuple[Path, str]:
    """A copy of the example in ``base / "2016"`` with one word of texter/presidiet.md (its first
    word of seven letters or more) in capitals, for ``jamfor``: the folder and the word."""
    import shutil

    from tests.conftest import EXAMPLE

    folder = base / "2016"
    shutil.copytree(EXAMPLE, folder)
    text = folder / "texter" / "presidiet.md"
    original = text.read_text(encoding="utf-8")
    word = next(w for w in original.split() if w.isalpha() and len(w) > 6)
    text.write_text(original.replace(word, word.upper(), 1), encoding="utf-8")
    return folder, word
