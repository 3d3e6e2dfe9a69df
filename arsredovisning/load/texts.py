"""Read the Markdown texts of an årsmapp (``texter/**/*.md``), UTF-8 only."""

from __future__ import annotations

from pathlib import Path

from ..findings import Finding, Location, fel
from ..model import Text

TEXT_DIR = "texter"


def read_texts(folder: Path) -> tuple[tuple[Text, ...], list[Finding]]:
    root = folder / TEXT_DIR
    if not root.is_dir():
        return (), []
    texts: list[Text] = []
    findings: list[Finding] = []
    for path in sorted(root.rglob("*.md")):
        if not path.is_file():
            continue
        rel = path.relative_to(folder).as_posix()
        key = path.relative_to(root).with_suffix("").as_posix()
        try:
            content = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = path.read_bytes()[: exc.start].count(b"\n") + 1
            findings.append(
                fel(
                    "TEXT-KODNING",
                    "Texten är inte sparad som UTF-8. Spara filen med teckenkodningen UTF-8 (i Anteckningar: Spara som → Kodning UTF-8).",
                    Location(rel, line=line),
                )
            )
            continue
        texts.append(Text(key, content.replace("\r\n", "\n"), Location(rel)))
    return tuple(texts), findings
