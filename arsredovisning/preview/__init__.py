"""``granska``: the live preview in the browser — findings, key figures and the report as the same
HTML ``bygg`` writes, updated on every save of the workbook or a text, with a button that runs
``bygg``.

``session`` makes one turn (load only what changed → compute → checks → the report's HTML), off the
event loop; ``security`` is the gate every request passes (local Host, the random token) and the one
path rule for the årsmapp's images; ``app`` is the Starlette application (pages, server-sent events,
the build); ``server`` binds 127.0.0.1, prints the address and runs uvicorn until Ctrl-C.
May import: pipeline, render, present and below (beside cli and build at the top).
"""

from __future__ import annotations

from .server import serve

__all__ = ["serve"]
