"""Texts: ``{{ name }}`` is replaced by a known key figure before Markdown; anything else template-like
is a TEXT-PLATSHALLARE error naming file and line, and is never evaluated."""

from __future__ import annotations

from decimal import Decimal

from arsredovisning.checks.texts import check_placeholders
from arsredovisning.compute.key_figures import KeyFigure
from arsredovisning.findings import Level, Location
from arsredovisning.model import Text
from arsredovisning.load.placeholders import unknown_placeholders
from arsredovisning.present.placeholders import display_values, substitute

from .records import annual_input

FIGURES = {
    "arets_resultat": KeyFigure(Decimal("-32323.40"), "money", "Årets resultat"),
    "antal_deltagare": KeyFigure(1208, "count", "Antal deltagare"),
    "eget_kapital_andel_av_medlemsbidrag": KeyFigure(Decimal("24.3437"), "percent", "EK i %"),
    "medlemsbidrag_totalt": KeyFigure(None, "money", "Medlemsbidrag"),
}


def text(content: str, file: str = "texter/presidiet.md") -> Text:
    return Text(file.removeprefix("texter/").removesuffix(".md"), content, Location(file))


def test_known_figures_are_formatted_like_the_tables():
    values = display_values(FIGURES, "kr")
    assert values["arets_resultat"] == "\u221232\u202f323"
    assert values["antal_deltagare"] == "1\u202f208"
    assert values["eget_kapital_andel_av_medlemsbidrag"] == "24,3\u202f%"  # as the generated sentence beside it
    assert values["medlemsbidrag_totalt"] == "\u2013"
    assert display_values(FIGURES, "tkr")["arets_resultat"] == "\u221232"


def test_substitute_replaces_only_known_names():
    values = {"arets_resultat": "−32 323"}
    out = substitute("Resultat {{ arets_resultat }} kr, {{arets_resultat}}, {{ okand }}, {% if x %}.", values)
    assert out == "Resultat −32 323 kr, −32 323, {{ okand }}, {% if x %}."


def test_substituted_values_cannot_inject_markdown():
    assert substitute("{{ x }}", {"x": "*a* [b](c)"}) == r"\*a\* \[b\]\(c\)"


def test_unknown_placeholders_have_line_numbers():
    content = "Rad ett.\nRad två {{ okänt }}.\n\n{% include 'x' %} och {{ arets_resultat }}\n{{ 7 * 7 }}"
    found = list(unknown_placeholders(content, frozenset(FIGURES)))
    assert [(u.text, u.line) for u in found] == [("{{ okänt }}", 2), ("{% include 'x' %}", 4), ("{{ 7 * 7 }}", 5)]


def test_check_names_file_and_line_and_suggests_a_name():
    inp = annual_input(
        texts=(text("Årets resultat: {{ arets_resultat }}.\nDeltagare: {{ antal_deltagre }}\n"),
               text("{% for x in y %}{{ x }}{% endfor %}", "texter/insatser/steget.md"))
    )
    findings = check_placeholders(inp, FIGURES)
    assert {f.id for f in findings} == {"TEXT-PLATSHALLARE"}
    assert all(f.level is Level.ERROR for f in findings)
    first = findings[0]
    assert first.location == Location("texter/presidiet.md", line=2)
    assert "{{ antal_deltagare }}" in first.message  # the suggestion
    assert [f.location.file for f in findings[1:]] == ["texter/insatser/steget.md"] * 3


def test_texts_without_template_syntax_pass():
    inp = annual_input(texts=(text("Vanlig text med { klammer } och {{ arets_resultat }}."),))
    assert check_placeholders(inp, FIGURES) == []


def test_check_runs_in_run_all():
    from arsredovisning.checks import run_all
    from arsredovisning.compute import compute_report

    inp = annual_input(
        [(1930, "Bank", 1000, 1000), (2010, "Eget kapital", -1000, -1000)],
        texts=(text("{{ finns_inte }}"),),
    )
    report, _ = compute_report(inp)
    ids = [f.id for f in run_all(report)]
    assert "TEXT-PLATSHALLARE" in ids


def test_a_placeholder_in_a_built_report_is_the_figure(tmp_path):
    """End to end through the Markdown renderer (no PDF)."""
    from arsredovisning.render.assets import Assets
    from arsredovisning.render.markdown import MarkdownRenderer
    from arsredovisning.render.urls import UrlPolicy

    renderer = MarkdownRenderer(UrlPolicy(Assets.create(), tmp_path), display_values(FIGURES))
    html = renderer.render(text("Resultatet blev **{{ arets_resultat }} kr**. {{ 7*7 }}"))
    assert "<strong>\u221232\u202f323\u202fkr</strong>" in html  # the unit held to its figure
    assert "{{ 7*7 }}" in html and "49" not in html
