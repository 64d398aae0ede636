"""Licences issued before the system (issue 20): a printed number's parts decide the counter it
is reserved in, and a 台账 cell's lists read as the licensing schema wants them. Pure."""

from __future__ import annotations

import pytest

from seedreg.licensing import rules
from seedreg.licensing.ledger import scope, words


def test_a_number_is_split_into_issuer_year_and_sequence():
    assert rules.number_parts("15220120190012") == ("152201", 2019, 12)
    assert rules.sequence_name("152201", 2019) == "licence:152201:2019"
    # the counter the system's own numbers come from is the one a printed number reserves
    assert rules.licence_number(*rules.number_parts("15220120190012")) == "15220120190012"


@pytest.mark.parametrize("bad", ["1522012019001", "152201201900120", "15220120190000", "x" * 14])
def test_a_number_not_in_the_printed_form_has_no_parts(bad):
    assert rules.number_parts(bad) is None


def test_lists_in_one_cell_and_the_scope_words():
    assert words("樟子松、兴安落叶松，杨树 ;柳树") == ["樟子松", "兴安落叶松", "杨树", "柳树"]
    assert words("  ") is None
    assert scope("种子、苗木") == ["seed", "seedling"]
    assert scope("苗木、苗木") == ["seedling"]
    assert scope("") is None
    with pytest.raises(ValueError, match="种子"):
        scope("花卉")
