"""Year after year (issue 16): ``ny --fran``, the checks between years, the flerårsöversikt and
``jamfor`` across years, on a chain of three years: the example 2016 → an invented 2017 made with
``ny --fran`` and filled in code → 2018 the same way."""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from arsredovisning.cli import cli
from arsredovisning.compare import compare_paths, comparison_text
from arsredovisning.export.json_export import document_text, export_document
from arsredovisning.files import WORKBOOK, json_name
from arsredovisning.findings import has_errors
from arsredovisning.fmt import kr
from arsredovisning.load.stamp import stamp
from arsredovisning.pipeline import run_checks
from arsredovisning.scaffold import write_from_previous

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "input" / "2016"


def _rows(ws):
    header = [c.value for c in ws[1]]
    return header, [r for r in ws.iter_rows(min_row=2) if any(c.value is not None for c in r)]


def fill_year(folder: Path, growth: Decimal) -> None:
    """Fill a workbook made by ``ny --fran`` as the ekonom would: this year's Belopp (last year's
    result accounts × ``growth``, the same balances, the bank account balancing the sheet, eget
    kapital = last year's closing equity), the insatser's figures, Medlemsbidrag and Beslutsdatum."""
    path = folder / WORKBOOK
    wb = openpyxl.load_workbook(path)
    header, rows = _rows(wb["Saldobalans"])
    col = {name: header.index(name) for name in header}
    result_sum = Decimal(0)
    ek_row = bank_row = None
    for r in rows:
        number, prior = r[col["Konto"]].value, Decimal(str(r[col["Föregående år"]].value or 0))
        if number >= 3000:
            r[col["Belopp"]].value = (prior * growth).quantize(Decimal(1))
            result_sum += prior  # last year's result (ledger signs) closes into eget kapital
        elif 2000 <= number < 2100:
            ek_row = r
        elif 1900 <= number < 2000 and bank_row is None:
            bank_row = r
        else:
            r[col["Belopp"]].value = prior
    ek_row[col["Belopp"]].value = Decimal(str(ek_row[col["Föregående år"]].value)) + result_sum
    bank_row[col["Belopp"]].value = Decimal(0)
    total = sum((Decimal(str(r[col["Belopp"]].value or 0)) for r in rows), Decimal(0))
    bank_row[col["Belopp"]].value = -total
    projekt = next(r for r in rows if r[col["Konto"]].value == 4510)
    header_i, insatser = _rows(wb["Insatser"])
    ic = {name: header_i.index(name) for name in header_i}
    n = len(insatser)
    for k, r in enumerate(insatser):
        r[ic["Budget"]].value = 100000
        r[ic["Utfall"]].value = (Decimal(str(projekt[col["Belopp"]].value)) / n).quantize(Decimal(1)) if k else 0
        r[ic["Deltagare"]].value = 10 + k
    first = insatser[0]
    first[ic["Utfall"]].value = Decimal(str(projekt[col["Belopp"]].value)) - sum(
        (Decimal(str(r[ic["Utfall"]].value)) for r in insatser[1:]), Decimal(0))
    header_f, items = _rows(wb["Förbund"])
    members = [r for r in rows if 3500 <= r[col["Konto"]].value < 3600]
    for r in items:
        if r[0].value == "Medlemsbidrag totalt":
            r[1].value = -sum((Decimal(str(m[col["Belopp"]].value)) for m in members), Decimal(0))
        if r[0].value == "Riktvärde eget kapital (%)":
            r[1].value = 20
    wb.save(path)


def publish(folder: Path) -> dict:
    """The JSON export ``bygg`` writes, placed in the årsmapp as the published one."""
    result = run_checks(folder)
    assert not has_errors(result.findings), [str(f) for f in result.findings if f.level.value == "fel"]
    doc = export_document(result.report, result.findings, stamp(folder))
    (folder / json_name(doc["forbund"]["rakenskapsar"])).write_text(document_text(doc), encoding="utf-8")
    return doc


@pytest.fixture(scope="module")
def chain(tmp_path_factory) -> dict[int, Path]:
    base = tmp_path_factory.mktemp("ar")
    folders = {2016: base / "2016", 2017: base / "2017", 2018: base / "2018"}
    shutil.copytree(EXAMPLE, folders[2016])
    before = {p: p.read_bytes() for p in folders[2016].rglob("*") if p.is_file()}
    publish(folders[2016])
    for year, growth in ((2017, Decimal("1.05")), (2018, Decimal("0.97"))):
        path, findings = write_from_previous(folders[year], folders[year - 1])
        assert path is not None, findings
        fill_year(folders[year], growth)
        if year == 2017:
            publish(folders[year])
    assert all(p.read_bytes() == data for p, data in before.items())  # ny --fran only read 2016
    return folders


def test_ny_fran_carries_the_ledger_over(chain):
    wb = openpyxl.load_workbook(EXAMPLE / WORKBOOK, data_only=True)
    header, rows = _rows(wb["Saldobalans"])
    old = {r[0].value: [c.value for c in r] for r in rows}
    new_wb = openpyxl.load_workbook(chain[2017] / WORKBOOK)
    header_new, new_rows = _rows(new_wb["Saldobalans"])
    new = {r[0].value: [c.value for c in r] for r in new_rows}
    assert set(new) == set(old)
    # 1930 Bankkonton (balance): Föregående år = Belopp 2016, Ingående föregående år = its IB 2016 (Föregående år 2016)
    assert new[1930][3] == old[1930][2] and new[1930][4] == old[1930][3]
    # 2010 Eget kapital holds the opening equity: Ingående föregående år 2017 = Belopp 2016
    assert new[2010][3] == old[2010][2] and new[2010][4] == old[2010][2]
    # 4510 Projektmedel (result): no opening balance
    assert new[4510][3] == old[4510][2] and new[4510][4] is None
    items = {r[0]: r[1] for r in new_wb["Förbund"].iter_rows(min_row=2, values_only=True)}
    assert items["Räkenskapsår"] == 2017 and items["Beslutsdatum"] is None  # Medlemsbidrag: emptied, then filled by fill_year


def test_ny_fran_keeps_running_insatser_and_people(chain):
    wb = openpyxl.load_workbook(chain[2017] / WORKBOOK)
    names = [r[0] for r in wb["Insatser"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert "Drop-outs (#jagmed)" in names  # Slut 2018-12-31
    assert "Mottagningsteam Sydnärke" not in names  # Slut 2016-12-31
    assert not [r for r in wb["Möten"].iter_rows(min_row=2, values_only=True) if any(r)]
    assert (chain[2017] / "texter" / "forvaltningsberattelse.md").read_bytes() == \
        (EXAMPLE / "texter" / "forvaltningsberattelse.md").read_bytes()


def test_ny_fran_carries_every_field_of_the_forbund_and_the_insats(chain):
    from arsredovisning.load import schema
    from arsredovisning.scaffold import ONE_YEAR_ITEMS

    wb = openpyxl.load_workbook(chain[2017] / WORKBOOK)
    items = {r[0]: r[1] for r in wb["Förbund"].iter_rows(min_row=2, values_only=True)}
    assert items["Framsidestext"] == "Samordningsförbunden som ett verktyg för välfärdsbygget"
    assert items["Revisionsdatum"] is None and items["Beslutsdatum"] is None
    header, rows = _rows(wb["Insatser"])
    dropouts = next(r for r in rows if r[0].value == "Drop-outs (#jagmed)")
    assert dropouts[header.index("Beviljat totalt")].value == 700000  # over the insats's whole period
    assert dropouts[header.index("Budgeterade deltagare")].value is None  # the year's
    # Every Förbund item is either carried over or emptied as the year's: none is forgotten.
    new_inp = run_checks(chain[2017]).report.inp.organisation
    assert new_inp.tagline == items["Framsidestext"]
    assert {i.name for i in schema.FORBUND_ITEMS} - set(ONE_YEAR_ITEMS) <= {k for k, v in items.items() if v is not None} | {
        "Adress", "Telefon", "E-post", "Webb", "Insatskonton", "Föregående årsmapp"}  # empty in the example


def test_ny_fran_leaves_a_lagesrapports_answers_out_of_the_drafts(tmp_path):
    last = tmp_path / "2016"
    shutil.copytree(EXAMPLE, last)
    text = last / "texter" / "insatser" / "drop-outs-jagmed.md"
    own = text.read_text(encoding="utf-8")
    text.write_text(own + "\n[//]: # (lägesrapport 2016-01-01--2016-06-30: början – x)\n\nSvaret.\n\n"
                    "[//]: # (lägesrapport 2016-01-01--2016-06-30: slut)\n", encoding="utf-8")
    path, findings = write_from_previous(tmp_path / "2017", last)
    assert path is not None, findings
    draft = (tmp_path / "2017" / "texter" / "insatser" / "drop-outs-jagmed.md").read_text(encoding="utf-8")
    assert "Svaret." not in draft and "lägesrapport" not in draft and draft.strip() == own.strip()


def test_a_chained_year_has_no_cross_year_warnings_but_its_copied_texts(chain):
    result = run_checks(chain[2017])
    assert not [f for f in result.findings if f.id.startswith("AR-FOREG")], [str(f) for f in result.findings]
    same = sorted(f.location.file for f in result.findings if f.id == "AR-TEXT-SAMMA")
    assert "texter/forvaltningsberattelse.md" in same and "texter/presidiet.md" in same
    assert "texter/redovisningsprinciper.md" not in same and "texter/insatser/README.md" not in same
    assert [y.year for y in result.report.history.years] == [2017, 2016]
    assert result.report.history.previous.published


def test_one_krona_planted_in_foregaende_ar_is_reported(chain, tmp_path):
    planted = tmp_path / "2018"
    shutil.copytree(chain[2018], planted)
    wb = openpyxl.load_workbook(planted / WORKBOOK)
    header, rows = _rows(wb["Saldobalans"])
    row = next(r for r in rows if r[0].value == 5010)
    row[header.index("Föregående år")].value = Decimal(str(row[header.index("Föregående år")].value)) + 1
    wb.save(planted / WORKBOOK)
    export = chain[2017] / json_name(2017)
    result = run_checks(planted, previous=export)
    found = [f for f in result.findings if f.id == "AR-FOREG-BELOPP"]
    assert len(found) == 1, [str(f) for f in result.findings]
    f = found[0]
    assert f.level.value == "varning"
    assert "Konto 5010 Arvoden" in f.message and f"skillnad {kr(Decimal(1))}" in f.message
    assert str(export) in f.message and str(planted / WORKBOOK) in f.message and f.location.sheet == "Saldobalans" and f.location.cell.startswith("D")


def test_ny_fran_a_folder_with_errors_writes_nothing(tmp_path):
    broken = tmp_path / "2016"
    shutil.copytree(EXAMPLE, broken)
    wb = openpyxl.load_workbook(broken / WORKBOOK)
    wb["Saldobalans"]["C2"] = "ca 5000"
    wb.save(broken / WORKBOOK)
    target = tmp_path / "2017"
    result = CliRunner().invoke(cli, ["ny", str(target), "--fran", str(broken)])
    assert result.exit_code == 1, result.output
    assert "CELL-TAL" in result.output and "Ingen ny årsmapp skapades" in result.output
    assert not target.exists()


def _published_row(doc: dict, name: str):
    k = doc["nyckeltal"][name]
    return k["varde"] if k["typ"] == "count" else Decimal(k["varde"]).quantize(Decimal(1), "ROUND_HALF_UP")


def test_flerarsoversikt_shows_each_years_own_figures(chain):
    """The report's HTML as bygg renders it (no PDF layout needed for the table) against each year's
    JSON export: 2016 and 2017 as published, 2018 as bygg would export it."""
    from arsredovisning.render import render_html

    result = run_checks(chain[2018])
    assert not has_errors(result.findings), [str(f) for f in result.findings if f.level.value == "fel"]
    rendered = render_html(result, underlag=True)
    assert rendered is not None and not has_errors(result.findings)
    html = rendered.body
    table = html[html.index('class="figures multi-year"'):]
    table = table[: table.index("</table>")]
    assert re.findall(r'<th scope="col" class="num">(\d{4})</th>', table) == ["2016", "2017", "2018"]
    docs = {y: json.loads((chain[y] / json_name(y)).read_text(encoding="utf-8")) for y in (2016, 2017)}
    docs[2018] = json.loads(document_text(export_document(result.report, result.findings, stamp(chain[2018]))))
    from arsredovisning import fmt

    for name, label in (("arets_resultat", "Årets resultat"), ("eget_kapital", "Eget kapital"),
                        ("verksamhetens_intakter", "Verksamhetens intäkter"), ("antal_insatser", "Antal insatser")):
        row = table[table.index(f">{label}</th>"):]
        row = row[: row.index("</tr>")]
        cells = re.findall(r'<td class="num">([^<]*)', row)
        expected = [fmt.shown(int(_published_row(docs[y], name))) for y in (2016, 2017, 2018)]
        assert cells == expected, (label, cells, expected)
    assert "diagram-flerarsoversikt" in html and "Stapeldiagram per år över verksamhetens intäkter" in html
    row = table[table.index(">Eget kapital i % av medlemsbidrag</th>"):]
    cells = re.findall(r'<td class="num">([^<]*)', row[: row.index("</tr>")])
    assert cells == [fmt.percent(Decimal(docs[y]["nyckeltal"]["eget_kapital_andel_av_medlemsbidrag"]["varde"]), 1)
                     for y in (2016, 2017, 2018)]


def test_arets_korthet_shows_the_flerarsoversikt_years_and_chart(chain):
    """With earlier years known, Året i korthet prints the flerårsöversikt's years and figures (the
    same view, cell for cell), its own rows for the rest, and the same chart again with ids of its own."""
    from arsredovisning.render import render_html

    result = run_checks(chain[2018])
    rendered = render_html(result, underlag=True)
    assert rendered is not None
    html = rendered.body
    brief = html[html.index('id="arets-korthet"'):]
    brief = brief[: brief.index("</section>")]
    table = brief[brief.index('class="figures brief-table brief-years"'): brief.index("</table>")]
    assert re.findall(r'<th scope="col" class="num">(\d{4})</th>', table) == ["2016", "2017", "2018"]
    assert "Nyckeltal 2016–2018" in table
    multi = html[html.index('class="figures multi-year"'):]
    multi = multi[: multi.index("</table>")]

    def rows(t: str) -> dict[str, list[str]]:
        return {label: re.findall(r'<td class="num">([^<]*)', cells)
                for label, cells in re.findall(r'<th scope="row" class="label">([^<]*)</th>(.*?)</tr>', t, re.S)}

    years_rows, brief_rows = rows(multi), rows(table)
    assert years_rows and all(brief_rows[label] == cells for label, cells in years_rows.items())
    assert list(brief_rows)[: len(years_rows)] == list(years_rows)
    # the brief's own rows beyond the flerårsöversikt: this year and the prior one, – before
    tillgangar = brief_rows["Summa tillgångar"]
    assert tillgangar[0] == "–" and tillgangar[1] != "–" and tillgangar[2] != "–"
    # the chart twice: once here (unnumbered), once in the förvaltningsberättelse (Diagram 1), ids apart
    assert 'id="diagram-korthet-flerarsoversikt"' in brief and "Stapeldiagram per år över verksamhetens intäkter" in brief
    assert 'id="diagram-flerarsoversikt"' in html[html.index('id="forvaltningsberattelse"'):]
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_single_year_has_no_flerarsoversikt():
    result = run_checks(EXAMPLE)
    assert [y.year for y in result.report.history.years] == [2016]
    assert not [f for f in result.findings if f.id.startswith("AR-")]


def test_jamfor_across_years_is_labelled(chain):
    c = compare_paths(chain[2016] / json_name(2016), chain[2017] / json_name(2017))
    text = comparison_text(c)
    assert "mellan år" in text and "2016" in text and "2017" in text
    konto = [ch for ch in c.changes if ch.key[:2] == ("konto", 5010)]
    assert konto and konto[0].before == Decimal("141764.00")


def _year(year: int, figures: dict, prior: dict | None = None, workbook: dict | None = None, published: bool = True):
    from arsredovisning.compute.years import YearFigures

    return YearFigures(year, f"/x/{year}/arsredovisning-{year}.json", published, "222000-0000", figures,
                       prior or {}, (), workbook)


def test_flerarsoversikt_says_when_a_year_was_printed_differently_later():
    from arsredovisning.compute.years import History
    from arsredovisning.present.multi_year import multi_year_view

    history = History((
        _year(2017, {"arets_resultat": Decimal("200.40")}, {"arets_resultat": Decimal("101")}, published=False),
        _year(2016, {"arets_resultat": Decimal("100.40")}, workbook={"arets_resultat": Decimal("98")}),
    ))
    view = multi_year_view(history, "kr")
    row = next(r for r in view.rows if r.key == "arets_resultat")
    assert view.years == (2016, 2017) and row.values == (100, 200)  # as each year printed it, half-up
    assert row.marks == (1, None)
    assert view.notes == ("Årets resultat 2016: 100 kr enligt den publicerade årsredovisningen 2016; årsredovisningen "
                          "2017 visar 101 kr för 2016 och räkenskaperna för 2016 ger i dag 98 kr.",)
    assert multi_year_view(History(history.years[:1]), "kr") is None  # one year: no översikt


def _copy_chain(chain, tmp_path, years=(2016, 2017, 2018)) -> dict[int, Path]:
    out = {}
    for y in years:
        out[y] = tmp_path / str(y)
        shutil.copytree(chain[y], out[y])
    return out


def test_without_a_published_export_last_years_workbook_is_the_reference(chain, tmp_path):
    folders = _copy_chain(chain, tmp_path, (2017, 2018))
    (folders[2017] / json_name(2017)).unlink()
    wb = openpyxl.load_workbook(folders[2018] / WORKBOOK)
    header, rows = _rows(wb["Saldobalans"])
    row = next(r for r in rows if r[0].value == 1930)
    opening = header.index("Ingående föregående år")
    row[opening].value = Decimal(str(row[opening].value)) - 1
    wb.save(folders[2018] / WORKBOOK)
    result = run_checks(folders[2018])
    last = result.report.history.previous
    assert last.year == 2017 and not last.published and last.source == str(folders[2017] / WORKBOOK)
    found = [f for f in result.findings if f.id.startswith("AR-FOREG")]
    assert [f.id for f in found] == ["AR-FOREG-INGAENDE"], [str(f) for f in found]
    assert "Konto 1930 Bankkonton" in found[0].message and str(folders[2017] / WORKBOOK) in found[0].message
    assert found[0].location.cell.startswith("E")
    # 2016 has no sibling here: the chain stops at 2017 without a finding
    assert [y.year for y in result.report.history.years] == [2018, 2017]


def test_foregaende_arsmapp_that_does_not_exist_is_a_warning(chain, tmp_path):
    folders = _copy_chain(chain, tmp_path, (2018,))
    wb = openpyxl.load_workbook(folders[2018] / WORKBOOK)
    ws = wb["Förbund"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "Föregående årsmapp")
    row[1].value = "../saknas"
    wb.save(folders[2018] / WORKBOOK)
    result = run_checks(folders[2018])
    found = [f for f in result.findings if f.id == "AR-FOREG-SAKNAS"]
    assert len(found) == 1 and "../saknas" in found[0].message and found[0].location.sheet == "Förbund"
    assert len(result.report.history.years) == 1


def test_kontrollera_foregaende_through_the_cli(chain):
    export = chain[2017] / json_name(2017)
    result = CliRunner().invoke(cli, ["kontrollera", str(chain[2018]), "--foregaende", str(export)])
    assert result.exit_code == 0, result.output
    assert f"2017  {export}  publicerad JSON-export" in result.output
    missing = CliRunner().invoke(cli, ["kontrollera", str(chain[2018]), "-q", "--foregaende", str(export.with_name("x.json"))])
    assert "[AR-FOREG-SAKNAS]" in missing.output


def test_ny_fran_refuses_last_years_folder_itself(chain):
    before = (chain[2016] / WORKBOOK).read_bytes()
    path, findings = write_from_previous(chain[2016], chain[2016])
    assert path is None and [f.id for f in findings if f.level.value == "fel"] == ["NY-SAMMA-MAPP"]
    assert (chain[2016] / WORKBOOK).read_bytes() == before
    inside, findings = write_from_previous(chain[2016] / "2017", chain[2016])
    assert inside is None and not (chain[2016] / "2017").exists()


def test_an_export_of_another_year_is_not_compared(chain):
    result = run_checks(chain[2018], previous=chain[2016] / json_name(2016))
    found = [f for f in result.findings if f.id.startswith("AR-FOREG")]
    assert [f.id for f in found] == ["AR-FOREG-AR"] and "gäller 2016" in found[0].message
    assert len(result.report.history.years) == 1


def test_last_year_with_errors_and_no_export_is_a_warning_not_a_comparison(chain, tmp_path):
    folders = _copy_chain(chain, tmp_path, (2017, 2018))
    (folders[2017] / json_name(2017)).unlink()
    wb = openpyxl.load_workbook(folders[2017] / WORKBOOK)
    wb["Saldobalans"]["C2"] = "ca 5000"
    wb.save(folders[2017] / WORKBOOK)
    result = run_checks(folders[2018])
    found = [f for f in result.findings if f.id.startswith("AR-FOREG")]
    assert [f.id for f in found] == ["AR-FOREG-LASFEL"] and f"kontrollera {folders[2017]}" in found[0].message
    assert not has_errors([f for f in result.findings if f.id.startswith("AR-")])
