"""Findings of the insats sheets (checks/interventions.py): ids, levels, locations, messages."""

from arsredovisning.checks.interventions import check_cost_per_participant, check_interventions
from arsredovisning.compute import compute_report
from arsredovisning.findings import Level
from tests.records import annual_input, loc

INSATSER = [
    ("Mottagningsteam Sydnärke", "Individ", 700_000, 645_276, 63),
    ("På väg/Sydnärke", "Individ", 1_210_000, 1_218_308, 62),
    ("Rehabiliteringsmässan", "Struktur", 30_000, 23_016, 35),
]


def ids(findings):
    return [f.id for f in findings]


def only(findings, id_):
    found = [f for f in findings if f.id == id_]
    assert len(found) == 1, [f.render() for f in findings]
    return found[0]


def test_clean_input_has_no_findings():
    inp = annual_input(
        interventions=INSATSER,
        genders=[("Mottagningsteam Sydnärke", 31, 32), ("På väg/Sydnärke", 48, 14)],
        backgrounds=[("Mottagningsteam Sydnärke", 56, 7), ("På väg/Sydnärke", 50, 12)],
        municipalities=[
            ("Mottagningsteam Sydnärke", [("Aby kommun", 60), ("Bby kommun", 3)], 0),
            ("På väg/Sydnärke", [("Aby kommun", 2), ("Bby kommun", 59)], 1),
        ],
        outcomes=[("Mottagningsteam Sydnärke", "Redo för arbete", 6), ("Mottagningsteam Sydnärke", "Studier", 3)],
    )
    assert check_interventions(inp) == []


def test_gender_sum_differs_from_participants():
    inp = annual_input(interventions=INSATSER, genders=[("Mottagningsteam Sydnärke", 31, 32), ("På väg/Sydnärke", 46, 14)])
    f = only(check_interventions(inp), "INS-KON-SUMMA")
    assert f.level is Level.WARNING and f.location == loc("Kön", 3)
    assert "”På väg/Sydnärke”" in f.message and "kvinnor 46 + män 14 = 60" in f.message
    assert "62 deltagare i Insatser" in f.message and "skillnad \u22122" in f.message
    assert str(loc("Insatser", 3)) in f.message


def test_municipality_and_background_sums():
    inp = annual_input(
        interventions=INSATSER,
        municipalities=[("Mottagningsteam Sydnärke", [("Aby kommun", 60), ("Bby kommun", 4)], 0),
                        ("På väg/Sydnärke", [("Aby kommun", 60), ("Bby kommun", 2)], 0)],
        backgrounds=[("Mottagningsteam Sydnärke", 56, 7), ("På väg/Sydnärke", 62, 0, 1)],
    )
    findings = check_interventions(inp)
    k = only(findings, "INS-KOMMUN-SUMMA")
    assert k.location == loc("Kommuner", 2) and "Aby 60 + Bby 4 = 64" in k.message and "skillnad +1" in k.message
    b = only(findings, "INS-BAKGRUND-SUMMA")
    assert b.location == loc("Bakgrund", 3) and "svensk 62 + annan 0 + ej redovisad 1 = 63" in b.message


def test_unknown_insats_is_an_error_with_a_suggestion():
    inp = annual_input(
        interventions=INSATSER,
        genders=[("Mottagningsteam Sydnärke", 31, 32), ("På väg/Sydnarke", 48, 14)],
        outcomes=[("Hunddagis", "Arbete", 1), ("mottagningsteam sydnärke", "Arbete", 1)],
    )
    findings = [f for f in check_interventions(inp) if f.id == "INS-OKAND"]
    assert [f.location for f in findings] == [loc("Kön", 3), loc("Resultat", 2), loc("Resultat", 3)]
    assert all(f.level is Level.ERROR for f in findings)
    assert 'Menade du ”På väg/Sydnärke”?' in findings[0].message
    assert "Skriv namnet exakt som i Insatser" in findings[1].message
    assert 'Menade du ”Mottagningsteam Sydnärke”?' in findings[2].message  # case differs


def test_person_rows_for_struktur_insats_warn():
    inp = annual_input(interventions=INSATSER, genders=[("Rehabiliteringsmässan", 20, 15)],
                       backgrounds=[("Rehabiliteringsmässan", 30, 5)])
    findings = check_interventions(inp)
    assert [f.id for f in findings if f.level is not Level.INFO] == ["INS-STRUKTUR-PERSON", "INS-STRUKTUR-PERSON"]
    assert findings[0].location == loc("Kön", 2) and "strukturövergripande" in findings[0].message


def test_duplicate_rows_are_errors():
    inp = annual_input(
        interventions=INSATSER,
        genders=[("Mottagningsteam Sydnärke", 31, 32), ("På väg/Sydnärke", 48, 14), ("Mottagningsteam Sydnärke", 31, 32)],
        outcomes=[("På väg/Sydnärke", "Arbete", 1), ("På väg/Sydnärke", "arbete ", 2)],
    )
    findings = [f for f in check_interventions(inp) if f.id == "INS-DUBBEL-RAD"]
    assert [f.location for f in findings] == [loc("Kön", 4), loc("Resultat", 3)]
    assert all(f.level is Level.ERROR for f in findings)
    assert str(loc("Kön", 2)) in findings[0].message


def test_unreported_background_is_info():
    inp = annual_input(interventions=INSATSER, backgrounds=[("Mottagningsteam Sydnärke", 56, 7), ("På väg/Sydnärke", 0, 0, 62)])
    f = only(check_interventions(inp), "INS-BAKGRUND-EJ-REDOVISAD")
    assert f.level is Level.INFO and f.location == loc("Bakgrund", 3)
    assert "”På väg/Sydnärke”" in f.message and "62 av 62" in f.message


def test_missing_person_rows_are_info_only_when_the_sheet_is_in_use():
    inp = annual_input(interventions=INSATSER + [("Tom", "Individ", 0, 10, 0)], genders=[("Mottagningsteam Sydnärke", 31, 32)])
    f = only(check_interventions(inp), "INS-SAKNAR-KON")
    assert f.level is Level.INFO and f.location == loc("Insatser", 3) and "”På väg/Sydnärke” har 62 deltagare" in f.message
    # no Kön/Kommuner/Bakgrund sheet at all: the tables are simply left out, nothing to report
    assert check_interventions(annual_input(interventions=INSATSER)) == []
    inp = annual_input(interventions=INSATSER, sheets_present=frozenset({"Kommuner", "Bakgrund"}))
    assert ids(check_interventions(inp)) == ["INS-SAKNAR-KOMMUN"] * 2 + ["INS-SAKNAR-BAKGRUND"] * 2


def test_cost_per_participant_not_computable_is_info():
    inp = annual_input(interventions=[("Drop-Outs", "Individ", 0, 0, 6), ("Tom", "Individ", 100, 50, 0), ("Mässa", "Struktur", 0, 0, 0)])
    findings = check_cost_per_participant(compute_report(inp)[0].individual)
    assert [f.location for f in findings] == [loc("Insatser", 2), loc("Insatser", 3)]
    assert "kostnad/deltagare kan ej beräknas: inget utfall (utfall 0 kr, 6 deltagare)" in findings[0].message
    assert "inga deltagare" in findings[1].message and "50 kr" in findings[1].message
