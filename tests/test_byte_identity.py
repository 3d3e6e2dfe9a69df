"""Every file ``bygg`` writes stays byte-identical to the recorded digests (tests/golden/outputs.json).

A failure here means a change a user can see. If it is meant (a fixed bug, a new feature), record the
new digests with ``python -m tests.golden.outputs --skriv`` and name the change in the commit.
"""

import json

from tests.golden.outputs import DIGESTS, build_digests


def test_outputs_are_byte_identical():
    assert build_digests() == json.loads(DIGESTS.read_text(encoding="utf-8"))
