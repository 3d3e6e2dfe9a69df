"""The benchmark's child process patches names inside the package; a restructuring that moves them
would break ``bench/run.py`` without any other test noticing (it did once). Check they exist."""

import arsredovisning.render as render
import arsredovisning.render.pdf as pdfmod
from bench.run import ALONE, CHILD


def test_benchmark_child_compiles_and_its_hooks_exist():
    compile(CHILD, "bench-child", "exec")
    compile(ALONE, "bench-alone", "exec")
    assert callable(render.write_pdf_bytes)  # the name build_outputs calls for the report
    assert isinstance(pdfmod.PDF_OPTIONS, dict)
