"""Bilaga 1–3: Tabell 1–8, kommun shares and insats pages, from small records built in the test."""

from dataclasses import replace
from decimal import Decimal

import pytest

from arsredovisning.compute.appendix_tables import appendix_tables
from arsredovisning.compute.intervention_pages import intervention_pages
from arsredovisning.compute.intervention_rows import cost_per_participant
from arsredovisning.compute.municipal_shares import municipality_shares
from arsredovisning.compute.slugs import slugify
from arsredovisning.compute.tables import CellKind
from arsredovisning.findings import Location
from arsredovisning.model import InterventionKind, Text
from tests.records import FOUR_KOMMUNER as MEMBERS, annual_input

D = Decimal


def with_comments(inp, **comments):
    """Set Insatser.Kommentar by insats name (the record builder has no column for it)."""
    return replace(inp, interventions=tuple(replace(i, comment=comments.get(i.name, i.comment)) for i in inp.interventions))


# --- slug ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, slug",
    [
        ("På väg/Sydnärke", "pa-vag-sydnarke"),
        ("Drop-Outs, även kallat (#jagmed)", "drop-outs-aven-kallat-jagmed"),
        ("Grundutbildning i MI – Motivational Interviewing", "grundutbildning-i-mi-motivational-interviewing"),
        ("Café Örebro", "cafe-orebro"),
        ("  --IPS--  ", "ips"),
        ("Rehabiliteringsmässan 2016", "rehabiliteringsmassan-2016"),
        ("Ga\u030ard", "gard"),  # decomposed å (a + ring) is normalised first
        ("ÅÄÖ É", "aao-e"),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


# --- Tabell 1 and 2 -----------------------------------------------------------------------------


def test_participants_tables_split_by_kind_in_workbook_order():
    inp = annual_input(
        interventions=[
            ("Steget", "Individ", 100, 90, 12, 10),
            ("Mässan", "Struktur", 30, 23, 35, 30),
            ("Bron", "Individ", 50, 50, 3, 8),
        ]
    )
    t = appendix_tables(inp)
    assert [r.label for r in t.t1.rows] == ["Steget", "Bron"]
    assert [r.cells[:2] for r in t.t1.rows] == [(10, 12), (8, 3)]
    assert t.t1.total.cells[:2] == (18, 15)
    assert t.t1.total.cells[2] is None and not t.t1.columns[2].total  # Volyminsats has no total
    assert t.t1.label_header == "Individinriktade insatser"
    assert t.t1.caption.startswith("Tabell 1: Antal aktuella deltagare") and "2016" in t.t1.title
    assert [r.label for r in t.t2.rows] == ["Mässan"] and t.t2.total.cells[:2] == (30, 35)
    assert t.t1.rows[0].sources == (inp.interventions[0].location,)


def test_planned_participants_total_counts_only_given_values_and_says_so():
    inp = annual_input(
        interventions=[("A", "Individ", 0, 0, 5, 10), ("B", "Individ", 0, 0, 7), ("C", "Individ", 0, 0, 1, 4)]
    )
    t1 = appendix_tables(inp).t1
    assert t1.row("B").cells[0] is None
    assert t1.total.cells[0] == 14
    (note,) = [f for f in t1.footnotes if f.number in t1.total.notes]
    assert "uppgift saknas för B" in note.text


def test_planned_participants_all_missing_gives_no_total():
    t1 = appendix_tables(annual_input(interventions=[("A", "Individ", 0, 0, 5)])).t1
    assert t1.total.cells[0] is None and t1.total.notes == ()


def test_no_struktur_insatser_means_no_tabell_2_and_4():
    t = appendix_tables(annual_input(interventions=[("A", "Individ", 1, 1, 1)]))
    assert t.t2 is None and t.t4 is None
    assert [x.number for x in t.tables] == [1, 3, 8]


# --- Tabell 3 and 4 -----------------------------------------------------------------------------


def test_cost_tables_variance_is_budget_minus_actual_exact_to_ore():
    inp = annual_input(
        interventions=[
            ("På väg", "Individ", 1_210_000, "1218308.10", 62),
            ("IPS", "Individ", 402_000, 402_000, 10),
            ("Mässan", "Struktur", 30_000, "23016.45", 0),
        ]
    )
    t = appendix_tables(inp)
    assert t.t3.row("På väg").cells == (D("1210000.00"), D("1218308.10"), D("-8308.10"))
    assert t.t3.total.cells == (D("1612000.00"), D("1620308.10"), D("-8308.10"))
    assert all(c.kind is CellKind.MONEY for c in t.t3.columns)
    assert t.t4.row("Mässan").cells[2] == D("6983.55")
    assert [c.header for c in t.t3.columns] == ["Budgeterade kostnader", "Utfall kostnader", "Avvikelse"]


# --- Tabell 5–7 ---------------------------------------------------------------------------------


def test_gender_table_columns_and_missing_row():
    inp = annual_input(
        interventions=[("A", "Individ", 0, 0, 63), ("B", "Individ", 0, 0, 3), ("C", "Individ", 0, 0, 4)],
        genders=[("A", 31, 32), ("B", 0, 3)],
    )
    t5 = appendix_tables(inp).t5
    assert [c.header for c in t5.columns] == ["Kvinnor", "Män", "Totalt"]
    assert t5.row("A").cells == (31, 32, 63)
    assert t5.row("C").cells == (None, None, None)
    assert "kön saknas" in next(f.text for f in t5.footnotes if f.number in t5.row("C").notes)
    assert t5.total.cells == (31, 35, 66)
    assert t5.row("A").sources == (inp.interventions[0].location, inp.genders[0].location)


def test_gender_other_column_when_present_or_non_zero():
    ints = [("A", "Individ", 0, 0, 5)]
    assert [c.key for c in appendix_tables(annual_input(interventions=ints, genders=[("A", 2, 2, 1)])).t5.columns] == [
        "women", "men", "other", "total"
    ]
    inp = annual_input(interventions=ints, genders=[("A", 3, 2)], has_gender_other=True)
    t5 = appendix_tables(inp).t5
    assert t5.column_index("other") == 2 and t5.row("A").cells == (3, 2, 0, 5)


def test_person_tables_ignore_unknown_struktur_and_duplicate_rows():
    inp = annual_input(
        interventions=[("A", "Individ", 0, 0, 5), ("S", "Struktur", 0, 0, 9)],
        genders=[("A", 2, 3), ("S", 4, 5), ("X", 1, 1), ("A", 9, 9)],
    )
    t5 = appendix_tables(inp).t5
    assert [r.label for r in t5.rows] == ["A"]
    assert t5.row("A").cells == (2, 3, 5)  # the first of the duplicates (INS-DUBBEL-RAD is a fel)


def test_person_tables_absent_without_sheet_but_kept_when_sheet_is_empty():
    ints = [("A", "Individ", 0, 0, 5)]
    t = appendix_tables(annual_input(interventions=ints))
    assert t.t5 is None and t.t6 is None and t.t7 is None
    t = appendix_tables(annual_input(interventions=ints, sheets_present=frozenset({"Kön"})))
    assert t.t5 is not None and t.t5.row("A").cells == (None, None, None)



def muni(name, kumla, hallsberg, askersund, laxa, other=0):
    counts = [("Kumla kommun", kumla), ("Hallsbergs kommun", hallsberg), ("Askersunds kommun", askersund), ("Laxå kommun", laxa)]
    return (name, counts, other)


def test_municipality_table_member_order_short_names_and_other():
    inp = annual_input(
        members=MEMBERS,
        interventions=[("Mottagningsteam", "Individ", 0, 0, 63), ("Hunddagis", "Individ", 0, 0, 10)],
        municipalities=[muni("Mottagningsteam", 20, 15, 21, 7), muni("Hunddagis", 0, 0, 0, 9, 1)],
    )
    t6 = appendix_tables(inp).t6
    assert [c.header for c in t6.columns] == ["Kumla", "Hallsberg", "Askersund", "Laxå", "Övriga", "Totalt"]
    assert t6.columns[0].key == "Kumla kommun"
    assert t6.row("Mottagningsteam").cells == (20, 15, 21, 7, 0, 63)
    assert t6.total.cells == (20, 15, 21, 16, 1, 73)
    assert all(c.maskable for c in t6.columns[:-1]) and t6.columns[-1].is_total


def test_background_table_with_unreported():
    inp = annual_input(
        interventions=[("M", "Individ", 0, 0, 63), ("P", "Individ", 0, 0, 62)],
        backgrounds=[("M", 56, 7), ("P", 0, 0, 62)],
    )
    t7 = appendix_tables(inp).t7
    assert [c.header for c in t7.columns] == ["Svensk", "Annan", "Ej redovisad", "Totalt"]
    assert t7.total.cells == (56, 7, 62, 125)
    inp = annual_input(interventions=[("M", "Individ", 0, 0, 63)], backgrounds=[("M", 56, 7)])
    assert [c.header for c in appendix_tables(inp).t7.columns] == ["Svensk", "Annan", "Totalt"]


# --- Tabell 8 -----------------------------------------------------------------------------------


def test_cost_per_participant_rounds_half_up_once_from_exact_actual():
    inp = annual_input(
        interventions=[
            ("Jämn", "Individ", 0, 100, 8),  # 12,50 → 13 (banker's rounding would give 12)
            ("Öre", "Individ", 0, "645276.00", 63),  # 10 242,48 → 10 242
            ("Halv", "Individ", 0, "20.99", 2),  # 10,495 → 10: rounded once (not to öre first: 10,50 → 11)
        ]
    )
    t8 = appendix_tables(inp).t8
    assert [r.cells[2] for r in t8.rows] == [D(13), D(10242), D(10)]
    assert t8.total.cells == (D("645396.99"), 73, None)
    assert not t8.columns[2].total


@pytest.mark.parametrize(
    "actual, participants, reason",
    [
        (0, 6, "kostnad/deltagare kan ej beräknas: inget utfall"),
        (1000, 0, "kostnad/deltagare kan ej beräknas: inga deltagare"),
        (0, 0, "kostnad/deltagare kan ej beräknas: inget utfall och inga deltagare"),
        (-50, 2, "kostnad/deltagare kan ej beräknas: negativt utfall"),
    ],
)
def test_cost_per_participant_not_computable_gets_none_and_footnote(actual, participants, reason):
    inp = annual_input(interventions=[("Drop-Outs", "Individ", 0, actual, participants)])
    assert cost_per_participant(inp.interventions[0]) == (None, reason)
    t8 = appendix_tables(inp).t8
    row = t8.row("Drop-Outs")
    assert row.cells[2] is None
    assert [f.text for f in t8.footnotes if f.number in row.notes] == [reason[0].upper() + reason[1:] + "."]


# --- footnotes ----------------------------------------------------------------------------------


def test_footnotes_are_numbered_from_one_in_each_table():
    inp = annual_input(
        interventions=[("A", "Individ", 10, 10, 5), ("B", "Individ", 10, 0, 3), ("S", "Struktur", 5, 5, 0)],
        genders=[("A", 2, 3), ("B", 1, 2)],
    )
    inp = with_comments(inp, A="  Därutöver 43 rådgivande ärenden.  ", S="Pågår.")
    t = appendix_tables(inp)
    # a blank Kommentar gäller: the comment is printed once, under the first table of the insats (Tabell 1)
    assert t.t1.row("A").notes == (1,)
    assert t.t1.footnotes[0].text == "Därutöver 43 rådgivande ärenden." and t.t1.footnotes[0].intervention == "A"
    assert t.t1.footnotes[0].location == inp.interventions[0].location
    for table in (t.t3, t.t5, t.t8):
        assert table.row("A").notes == ()
    assert [(f.number, f.text) for f in t.t2.footnotes] == [(1, "Pågår.")]  # not 2: its own numbering
    assert not t.t4.footnotes  # S's comment is Tabell 2's only
    # B's "inget utfall" note is Tabell 8's first, under Tabell 8 only
    assert [(f.number, f.text) for f in t.t8.footnotes] == [(1, "Kostnad/deltagare kan ej beräknas: inget utfall.")]
    assert t.t8.row("B").notes == (1,)
    for table in t.tables:
        assert [f.number for f in table.footnotes] == list(range(1, len(table.footnotes) + 1))
        cited = {n for r in (*table.rows, table.total) for n in r.notes}
        assert cited == {f.number for f in table.footnotes}


def test_numbers_follow_the_order_of_the_first_markers():
    inp = with_comments(annual_input(interventions=[("A", "Individ", 0, 0, 5), ("B", "Individ", 1, 1, 3)]), A="Ny.")
    inp = replace(inp, interventions=tuple(replace(i, comment_tables=("Kostnad/deltagare",)) for i in inp.interventions))
    t8 = appendix_tables(inp).t8  # A: no cost (note "inget utfall") and its comment; B: nothing
    assert t8.row("A").notes == (1, 2)
    assert {f.text for f in t8.footnotes} == {"Ny.", "Kostnad/deltagare kan ej beräknas: inget utfall."}


def test_kommentar_galler_limits_the_comment_to_the_tables_it_names():
    inp = annual_input(interventions=[("A", "Individ", 10, 10, 5)], genders=[("A", 2, 3)])
    inp = replace(inp, interventions=tuple(replace(i, comment="Ej redovisat.", comment_tables=("Kön",))
                                           for i in inp.interventions))
    t = appendix_tables(inp)
    assert [f.text for f in t.t5.footnotes] == ["Ej redovisat."]
    assert not t.t1.footnotes and not t.t3.footnotes and not t.t8.footnotes
    assert t.t1.row("A").notes == ()


# --- kommun shares ------------------------------------------------------------------------------


def test_municipality_shares_against_explicit_andel():
    inp = annual_input(
        members=MEMBERS,
        interventions=[("M", "Individ", 0, 0, 63), ("P", "Individ", 0, 0, 62), ("S", "Struktur", 0, 0, 5)],
        municipalities=[muni("M", 20, 15, 21, 7), muni("P", 26, 22, 12, 2), muni("S", 5, 0, 0, 0)],
    )
    s = municipality_shares(inp)
    assert s.total == 125 and s.other == 0 and s.basis == "Andel"
    kumla = s.rows[0]
    assert (kumla.short_name, kumla.participants) == ("Kumla", 46)
    assert kumla.participant_pct == D("36.8") and kumla.population_pct == D("40.00")
    assert kumla.difference_pp == D("-3.2")
    # "Kumla 40 %, Hallsberg 30 %, Askersund 20 % och Laxå 10 %"
    assert [(r.short_name, r.population_pct) for r in s.by_population()] == [
        ("Kumla", D(40)), ("Hallsberg", D(30)), ("Askersund", D(20)), ("Laxå", D(10))
    ]
    assert appendix_tables(inp).shares == s


def test_population_shares_from_invanare_and_mixed():
    members = (("Staten", "Stat"), ("Region", "Region"), ("Aby kommun", "Kommun", 6000), ("Bby kommun", "Kommun", 2000),
               ("Cby kommun", "Kommun", 2000))
    s = municipality_shares(annual_input(members=members))
    assert [r.population_pct for r in s.rows] == [D(60), D(20), D(20)] and s.basis == "Invånare"
    assert s.total == 0 and s.rows[0].participant_pct is None
    mixed = members[:2] + (("Aby kommun", "Kommun", 6000, 50), ("Bby kommun", "Kommun", 3000), ("Cby kommun", "Kommun", 2000))
    s = municipality_shares(annual_input(members=mixed))
    assert [r.population_pct for r in s.rows] == [D(50), D(30), D(20)] and s.basis == "Andel och Invånare"
    missing = members[:2] + (("Aby kommun", "Kommun", 6000), ("Bby kommun", "Kommun"))
    s = municipality_shares(annual_input(members=missing))
    assert [r.population_pct for r in s.rows] == [None, None] and s.basis is None


# --- insats pages -------------------------------------------------------------------------------


def test_intervention_pages_collect_everything_about_one_insats():
    inp = annual_input(
        members=MEMBERS,
        interventions=[("Mottagningsteam Sydnärke", "Individ", 700_000, 645_276, 63, 60), ("Mässan", "Struktur", 30_000, 23_016, 35)],
        genders=[("Mottagningsteam Sydnärke", 31, 32)],
        municipalities=[muni("Mottagningsteam Sydnärke", 20, 15, 21, 7)],
        backgrounds=[("Mottagningsteam Sydnärke", 56, 7)],
        outcomes=[("Mottagningsteam Sydnärke", "Arbete", 0), ("Mottagningsteam Sydnärke", "Redo för arbete", 6), ("Mässan", "Besökare", 120)],
        texts=(Text("insatser/mottagningsteam-sydnarke", "# Bakgrund", Location("texter/insatser/mottagningsteam-sydnarke.md")),),
    )
    inp = with_comments(inp, **{"Mottagningsteam Sydnärke": "Resultatmålet har uppnåtts."})
    (p,) = intervention_pages(inp, InterventionKind.INDIVID)
    assert (p.number, p.slug, p.text_key) == (1, "mottagningsteam-sydnarke", "insatser/mottagningsteam-sydnarke")
    assert (p.budget, p.actual, p.variance) == (D(700000), D(645276), D(54724))
    assert (p.participants, p.planned_participants) == (63, 60)
    assert (p.gender.women, p.gender.men, p.gender.other) == (31, 32, 0)
    assert [(m.short_name, m.count) for m in p.municipalities] == [("Kumla", 20), ("Hallsberg", 15), ("Askersund", 21), ("Laxå", 7)]
    assert (p.background.swedish, p.background.other) == (56, 7)
    assert [(o.outcome, o.count) for o in p.outcomes] == [("Arbete", 0), ("Redo för arbete", 6)]
    assert p.comment == "Resultatmålet har uppnåtts."
    assert p.cost_per_participant == D(10242) and p.cost_per_participant_reason is None
    assert p.text.content == "# Bakgrund"
    (s,) = intervention_pages(inp, InterventionKind.STRUKTUR)
    assert (s.name, s.gender, s.municipalities, s.cost_per_participant, s.text) == ("Mässan", None, None, None, None)
    assert [(o.outcome, o.count) for o in s.outcomes] == [("Besökare", 120)]


def test_pure_same_input_same_tables():
    inp = annual_input(interventions=[("A", "Individ", 1, 1, 1)], genders=[("A", 1, 0)])
    assert appendix_tables(inp) == appendix_tables(inp)


def test_masked_pages_show_what_the_masked_tables_show():
    from arsredovisning.compute.masking import mask
    from arsredovisning.compute.tables import Masked

    inp = annual_input(
        members=MEMBERS,
        interventions=[("A", "Individ", 0, 0, 10), ("B", "Individ", 0, 0, 40)],
        genders=[("A", 3, 7), ("B", 20, 20)],
        municipalities=[muni("A", 0, 2, 8, 0), muni("B", 10, 10, 10, 10)],
        backgrounds=[("A", 10, 0), ("B", 40, 0)],
        outcomes=[("A", "Arbete", 2), ("A", "Studier", 0), ("A", "Fortsatt", 8), ("B", "Arbete", 40)],
    )
    a, b = intervention_pages(inp, InterventionKind.INDIVID, mask_under=5)
    t = appendix_tables(inp)
    m5, m6 = mask(t.t5, 5), mask(t.t6, 5)
    assert (a.gender.women, a.gender.men) == m5.row("A").cells[:2]
    assert a.gender.women == Masked(5, True) and isinstance(a.gender.men, Masked)
    assert [m.count for m in a.municipalities] == list(m6.row("A").cells[:4])
    assert (a.background.swedish, a.background.other) == (10, 0)
    # Resultat: 2 is hidden as <5, and its partner is the smallest shown non-zero count, 8
    # (hiding only the 2 would let 10 − 0 − 8 give it away); the 0 stays
    assert [o.count for o in a.outcomes] == [Masked(5, True), 0, Masked(5, False)]
    assert [o.count for o in b.outcomes] == [40]
    # unmasked pages keep the raw counts
    (raw_a, _) = intervention_pages(inp, InterventionKind.INDIVID)
    assert (raw_a.gender.women, raw_a.gender.men) == (3, 7)


def test_bilaga_1_names_the_basis_of_the_expected_split():
    from arsredovisning.present.appendix_views import AppendixPart

    assert AppendixPart(1, "x", (), (), "Andel").population_words == "Efter medlemmarnas överenskomna andelar"
    assert AppendixPart(1, "x", (), (), "Invånare").population_words == "Efter invånarantalet i medlemskommunerna"


def test_a_workbooks_remarks_are_printed_once_and_only_under_the_table_they_concern(tmp_path):
    """Another förbund's report repeated a cost remark under Tabell 1, 3, 5, 6 and 8 and printed a
    Kön remark under Tabell 3: now a blank Kommentar gäller is one note (Tabell 1/2), ``Kön`` only Tabell 5."""
    from arsredovisning.load import load_annual_input
    from tests.builders import minimal_sheets, workbook

    sheets = minimal_sheets()
    sheets["Insatser"] = [
        [*sheets["Insatser"][0], "Kommentar", "Kommentar gäller"],
        [*sheets["Insatser"][1], "Kostnaderna omfattar även lokalhyra.", None],
        ["Vägen", "Individ", 100000, 90000, 5, 4, "Två deltagare har inte uppgett kön.", "Kön"],
        [*sheets["Insatser"][2], "Genomfördes tillsammans med länets förbund.", None],
    ]
    sheets["Kön"].append(["Vägen", 1, 1])
    sheets["Kommuner"].append(["Vägen", 2, 2, 0])
    inp, _ = load_annual_input(workbook(tmp_path, sheets))
    t = appendix_tables(inp)
    notes = {table.number: [(f.number, f.text) for f in table.footnotes] for table in t.tables}
    assert notes == {
        1: [(1, "Kostnaderna omfattar även lokalhyra.")],  # once: the first table that shows Steget
        2: [(1, "Genomfördes tillsammans med länets förbund.")],
        3: [], 4: [], 6: [], 8: [],
        5: [(1, "Två deltagare har inte uppgett kön.")],  # only under Tabell 5
    }
    assert t.t1.row("Steget").notes == (1,) and t.t1.row("Vägen").notes == ()
    assert t.t5.row("Vägen").notes == (1,) and t.t5.row("Steget").notes == ()
    assert t.t3.row("Steget").notes == () and t.t3.row("Vägen").notes == ()
