"""Read the Markdown texts of an årsmapp (``texter/**/*.md``), UTF-8 only."""

from __future__ import annotations

import re
from pathlib import Path

from ..files import TEXT_DIR
from ..findings import Finding, Location, error, warning
from ..model import Text
from .cache import InputCache

# A lägesrapport's answers between two marker lines (written into insats texts by earlier versions of
# ``lagesrapport las --skriv``; now into lagesrapportsvar/): ``[//]: # (lägesrapport KEY: början …)``.
PROGRESS_MARK = re.compile(r"^\[//\]: # \(lägesrapport (?P<key>\S+): (?P<end>början|slut)\b.*\)\s*$")


def without_progress_sections(text: str) -> str:
    """``text`` without its marked lägesrapport sections (a start marker without its end: unchanged)."""
    lines, out, open_key = text.split("\n"), [], None
    for line in lines:
        m = PROGRESS_MARK.match(line)
        if open_key is None and m and m["end"] == "början":
            open_key = m["key"]
            continue
        if open_key is not None:
            if m and m["key"] == open_key and m["end"] == "slut":
                open_key = None
            continue
        out.append(line)
    if open_key is not None:
        return text
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).rstrip("\n") + "\n" if "".join(out).strip() else ""


# The skeleton texts ``arsredovisning ny`` writes (None: the insatser README below). A text still
# equal to its skeleton is a varning (checks/examples.py): it would be published as written.
TEXT_SKELETON = {
    "presidiet.md": "Skriv presidiets inledning här. Rubriken ”Presidiet har ordet” sätts av programmet.\n",
    "forvaltningsberattelse.md": "Skriv förvaltningsberättelsens text här: väsentliga händelser, förväntad utveckling …\n",
    "uppdraget.md": "Beskriv förbundets uppdrag här.\n",
    "organisation.md": "Beskriv förbundets organisation här. Styrelse, beredningsgrupp och revisorer hämtas från bladet Personer.\n",
    "insatser/README.md": None,
}

INSATS_README = (
    "Lägg en text per insats här. Filnamnet är insatsens namn med små bokstäver, å/ä → a, ö → o, é → e\n"
    "och andra tecken ersatta med bindestreck, t.ex. ”Vägen vidare/Åby” → vagen-vidare-aby.md.\n"
    "`arsredovisning kontrollera` visar det väntade filnamnet för varje insats.\n"
)

NOT_TEXT = (".docx", ".doc", ".odt", ".rtf", ".pages")  # word-processor files: not read


def read_texts(folder: Path, cache: InputCache | None = None) -> tuple[tuple[Text, ...], list[Finding]]:
    """Every text under ``texter/``; with a ``cache``, only the files changed since its last read
    are read again."""
    root = folder / TEXT_DIR
    if not root.is_dir():
        return (), []
    texts: list[Text] = []
    findings: list[Finding] = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith((".", "~$"))):
        rel = path.relative_to(folder).as_posix()
        if path.suffix != ".md":
            findings.extend(_not_markdown(path, rel))
            continue
        key = path.relative_to(root).with_suffix("").as_posix()
        text, problem = (_read_text(path, key, rel) if cache is None
                         else cache.get("text", path, lambda: _read_text(path, key, rel)))
        if problem is not None:
            findings.append(problem)
        elif text is not None:
            texts.append(text)
    return tuple(texts), findings


def _read_text(path: Path, key: str, rel: str) -> tuple[Text | None, Finding | None]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, error("TEXT-LASFEL", f"Texten kan inte läsas ({exc.strerror or type(exc).__name__}). Kontrollera att du har läsrätt till filen.", Location(rel))
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, error(
            "TEXT-KODNING",
            "Texten är inte sparad som UTF-8. Spara filen med teckenkodningen UTF-8 (i Anteckningar: Spara som → Kodning UTF-8).",
            Location(rel, line=line),
        )
    return Text(key, content.replace("\r\n", "\n"), Location(rel)), None


def _not_markdown(path: Path, rel: str) -> list[Finding]:
    """A text saved under the wrong name would silently leave its section out: say so."""
    name = path.name
    if name.lower().endswith((".md.txt", ".txt", ".md", ".markdown")):
        stem = name[: -len(".md.txt")] if name.lower().endswith(".md.txt") else path.stem
        right = stem.lower() + ".md"  # the contract's file names are lower case
        return [warning("TEXT-FILNAMN", f"Filen läses inte: texterna ska sluta på .md. Byt namn på filen till {right}.", Location(rel))]
    if name.lower().endswith(NOT_TEXT):
        return [warning("TEXT-FILNAMN", f"Filen läses inte: texterna ska vara Markdown-filer (.md), inte ordbehandlingsfiler. Spara texten som vanlig text med namnet {path.stem.lower()}.md.", Location(rel))]
    return []
