"""Rendering pieces: Markdown safety, the URL policy and fetcher, persons, weaving, atomic writes,
the Jinja environment, and a small end-to-end build of a hostile årsmapp."""

from __future__ import annotations

import re
import subprocess
import tomllib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from jinja2 import UndefinedError
from markupsafe import Markup

from arsredovisning.findings import Location
from arsredovisning.model import Body, Meeting, Person, Text
from arsredovisning.present import people
from arsredovisning.present.woven import Generated, weave
from arsredovisning.render.assets import Assets, package_templates
from arsredovisning.render.environment import make_environment
from arsredovisning.render.markdown import MarkdownRenderer
from arsredovisning.render.svg import scope_ids
from arsredovisning.render.urls import Refused, RestrictedFetcher, UrlPolicy

from .records import annual_input

ROOT = Path(__file__).resolve().parent.parent
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
)


def text(content: str, file: str = "texter/presidiet.md") -> Text:
    return Text(file.removeprefix("texter/").removesuffix(".md"), content, Location(file))


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "texter").mkdir()
    (tmp_path / "bild.png").write_bytes(PNG)
    return tmp_path


def renderer(folder: Path, values=None) -> tuple[MarkdownRenderer, UrlPolicy]:
    policy = UrlPolicy(Assets.create(), folder)
    return MarkdownRenderer(policy, values or {}), policy


def refused(policy: UrlPolicy) -> list[str]:
    return [re.search(r"”(.+?)”", f.message).group(1) for f in policy.findings()]


# ---- Markdown ------------------------------------------------------------------------------------


def test_raw_html_is_never_interpreted_nor_printed(folder):
    """Raw HTML in a text (issue 27): the tags are removed, the words between them stay, <br> is a
    line break and a comment disappears — the same in the PDF and the HTML (one renderer); text in
    code stays as written."""
    md, _ = renderer(folder)
    html = md.render(text('Hej <script>alert(1)</script> och <img src="file:///etc/passwd"> <b>fet</b><br>ny rad'))
    assert html == "<p>Hej alert(1) och  fet<br />\nny\u00a0rad</p>\n"
    block = md.render(text("<div class=\"x\">\nEtt <i>block</i> &amp; mer\n</div>\n\n<!-- anteckning -->\n\nSlut `<b>kod</b>`"))
    assert block == "<p>Ett block &amp;\u00a0mer</p>\n<p>Slut <code>&lt;b&gt;kod&lt;/b&gt;</code></p>\n"


def test_headings_are_shifted_under_the_section_heading(folder):
    md, _ = renderer(folder)
    assert "<h2>Mål</h2>" in md.render(text("### Mål\n\ntext\n\n#### Del"))
    assert "<h3>Del</h3>" in md.render(text("### Mål\n\n#### Del"))
    assert "<h3>Bakgrund</h3>" in md.render(text("# Bakgrund"), top_level=3)


def test_headings_never_skip_a_level(folder):
    """Screen readers list the headings as an outline: h2 is followed by h3, never by h4."""
    md, _ = renderer(folder)
    html = md.render(text("# A\n\n### B\n\n##### C\n\n## D\n\n#### E"))
    assert re.findall(r"<(h\d)>", html) == ["h2", "h3", "h4", "h3", "h4"]
    assert re.findall(r"<(h\d)>", md.render(text("### A\n\n# B"), top_level=3)) == ["h3", "h3"]


def test_markdown_tables_are_supported(folder):
    md, _ = renderer(folder)
    html = md.render(text("| a | b |\n|---|--:|\n| 1 | 2 |"))
    assert '<table class="text-table">' in html and "<td style=\"text-align:right\">2</td>" in html
    assert '<th scope="col">a</th>' in html


def test_images_inside_the_folder_are_embedded(folder):
    md, policy = renderer(folder)
    html = md.render(text("![Logotyp](../bild.png) ![Igen](bild.png)"))
    assert html.count('src="data:image/png;base64,') == 2
    assert policy.findings() == []


@pytest.mark.parametrize(
    "src",
    ["file:///etc/passwd", "/etc/passwd", "../../../../etc/passwd", "https://example.com/a.png", "bild.exe", "saknas.png",
     "data:text/html;base64,PGI+aGk8L2I+"],
)
def test_other_images_are_refused_and_reported(folder, src):
    md, policy = renderer(folder)
    html = md.render(text(f"Före ![alt text]({src}) efter"))
    assert "<img" not in html and "[alt text]" in html
    assert refused(policy) == [src]
    assert policy.findings()[0].id == "RENDER-URL-NEKAD"


def test_file_links_lose_their_target_web_links_stay(folder):
    md, policy = renderer(folder)
    html = md.render(text("[lösenord](file:///etc/passwd) och [webb](https://finsam.se) och [mejl](mailto:a@b.se)"))
    assert "file:" not in html.replace("file:///etc/passwd)", "")  # no href to it
    assert 'href="https://finsam.se"' in html and 'href="mailto:a@b.se"' in html
    assert ">lösenord<" not in html and "lösenord" in html
    assert refused(policy) == ["file:///etc/passwd"]


def test_blocks_split_at_top_level_headings(folder):
    md, _ = renderer(folder)
    blocks = md.blocks(text("Inledning\n\n### Ett\n\nA\n\n#### Under\n\n### Två\n\nB"))
    assert [b.heading for b in blocks] == [None, "Ett", "Två"]
    assert "<h3>Under</h3>" in blocks[1].html


# ---- the fetcher ---------------------------------------------------------------------------------


def fetcher(folder: Path, user: Path | None = None) -> RestrictedFetcher:
    return RestrictedFetcher(UrlPolicy(Assets.create(user), folder))


def test_fetcher_serves_own_assets_and_folder_images(folder):
    f = fetcher(folder)
    base = package_templates().resolve().as_uri()
    css = f.fetch(f"{base}/css/report.css")
    assert b"@font-face" in css.read() and css.content_type == "text/css"
    assert f.fetch(f"{base}/fonts/Inter-Regular.otf").content_type == "font/otf"
    assert f.fetch((folder / "bild.png").as_uri()).read() == PNG
    assert f.fetch("data:image/png;base64,iVBORw0KGgo=").content_type == "image/png"
    assert f.policy.findings() == []


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "https://example.com/x.css", "http://169.254.169.254/latest", "ftp://x/y",
     "data:text/css,body{}", "PLACEHOLDER_ESCAPE", "PLACEHOLDER_NONIMAGE"],
)
def test_fetcher_refuses_everything_else(folder, url):
    base = package_templates().resolve().as_uri()
    url = {"PLACEHOLDER_ESCAPE": f"{base}/../pyproject.toml", "PLACEHOLDER_NONIMAGE": (folder / "texter").as_uri() + "/x.md"}.get(url, url)
    (folder / "texter" / "x.md").write_text("hemligt")
    f = fetcher(folder)
    with pytest.raises(Refused):
        f.fetch(url)
    assert [x.id for x in f.policy.findings()] == ["RENDER-URL-NEKAD"]


def test_user_folder_overrides_assets(folder, tmp_path_factory):
    user = tmp_path_factory.mktemp("templates")
    (user / "css").mkdir()
    (user / "css" / "report.css").write_text("body { color: red }")
    f = fetcher(folder, user)
    base = package_templates().resolve().as_uri()
    assert f.fetch(f"{base}/css/report.css").read() == b"body { color: red }"
    assert b"@page" in f.fetch(f"{base}/css/page.css").read()  # not overridden: the package's


# ---- Jinja -----------------------------------------------------------------------------------------


def test_environment_escapes_and_is_strict(tmp_path):
    (tmp_path / "t.html.j2").write_text("{{ x }}|{{ n | money }}|{{ missing }}")
    env = make_environment(Assets.create(tmp_path))
    with pytest.raises(UndefinedError):
        env.get_template("t.html.j2").render(x="<b>", n=1)
    (tmp_path / "u.html.j2").write_text("{{ x }}|{{ n | money }}|{{ p | percent }}|{{ d | date }}")
    out = env.get_template("u.html.j2").render(x="<b>", n=-1234.5, p=25, d=date(2017, 2, 3))
    assert out == "&lt;b&gt;|\u22121\u202f235|25,00\u202f%|2017-02-03"


def test_user_templates_come_first(tmp_path):
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "kontakt.html.j2").write_text("egen")
    env = make_environment(Assets.create(tmp_path))
    assert env.get_template("sections/kontakt.html.j2").render() == "egen"
    assert "doc.sections" in env.loader.get_source(env, "base.html.j2")[0]


def test_templates_do_no_arithmetic():
    """Templates lay out: no + - * / on values, no Python formatting."""
    for path in package_templates().rglob("*.j2"):
        for expr in re.findall(r"\{\{(.*?)\}\}|\{%(.*?)%\}", path.read_text(), re.S):
            code = re.sub(r"(['\"]).*?\1", "''", "".join(expr))
            assert not re.search(r"[\w)\]]\s*[-+*/%]\s*[\w(]", code), (path.name, code)
            assert "format(" not in code and "round" not in code, (path.name, code)


# ---- persons and texts -----------------------------------------------------------------------------


def person(name, body=Body.STYRELSE, role="ledamot", start=None, end=None, represents="Aby kommun"):
    return Person(name, role, body, represents, start, end, None, None, Location("indata.xlsx", "Personer", "A2"))


def test_changes_during_the_year_and_signatories():
    persons = (
        person("Alva", role="ordförande"),
        person("Bo", end=date(2016, 4, 27)),
        person("Cia", start=date(2016, 4, 28)),
        person("Dan", start=date(2016, 10, 1), end=date(2016, 12, 31)),
        person("Eva", start=date(2017, 1, 15)),
        person("Gammal", end=date(2015, 12, 31)),
    )
    (organ,) = people.board(persons, 2016)
    lines = {p.name: (p.since, p.until) for p in organ.persons}
    assert lines == {
        "Alva": (None, None),
        "Bo": (None, date(2016, 4, 27)),
        "Cia": (date(2016, 4, 28), None),
        "Dan": (date(2016, 10, 1), None),
    }
    signing = [s.name for s in people.signatories(persons, 2016, date(2017, 2, 3))]
    assert signing == ["Alva", "Cia", "Eva"]
    assert [s.name for s in people.signatories(persons, 2016, None)] == ["Alva", "Cia", "Dan"]


def test_preparatory_group_is_split_by_role():
    persons = (
        person("Ord", Body.BEREDNINGSGRUPP, "ordinarie"),
        person("Ers", Body.BEREDNINGSGRUPP, "Ersättare"),
    )
    organs = people.preparatory_group(persons, 2016)
    assert [(o.title, [p.name for p in o.persons]) for o in organs] == [("Ordinarie", ["Ord"]), ("Ersättare", ["Ers"])]
    assert organs[0].persons[0].role is None  # the heading already says it


def test_meetings_grouped_as_written_in_date_order():
    loc = Location("indata.xlsx", "Möten", "A2")
    ms = (Meeting("Styrelsen", date(2016, 5, 1), None, loc), Meeting("Beredningsgruppen", date(2016, 2, 1), None, loc),
          Meeting("Styrelsen ", date(2016, 1, 1), "heldag", loc))
    groups = people.meeting_groups(ms)
    assert [(g.body, g.count, [m.date.month for m in g.dates]) for g in groups] == [("Styrelsen", 2, [1, 5]), ("Beredningsgruppen", 1, [2])]


def test_weave_places_generated_parts_in_matching_sections(folder):
    md, _ = renderer(folder)
    t = text("Inledning\n\n### Ekonomi\n\nText\n\n### Förväntad utveckling\n\nSist")
    parts = weave(md, t, [Generated("Möten", r"möte", "m", 1), Generated("Ekonomisk ställning", r"ekonomi", "e", 2)],
                  before=r"förväntad")
    kinds = [(p.heading, p.template) if p.template else "text" for p in parts]
    assert kinds == ["text", "text", (None, "e"), ("Möten", "m"), "text"]
    assert [p.template for p in weave(md, None, [Generated("Möten", r"möte", "m", 1)])] == ["m"]


# ---- svg, packaging ---------------------------------------------------------------------------


def test_svg_ids_are_scoped():
    svg = '<svg><defs><clipPath id="p1"/></defs><g id="axes_1" clip-path="url(#p1)"><use xlink:href="#m2"/></g></svg>'
    out = scope_ids(svg, "d")
    assert 'id="d-p1"' in out and 'url(#d-p1)' in out and 'id="d-axes_1"' in out
    assert 'xlink:href="#m2"' in out  # not an id of this svg: untouched


def test_every_subpackage_is_packaged():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "arsredovisning").rglob("__init__.py")
    }
    assert found | {"arsredovisning.templates"} == listed
    assert config["package-dir"]["arsredovisning.templates"] == "templates"
    globs = config["package-data"]["arsredovisning.templates"]
    for path in package_templates().rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            rel = path.relative_to(package_templates()).as_posix()
            assert any(Path(rel).match(g) or (g.startswith("**/") and Path(rel).match(g[3:])) for g in globs), rel


# ---- a small, hostile årsmapp end to end --------------------------------------------------------------


HOSTILE = """\
Bild: ![lösen](file:///etc/passwd) och ![fjärr](https://example.com/spion.png)

Länk: [hemlig](file:///etc/passwd). Rå HTML: <img src="file:///etc/passwd"> <iframe src="/etc/passwd"></iframe>

Tillåten bild: ![Logga](../bild.png)
"""


def test_hostile_texts_and_templates_do_not_leak(folder, tmp_path_factory):
    from arsredovisning.compute import compute_report
    from arsredovisning.load.attachments import read_attachments
    from arsredovisning.pipeline import Result
    from arsredovisning.render import build_outputs

    (folder / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20">'
        '<image xlink:href="file:///etc/hostname" width="10" height="10"/><text y="15">Logga</text></svg>'
    )
    templates = tmp_path_factory.mktemp("templates")
    (templates / "sections").mkdir()
    (templates / "sections" / "kontakt.html.j2").write_text(
        '<section class="section" id="kontakt"><h1>Kontakt</h1><img src="file:///etc/passwd">'
        '<img src="https://example.com/t.png"><img src="../../../../etc/hostname"></section>'
    )
    inp = annual_input(
        [(1930, "Bank", 1000, 900), (2010, "Eget kapital", -900, -900), (3010, "Bidrag", -100, 0)],
        interventions=[("Steget", "Individ", 100_000, 95_000, 10)],
        texts=(text(HOSTILE),),
    )
    inp = replace(inp, folder=str(folder), organisation=replace(inp.organisation, phone="010-123"),
                  logo=read_attachments(folder)[0])
    report, findings = compute_report(inp)
    result = Result(inp, findings, report)
    out = tmp_path_factory.mktemp("ut")
    known = list(result.findings)
    rendered = build_outputs(result, out, templates=templates)  # what it found comes back; result is not written
    written = rendered.written
    assert [p.name for p in written] == ["arsredovisning-2016.pdf", "arsredovisning-2016.html"]
    assert result.findings == known and not result.written and not result.pages

    urls = {re.search(r"”(.+?)”", f.message).group(1) for f in rendered.findings if f.id == "RENDER-URL-NEKAD"}
    assert {"file:///etc/passwd", "https://example.com/spion.png", "https://example.com/t.png"} <= urls
    assert any(u.endswith("/etc/hostname") for u in urls)
    assert "file:///etc/hostname" in urls  # from inside the SVG logo, refused by the fetcher

    pdf_text = subprocess.run(["pdftotext", str(written[0]), "-"], capture_output=True, text=True).stdout
    secret = Path("/etc/passwd").read_text().splitlines()[0]
    assert secret not in pdf_text
    html = written[1].read_text()
    assert secret not in html and 'src="file:' not in html and "<iframe" not in html
    assert "data:image/png;base64," in html  # the allowed image
    assert "example.com" not in html.replace("https://example.com/spion.png)", "")  # only as text, never as src
    assert "<style>" in html and '<link rel="stylesheet"' not in html
    faces = re.findall(r"@font-face\s*\{[^}]*\}", html)  # only the embedded Inter (render/webfonts.py)
    assert faces and all(f.count("url(") == 1 and "url(data:font/woff2;base64," in f for f in faces)


# ---- the view: sections without data are left out ----------------------------------------------------


class PlainTexts:
    def render(self, text, top_level=None, values=None):
        return Markup(f"<p>{text.key}</p>")

    def blocks(self, text, top_level=None, values=None):
        from arsredovisning.render.markdown import Block

        return [Block(None, self.render(text))]


def test_sections_without_data_or_text_are_left_out():
    from arsredovisning.compute import compute_report
    from arsredovisning.present.view import build_document

    inp = annual_input([(1930, "Bank", 1000, 900), (2010, "Eget kapital", -900, -900), (3010, "Bidrag", -100, 0)])
    report, _ = compute_report(inp)
    doc = build_document(report, PlainTexts())
    ids = [s.id for s in doc.sections]
    assert ids == ["framsida", "innehall", "arets-korthet", "forvaltningsberattelse", "redovisningsprinciper",
                   "resultatrakning", "kassaflodesanalys", "balansrakning", "noter", "driftredovisning", "beslut"]
    assert [s.id for s in doc.toc] == ids[2:]  # the drift- och investeringsredovisning always (LKBR 4 kap. 1 §)
    assert doc.created == date(2017, 1, 1)  # no Beslutsdatum: 1 January after the year

    full = replace(
        inp,
        texts=(text("x"), text("y", "texter/uppdraget.md")),
        persons=(person("Alva", role="ordförande"), person("Rut", Body.REVISOR, "revisor", represents="Region Test")),
        organisation=replace(inp.organisation, decision_date=date(2017, 3, 1), phone="010-1"),
    )
    report, _ = compute_report(full)
    doc = build_document(report, PlainTexts())
    ids = [s.id for s in doc.sections]
    for wanted in ("presidiet", "organisation", "uppdraget", "revisorer", "kontakt"):
        assert wanted in ids
    assert ids.index("presidiet") < ids.index("forvaltningsberattelse") < ids.index("organisation") < ids.index("uppdraget")
    assert ids.index("beslut") < ids.index("revisorer") < ids.index("kontakt")
    assert doc.created == date(2017, 3, 1)


def test_bygg_passes_mallar_and_refuses_a_missing_folder(monkeypatch, tmp_path):
    from click.testing import CliRunner

    import arsredovisning.build as build
    from arsredovisning.cli import cli

    seen = {}

    def fake_run_build(folder, out, progress=None, options=None):
        seen.update(vars(options))
        from arsredovisning.pipeline import Result

        return Result(None, [])

    monkeypatch.setattr(build, "run_build", fake_run_build)
    result = CliRunner().invoke(cli, ["bygg", "input/2016", "--mallar", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    assert seen["templates"] == tmp_path and seen["with_control_report"] is False
    result = CliRunner().invoke(cli, ["bygg", "input/2016", "--mallar", str(tmp_path / "saknas")])
    assert result.exit_code == 2 and "mallmappen" in result.output


def test_an_unwritable_output_folder_is_a_finding(tmp_path, monkeypatch):
    import arsredovisning.render as render
    from arsredovisning.compute import compute_report
    from arsredovisning.pipeline import Result
    from arsredovisning.render import build_outputs

    inp = annual_input([(1930, "Bank", 1000, 900), (2010, "Eget kapital", -900, -900), (3010, "Bidrag", -100, 0)])
    report, findings = compute_report(replace(inp, folder=str(tmp_path)))
    result = Result(report.inp, findings, report)
    blocker = tmp_path / "ut"
    blocker.write_text("en fil, ingen mapp")
    monkeypatch.setattr(render, "write_pdf_bytes", lambda *a, **k: b"%PDF-1.7 utan layout")  # the writing is tested, not the layout
    rendered = build_outputs(result, blocker / "under")
    assert rendered.written == ()
    assert [f.id for f in rendered.findings if f.level.value == "fel"] == ["UT-SKRIVFEL"]
