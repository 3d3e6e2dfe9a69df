"""The förbund's own Upplysningar against the avstämningar: which open difference each explains, and
the rows that name no avstämning or one without a difference (UPPLYSNING-OKAND, UPPLYSNING-INAKTUELL).

An open difference (a ``Reconciliation`` whose level is not None) counts as explained when a row of
Upplysningar names its id, or when every avstämning it follows from (``caused_by``) is explained:
the förbund's note on SB-BALANS covers the 1 kr it causes in the balansräkning. ``bygg --slutlig``
is refused while an open difference is not explained (``final.py``).
"""

from __future__ import annotations

from ..findings import Finding, Level, Reconciliation, info, warning
from ..model import Disclosure

FINDINGS: dict[str, str] = {
    "UPPLYSNING-OKAND": "en rad i Upplysningar nämner ingen avstämning som kontrollrapporten visar.",
    "UPPLYSNING-INAKTUELL": "en rad i Upplysningar gäller en avstämning som inte visar någon skillnad.",
}


def is_open(r: Reconciliation) -> bool:
    """A difference the kontrollrapport lists as open: a fel or varning, or an info with a difference."""
    return r.level is not None and (r.level is not Level.INFO or bool(r.difference))


def explained(reconciliations: list[Reconciliation], disclosures: tuple[Disclosure, ...]) -> set[str]:
    """The keys of the open differences that the Upplysningar explain (see the module docstring)."""
    named = {d.check for d in disclosures}
    open_ = {r.key: r for r in reconciliations if is_open(r)}
    done: set[str] = set()
    changed = True
    while changed:  # a cause may itself follow from another
        changed = False
        for key, r in open_.items():
            if key in done:
                continue
            causes = [k for k in r.caused_by if k in open_]
            if r.id in named or (causes and all(k in done for k in causes)):
                done.add(key)
                changed = True
    return done


def unexplained(reconciliations: list[Reconciliation], disclosures: tuple[Disclosure, ...]) -> list[Reconciliation]:
    """The open differences no Upplysning explains, in the kontrollrapport's order."""
    done = explained(reconciliations, disclosures)
    return [r for r in reconciliations if is_open(r) and r.key not in done]


def check_disclosures(reconciliations: list[Reconciliation], disclosures: tuple[Disclosure, ...]) -> list[Finding]:
    ids = {r.id for r in reconciliations}
    differing = {r.id for r in reconciliations if is_open(r)}
    out = []
    for d in disclosures:
        if d.check not in ids:
            known = ", ".join(sorted(differing)) or "inga"
            out.append(warning(
                "UPPLYSNING-OKAND",
                f"Upplysningen gäller ”{d.check}”, men ingen avstämning har det id:t. Skriv id:t som kontrollrapporten "
                f"visar för avstämningen (avstämningar med skillnad nu: {known}); texten trycks annars vid balansräkningen.",
                d.location,
            ))
        elif d.check not in differing:
            out.append(info(
                "UPPLYSNING-INAKTUELL",
                f"Avstämningen {d.check} visar ingen skillnad, men Upplysningar har en text om den. Texten trycks ändå; "
                "ta bort raden om den inte längre gäller.",
                d.location,
            ))
    return out
