"""Every file ``bygg`` writes stays byte-identical to the recorded digests (tests/golden/outputs.json).

A failure here means a change a user can see. If it is meant (a fixed bug, a new feature), record the
new digests with ``python -m tests.golden.outputs --skriv`` and name the change in the commit. The
builds are the suite's shared ones (tests/conftest.py), made with the options of ``CASES``.
"""

import json

from tests.golden.outputs import CASES, DIGESTS, digests


def test_outputs_are_byte_identical(example_build, masked_build, adalen_build):
    built = {"exempel-2016": example_build, "exempel-2016-maskerad": masked_build, "adalen-tkr": adalen_build}
    assert set(built) == set(CASES)
    assert {name: digests(out) for name, out in built.items()} == json.loads(DIGESTS.read_text(encoding="utf-8"))


def test_report_files_are_the_bytes_bygg_writes(example_build, masked_build, golden_env):
    """tests/builders.py's ``report_files`` (no PDF layout) gives exactly the JSON export and the
    report HTML (and the revision workbook) that ``bygg`` wrote in the shared builds, for the same options and environment: the
    tests that read only those use it instead of a build of their own."""
    from arsredovisning.build import BuildOptions
    from tests.builders import report_files

    cases = {
        "exempel-2016": (example_build, BuildOptions(archive=True)),
        "exempel-2016-maskerad": (masked_build, BuildOptions(mask_under=3, with_control_report=True)),
    }
    assert CASES["exempel-2016"].options == ("--arkiv",)
    assert CASES["exempel-2016-maskerad"].options == ("-q", "--maskera-under", "3", "--med-kontrollrapport")
    for name, (out, options) in cases.items():
        made = report_files(CASES[name].folder, options)
        assert made.json_bytes == (out / "arsredovisning-2016.json").read_bytes(), name
        assert made.workbook_bytes() == (out / "arsredovisning-2016-underlag.xlsx").read_bytes(), name
        assert made.html is not None and made.html.encode("utf-8") == (out / "arsredovisning-2016.html").read_bytes(), name
