"""Stage timing for the progress display (``bygg``) and the benchmark."""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Callable, Iterator

Progress = Callable[[str, float], None]


@contextmanager
def timed(timings: dict[str, float], progress: Progress | None, stage: str) -> Iterator[None]:
    """Time the block; record it in ``timings`` and report it to ``progress`` when it succeeds."""
    t0 = time.perf_counter()
    yield
    seconds = time.perf_counter() - t0
    timings[stage] = seconds
    if progress is not None:
        progress(stage, seconds)
