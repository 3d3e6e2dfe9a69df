"""The lägesrapport's fields, declared once: the form ``skapa`` writes, the labels ``las`` recognises
(the form's own and the wordings of reports laid out like the seeds), the figures' table labels and
the docs' table of fields all come from here.

A label *variant* is matched against the text before a line's first ``:`` or ``?``, folded (case,
diacritics, spacing): the text must begin with the variant, or, for a variant shorter than 12
characters (``Datum``, ``Övrigt``), be the variant. The form's own label is always the first variant.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(str, Enum):
    TEXT = "text"  # one line (insatsens namn, underskrift)
    LONG = "fritext"  # an answer of one or more paragraphs
    PERIOD = "period"  # two dates
    DATE = "datum"
    COUNT = "antal"
    YES_NO = "ja/nej"
    SIGNATURE = "underskrift"  # a name, optionally with a date before it
    INFO = "uppgift"  # what the förbund tells the insats; recognised and not read back


@dataclass(frozen=True)
class Field:
    key: str
    label: str  # the form's label (Swedish)
    kind: Kind
    variants: tuple[str, ...] = ()  # other wordings (the seeds'), matched like the label
    target: str = ""  # where the answer goes (docs): sheet column or text section
    prefilled: bool = False  # the förbund fills it in (skapa)

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.variants)


F = Field
FIELDS: tuple[Field, ...] = (
    F("name", "Insatsens namn", Kind.TEXT, ("Namn på insatsen",), "Lägesrapporter › Insats", True),
    F("total_period", "Total tidsperiod för insatsen", Kind.PERIOD, ("Insatsens tidsperiod",), "(kontrolleras mot Insatser › Start, Slut)", True),
    F("period", "Tidsperiod som rapporten avser", Kind.PERIOD, ("Rapportperiod", "Period som rapporten avser"), "Lägesrapporter › Från, Till", True),
    F("number", "Lägesrapport nr", Kind.COUNT, ("Rapport nr",), "Lägesrapporter › Rapport nr", True),
    F("of", "Av totalt antal rapporter", Kind.COUNT, ("Av totalt antal",), "Lägesrapporter › Antal rapporter", True),
    F("budget_year", "Förbundets budget för insatsen", Kind.INFO, (), "(från Insatser › Budget; läses inte tillbaka)", True),
    F("planned_year", "Planerat antal deltagare enligt förbundets beslut", Kind.INFO, (), "(från Insatser › Budgeterade deltagare; läses inte tillbaka)", True),
    F("activities", "Beskriv periodens aktiviteter kopplade till de beskrivna målen i ansökan", Kind.LONG,
      ("Beskriv det senaste halvårets aktiviteter", "Beskriv periodens aktiviteter"), "text: Aktiviteter"),
    F("deviations", "Beskriv eventuella avvikelser i förhållande till ansökan och orsaker till dem", Kind.LONG,
      ("Beskriv eventuella avvikelser",), "text: Avvikelser mot ansökan"),
    F("economy_ok", "Ligger det ekonomiska utfallet i linje med budget, utifrån den tidsperiod som gått", Kind.YES_NO,
      ("Ligger det ekonomiska utfallet i linje med budget",), "Lägesrapporter › Ekonomi enligt budget"),
    F("economy_reason", "Om inte, ange varför (och skälet till en avvikelse över 10 %)", Kind.LONG,
      ("Om inte ange varför", "Om inte, ange varför", "Skälet till avvikelse"), "Lägesrapporter › Skäl till avvikelse; text: Ekonomi"),
    F("below_plan", "Om det faktiska antalet ligger under det planerade antalet, vad beror det på", Kind.LONG,
      ("Om det faktiska antalet ligger under det planerade",), "text: Färre deltagare än planerat"),
    F("gender_comment", "Kommentera könsfördelningen bland insatsens deltagare ur ett jämställdhetsperspektiv", Kind.LONG,
      ("Kommentera könsfördelningen",), "text: Könsfördelning"),
    F("coming", "Beskriv kommande aktiviteter kopplade till målen", Kind.LONG, ("Beskriv kommande aktiviteter",), "text: Kommande aktiviteter"),
    F("livelihood", "Beskriv eventuella förändringar gällande deltagarnas försörjning och sysselsättning eller andra positiva resultat", Kind.LONG,
      ("Beskriv eventuella förändringar gällande deltagarnas försörjning",), "text: Försörjning och sysselsättning"),
    F("implementation", "Beskriv hur insatsen ligger till i förhållande till planerad implementering", Kind.LONG,
      ("Beskriv hur insatsen ligger till",), "text: Implementering"),
    F("other", "Övrigt", Kind.LONG, (), "text: Övrigt"),
    F("signed_by", "Underskrift ordförande i styrgrupp", Kind.SIGNATURE,
      ("Datum och namn på uppgiftslämnare", "Namn på uppgiftslämnare", "Underskrift"), "Lägesrapporter › Underskrift"),
    F("signed_on", "Datum", Kind.DATE, (), "Lägesrapporter › Datum"),
)

BY_KEY = {f.key: f for f in FIELDS}
ANSWERS = tuple(f for f in FIELDS if f.kind is Kind.LONG)  # the free answers, in form order

# A question that only tells what the participant figures below it mean (the seeds ask it).
SINCE_START_QUESTION = ("Hur många deltagare har ni haft sedan",)
PERIOD_QUESTION = ("Hur många deltagare har ni haft under",)
# Lines of the printed form that are instructions, not answers (the seeds have them).
HINTS = ("Skickas till", "Om insatsen är individ", "Fyll i", "Skriv ")  # a line beginning so
HINT_PHRASES = ("budgetplanering är det viktigt",)  # a line containing this


class Measure(str, Enum):
    """What a participant figure counts."""

    PERIOD = "under perioden"
    SINCE_START = "sedan start"


class Role(str, Enum):
    """Whether a participant figure is the plan or the outcome (the form's two columns)."""

    PLANNED = "planerat"
    ACTUAL = "faktiskt"


class Group(str, Enum):
    """Whom a participant figure counts: one kön, or everyone (the form's rows)."""

    WOMEN = "kvinnor"
    MEN = "män"
    OTHER = "annat/ej angivet"
    TOTAL = "totalt"


# Row labels of a participant table and labels of participant figures on a line.
GROUP_LABELS = {
    Group.WOMEN: ("Kvinnor", "Kvinna"),
    Group.MEN: ("Män", "Man"),
    Group.OTHER: ("Annat/ej angivet", "Annat", "Ej angivet"),
    Group.TOTAL: ("Totalt", "Summa", "Totalt antal"),
}
ROLE_LABELS = {Role.PLANNED: ("Planerat antal", "Planerat", "Planerade"), Role.ACTUAL: ("Faktiskt antal", "Faktiskt", "Faktiska")}


class Money(str, Enum):
    GRANTED = "beviljade medel"
    INVOICED = "fakturerade kostnader"
    FORECAST = "prognos för året"


MONEY_LABELS = {
    Money.GRANTED: ("Beviljade medel för perioden (kr)", "Reviderade beviljade medel", "Beviljade medel"),
    Money.INVOICED: ("Fakturerade kostnader för perioden (kr)", "Fakturerade kostnader", "Upparbetade kostnader", "Redovisade kostnader"),
    Money.FORECAST: ("Prognos för året (kr)", "Prognos för året", "Prognos"),
}
ECONOMY_HEADINGS = ("Ekonomi", "Prognos för ekonomin")
DEVIATION_LIMIT_PCT = 10  # a cost deviation above this needs its reason (seed 003's rule)
