"""Cell addresses (arsredovisning/cellref.py)."""

import pytest

from arsredovisning import cellref


@pytest.mark.parametrize("index, letters", [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")])
def test_column_letters_round_trip(index, letters):
    assert cellref.column_letter(index) == letters
    assert cellref.column_index(letters) == index


def test_address_and_its_parts():
    assert cellref.address(2, 17) == "C17"
    assert cellref.split("C17") == ("C", 17)
    assert cellref.row_of("AB3") == 3
    assert cellref.column_of("AB3") == "AB"
    assert cellref.indices("C17") == (16, 2)


@pytest.mark.parametrize("ref", [None, "", "17", "C", "C0", "A1:B2"])
def test_no_single_cell_is_none(ref):
    assert cellref.split(ref) is None
    assert cellref.row_of(ref) is None
    assert cellref.indices(ref) is None
