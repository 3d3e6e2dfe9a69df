"""The finding catalogue: every finding id with a short Swedish description.

Each module that raises new ids declares them at module level as
``FINDINGS: dict[str, str] = {"ID": "kort svensk beskrivning"}``; :func:`catalogue` collects those
dicts from every module of the package and adds :data:`EXISTING`, the ids that were raised before
the convention. ``tests/test_catalogue.py`` checks that every id in the code is in the catalogue,
and the Swedish user guide (``guide.py``) lists it. Modules are found by walking the package
(importlib), so this module has no static imports of the layers it reads.
"""

from __future__ import annotations

import importlib
import pkgutil

EXISTING: dict[str, str] = {
    "MAPP-SAKNAS": "Årsmappen finns inte.",
    "MAPP-ARFIL": "En fil angavs i stället för årsmappen.",
    "FIL-SAKNAS": "indata.xlsx saknas i årsmappen.",
    "FIL-XLS": "Arbetsboken är i det gamla formatet .xls; spara som .xlsx.",
    "FIL-XLSB": "Arbetsboken är binär .xlsb; spara som .xlsx.",
    "FIL-ODS": "Arbetsboken är en OpenDocument-fil (.ods); spara som .xlsx.",
    "FIL-INTE-XLSX": "Filen är ingen Excel-arbetsbok.",
    "FIL-TRASIG": "Arbetsboken är skadad och kan inte läsas.",
    "FIL-LASFEL": "Arbetsboken kunde inte läsas (t.ex. saknad läsrätt).",
    "BLAD-SAKNAS": "Ett obligatoriskt blad saknas.",
    "BLAD-STAVNING": "Ett blads namn är nästan som ett blad i formatet (felstavat).",
    "BLAD-OKAND": "Ett extra blad som inte läses.",
    "KOLUMN-SAKNAS": "En obligatorisk kolumn saknas.",
    "KOLUMN-STAVNING": "En kolumnrubrik är nästan som en kolumn i formatet (felstavad).",
    "KOLUMN-DUBBEL": "En kolumn finns två gånger.",
    "KOLUMN-RUBRIKRAD": "Kolumnrubrikerna står inte på rad 1.",
    "KOLUMN-OKAND": "En extra kolumn som inte läses.",
    "CELL-TOM": "En cell som måste fyllas i är tom.",
    "CELL-TAL": "Cellen är inget tal.",
    "CELL-DATUM-I-TAL": "Cellen innehåller ett datum där ett tal ska stå.",
    "CELL-BELOPP-ORIMLIGT": "Beloppet är orimligt stort.",
    "CELL-ANTAL": "Antalet är inget heltal från 0 och uppåt.",
    "CELL-KONTO": "Cellen är inget kontonummer.",
    "CELL-PROCENT": "Cellen är ingen procentsats mellan 0 och 100.",
    "CELL-DATUM": "Cellen är inget datum (skriv ÅÅÅÅ-MM-DD).",
    "CELL-VAL": "Värdet är inte ett av de tillåtna.",
    "CELL-FORMEL-UTAN-VARDE": "En formel utan beräknat värde (filen har inte sparats i Excel eller LibreOffice).",
    "CELL-FELVARDE": "Cellen har ett felvärde från Excel (#DIV/0! …).",
    "CELL-TAL-SOM-TEXT": "Ett tal skrivet som text tolkades som tal.",
    "FORBUND-SAKNAS": "En obligatorisk uppgift saknas i bladet Förbund.",
    "FORBUND-UPPGIFT": "En Uppgift i bladet Förbund är felstavad.",
    "FORBUND-UPPGIFT-OKAND": "En Uppgift i bladet Förbund ingår inte i formatet och läses inte.",
    "FORBUND-DUBBEL": "En Uppgift finns två gånger i bladet Förbund.",
    "FORBUND-VARDE": "Ett värde i bladet Förbund kan inte läsas.",
    "FORBUND-ORGNR": "Organisationsnumret har fel form eller fel kontrollsiffra.",
    "FORBUND-AR": "Räkenskapsåret är inget årtal.",
    "FORBUND-INSATSKONTON": "Insatskonton är inga kontointervall.",
    "MEDLEM-TYP": "Inte exakt en Stat, en Region och minst en Kommun bland medlemmarna.",
    "MEDLEM-DUBBEL": "En medlem finns två gånger.",
    "MEDLEM-KORTNAMN": "Två kommuner svarar mot samma kolumn i bladet Kommuner.",
    "MEDLEM-ANDELAR": "Kommunernas andelar summerar inte till 100 %.",
    "MEDLEM-ANDEL-PROCENTFORMAT": "Andel är formaterad som procent i Excel och lästes om.",
    "MEDLEM-TOTAL-SAKNAS": "Medlemsbidrag totalt saknas: fördelningen per medlem visas inte.",
    "SB-KONTO-DUBBEL": "Ett konto finns på två rader i Saldobalans.",
    "KONTOPLAN-INTERVALL": "Från är större än Till i Kontoplan.",
    "KONTO-EJ-MAPPAT": "Ett konto med belopp hör inte till någon rad i kontoplanen.",
    "KONTO-DUBBEL-MAPPNING": "Ett konto täcks av flera rader i Kontoplan.",
    "KF-FOREG-SAKNAS": "Ingående föregående år saknas: kassaflödesanalysen visar bara ett år.",
    "INS-DUBBEL": "En insats finns två gånger i Insatser.",
    "INS-DELTAGARE-SAKNAS": "Deltagare saknas för en individinriktad insats.",
    "KOMMUN-OKAND": "En kolumn i Kommuner är ingen kommunmedlem.",
    "KOMMUN-DUBBEL": "En kommun har två kolumner i Kommuner.",
    "INS-PERIOD": "En insats slutar före den startar.",
    "PERSON-PERIOD": "En persons Till är före Från.",
    "TEXT-KODNING": "En textfil är inte UTF-8.",
    "TEXT-PLATSHALLARE": "En okänd platshållare {{ … }} (eller {% … %}) i en text.",
    "TEXT-LASFEL": "En textfil kunde inte läsas.",
    "TEXT-FILNAMN": "En fil i texter/ som inte läses (fel filändelse).",
    "RENDER-URL-NEKAD": "En text eller mall bad om en adress utanför de tillåtna filerna.",
}


def module_findings() -> dict[str, dict[str, str]]:
    """Module name → its ``FINDINGS`` dict, for every module of the package that declares one."""
    package = importlib.import_module(__package__ or "arsredovisning")
    out = {}
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        declared = getattr(module, "FINDINGS", None)
        if isinstance(declared, dict):
            out[info.name] = declared
    return out


def catalogue() -> dict[str, str]:
    """Every finding id → its short Swedish description, sorted by id."""
    merged = dict(EXISTING)
    for declared in module_findings().values():
        merged.update({id: _sentence(text) for id, text in declared.items()})
    return dict(sorted(merged.items()))


def _sentence(text: str) -> str:
    """A module's short description as the guide prints it: a capital first letter, a full stop."""
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."
