"""Which materials are forms, how blank and filled forms differ, and what samples hide."""

from __future__ import annotations

import pytest

from seedreg.servicedesk import guide_rules


@pytest.mark.parametrize(
    ("name", "is_form"),
    [
        ("林木种子生产经营许可证申请表", True),
        ("林木种子生产经营备案表", True),
        ("引种申请书", True),
        ("营业执照或者法人证书复印件；个人申请的提供身份证复印件", False),
        ("单位章程", False),
    ],
)
def test_forms_are_told_by_their_name(name, is_form):
    assert guide_rules.is_table_material(name) is is_form


def test_a_blank_form_keeps_the_labels_and_drops_the_values():
    form = guide_rules.generic_definition("x:T1", "某某申请表", "依据")
    blank, filled = form.rows(filled=False), form.rows(filled=True)
    assert [f[0] for s in blank for f in s["fields"]] == [f[0] for s in filled for f in s["fields"]]
    assert all(value == "" for s in blank for _, value in s["fields"])
    assert all(value for s in filled for _, value in s["fields"])
    assert form.generic


def test_samples_hide_names_and_numbers():
    assert guide_rules.mask_name("包金花") == "包**"
    assert guide_rules.mask_name("兴安盟沨河林木种苗繁育有限公司") == "兴安盟××林木种苗繁育有限公司"
    assert guide_rules.mask_number("15000020260012") == "150000********"
