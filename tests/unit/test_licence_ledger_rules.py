"""Licences issued before the system (issue 20): a printed number's parts decide the counter it
is reserved in, and a 台账 cell's lists read as the licensing schema wants them. Pure."""

from __future__ import annotations

import pytest

from seedreg.licensing import ledger_cells as cells
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


def test_several_sites_in_one_cell_by_line_or_semicolon():
    typed = " 乌兰浩特市，义勒力特镇，红星村，3号地块，东侧\r\n"
    typed += "科尔沁右翼前旗,归流河镇；阿尔山市，白狼镇，，林场"
    assert cells.sites(typed) == (
        ("乌兰浩特市", "义勒力特镇", "红星村", "3号地块，东侧"),  # a comma inside the 详址 stays
        ("科尔沁右翼前旗", "归流河镇", "", ""),
        ("阿尔山市", "白狼镇", "", "林场"),
    )
    assert cells.sites("") is None
    with pytest.raises(ValueError, match="第2个生产地点应为"):
        cells.sites("乌兰浩特市，义勒力特镇；只写一项")
    with pytest.raises(ValueError, match="最多50个"):
        cells.sites("；".join(["乌兰浩特市，义勒力特镇"] * 51))


def test_varieties_in_one_cell_and_checked_against_the_register():
    known = {"国S-SV-PS-001-2015": ("樟子松", "红花尔基樟子松")}
    typed = cells.varieties("樟子松，红花尔基樟子松，国S-SV-PS -001-2015；云杉，某品种，X-1")
    assert typed == (("樟子松", "红花尔基樟子松", "国S-SV-PS-001-2015"), ("云杉", "某品种", "X-1"))
    assert cells.variety_problem(1, typed[0], known) is None
    assert (
        cells.variety_problem(2, typed[1], known)
        == "第2个良种的审定（认定）编号“X-1”不在良种名录中"
    )
    renamed = ("樟子松", "别名", "国S-SV-PS-001-2015")
    assert "为“樟子松，红花尔基樟子松”" in (cells.variety_problem(1, renamed, known) or "")
    with pytest.raises(ValueError, match="第1个良种应为"):
        cells.varieties("樟子松，只有两项")


def test_stored_sites_and_varieties_are_written_back_as_typed():
    names = {"152201": "乌兰浩特市", "152221": "科尔沁右翼前旗"}
    stored = [
        {"division_code": "152201", "township": "义勒力特镇", "village": "红星村", "detail": ""},
        {"division_code": "152221", "township": "归流河镇", "village": "", "detail": "3号地块"},
    ]
    written = cells.site_cell(stored, names)
    assert written == "乌兰浩特市，义勒力特镇，红星村\n科尔沁右翼前旗，归流河镇，，3号地块"
    assert [s[1:] for s in cells.sites(written) or ()] == [
        ("义勒力特镇", "红星村", ""),
        ("归流河镇", "", "3号地块"),
    ]
    varieties = [{"species": "樟子松", "variety": "甲", "approval_number": "国S-1"}]
    assert cells.varieties(cells.variety_cell(varieties)) == (("樟子松", "甲", "国S-1"),)
