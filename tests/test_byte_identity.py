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
