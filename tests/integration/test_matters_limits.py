"""The licensing clocks read the matter's limits from the catalogue (行政许可法 Art. 42: 20
working days, one extension of 10), on the real database."""

from __future__ import annotations

from seedreg.matters import catalogue


async def test_licensing_limits_come_from_its_catalogue_entry(database):
    assert await catalogue.decision_limits("licensing") == (20, 10)


async def test_without_a_catalogue_figure_article_42_applies(database):
    assert await catalogue.decision_limits("no-such-matter") == (20, 10)
    # a 备案 has no statutory limit of its own in the catalogue
    assert await catalogue.decision_limits("filing") == (20, 10)
