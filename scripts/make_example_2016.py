"""Write the example årsmapp workbook ``input/2016/indata.xlsx``.

The example reconstructs Samordningsförbundet Sydnärke's Årsredovisning 2016
(``../shared/seeds/004_*.txt``). Every figure lives below as a data literal; this script
is the example's source and ``input/2016/KALLOR.md`` says where each block comes from and
where the workbook deliberately differs from the seed's printed figures.

    python scripts/make_example_2016.py            # checks the data, writes the workbook
    python scripts/make_example_2016.py --sok      # re-runs the population search and exits

The output is byte-stable: workbook properties and zip entry times are fixed.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "input" / "2016" / "indata.xlsx"

# Fixed timestamp for workbook properties and zip entries (the seed's Beslutsdatum).
FIXED = datetime(2017, 2, 3, 12, 0, 0)

D = date  # short alias for the many dates below

# --------------------------------------------------------------------------------------
# Förbund
# --------------------------------------------------------------------------------------

MEDLEMSBIDRAG_TOTALT = 5_795_388

FORBUND = [
    ("Namn", "Samordningsförbundet Sydnärke"),
    ("Organisationsnummer", "222000-2600"),
    ("Räkenskapsår", 2016),
    ("Ort", "Kumla"),
    ("Adress", "c/o Kumla kommun, 692 80 Kumla"),
    ("Telefon", "070-3218349"),
    ("Webb", "www.finsamorebrolan.se"),
    ("Beslutsdatum", D(2017, 2, 3)),
    ("Medlemsbidrag totalt", MEDLEMSBIDRAG_TOTALT),
    ("Belopp i", "kr"),
    ("Insatskonton", "4510"),
    ("Revisionsdatum", D(2017, 3, 20)),
    ("Framsidestext", "Samordningsförbunden som ett verktyg för välfärdsbygget"),
]

# --------------------------------------------------------------------------------------
# Medlemmar. Invånare: the only integer populations (total 20 000–60 000) whose split of
# the kommun quarter, rounded half-up, gives exactly the booked amounts (see --sok).
# --------------------------------------------------------------------------------------

MEDLEMMAR_COLUMNS = ["Medlem", "Typ", "Invånare", "Konto", "Kortnamn"]
MEDLEMMAR = [
    ("Staten, FK/AF", "Stat", None, 3511, None),
    ("Region Örebro län", "Region", None, 3521, None),
    ("Askersunds kommun", "Kommun", 11_142, 3531, "Askersund"),
    ("Hallsbergs kommun", "Kommun", 15_489, 3532, "Hallsberg"),
    ("Kumla kommun", "Kommun", 21_095, 3533, "Kumla"),
    ("Laxå kommun", "Kommun", 5_667, 3534, "Laxå"),
]

# Booked 2016 member contributions (seed: Finansiell översikt and Not 1).
BOKFORT_KOMMUN = {"Askersund": 302_344, "Hallsberg": 420_302, "Kumla": 572_424, "Laxå": 153_777}

# --------------------------------------------------------------------------------------
# Saldobalans: (Konto, Benämning, Belopp 2016, Föregående år 2015, Ingående föregående år)
# Debit positive, credit negative. IB 2015-01-01 only for balance accounts (None = blank).
# --------------------------------------------------------------------------------------

SALDOBALANS_COLUMNS = ["Konto", "Benämning", "Belopp", "Föregående år", "Ingående föregående år"]
SALDOBALANS = [
    # Not 3 Kortfristiga fordringar
    (1510, "Kundfordringar", 0, 25_707, 0),
    (1630, "Skattekonto", 0, 0, 0),
    (1650, "Momsfordran", 279_798, 213_531, 164_868),
    (1710, "Förutbetalda kostnader", 47_145, 9_534, 0),
    # Not 4 Kassa och bank
    (1930, "Bankkonton", 2_203_537, 2_178_505, 2_939_885),
    # Eget kapital: opening balance of each year
    (2010, "Eget kapital", -1_443_122, -2_439_353, -2_439_353),
    # Not 5 Kortfristiga skulder (2015 Leverantörsskulder 1 kr below the seed's 776 954, see KALLOR.md)
    (2440, "Leverantörsskulder", -1_003_428, -776_953, -665_399),
    (2910, "Bidrag projekt Mottagningsteam", 0, -141_763, 0),
    (2920, "Försäkringskassan", -16_253, -6_671, 0),
    (2930, "Skantz Skylt reklam", 0, -3_767, 0),
    (2940, "Revision", -55_000, -55_000, 0),
    (2950, "Utvärdering av projekt Framsteget", -45_000, 0, 0),
    (2990, "Övrigt", 0, 0, 0),
    # Not 1 Verksamhetens intäkter (3511 + 3512 = "Bidrag Försäkringskassan" 3 352 018)
    (3511, "Bidrag Försäkringskassan", -2_897_694, -2_200_000, None),
    (3512, "Bidrag Försäkringskassan", -454_324, 0, None),
    (3521, "Bidrag Örebro läns landsting", -1_448_847, -1_100_000, None),
    (3531, "Bidrag Askersunds kommun", -302_344, -230_276, None),
    (3532, "Bidrag Hallsbergs kommun", -420_302, -317_177, None),
    (3533, "Bidrag Kumla kommun", -572_424, -435_245, None),
    (3534, "Bidrag Laxå kommun", -153_777, -117_302, None),
    (3990, "Öresavrundning", 0, 0, None),
    # Not 2 Verksamhetens kostnader
    (4510, "Projektmedel", 5_091_880, 4_473_240, None),
    (4520, "Köp av tjänst verkställande tjänsteman", 532_431, 366_679, None),
    (4530, "Köp av administrativa tjänster", 102_308, 66_370, None),
    (4540, "Revision", 54_000, 56_800, None),
    (5010, "Arvoden", 141_764, 121_297, None),
    (5410, "Sociala avgifter", 62_414, 88_805, None),
    (5510, "Ersättning förlorad arbetsförtjänst", 54_895, 35_683, None),
    (5610, "Övriga personalkostnader", 22_420, 15_472, None),
    (7110, "Kurser, konferenser inkl resekostnader", 70_194, 50_455, None),
    # 2016: 148 705, 1 kr above the seed's row 148 704, so that Not 2 sums to its printed 6 281 011
    (7990, "Övrigt", 148_705, 121_089, None),
    # Finansiella poster (RR)
    (8410, "Finansiella intäkter", 0, -424, None),
    (8510, "Finansiella kostnader", 1_024, 765, None),
]

# --------------------------------------------------------------------------------------
# Insatser (Bilaga 3, Tabell 1–4 and 8; Bilaga 1–2 texts)
# --------------------------------------------------------------------------------------

INSATSER_COLUMNS = [
    "Insats", "Typ", "Huvudman", "Start", "Slut", "Budget", "Utfall",
    "Budgeterade deltagare", "Deltagare", "Volyminsats", "Kommentar", "Beviljat totalt", "Kommentar gäller",
    "Utfall tidigare år",
]

MOTTAGNING = "Mottagningsteam Sydnärke"
PA_VAG = "På väg/Sydnärke"
FRAMSTEGET = "Framsteget"
FORSTEGET = "Försteget"
IPS = "IPS"
HUNDDAGIS = "Hunddagis"
FORDJUPAD = "Fördjupad utredning/kartläggning"
DROPOUTS = "Drop-outs (#jagmed)"
KOMPETENSKNUTEN = "KompetensKnuten"

INSATSER = [
    # Individinriktade, Tabell 1 order
    (MOTTAGNING, "Individ", "Kumla kommun", D(2016, 1, 1), D(2016, 12, 31), 700_000, 645_276, 60, 63, "Nej",
     "Därutöver har teamet haft ytterligare 43 rådgivande ärenden, där främst handläggare, personal, "
     "anhöriga och personer har varit i kontakt med teamet och blivit rekommenderade andra insatser "
     "än Mottagningsteamet."),
    (PA_VAG, "Individ", "Askersunds kommun", D(2016, 1, 1), D(2016, 12, 31), 1_210_000, 1_218_308, 50, 62, "Nej",
     "Insatsen har trots begäran från förbundet valt att inte redovisa etnisk tillhörighet."),
    (FRAMSTEGET, "Individ", "Laxå kommun", D(2015, 9, 1), D(2016, 12, 31), 1_000_000, 1_045_000, 28, 27, "Nej",
     None),
    (FORSTEGET, "Individ", "Askersunds kommun", D(2016, 1, 1), D(2016, 12, 31), 574_000, 545_734, 30, 25, "Nej",
     None),
    (IPS, "Individ", "Allmänpsykiatrisk öppenvård i Region Örebro län", D(2016, 1, 1), D(2016, 12, 31),
     402_000, 402_000, 10, 10, "Nej", None),
    (HUNDDAGIS, "Individ", "Laxå kommun", D(2016, 1, 1), D(2016, 12, 31), 270_000, 270_000, 10, 9, "Nej", None),
    (FORDJUPAD, "Individ", "Kumla kommun", D(2016, 1, 1), D(2016, 12, 31), 500_000, 64_800, 8, 3, "Nej", None),
    (DROPOUTS, "Individ", "Kumla kommun", D(2015, 9, 1), D(2018, 12, 31), 0, 0, 10, 6, "Ja",
     "ESF-projekt som delvis finansieras av förbundet. Projektmedel om 700 000 kr har beviljats "
     "ur 2015 års budget; redovisade kostnader t.o.m. december 2016 var 0 kr.", 700_000),
    (KOMPETENSKNUTEN, "Individ", "Hallsbergs kommun", D(2016, 4, 1), D(2016, 12, 30), 500_000, 454_324, 8, 3, "Ja",
     "Finansieras via extra medel som förbundet har fått från de ofördelade Finsam-medlen från staten. "
     "Insatsen startade sent på året. Myndigheterna var sena med att remittera deltagare till projektet "
     "och därför blir kostnaden per deltagare hög."),
    # Strukturövergripande, Tabell 2 order
    ("Förstudien Hallsbergsmodellen", "Struktur", "Hallsbergs kommun", D(2016, 1, 1), D(2016, 12, 31),
     155_000, 155_000, 0, 0, "Ja", None),
    ("Ledarskapsutbildning för handledare", "Struktur", "Samordningsförbundet Sydnärke",
     D(2016, 1, 1), D(2016, 12, 31), 60_000, 63_259, 13, 13, "Ja", None),
    ("Ledarskapsutbildning för handledare, Laxå", "Struktur", "Laxå kommun", D(2016, 1, 1), D(2016, 12, 31),
     55_000, 55_000, 15, 11, "Ja", None),
    ("Indikatorprojektet", "Struktur", None, None, None, 20_000, 20_000, 0, 0, "Ja",
     "Gräsrotsfinansiering av Nationella Nätverket för Samordningsförbunds (NNS) indikatorprojekt."),
    ("Kompetensutveckling till handläggare", "Struktur", "Samordningsförbundet Sydnärke", None, None,
     90_000, 64_434, 10, 10, "Ja", None),
    ("Rehabiliteringsmässan", "Struktur", None, D(2016, 11, 9), D(2016, 11, 9), 30_000, 23_016, 30, 35, "Ja",
     "Anordnades av samordningsförbunden i Örebro län."),
    ("IPS-metodutbildning", "Struktur", "Askersunds kommun", D(2017, 1, 1), D(2017, 12, 31), 66_000, 66_000,
     15, 15, "Ja",
     "Finansieras med medel ur 2016 års budget (högst 66 000 kr). Satsningen pågår fortfarande."),
    ("Grundutbildning i MI – Motivational Interviewing", "Struktur", "Kumla kommun", D(2016, 11, 1),
     D(2017, 12, 31), 70_000, 0, 26, 26, "Ja",
     "Finansieras med medel ur 2016 års budget (högst 70 000 kr); redovisade kostnader t.o.m. "
     "december 2016 var 0 kr. Satsningen pågår fortfarande."),
]

# Kommentar gäller: the Bilaga 3 tables each Kommentar is a footnote of (the seed's: Mottagningsteam's
# under Tabell 1, På väg's under Tabell 7, KompetensKnuten's under Tabell 8); blank = every table.
COMMENT_TABLES = {
    MOTTAGNING: "Deltagare",
    PA_VAG: "Bakgrund",
    DROPOUTS: "Kostnader",
    KOMPETENSKNUTEN: "Kostnader, Kostnad/deltagare",
    "Indikatorprojektet": "Kostnader",
    "Rehabiliteringsmässan": "Deltagare",
    "IPS-metodutbildning": "Kostnader",
    "Grundutbildning i MI – Motivational Interviewing": "Kostnader",
}
# (Beviljat totalt is given only where the seed states it: rows without it get a blank.)
# Utfall tidigare år (costs before 2016) where the seed states it: Drop-outs, "redovisade kostnader
# t.o.m. dec. 2016 var 0 kronor" with 0 kr in 2016, so 0 before (its unspent grant is a commitment).
ACTUAL_BEFORE = {DROPOUTS: 0}
INSATSER = [(*row, *([None] * (12 - len(row))), COMMENT_TABLES.get(row[0]), ACTUAL_BEFORE.get(row[0]))
            for row in INSATSER]

# Tabell 5
KON = [
    (MOTTAGNING, 31, 32), (PA_VAG, 48, 14), (FRAMSTEGET, 18, 9), (FORSTEGET, 11, 14), (IPS, 4, 6),
    (HUNDDAGIS, 5, 4), (FORDJUPAD, 0, 3), (DROPOUTS, 4, 2), (KOMPETENSKNUTEN, 2, 1),
]

# Tabell 6 (None = blank cell in the seed)
KOMMUNER_COLUMNS = ["Insats", "Askersund", "Hallsberg", "Kumla", "Laxå"]
KOMMUNER = [
    (MOTTAGNING, 21, 15, 20, 7), (PA_VAG, 12, 22, 26, 2), (FRAMSTEGET, 0, 3, 22, 2), (FORSTEGET, 24, 1, 0, 0),
    (IPS, 0, 5, 5, 0), (HUNDDAGIS, 0, 0, 0, 9), (FORDJUPAD, None, 2, None, 1), (DROPOUTS, 0, 0, 6, 0),
    (KOMPETENSKNUTEN, 0, 3, 0, 0),
]

# Tabell 7; På väg did not report (seed footnote), so its 62 are "Ej redovisad".
BAKGRUND = [
    (MOTTAGNING, 56, 7, 0), (PA_VAG, 0, 0, 62), (FRAMSTEGET, 0, 27, 0), (FORSTEGET, 25, 0, 0), (IPS, 10, 0, 0),
    (HUNDDAGIS, 7, 2, 0), (FORDJUPAD, 3, 0, 0), (DROPOUTS, 6, 0, 0), (KOMPETENSKNUTEN, 3, 0, 0),
]

# Outcome tables in Bilaga 1 (blank seed cells written as 0 so every column of the table shows).
_STD = ("Arbete", "Studier", "Avbrott", "Fortsatt i aktivitet", "I väntan på insats")
RESULTAT = (
    [(MOTTAGNING, u, n) for u, n in zip(
        ("Arbete", "Redo för arbete", "Daglig verksamhet", "Egen försörjning", "Studier", "Avbrott/flytt",
         "Fortsatt i aktivitet", "I väntan på insats"), (0, 6, 1, 5, 3, 2, 39, 7))]
    + [(FRAMSTEGET, u, n) for u, n in zip(
        ("Arbete", "Egen försörjning", "Studier", "Avbrott", "Fortsatt i aktivitet",
         "Går över till Coachingteamet"), (5, 6, 2, 4, 0, 10))]
    + [(IPS, u, n) for u, n in zip(_STD, (0, 0, 3, 7, 0))]
    + [(HUNDDAGIS, u, n) for u, n in zip(_STD, (1, 0, 2, 6, 0))]
    + [(FORDJUPAD, u, n) for u, n in zip(
        ("Arbete", "Redo för arbete", "Egen försörjning", "Studier", "Avbrott", "Fortsatt i aktivitet",
         "I väntan på insats"), (0, 1, 0, 0, 0, 2, 0))]
    + [(DROPOUTS, u, n) for u, n in zip(_STD, (0, 1, 1, 5, 0))]
    + [(KOMPETENSKNUTEN, u, n) for u, n in zip(_STD, (0, 0, 0, 3, 5))]
)

# --------------------------------------------------------------------------------------
# Personer and Möten (Organisation, Beslut och underskrifter, Kontaktinformation)
# --------------------------------------------------------------------------------------

PERSONER_COLUMNS = ["Namn", "Roll", "Organ", "Representerar", "Från", "Till", "Telefon", "E-post"]
FK, AF, REGION = "Försäkringskassan", "Arbetsförmedlingen", "Region Örebro län"
ASK, HBG, KUM, LAX = "Askersunds kommun", "Hallsbergs kommun", "Kumla kommun", "Laxå kommun"
FORBUNDET = "Samordningsförbundet Sydnärke"

PERSONER = [
    # Styrelse, ordinarie ledamöter
    ("Inger Trodell Dahl", "ordförande", "Styrelse", REGION, None, None, "076-7771008",
     "inger.trodell@askersund.se"),
    ("Siv Ahlstrand", "vice ordförande", "Styrelse", ASK, None, None, "070-2629320", "siv.ahlstrand@askersund.se"),
    ("Liisa Ejdenwik", "ledamot", "Styrelse", AF, None, None, None, None),
    ("Susann Tegevi", "ledamot", "Styrelse", FK, D(2016, 10, 1), D(2016, 12, 31), None, None),
    ("Cecilia Törnkvist", "ledamot", "Styrelse", FK, None, None, None, None),
    ("Annica Moberg", "ledamot", "Styrelse", KUM, None, None, None, None),
    ("Magnus Andersson", "ledamot", "Styrelse", HBG, None, None, None, None),
    ("Richard Nygren", "ledamot", "Styrelse", LAX, None, D(2016, 4, 27), None, None),
    ("Anette Schön", "ledamot", "Styrelse", LAX, D(2016, 4, 28), None, None, None),
    # Styrelse, ersättare
    ("Torbjörn Appelqvist", "ersättare", "Ersättare", REGION, None, None, None, None),
    ("Erling Johansson", "ersättare", "Ersättare", ASK, None, None, None, None),
    ("Sara Axén", "ersättare", "Ersättare", AF, None, None, None, None),
    ("Unni Livengård", "ersättare", "Ersättare", FK, None, None, None, None),
    ("Ida Särnholm", "ersättare", "Ersättare", KUM, None, D(2016, 9, 30), None, None),
    ("Christian Lahesalu", "ersättare", "Ersättare", KUM, D(2016, 10, 1), None, None, None),
    ("Ulrika Björklund", "ersättare", "Ersättare", HBG, None, None, None, None),
    ("Anna-Liisa Törmänen", "ersättare", "Ersättare", LAX, None, None, None, None),
    # Beredningsgrupp, ordinarie ("Vakant" entries of the seed omitted)
    ("Johanna Häll", "ordinarie", "Beredningsgrupp", ASK, None, None, None, None),
    ("Hans Carlsson", "ordinarie", "Beredningsgrupp", ASK, None, None, None, None),
    ("Helena Blomberg", "ordinarie", "Beredningsgrupp", HBG, None, None, None, None),
    ("Marie Fredriksson", "ordinarie", "Beredningsgrupp", HBG, None, None, None, None),
    ("Jessica Vidberg", "ordinarie", "Beredningsgrupp", LAX, None, None, None, None),
    ("Gabriella Mueller Prabin", "ordinarie", "Beredningsgrupp", KUM, None, None, None, None),
    ("Christer Thörner", "ordinarie", "Beredningsgrupp", KUM, None, None, None, None),
    ("Lennart Svärd", "ordinarie", "Beredningsgrupp", REGION, None, None, None, None),
    ("Stefan Ask", "ordinarie", "Beredningsgrupp", FK, None, None, None, None),
    ("Sara Axén", "ordinarie", "Beredningsgrupp", AF, None, None, None, None),
    ("Helena Eriksson", "ordinarie", "Beredningsgrupp", "Region Örebro län, allmänpsykiatri", None, None,
     None, None),
    ("Raéd Shaqdih", "ordinarie", "Beredningsgrupp", FORBUNDET, None, None, None, None),
    # Beredningsgrupp, ersättare
    ("Göran Richter", "ersättare", "Beredningsgrupp", ASK, None, None, None, None),
    ("Jan-Åke Ahlin", "ersättare", "Beredningsgrupp", LAX, None, None, None, None),
    ("Anneli Koivuniemi", "ersättare", "Beredningsgrupp", KUM, None, None, None, None),
    ("Ann Göhle", "ersättare", "Beredningsgrupp", AF, None, None, None, None),
    ("Eva Handfast", "ersättare", "Beredningsgrupp", "Region Örebro län, psykiatri", None, None, None, None),
    # The seed's vacant seats among the ersättare (Namn "Vakant")
    ("Vakant", "ersättare", "Beredningsgrupp", "Hallsbergs kommun", None, None, None, None),
    ("Vakant", "ersättare", "Beredningsgrupp", REGION, None, None, None, None),
    ("Vakant", "ersättare", "Beredningsgrupp", FK, None, None, None, None),
    # Personal (köps av Kumla kommun; adjungerad i styrelsen)
    ("Raéd Shaqdih", "förbundschef", "Personal", FORBUNDET, None, None, "070-3218349", "raed.shaqdi@kumla.se"),
    # Revisorer
    ("Jennie Fernros", "Auktoriserad revisor, Öhrlings PricewaterhouseCoopers AB", "Revisor",
     "Staten (FK och AF)", None, None, None, None),
    ("Lena Jansson", "Förtroendevald revisor", "Revisor", REGION, None, None, None, None),
    ("Christina Müntzing", "Förtroendevald revisor", "Revisor", "Kommunerna i Sydnärke", None, None, None, None),
]

STYRELSEN = "Styrelsen"
BEREDNINGSGRUPPEN = "Beredningsgruppen"
PLANERINGSDAGAR = "Planeringsdagar"
SAMORDNARE = "Samordnare/projektledare"
ORDFORANDENA = "Ordförandena för de fyra samordningsförbunden i Örebro län"

MOTEN = [
    (STYRELSEN, D(2016, 1, 22), None),
    (STYRELSEN, D(2016, 2, 26), None),
    (STYRELSEN, D(2016, 4, 25), None),
    (STYRELSEN, D(2016, 6, 10), None),
    (STYRELSEN, D(2016, 9, 19), None),
    (STYRELSEN, D(2016, 10, 27), "27–28 oktober, lunch–lunch-seminarium inkl. ett ordinarie styrelsemöte"),
    (STYRELSEN, D(2016, 12, 16), None),
    (BEREDNINGSGRUPPEN, D(2016, 2, 3), None),
    (BEREDNINGSGRUPPEN, D(2016, 4, 1), None),
    (BEREDNINGSGRUPPEN, D(2016, 9, 5), "5–6 september, lunch–lunch-seminarium inkl. ett ordinarie möte"),
    (BEREDNINGSGRUPPEN, D(2016, 10, 5), None),
    (BEREDNINGSGRUPPEN, D(2016, 11, 23), None),
    (PLANERINGSDAGAR, D(2016, 3, 30), None),
    (PLANERINGSDAGAR, D(2016, 11, 11), None),
    (SAMORDNARE, D(2016, 3, 17), None),
    (SAMORDNARE, D(2016, 6, 14), None),
    (SAMORDNARE, D(2016, 9, 14), None),
    (ORDFORANDENA, D(2016, 8, 26), None),
    (ORDFORANDENA, D(2016, 10, 3), None),
    (ORDFORANDENA, D(2016, 12, 13), None),
]

# --------------------------------------------------------------------------------------
# Checks of the data against the seed's printed figures
# --------------------------------------------------------------------------------------

# Seed Noter: printed sums (2016, 2015) per note, and which accounts belong to each note.
NOTER = {
    "Not 1 Verksamhetens intäkter": ((3000, 3999), -6_249_712, -4_400_000),
    "Not 2 Verksamhetens kostnader": ((4000, 7999), 6_281_011, 5_395_890),
    "Not 3 Kortfristiga fordringar": ((1500, 1799), 326_943, 248_772),
    "Not 4 Kassa och bank": ((1900, 1999), 2_203_537, 2_178_505),
    "Not 5 Kortfristiga skulder": ((2400, 2999), -1_119_681, -984_154),
}


def _split(quarter: int, populations: list[int]) -> list[int]:
    """Each kommun's share of ``quarter``, by population, rounded half-up to whole kronor."""
    total = sum(populations)
    return [int((Fraction(quarter * p, total) * 2 + 1) // 2) for p in populations]


def search_populations(quarter: int, targets: dict[str, int], totals: range) -> list[dict[str, int]]:
    """All integer populations with sum in ``totals`` whose half-up split reproduces ``targets``."""
    names = list(targets)
    found = []
    for total in totals:
        pops = {n: round(total * targets[n] / quarter) for n in names[:-1]}
        pops[names[-1]] = total - sum(pops.values())
        if pops[names[-1]] > 0 and _split(quarter, list(pops.values())) == list(targets.values()):
            found.append(pops)
    return found


def check() -> None:
    """Assert the data reproduces the seed's figures (and its known 1 kr inconsistency)."""
    by_konto = {r[0]: r for r in SALDOBALANS}
    assert len(by_konto) == len(SALDOBALANS), "duplicate Konto"
    cur = sum(r[2] for r in SALDOBALANS)
    prior = sum(r[3] for r in SALDOBALANS)
    assert cur == 0, f"2016 column sums to {cur}"
    assert prior == 1, f"2015 column sums to {prior} (expected the seed's +1 kr)"

    def total(lo: int, hi: int, col: int) -> int:
        return sum(r[col] for r in SALDOBALANS if lo <= r[0] <= hi)

    result = [-(total(3000, 8599, c)) for c in (2, 3)]
    assert result == [-32_323, -996_231], result
    for note, ((lo, hi), s16, s15) in NOTER.items():
        assert (total(lo, hi, 2), total(lo, hi, 3)) == (s16, s15), note
    assert total(8400, 8499, 3) == -424 and total(8500, 8599, 2) == 1_024 and total(8500, 8599, 3) == 765
    # EK UB 2015 as printed; IB 2015 from the seed's 2015 kassaflödesanalys
    assert -(by_konto[2010][3]) + result[1] == 1_443_122
    assert -by_konto[2010][2] == 1_443_122
    assert total(1500, 1799, 4) == 164_868 and total(1900, 1999, 4) == 2_939_885
    assert total(2400, 2999, 4) == -665_399 and total(2000, 2099, 4) == -2_439_353

    # Medlemsbidrag: stat 50 %, region 25 %, kommunerna 25 % split by Invånare
    quarter = MEDLEMSBIDRAG_TOTALT // 4
    assert quarter * 4 == MEDLEMSBIDRAG_TOTALT
    assert -by_konto[3511][2] == MEDLEMSBIDRAG_TOTALT // 2 and -by_konto[3521][2] == quarter
    kommuner = [m for m in MEDLEMMAR if m[1] == "Kommun"]
    split = _split(quarter, [m[2] for m in kommuner])
    assert split == [BOKFORT_KOMMUN[m[4]] for m in kommuner], split
    assert [-by_konto[m[3]][2] for m in kommuner] == split
    assert -(by_konto[3511][2] + by_konto[3512][2]) == 3_352_018

    # Insatser: Tabell 1–4 and 8
    ind = [i for i in INSATSER if i[1] == "Individ"]
    struk = [i for i in INSATSER if i[1] == "Struktur"]
    assert len(ind) == 9 and len(struk) == 8 and len({i[0] for i in INSATSER}) == 17
    assert sum(i[7] for i in ind) == 214 and sum(i[8] for i in ind) == 208  # Tabell 1
    assert sum(i[7] for i in struk) == 109 and sum(i[8] for i in struk) == 110  # Tabell 2
    assert sum(i[5] for i in ind) == 5_156_000 and sum(i[6] for i in ind) == 4_645_442  # Tabell 3 (8)
    assert sum(i[5] - i[6] for i in ind) == 510_558
    assert sum(i[5] for i in struk) == 546_000 and sum(i[6] for i in struk) == 446_709  # Tabell 4
    assert sum(i[5] - i[6] for i in struk) == 99_291
    assert sum(i[6] for i in INSATSER) == 5_092_151  # vs Projektmedel 5 091 880: seed's 271 kr
    deltagare = {i[0]: i[8] for i in ind}
    for name, *counts in KON:
        assert sum(counts) == deltagare[name], name
    for name, *counts in KOMMUNER:
        assert sum(c or 0 for c in counts) == deltagare[name], name
    for name, *counts in BAKGRUND:
        assert sum(counts) == deltagare[name], name
    assert [sum(r[c] for r in KON) for c in (1, 2)] == [123, 85]  # Tabell 5
    assert [sum(r[c] or 0 for r in KOMMUNER) for c in (1, 2, 3, 4)] == [57, 51, 79, 21]  # Tabell 6
    assert [sum(r[c] for r in BAKGRUND) for c in (1, 2, 3)] == [110, 36, 62]  # Tabell 7 as corrected
    names = {i[0] for i in INSATSER}
    assert all(r[0] in names for r in RESULTAT)
    assert sum(1 for m in MOTEN if m[0] == STYRELSEN) == 7
    assert sum(1 for m in MOTEN if m[0] == BEREDNINGSGRUPPEN) == 5


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------

MONEY_COLUMNS = {"Belopp", "Föregående år", "Ingående föregående år", "Budget", "Utfall", "Beviljat totalt", "Utfall tidigare år"}
DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "#,##0"


def _sheet(wb: Workbook, title: str, columns: list[str], rows: list[tuple]) -> None:
    ws = wb.create_sheet(title)
    ws.append(columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top")
    for row in rows:
        ws.append(list(row))
    for idx, name in enumerate(columns, start=1):
        letter = get_column_letter(idx)
        width = len(name)
        for (cell,) in ws.iter_rows(min_row=2, min_col=idx, max_col=idx):
            value = cell.value
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
                shown = 10
            elif isinstance(value, int) and name in MONEY_COLUMNS:
                cell.number_format = MONEY_FORMAT
                shown = len(f"{value:,}")
            else:
                shown = len(str(value)) if value is not None else 0
            if name == "Kommentar" and value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            width = max(width, shown)
        ws.column_dimensions[letter].width = min(width + 2, 60)
    ws.freeze_panes = "A2"


def build_workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, "Förbund", ["Uppgift", "Värde"], FORBUND)
    _sheet(wb, "Medlemmar", MEDLEMMAR_COLUMNS, MEDLEMMAR)
    _sheet(wb, "Saldobalans", SALDOBALANS_COLUMNS, SALDOBALANS)
    _sheet(wb, "Insatser", INSATSER_COLUMNS, INSATSER)
    _sheet(wb, "Kön", ["Insats", "Kvinnor", "Män"], KON)
    _sheet(wb, "Kommuner", KOMMUNER_COLUMNS, KOMMUNER)
    _sheet(wb, "Bakgrund", ["Insats", "Svensk", "Annan", "Ej redovisad"], BAKGRUND)
    _sheet(wb, "Resultat", ["Insats", "Utfall", "Antal"], RESULTAT)
    _sheet(wb, "Personer", PERSONER_COLUMNS, PERSONER)
    _sheet(wb, "Möten", ["Organ", "Datum", "Kommentar"], MOTEN)
    wb.active = 0
    props = wb.properties
    props.creator = "scripts/make_example_2016.py"
    props.title = "Samordningsförbundet Sydnärke, indata årsredovisning 2016"
    props.created = FIXED
    props.modified = FIXED
    return wb


def _stable_bytes(wb: Workbook) -> bytes:
    """Save, then rewrite the zip with a fixed modified time and fixed entry timestamps."""
    raw = io.BytesIO()
    wb.save(raw)  # openpyxl stamps docProps/core.xml with the current time
    stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    data,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, data)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sok", action="store_true", help="search populations reproducing the booked shares")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.sok:
        for pops in search_populations(MEDLEMSBIDRAG_TOTALT // 4, BOKFORT_KOMMUN, range(20_000, 60_001)):
            print(pops, sum(pops.values()))
        return 0
    check()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(_stable_bytes(build_workbook()))
    print(f"skrev {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
