"""Key figures for {{ name }} placeholders: registry, order, kinds."""

from decimal import Decimal as D

from arsredovisning.compute.financials import compute_financials
from arsredovisning.compute.key_figures import KEY_FIGURES, KeyFigure, key_figures
from tests.records import annual_input
from tests.test_compute_statements import SEED

REQUIRED = (
    "arets_resultat",
    "verksamhetens_intakter",
    "verksamhetens_kostnader",
    "summa_tillgangar",
    "eget_kapital",
    "summa_skulder",
    "likvida_medel",
    "medlemsbidrag_totalt",
    "antal_deltagare",
    "antal_deltagare_struktur",
    "antal_insatser",
    "antal_individinsatser",
    "antal_strukturinsatser",
    "insatsernas_utfall",
    "insatsernas_budget",
)


def test_registry_has_every_required_name_once_in_a_stable_order():
    names = [name for name, _, _ in KEY_FIGURES]
    assert len(names) == len(set(names))
    assert set(REQUIRED) <= set(names)
    assert all(name + "_foregaende_ar" in names for name in REQUIRED[:7])
    assert all(kind in ("money", "count", "percent") for _, kind, _ in KEY_FIGURES)
    assert all(text and text[0].isupper() for _, _, text in KEY_FIGURES)


def test_values_in_registry_order():
    interventions = [
        ("A", "Individ", 100, 90, 7),
        ("B", "Individ", 50, 60, 3),
        ("C", "Struktur", 10, 5, 40),
    ]
    inp = annual_input(SEED, interventions=interventions, total_contribution=5_795_388)
    fin, _ = compute_financials(inp)
    figures = key_figures(inp, fin)
    assert list(figures) == [name for name, _, _ in KEY_FIGURES]
    assert figures["arets_resultat"] == KeyFigure(D(-32_323), "money", "Årets resultat (resultaträkningen)")
    value, kind, _ = figures["antal_deltagare"]
    assert (value, kind) == (10, "count")
    assert figures["antal_deltagare_struktur"].value == 40
    assert (figures["insatsernas_utfall"].value, figures["insatsernas_budget"].value) == (155, 160)
    assert figures["verksamhetens_kostnader_foregaende_ar"].value == -5_395_890
    assert figures["summa_skulder_foregaende_ar"].value == 984_154
    assert figures["eget_kapital_andel_av_medlemsbidrag"].kind == "percent"
    assert figures["eget_kapital_andel_av_medlemsbidrag"].value.quantize(D("0.01")) == D("24.34")
    assert "föregående års slut" in figures["summa_tillgangar_foregaende_ar"].description


def test_missing_total_gives_none():
    inp = annual_input(SEED)
    fin, _ = compute_financials(inp)
    figures = key_figures(inp, fin)
    assert figures["medlemsbidrag_totalt"].value is None
    assert figures["eget_kapital_andel_av_medlemsbidrag"].value is None
    assert figures["antal_insatser"].value == 0
