"""The ekonom's user guide in Swedish, generated from the schema and the finding catalogue.

``python -m arsredovisning.guide`` writes ``docs/anvandarguide.md``; ``tests/test_guide.py`` checks
that the committed file is what this module generates and that it names every sheet, column,
Förbund uppgift and finding id. The worked examples are an invented förbund (Norrdal), so nothing
in the guide depends on the example årsmapp.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

from .catalogue import catalogue
from .load import schema
from .load.schema import Blank, InputKind

GUIDE = Path("docs") / "anvandarguide.md"

KIND_TEXT = {
    InputKind.TEXT: "text",
    InputKind.MONEY: "belopp i kr (debet +, kredit −)",
    InputKind.COUNT: "antal (heltal ≥ 0)",
    InputKind.DATE: "datum ÅÅÅÅ-MM-DD",
    InputKind.ACCOUNT: "kontonummer",
    InputKind.PERCENT: "procent, t.ex. 39,5",
    InputKind.CHOICE: "ett av värdena",
    InputKind.YEAR: "årtal",
    InputKind.ORGNR: "organisationsnummer NNNNNN-NNNN",
    InputKind.RANGES: "kontointervall, t.ex. 4500-4599, 4610",
}
BLANK_TEXT = {Blank.ERROR: "måste fyllas i", Blank.NONE: "tom = ej angivet", Blank.ZERO: "tom = 0"}

# A worked example per sheet: an invented förbund with three kommuner and four insatser.
EXAMPLES: dict[str, list[list[object]]] = {
    "Förbund": [["Namn", "Samordningsförbundet Norrdal"], ["Organisationsnummer", schema.EXAMPLE_ORGNR], ["Räkenskapsår", 2024],
                ["Ort", "Björkby"], ["Medlemsbidrag totalt", "4 000 000"], ["Insatskonton", "4510"]],
    "Medlemmar": [["Staten, FK/AF", "Stat", "", "", 3010, ""], ["Region Norrdal", "Region", "", "", 3020, ""],
                  ["Björkby kommun", "Kommun", "45 000", "", 3030, ""], ["Älvsala kommun", "Kommun", "35 000", "", 3040, ""],
                  ["Granviks kommun", "Kommun", "20 000", "", 3050, "Granvik"]],
    "Saldobalans": [[1930, "Bank", "1 390 500", "1 157 000", "900 000", ""], [2010, "Eget kapital", "−957 000", "−780 000", "−780 000", ""],
                    [3010, "Bidrag Staten", "−2 000 000", "−1 900 000", "", "−2 000 000"],
                    [4510, "Projektmedel insatser", "2 900 000", "2 800 000", "", "3 000 000"]],
    "Kontoplan": [[3000, 3999, "Verksamhetens intäkter"], [8300, 8499, "Finansiella intäkter"]],
    "Insatser": [["Vägen framåt", "Individ", "Björkby kommun", "2024-01-01", "", "1 200 000", "1 150 000", 45, 40, "Nej", ""],
                 ["Samverkansforum", "Struktur", "Region Norrdal", "2022-01-01", "", "250 000", "250 000", "", "", "", ""]],
    "Kön": [["Vägen framåt", 22, 18, ""]],
    "Kommuner": [["Vägen framåt", 20, 12, 8, 0]],
    "Bakgrund": [["Vägen framåt", 30, 9, 1]],
    "Resultat": [["Vägen framåt", "Arbete", 12], ["Vägen framåt", "Studier", 6]],
    "Personer": [["Anna Berg", "ordförande", "Styrelse", "Björkby kommun", "", "", "", ""]],
    "Möten": [["Styrelsen", "2024-02-14", ""]],
    "Budget": [["Styrelse", "7010-7099, 7510", "−815 000"], ["Kansli och administration", "5000-6999", "−95 000"],
               ["Insatser", "4510", "−3 000 000"], ["Medlemsbidrag", "3000-3999", "4 000 000"]],
    "Mål": [["Eget kapital högst 30 % av medlemsbidraget", "Finansiellt", "≤ 30 %", "29,5 %", "Uppfyllt", ""],
            ["Minst 80 deltagare i individinriktade insatser", "Verksamhet", "80", "75", "Delvis uppfyllt",
             "En insats startade senare än planerat"]],
    "Balanskravsjusteringar": [["Samtliga realisationsvinster", "−18 000", "Försäljning av en bil"],
                               ["Medel till resultatutjämningsreserv", "−100 000", ""]],
    "Upplysningar": [["SB-BALANS", "Föregående års balansräkning avviker med 1 kr till följd av avrundning i bokslutet."]],
    "Källa": [["Källa", "SIE-fil"], ["Fil", "norrdal-2024.se"], ["Program", "Visma Administration 2024.1"],
              ["Exportdatum", "2025-02-10"], ["Kontrollsumma", "SHA-256 3f5a…"], ["KSUMMA", "stämmer"]],
    "Lägesrapporter": [["Vägen framåt", "2024-01-01", "2024-06-30", 1, 2, 20, 10, 10, 9, 11, "", 20,
                        45, 22, 23, 18, 22, "", 40, "600 000", "540 000", "1 150 000", "Ja", "", "sedan start",
                        "Karin Ek", "2024-07-05", "vagen-framat-2024-1.docx"]],
}
KOMMUNER_EXAMPLE_HEADER = ["Insats", "Björkby", "Älvsala", "Granvik", "Övriga"]

# Where a generated block goes in a text (present/view.py and present/management_report.py): after
# the text's first ## heading that contains one of these words, else under its own heading.
WOVEN = (
    ("forvaltningsberattelse.md", "Beviljade insatser", "insats, finansierade aktiviteter"),
    ("forvaltningsberattelse.md", "Ekonomisk ställning", "ekonomi, ställning, balanskrav"),
    ("forvaltningsberattelse.md", "Möten under året", "möte, sammanträde"),
    ("organisation.md", "Förbundsstyrelsen", "styrelse"),
    ("organisation.md", "Beredningsgruppen", "beredningsgrupp"),
    ("organisation.md", "Personal", "personal, kansli"),
    ("organisation.md", "Revisorer", "revisor"),
)


def _table(header: list[str], rows: Sequence[Sequence[object]]) -> list[str]:
    cell = lambda v: "" if v is None else str(v).replace("|", "\\|")  # noqa: E731
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]


def _sheet(sheet: schema.Sheet) -> list[str]:
    out = [f"### {sheet.name} ({'obligatoriskt' if sheet.required else 'frivilligt'})", "", sheet.help, ""]
    rows = []
    for c in sheet.columns:
        kind = KIND_TEXT[c.kind] + (f": {', '.join(c.choices)}" if c.choices else "")
        rows.append([c.name, "ja" if c.required else "nej", kind, BLANK_TEXT[c.blank], c.help])
    out += _table(["Kolumn", "Kolumnen krävs", "Värde", "Tom cell", "Förklaring"], rows)
    if sheet.dynamic_columns:
        out += ["", "Mellan Insats och Övriga: en kolumn per kommunmedlem, med kommunens Kortnamn (eller Medlem) som rubrik."]
    if sheet.name == "Förbund":
        out += ["", "Uppgifterna (kolumnen Uppgift):", ""]
        out += _table(["Uppgift", "Krävs", "Värde", "Förklaring"],
                      [[i.name, "ja" if i.required else "nej", KIND_TEXT[i.kind] + (f": {', '.join(i.choices)}" if i.choices else ""), i.help]
                       for i in schema.FORBUND_ITEMS])
    header = KOMMUNER_EXAMPLE_HEADER if sheet.dynamic_columns else [c.name for c in sheet.columns]
    example = EXAMPLES.get(sheet.name)
    if example:
        out += ["", "Exempel:", ""] + _table(header, example)
    return out + [""]


def guide() -> str:
    lines = [
        "# Användarguide för ekonomen: arbetsboken och kontrollerna",
        "",
        "<!-- Genererad av `python -m arsredovisning.guide` ur arsredovisning/load/schema.py och fyndkatalogen. Ändra inte för hand. -->",
        "",
        "Årsredovisningen byggs ur en **årsmapp**: arbetsboken `indata.xlsx` och mappen `texter/` med",
        "förbundets egna texter i Markdown. Skapa en ny årsmapp med `arsredovisning ny MAPP`, fyll i",
        "arbetsboken, kör `arsredovisning kontrollera MAPP` tills inga fel återstår, och bygg sedan med",
        "`arsredovisning bygg MAPP`. Filerna skrivs i mappen `output/` i den mapp du står i när du kör",
        "kommandot (välj en annan med `-o MAPP`); programmet skriver ut hela sökvägen till varje fil.",
        "",
        "`ny` skriver exempelvärden (förbundets namn ”" + schema.EXAMPLE_NAME + "”, organisationsnummer",
        schema.EXAMPLE_ORGNR + ", orten ”" + schema.EXAMPLE_CITY + "”, exempelmedlemmar och Kortnamn ”" + schema.EXAMPLE_SHORT_NAME + "”).",
        "Så länge de finns kvar ger `kontrollera` en varning, och `bygg` vägrar publicera exemplets namn",
        "och organisationsnummer.",
        "",
        "## Teckenregler",
        "",
        "- I Saldobalans skrivs alla belopp med bokföringens tecken: **debet positivt, kredit negativt**.",
        "  Tillgångar och kostnader är positiva; eget kapital, skulder och intäkter negativa. Varje",
        "  årskolumn summerar till 0.",
        "- Samma regel gäller kolumnen **Budget**: en budgeterad intäkt är negativ, en budgeterad kostnad",
        "  positiv. En budget med omvänt tecken mot kontots klass och Belopp ger varningen BUDGET-TECKEN,",
        "  eftersom driftredovisningens avvikelse annars blir uppochnedvänd.",
        "- I Insatser är Budget (beviljade medel) och Utfall (redovisade kostnader) positiva kronor.",
        "- I Balanskravsjusteringar har Belopp det tecken justeringen har på årets resultat, inte debet och",
        "  kredit: negativt minskar balanskravsresultatet (realisationsvinster, medel till",
        "  resultatutjämningsreserv), positivt ökar det (realisationsförluster enligt undantag, medel från",
        "  reserven). Ett tecken som inte passar posten ger varningen BALANSKRAV-TECKEN.",
        "- Räkenskaperna visas i rapporten med svensk rapportkonvention: intäkter positiva, kostnader",
        "  negativa, med äkta minustecken.",
        "",
        "## Blad och kolumner",
        "",
        "Rubrikerna står på rad 1 och stavas som nedan (stora och små bokstäver spelar ingen roll).",
        "",
    ]
    for sheet in schema.SHEETS:
        lines += _sheet(sheet)
    lines += [
        "## Egna rubriker och genererade texter",
        "",
        "Texterna i `texter/` skrivs i Markdown. Avsnittets huvudrubrik sätts av programmet; dina egna",
        "rubriker skrivs som `## Rubrik`. Vissa delar genereras ur arbetsboken och placeras i din text:",
        "sist under den första av dina `##`-rubriker som innehåller något av orden nedan. Har texten",
        "ingen sådan rubrik får den genererade delen en egen rubrik.",
        "",
    ]
    lines += _table(["Textfil", "Genererad del", "Placeras under en rubrik som innehåller"], [list(w) for w in WOVEN])
    lines += [
        "",
        "Tal ur räkenskaperna skrivs i texten som `{{ namn }}`, t.ex. `{{ arets_resultat }} kr`;",
        "`arsredovisning kontrollera` listar alla namn med årets värde, avrundat som i rapporten.",
        "",
        "## Fynd",
        "",
        "`kontrollera` visar fynden per nivå: **fel** stoppar `bygg`, **varning** ska läsas, **info** är",
        "upplysningar (dölj dem med `-q`). Ett fynd som följer av ett annat visas indraget under sin orsak",
        "(”↳ följer av …”): rätta orsaken först, så försvinner följderna. En cell som inte kan läsas gör",
        "bara sitt fält eller sin rad oanvändbar; avstämningar som läser cellen görs inte, och",
        "KONTROLL-EJ-GJORD säger vilka.",
        "",
    ]
    lines += _table(["Id", "Betydelse"], [[f"`{k}`", v] for k, v in catalogue().items()])
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    root = Path(__file__).resolve().parent.parent
    path = root / GUIDE
    path.write_text(guide(), encoding="utf-8")
    print(f"Skrev {path}")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
