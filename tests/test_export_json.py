"""JSON export: validates against its schema; every figure exact, as a decimal string."""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest

from arsredovisning.export.json_export import SCHEMA_VERSION, dec, export_document, load_schema, write_json
from arsredovisning.load.stamp import stamp
from arsredovisning.pipeline import run_checks

from .conftest import EXAMPLE


@pytest.fixture(scope="module")
def example():
    result = run_checks(EXAMPLE)
    assert result.report is not None
    return result


@pytest.fixture(scope="module")
def document(example, tmp_path_factory):
    path = write_json(example.report, example.findings, stamp(EXAMPLE), tmp_path_factory.mktemp("json"))
    assert path.name == "arsredovisning-2016.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_schema_is_valid_draft_2020_12():
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION == "2.3"


def test_example_export_validates(document):
    validator = jsonschema.Draft202012Validator(load_schema(), format_checker=jsonschema.FormatChecker())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, "\n".join(errors[:20])
    assert document["schema_version"] == SCHEMA_VERSION
    # no Balanskravsjusteringar: the balanskravsresultat is årets resultat
    req = document["balanskrav"]
    assert req["justeringar"] == [] and req["summa_justeringar"] == "0.00"
    assert req["balanskravsresultat"] == req["arets_resultat"] == document["nyckeltal"]["arets_resultat"]["varde"]
    assert document["kontrollsumma"] == stamp(EXAMPLE).checksum


def test_schema_rejects_a_float_amount(document):
    broken = json.loads(json.dumps(document))
    broken["rakningar"]["resultatrakning"]["rader"][0]["varden"][0] = 6249712.0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, load_schema(), cls=jsonschema.Draft202012Validator)


def test_every_statement_figure_is_exact(example, document):
    fin = example.report.financials
    for key, st in (("resultatrakning", fin.income_statement), ("balansrakning", fin.balance_sheet),
                    ("kassaflodesanalys", fin.cash_flow)):
        rows = document["rakningar"][key]["rader"]
        assert [r["nyckel"] for r in rows] == [r.key for r in st.rows]
        for exported, row in zip(rows, st.rows):
            assert [None if v is None else Decimal(v) for v in exported["varden"]] == list(row.values)


def test_figures_of_the_example(document):
    rr = {r["nyckel"]: r["varden"] for r in document["rakningar"]["resultatrakning"]["rader"]}
    assert rr["verksamhetens_intakter"] == ["6249712.00", "4400000.00"]
    t3 = next(t for t in document["bilaga3"]["tabeller"] if t["nyckel"] == "t3")
    assert [c["nyckel"] for c in t3["kolumner"]] == ["budget", "actual", "variance"]
    ips = next(r for r in t3["rader"] if r["insats"] == "IPS")
    assert ips["celler"] == ["402000.00", "402000.00", "0.00"]
    assert document["nyckeltal"]["antal_insatser"]["varde"] == len(document["insatser"])


def test_findings_and_reconciliations_carry_locations(example, document):
    assert len(document["fynd"]) == len(example.findings)
    ids = {r["id"] for r in document["avstamningar"]}
    assert {"SB-BALANS", "BR-BALANS", "KF-LIKVIDA", "INS-PROJEKTMEDEL"} <= ids
    projekt = next(r for r in document["avstamningar"] if r["id"] == "INS-PROJEKTMEDEL")
    assert Decimal(projekt["skillnad"]) == Decimal(projekt["vanster"]["belopp"]) - Decimal(projekt["hoger"]["belopp"])
    located = [f for f in document["fynd"] if f["plats"]]
    assert located and all(f["plats"]["text"].startswith(f["plats"]["fil"]) for f in located)


def test_same_input_gives_the_same_document(example):
    a = export_document(example.report, example.findings, stamp(EXAMPLE))
    b = export_document(example.report, example.findings, stamp(EXAMPLE))
    assert json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)


@pytest.mark.parametrize(
    "value, text",
    [(Decimal("1234.5"), "1234.50"), (Decimal(0), "0.00"), (Decimal("-0.00"), "0.00"), (Decimal("-8308"), "-8308.00"),
     (Decimal("1E+3"), "1000.00"), (Decimal("302344.0015357"), "302344.0015357"), (None, None)],
)
def test_decimal_strings(value, text):
    assert dec(value) == text
