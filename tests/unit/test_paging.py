"""The one paging helper's pure part (seedreg/core/paging.py): which rows a page skips, and
absurd page numbers kept to an empty page instead of a huge offset."""

from __future__ import annotations

from seedreg.core.paging import MAX_PAGE, offset, page_number


def test_the_first_page_skips_nothing():
    assert offset(1, 20) == 0


def test_each_page_skips_the_pages_before_it():
    assert [offset(n, 20) for n in (2, 3, 10)] == [20, 40, 180]


def test_a_page_below_one_is_the_first():
    assert offset(0, 20) == offset(-5, 20) == 0
    assert page_number(-(10**21)) == 1


def test_an_absurd_page_is_kept_to_the_last_answered_one():
    assert page_number(10**21) == MAX_PAGE
    assert offset(10**21, 50) == (MAX_PAGE - 1) * 50
    assert offset(10**21, 50) < 2**63  # a bigint offset on PostgreSQL, never an overflow


def test_a_page_size_below_one_counts_as_one():
    assert offset(3, 0) == 2
