"""Every file ``bygg`` writes stays byte-identical to the recorded digests (tests/golden/outputs.json).

A failure here means a change a user can see. If it is meant (a fixed bug, a new feature), record the
new digests with ``python -m tests.golden.outputs --skriv`` and name the change in the commit. The
builds are the suite's shared ones (tests/conftest.py), made with the options of ``CASES``; the
cases without layout (``UNLAID_CASES``) are made here with ``report_files``.
"""

import json

from tests.golden.outputs import CASES, DIGESTS, UNLAID_CASES, digests, unlaid_digests


def test_outputs_are_byte_identical(example_build, adalen_build, golden_env):
    built = {"exempel-2016": example_build, "adalen-tkr": adalen_build}
    assert set(built) == set(CASES)
    made = {name: digests(out) for name, out in built.items()} | {name: unlaid_digests(name) for name in UNLAID_CASES}
    assert made == json.loads(DIGESTS.read_text(encoding="utf-8"))


def test_report_files_are_the_bytes_bygg_writes(example_build, golden_env):
    """tests/builders.py's ``report_files`` (no PDF layout) gives exactly the JSON export and the
    report HTML (and the revision workbook) that ``bygg`` wrote in the shared example build, for the
    same options and environment: the tests that read only those use it instead of a build of their
    own, and the byte-identity cases without layout are made with it."""
    from arsredovisning.build import BuildOptions
    from tests.builders import report_files

    assert CASES["exempel-2016"].options == ()
    made = report_files(CASES["exempel-2016"].folder, BuildOptions())
    out = example_build
    assert made.json_bytes == (out / "arsredovisning-2016.json").read_bytes()
    assert made.workbook_bytes() == (out / "arsredovisning-2016-underlag.xlsx").read_bytes()
    assert made.html is not None and made.html.encode("utf-8") == (out / "arsredovisning-2016.html").read_bytes()
