"""Every sheet and column of the input contract, declared once.

The loader, ``arsredovisning ny``, the error messages and the tables in ``docs/indata.md`` all come
from these declarations. Names are the contract's (Swedish); they never change.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..model import AdjustmentPost, Body, InterventionKind, MemberType, StatementLine


class InputKind(str, Enum):
    """How a cell is parsed."""

    TEXT = "text"
    MONEY = "belopp"
    COUNT = "antal"  # non-negative whole number
    DATE = "datum"
    ACCOUNT = "konto"  # positive whole number
    PERCENT = "procent"
    CHOICE = "val"
    YEAR = "år"
    ORGNR = "organisationsnummer"
    RANGES = "kontointervall"  # "4500-4599, 4610"


class Blank(str, Enum):
    """What an empty cell means."""

    ERROR = "fel"  # a finding
    NONE = "saknas"  # value not given
    ZERO = "noll"  # 0


@dataclass(frozen=True)
class InputColumn:
    name: str
    kind: InputKind
    required: bool  # the column must exist
    blank: Blank = Blank.NONE
    choices: tuple[str, ...] = ()
    help: str = ""  # Swedish, shown in docs and as a comment in `ny`
    width: int = 16


@dataclass(frozen=True)
class Sheet:
    name: str
    required: bool
    columns: tuple[InputColumn, ...]
    help: str = ""
    dynamic_columns: bool = False  # Kommuner: one column per kommun member
    generated: bool = False  # written by a command (importera), not by hand: ``ny`` leaves it out

    def column(self, name: str) -> InputColumn:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


@dataclass(frozen=True)
class Item:
    """One Uppgift of the key–value sheet ``Förbund``."""

    name: str
    kind: InputKind
    required: bool
    choices: tuple[str, ...] = ()
    help: str = ""
    example: object = None


C = InputColumn

# What ``arsredovisning ny`` writes as examples. A workbook that still holds them gets a varning in
# ``kontrollera`` (checks/examples.py) and ``bygg`` refuses to publish the example's name.
EXAMPLE_NAME = "Samordningsförbundet Exempel"
EXAMPLE_ORGNR = "222000-0000"
EXAMPLE_CITY = "Exempelstad"
EXAMPLE_SHORT_NAME = "Exempel"  # Medlemmar › Kortnamn and the Kommuner column of the example kommun
EXAMPLE_MEMBERS = (  # Medlem, Typ, Kortnamn; "Staten, FK/AF" is a real name and stays
    ("Staten, FK/AF", "Stat", None),
    ("Region Exempel", "Region", None),
    ("Exempel kommun", "Kommun", EXAMPLE_SHORT_NAME),
)


@dataclass(frozen=True)
class FolderFile:
    """A file in the årsmapp besides indata.xlsx that the report uses when it is there."""

    name: str  # relative to the årsmapp
    help: str


FOLDER_FILES: tuple[FolderFile, ...] = (
    FolderFile("logo.png", "Logotyp på framsidan (även logo.svg, logo.jpg)"),
    FolderFile("revisionsberattelse.pdf", "Den undertecknade revisionsberättelsen: läggs sist i årsredovisningen och i innehållsförteckningen"),
    FolderFile("texter/beslut.md", "Ersätter besluten ”Styrelsen beslutar att …” på sidan Beslut och underskrifter"),
    FolderFile("texter/balanskrav.md", "Styrelsens förklaring till balanskravsresultatet (under balanskravsutredningen); när balanskravet inte är uppfyllt: styrelsens beslut om återställande inom tre år eller de synnerliga skäl den åberopar"),
    FolderFile("texter/redovisningsprinciper.md", "Ersätter standardtexten om redovisningsprinciper (lagen för året, god redovisningssed, RKR, periodisering, villkorade statliga medel, likvida medel)"),
)

# What an insats's Kommentar may be limited to (Insatser › Kommentar gäller): the topics of Bilaga 3's
# tables (Deltagare = Tabell 1–2, Kostnader = Tabell 3–4, Kön … Kostnad/deltagare = Tabell 5–8).
COMMENT_TABLES: tuple[str, ...] = ("Deltagare", "Kostnader", "Kön", "Kommuner", "Bakgrund", "Kostnad/deltagare")
# … and the Tabell numbers each topic stands for.
COMMENT_TABLE_NUMBERS: dict[str, tuple[int, ...]] = {
    "Deltagare": (1, 2), "Kostnader": (3, 4), "Kön": (5,), "Kommuner": (6,), "Bakgrund": (7,), "Kostnad/deltagare": (8,),
}

FORBUND_ITEMS: tuple[Item, ...] = (
    Item("Namn", InputKind.TEXT, True, help="Förbundets namn", example=EXAMPLE_NAME),
    Item("Organisationsnummer", InputKind.ORGNR, True, help="NNNNNN-NNNN, kontrolleras med kontrollsiffra", example=EXAMPLE_ORGNR),
    Item("Räkenskapsår", InputKind.YEAR, True, help="Året som redovisas, t.ex. 2016", example=None),
    Item("Ort", InputKind.TEXT, True, help="Säte; används i ”Ort den …”", example=EXAMPLE_CITY),
    Item("Adress", InputKind.TEXT, False, help="Postadress för kontaktsidan"),
    Item("Telefon", InputKind.TEXT, False, help="Telefonnummer för kontaktsidan"),
    Item("E-post", InputKind.TEXT, False, help="E-postadress för kontaktsidan"),
    Item("Webb", InputKind.TEXT, False, help="Webbplats för kontaktsidan"),
    Item("Beslutsdatum", InputKind.DATE, False, help="Dagen då styrelsen beslutar om årsredovisningen"),
    Item("Medlemsbidrag totalt", InputKind.MONEY, False, help="Årets totala medlemsbidrag (ram) i kr"),
    Item("Belopp i", InputKind.CHOICE, False, choices=("kr", "tkr"), help="Enhet i räkenskaperna: kr (standard) eller tkr", example="kr"),
    Item("Insatskonton", InputKind.RANGES, False, help="Konton för insatsernas kostnader, t.ex. 4510 eller 4500-4599, 4610"),
    Item("Riktvärde eget kapital (%)", InputKind.PERCENT, False, help="Högsta eget kapital i procent av årets medlemsbidrag"),
    # Extension (issue 16): where last year's report is, for the cross-year checks and the flerårsöversikt.
    Item("Föregående årsmapp", InputKind.TEXT, False, help="Förra årets årsmapp eller JSON-export, t.ex. ../2016; tomt = mappen bredvid med förra årets nummer"),
    Item("Revisionsdatum", InputKind.DATE, False, help="Dagen då revisorerna lämnade revisionsberättelsen (Revisorernas påteckning)"),
    Item("Framsidestext", InputKind.TEXT, False, help="En kort rad på framsidan under rubriken, t.ex. förbundets devis"),
    # Extension (issue 24): LKBR 9 kap. notes the saldobalans cannot give.
    Item("Ställda panter", InputKind.MONEY, False, help="Ställda panter vid årets slut (kr); 0 = Inga. Tomt = ej angivet (noten trycks inte)"),
    Item("Ansvarsförbindelser", InputKind.MONEY, False, help="Ansvarsförbindelser vid årets slut (kr), t.ex. borgen; 0 = Inga. Tomt = ej angivet"),
    Item("Kostnad för räkenskapsrevision", InputKind.MONEY, False, help="Årets kostnad för räkenskapsrevision (kr); tomt = kostnaden på konton som heter Revision"),
)

FORBUND = Sheet(
    "Förbund",
    True,
    (
        C("Uppgift", InputKind.TEXT, True, Blank.ERROR, width=30, help="Uppgiftens namn, se listan"),
        C("Värde", InputKind.TEXT, True, Blank.NONE, width=40, help="Värdet"),
    ),
    help="Uppgifter om förbundet, en per rad.",
)

MEMBER_TYPES = tuple(t.value for t in MemberType)

MEDLEMMAR = Sheet(
    "Medlemmar",
    True,
    (
        C("Medlem", InputKind.TEXT, True, Blank.ERROR, width=30, help="Medlemmens namn"),
        C("Typ", InputKind.CHOICE, True, Blank.ERROR, MEMBER_TYPES, help="Stat, Region eller Kommun"),
        C("Invånare", InputKind.COUNT, False, Blank.NONE, help="Invånare som fördelar kommunernas fjärdedel"),
        C("Andel", InputKind.PERCENT, False, Blank.NONE, help="Andel av kommunernas fjärdedel i %; går före Invånare"),
        C("Konto", InputKind.ACCOUNT, False, Blank.NONE, help="Intäktskonto där medlemmens bidrag bokförs"),
        C("Kortnamn", InputKind.TEXT, False, Blank.NONE, help="Kolumnrubrik i bladet Kommuner (standard: Medlem utan ” kommun”)"),
    ),
    help="Förbundets medlemmar: exakt en Stat, en Region och minst en Kommun.",
)

SALDOBALANS = Sheet(
    "Saldobalans",
    True,
    (
        C("Konto", InputKind.ACCOUNT, True, Blank.ERROR, help="Kontonummer"),
        C("Benämning", InputKind.TEXT, True, Blank.ERROR, width=36, help="Kontots namn; blir radtext i noterna"),
        C("Belopp", InputKind.MONEY, True, Blank.ERROR, help="Utgående saldo (balanskonton) eller årets utfall (resultatkonton); debet +, kredit −"),
        C("Föregående år", InputKind.MONEY, True, Blank.ZERO, help="Samma för föregående år; tomt = 0"),
        C("Ingående föregående år", InputKind.MONEY, False, Blank.NONE, help="Ingående saldo föregående år (balanskonton); ger kassaflödesanalysens jämförelseår"),
        C("Budget", InputKind.MONEY, False, Blank.NONE, help="Årets budget per resultatkonto; ger driftredovisningen"),
    ),
    help="Saldobalansen, en rad per konto. Debet positivt, kredit negativt; varje årskolumn summerar till 0.",
)

KONTOPLAN = Sheet(
    "Kontoplan",
    False,
    (
        C("Från", InputKind.ACCOUNT, True, Blank.ERROR, help="Första konto i intervallet"),
        C("Till", InputKind.ACCOUNT, True, Blank.ERROR, help="Sista konto i intervallet (inklusive)"),
        C("Rad", InputKind.CHOICE, True, Blank.ERROR, tuple(line.value for line in StatementLine), width=36, help="Rad i resultat- eller balansräkningen"),
    ),
    help="Vilka konton som hör till vilken rad. Ersätter den inbyggda kontoplanen helt.",
)

INSATSER = Sheet(
    "Insatser",
    True,
    (
        C("Insats", InputKind.TEXT, True, Blank.ERROR, width=40, help="Insatsens namn (unikt)"),
        C("Typ", InputKind.CHOICE, True, Blank.ERROR, tuple(k.value for k in InterventionKind), help="Individ (individinriktad) eller Struktur (strukturövergripande)"),
        C("Huvudman", InputKind.TEXT, False, Blank.NONE, width=24, help=f"T.ex. {EXAMPLE_MEMBERS[2][0]}"),
        C("Start", InputKind.DATE, False, Blank.NONE, help="Startdatum"),
        C("Slut", InputKind.DATE, False, Blank.NONE, help="Slutdatum"),
        C("Budget", InputKind.MONEY, True, Blank.ERROR, help="Beviljade medel för året (kr)"),
        C("Utfall", InputKind.MONEY, True, Blank.ERROR, help="Redovisade kostnader för året (kr)"),
        C("Budgeterade deltagare", InputKind.COUNT, False, Blank.NONE, help="Planerat antal deltagare; tomt = ej angivet"),
        C("Deltagare", InputKind.COUNT, True, Blank.NONE, help="Faktiskt antal deltagare; krävs för Individ, tomt = 0 för Struktur"),
        C("Volyminsats", InputKind.CHOICE, False, Blank.NONE, ("Ja", "Nej"), help="Ja eller Nej"),
        C("Kommentar", InputKind.TEXT, False, Blank.NONE, width=40, help="Fotnot under bilagans tabeller"),
        C("Beviljat totalt", InputKind.MONEY, False, Blank.NONE, help="Beviljade medel för insatsens hela period (kr); tomt = ej angivet"),
        C("Utfall tidigare år", InputKind.MONEY, False, Blank.NONE, help="Insatsens redovisade kostnader före räkenskapsåret (kr); tomt = 0 om insatsen startade i år, annars ej angivet"),

        C("Kommentar gäller", InputKind.TEXT, False, Blank.NONE, width=20,
          help="Vilka tabeller i Bilaga 3 kommentaren gäller: " + ", ".join(COMMENT_TABLES)
               + "; t.ex. Bakgrund eller Deltagare, Kostnader. Tomt = insatsen som helhet: fotnoten skrivs en gång, "
                 "under Tabell 1 (individinriktad) eller Tabell 2 (strukturövergripande)"),
    ),
    help="En rad per insats som förbundet finansierar.",
)

# The first column of the sheets with figures per insats: the insats's name as in Insatser › Insats.
OF_INSATS = C("Insats", InputKind.TEXT, True, Blank.ERROR, width=40)


def _breakdown(name: str, parts: tuple[str, str], unreported: str, what: str) -> Sheet:
    """A sheet that splits each individinriktad insats's deltagare into ``parts`` (required columns)
    and ``unreported`` (optional); blank cells are 0."""
    return Sheet(
        name,
        False,
        (OF_INSATS, *(C(part, InputKind.COUNT, True, Blank.ZERO) for part in parts), C(unreported, InputKind.COUNT, False, Blank.ZERO)),
        help=f"{what} per individinriktad insats. Tomma celler = 0.",
    )


KON = _breakdown("Kön", ("Kvinnor", "Män"), "Annat/ej angivet", "Könsfördelning")

KOMMUNER = Sheet(
    "Kommuner",
    False,
    (
        OF_INSATS,
        C("Övriga", InputKind.COUNT, False, Blank.ZERO, help="Deltagare från andra kommuner"),
    ),
    help="Deltagare per kommun: en kolumn per kommunmedlem (Kortnamn eller Medlem). Tomma celler = 0.",
    dynamic_columns=True,
)

BAKGRUND = _breakdown("Bakgrund", ("Svensk", "Annan"), "Ej redovisad", "Bakgrund")

RESULTAT = Sheet(
    "Resultat",
    False,
    (
        OF_INSATS,
        C("Utfall", InputKind.TEXT, True, Blank.ERROR, width=28, help="T.ex. Arbete, Studier, Avbrott"),
        C("Antal", InputKind.COUNT, True, Blank.ZERO),
    ),
    help="Resultat per insats i långt format: en rad per (insats, utfall).",
)

PERSONER = Sheet(
    "Personer",
    False,
    (
        C("Namn", InputKind.TEXT, True, Blank.ERROR, width=28),
        C("Roll", InputKind.TEXT, False, Blank.NONE, width=20, help="T.ex. ordförande, ledamot, ersättare"),
        C("Organ", InputKind.CHOICE, True, Blank.ERROR, tuple(b.value for b in Body), help="Styrelse, Ersättare, Beredningsgrupp, Personal eller Revisor"),
        C("Representerar", InputKind.TEXT, False, Blank.NONE, width=28),
        C("Från", InputKind.DATE, False, Blank.NONE),
        C("Till", InputKind.DATE, False, Blank.NONE),
        C("Telefon", InputKind.TEXT, False, Blank.NONE),
        C("E-post", InputKind.TEXT, False, Blank.NONE, width=28),
    ),
    help="Styrelse, ersättare, beredningsgrupp, personal och revisorer.",
)

MOTEN = Sheet(
    "Möten",
    False,
    (
        C("Organ", InputKind.TEXT, True, Blank.ERROR, width=28, help="Fri text, t.ex. Styrelsen"),
        C("Datum", InputKind.DATE, True, Blank.ERROR),
        C("Kommentar", InputKind.TEXT, False, Blank.NONE, width=40),
    ),
    help="Möten under året, per organ.",
)

BALANSKRAVSJUSTERINGAR = Sheet(
    "Balanskravsjusteringar",
    False,
    (
        C("Post", InputKind.CHOICE, True, Blank.ERROR, tuple(p.value for p in AdjustmentPost), width=56,
          help="Vilken balanskravsjustering raden är (LKBR 11 kap.), med balanskravsutredningens ord"),
        C("Belopp", InputKind.MONEY, True, Blank.ERROR,
          help="Belopp i kr med det tecken justeringen har på resultatet (inte debet/kredit): negativt minskar "
               "balanskravsresultatet (realisationsvinster, medel till resultatutjämningsreserv), positivt ökar det "
               "(realisationsförluster enligt undantag, medel från resultatutjämningsreserv)"),
        C("Kommentar", InputKind.TEXT, False, Blank.NONE, width=40, help="T.ex. vad som såldes; visas under balanskravsutredningen"),
    ),
    help="Justeringarna från årets resultat till balanskravsresultatet, en rad per post. Utan bladet (eller utan rader) "
         "är balanskravsresultatet årets resultat.",
)

# Extension (issue 24): the driftredovisning by budgetområde and the förbund's goals.
BUDGET = Sheet(
    "Budget",
    False,
    (
        C("Budgetområde", InputKind.TEXT, True, Blank.ERROR, width=32,
          help="T.ex. Styrelse, Kansli och administration, Revision, Insatser, Medlemsbidrag"),
        C("Konton", InputKind.RANGES, True, Blank.ERROR, width=24,
          help="Områdets konton i Saldobalans, t.ex. 4510 eller 5000-5999, 6420"),
        C("Budget", InputKind.MONEY, False, Blank.NONE,
          help="Områdets budget för året i kr, med resultaträkningens tecken: intäkter positiva, kostnader negativa. "
               "Tomt = summan av Saldobalans › Budget för områdets konton"),
    ),
    help="Driftredovisningen per budgetområde (LKBR 10 kap., RKR R14). Utan bladet delas kontona in i Insatser "
         "(Insatskonton), Revision, Styrelse, Kansli och administration, intäkter och finansiella poster.",
)

MAL = Sheet(
    "Mål",
    False,
    (
        C("Mål", InputKind.TEXT, True, Blank.ERROR, width=48, help="Målet som styrelsen har beslutat, t.ex. Eget kapital högst 15 % av medlemsbidraget"),
        C("Typ", InputKind.CHOICE, True, Blank.ERROR, ("Finansiellt", "Verksamhet"), help="Finansiellt mål eller mål för verksamheten"),
        C("Målvärde", InputKind.TEXT, False, Blank.NONE, width=16, help="T.ex. ≤ 15 %, 60 deltagare"),
        C("Utfall", InputKind.TEXT, False, Blank.NONE, width=16, help="Årets utfall, t.ex. 12,4 %, 63 deltagare"),
        C("Bedömning", InputKind.CHOICE, True, Blank.ERROR, ("Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt"),
          help="Styrelsens bedömning av måluppfyllelsen"),
        C("Kommentar", InputKind.TEXT, False, Blank.NONE, width=40, help="Kort motivering; visas i tabellen"),
    ),
    help="Målen för god ekonomisk hushållning (finansiella mål och mål för verksamheten) med styrelsens bedömning.",
)

KALLA = Sheet(
    "Källa",
    False,
    (
        C("Uppgift", InputKind.TEXT, True, Blank.ERROR, width=22, help="Fil, Program, Exportdatum, Kontrollsumma …"),
        C("Värde", InputKind.TEXT, True, Blank.NONE, width=80),
    ),
    help="Var saldobalansen kommer ifrån: skrivs av ”arsredovisning importera” (SIE-filens namn, program, exportdatum, kontrollsumma) och visas i kontrollrapporten och revisionsunderlaget.",
    generated=True,
)


UPPLYSNINGAR = Sheet(
    "Upplysningar",
    False,
    (
        C("Kontroll", InputKind.TEXT, True, Blank.ERROR, width=22,
          help="Avstämningen som upplysningen gäller, med det id kontrollrapporten visar, t.ex. SB-BALANS"),
        C("Text", InputKind.TEXT, True, Blank.ERROR, width=90,
          help="Upplysningen med förbundets egna ord, t.ex. ”Föregående års balansräkning avviker med 1 kr till följd av "
               "avrundning.” Den trycks som en not vid beloppen som avstämningen gäller"),
    ),
    help="Förbundets egna upplysningar om skillnader som kontrollrapporten visar. En rad per avstämning: texten trycks "
         "i årsredovisningen vid beloppen den gäller och räknas som förklaringen av skillnaden, så att "
         "”bygg --slutlig” kan göra den slutliga årsredovisningen.",
)


def _progress_columns() -> tuple[InputColumn, ...]:
    """Lägesrapporter: the participant figures once per meaning (under perioden, sedan start)."""
    figures = []
    for meaning in ("under perioden", "sedan start"):
        figures += [
            C(f"Planerat {meaning}", InputKind.COUNT, False, Blank.NONE, help=f"Planerat antal deltagare {meaning} (totalt)"),
            C(f"Planerat kvinnor {meaning}", InputKind.COUNT, False, Blank.NONE),
            C(f"Planerat män {meaning}", InputKind.COUNT, False, Blank.NONE),
            C(f"Kvinnor {meaning}", InputKind.COUNT, False, Blank.NONE),
            C(f"Män {meaning}", InputKind.COUNT, False, Blank.NONE),
            C(f"Annat/ej angivet {meaning}", InputKind.COUNT, False, Blank.NONE),
            C(f"Deltagare {meaning}", InputKind.COUNT, False, Blank.NONE, help=f"Faktiskt antal deltagare {meaning} (totalt)"),
        ]
    return (
        OF_INSATS,
        C("Från", InputKind.DATE, True, Blank.ERROR, help="Rapportperiodens första dag"),
        C("Till", InputKind.DATE, True, Blank.ERROR, help="Rapportperiodens sista dag"),
        C("Rapport nr", InputKind.COUNT, False, Blank.NONE),
        C("Antal rapporter", InputKind.COUNT, False, Blank.NONE, help="Totalt antal rapporter insatsen ska lämna"),
        *figures,
        C("Beviljade medel", InputKind.MONEY, False, Blank.NONE, help="Beviljade medel för perioden enligt rapporten (kr)"),
        C("Fakturerade kostnader", InputKind.MONEY, False, Blank.NONE, help="Fakturerade kostnader för perioden enligt rapporten (kr)"),
        C("Prognos för året", InputKind.MONEY, False, Blank.NONE),
        C("Ekonomi enligt budget", InputKind.CHOICE, False, Blank.NONE, ("Ja", "Nej"), help="Ligger utfallet i linje med budget? Ja eller Nej"),
        C("Skäl till avvikelse", InputKind.TEXT, False, Blank.NONE, width=40),
        C("Årets siffror", InputKind.CHOICE, False, Blank.NONE, ("under perioden", "sedan start"), help="Vilka deltagarsiffror som är årets (fördes till Insatser och Kön); tomt = inga"),
        C("Underskrift", InputKind.TEXT, False, Blank.NONE, width=28),
        C("Datum", InputKind.DATE, False, Blank.NONE),
        C("Fil", InputKind.TEXT, False, Blank.NONE, width=40, help="Rapportfilen som lästes"),
    )


LAGESRAPPORTER = Sheet(
    "Lägesrapporter",
    False,
    _progress_columns(),
    help="Insatsernas lägesrapporter som de lämnats, en rad per insats och rapportperiod (skrivs av ”arsredovisning lagesrapport las --skriv”).",
)

SHEETS: tuple[Sheet, ...] = (
    FORBUND,
    MEDLEMMAR,
    SALDOBALANS,
    KONTOPLAN,
    INSATSER,
    KON,
    KOMMUNER,
    BAKGRUND,
    RESULTAT,
    PERSONER,
    MOTEN,
    BALANSKRAVSJUSTERINGAR,
    BUDGET,
    MAL,
    KALLA,
    LAGESRAPPORTER,
    UPPLYSNINGAR,
)

_BY_NAME = {s.name: s for s in SHEETS}


def sheet(name: str) -> Sheet:
    """The declared sheet named ``name``; a name the contract does not declare raises ``KeyError``."""
    return _BY_NAME[name]


MONEY_LIMIT = 1_000_000_000_000  # kr; larger is certainly a typo
