"""What ``arsredovisning ny`` wrote as an example and is still in the workbook: the förbund's name,
organisationsnummer and ort, the example members and the Kortnamn ”Exempel”. Each is a ``varning``
in ``kontrollera``; ``bygg`` refuses to publish the example's name or organisationsnummer.

| id | level | when |
|---|---|---|
| EXEMPEL-NAMN | varning | Förbund › Namn is the example's |
| EXEMPEL-ORGNR | varning | Förbund › Organisationsnummer is the example's |
| EXEMPEL-ORT | varning | Förbund › Ort is the example's |
| EXEMPEL-MEDLEM | varning | a member row (Medlem or Kortnamn) is the example's |
| EXEMPEL-TEXT | varning | a text in texter/ is still the skeleton ``ny`` wrote |
"""

from __future__ import annotations

from ..findings import Finding, warning
from ..load import schema
from ..load.grid import normalize
from ..load.texts import TEXT_SKELETON
from ..model import AnnualInput

FINDINGS: dict[str, str] = {
    "EXEMPEL-NAMN": "Förbundets namn är fortfarande exemplet som ”arsredovisning ny” skrev.",
    "EXEMPEL-ORGNR": "Organisationsnumret är fortfarande exemplet som ”arsredovisning ny” skrev.",
    "EXEMPEL-ORT": "Orten är fortfarande exemplet som ”arsredovisning ny” skrev.",
    "EXEMPEL-MEDLEM": "En medlem (namn eller Kortnamn) är fortfarande exemplet som ”arsredovisning ny” skrev.",
    "EXEMPEL-TEXT": "En text i texter/ är fortfarande skelettet som ”arsredovisning ny” skrev.",
}

# The ids whose example value ``bygg`` will not publish.
NOT_PUBLISHED = ("EXEMPEL-NAMN", "EXEMPEL-ORGNR")

_FROM_NY = "exemplet som ”arsredovisning ny” skrev"


def check_examples(inp: AnnualInput) -> list[Finding]:
    org = inp.organisation
    out = []
    for id, item, value, example, fix in (
        ("EXEMPEL-NAMN", "Namn", org.name, schema.EXAMPLE_NAME, "Skriv förbundets namn"),
        ("EXEMPEL-ORGNR", "Organisationsnummer", org.org_number, schema.EXAMPLE_ORGNR, "Skriv förbundets organisationsnummer (NNNNNN-NNNN)"),
        ("EXEMPEL-ORT", "Ort", org.city, schema.EXAMPLE_CITY, "Skriv orten där förbundet har sitt säte"),
    ):
        if normalize(value) == normalize(example):
            refused = "; bygg publicerar inte exemplets namn eller organisationsnummer" if id in NOT_PUBLISHED else ""
            out.append(warning(id, f"{item} är ”{value}”, {_FROM_NY}. {fix}{refused}.", org.locations.get(item)))
    example_names = {normalize(name) for name, _, _ in schema.EXAMPLE_MEMBERS[1:]}
    for m in inp.members:
        if normalize(m.name) in example_names:
            out.append(warning("EXEMPEL-MEDLEM", f"Medlemmen ”{m.name}” är {_FROM_NY}. Skriv förbundets medlem i stället (och dess kolumn i bladet Kommuner), eller ta bort raden.", m.location))
        elif normalize(m.short_name) == normalize(schema.EXAMPLE_SHORT_NAME):
            out.append(warning(
                "EXEMPEL-MEDLEM",
                f"”{m.name}” har Kortnamn ”{m.short_name}”, {_FROM_NY}. Kortnamnet är kolumnrubriken i bladet Kommuner: "
                f"skriv kommunens kortnamn, eller töm cellen så används ”{m.name.removesuffix(' kommun').strip()}”.",
                m.location,
            ))
    for text in inp.texts:
        skeleton = TEXT_SKELETON.get(f"{text.key}.md")
        if skeleton and text.content.strip() == skeleton.strip():
            out.append(warning(
                "EXEMPEL-TEXT",
                f"Texten är fortfarande skelettet som ”arsredovisning ny” skrev (”{skeleton.strip()[:40]}…”) och skulle "
                "tryckas så i årsredovisningen. Skriv förbundets text i filen.",
                text.location,
            ))
    return out
