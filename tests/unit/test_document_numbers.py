"""Document numbers per GB/T 9704: 机关代字〔年份〕序号号, the number without leading zeros."""

import pytest

from seedreg.reference.authorities import AuthorityInfo, AuthorityKind, document_number


def test_a_number_has_no_zero_padding() -> None:
    assert document_number("兴林草许受", 2026, 15) == "兴林草许受〔2026〕15号"
    assert document_number("乌林草许准", 2027, 1) == "乌林草许准〔2027〕1号"


def test_numbers_start_at_one() -> None:
    with pytest.raises(ValueError, match="start at 1"):
        document_number("兴林草", 2026, 0)


def test_the_contact_line_names_what_is_known() -> None:
    a = AuthorityInfo(
        AuthorityKind.BUREAU, "152200", "兴安盟林业和草原局", "乌兰浩特市", "0482-1", "兴林草"
    )
    assert a.contact_line == "地址：乌兰浩特市；电话：0482-1"
    assert AuthorityInfo(**{**a.__dict__, "address": ""}).contact_line == "电话：0482-1"
