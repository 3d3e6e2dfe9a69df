"""SIE type 4 (and 1–3) files: read one export into an immutable :class:`SieFile` and check it.

``encoding`` tells the real character set of a file that claims PC8; ``fields`` splits one line
into its label and fields (quotes, ``\\"`` escapes, ``{}`` object lists); ``reader`` streams the
lines into a :class:`SieFile` (syntax findings, ``#KSUMMA``, size limits); ``checks`` are the
bookkeeping checks (calendar year, balances net to 0, IB = prior UB, transactions); ``saldobalans``
turns the file into the rows of the ``Saldobalans`` sheet. Reads files, writes nothing.
May import: findings, accounts, model and the leaf modules (the same as ``load``).
"""
