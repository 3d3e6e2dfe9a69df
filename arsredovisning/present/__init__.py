"""View models: what each section of the report and the kontrollrapport shows, already rounded.

Rounding to kr/tkr happens here, once (``rounding``, footing by the rule in ``compute/allocate``);
numbers, dates and percent are formatted by the leaf ``arsredovisning.fmt``. Templates receive
these frozen dataclasses and only lay them out.
May import: checks, compute, load, model, findings and the leaf modules — never render or export.
"""
