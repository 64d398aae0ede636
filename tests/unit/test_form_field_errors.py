"""A refused body's error keys as the re-shown form's field names (core.web.forms.field_errors),
and the check form's rows as its body numbers them (check_forms.row_names): a sample row's error
is marked on that row's field, however many empty rows came before it."""

from __future__ import annotations

from seedreg.core.web.forms import field_errors
from seedreg.inspections import check_forms


def test_an_index_in_the_key_becomes_the_rows_name_part():
    out = field_errors({"samples.0.goods": "此项必填", "signature.witness": "请填写"})
    assert out["samples-0-goods"] == "此项必填"
    assert out["signature-witness"] == "请填写"
    assert out["samples.0.goods"] == "此项必填"  # the original key stays


def test_one_of_several_boxes_of_a_name_marks_the_name():
    assert field_errors({"inspector_ids.1": "应为整数"})["inspector_ids"] == "应为整数"


def test_rows_the_form_numbers_otherwise_are_mapped():
    rows = {"samples.0": "samples-1", "scans.1": "scan_serials"}
    out = field_errors(
        {"samples.0.number": "此项必填", "scans.1.serial": "内容太长"}, rows, ["scan_serials"]
    )
    assert out["samples-1-number"] == "此项必填"
    assert "samples-0-number" not in out
    assert out["scan_serials"] == "内容太长"


def test_the_check_forms_rows_skip_empty_ones():
    values = {
        "samples-0-number": "",
        "samples-0-goods": "",
        "samples-1-number": "",
        "samples-1-goods": "樟子松种子",
        "seizure-goods-0-goods": "",
        "seizure-goods-1-goods": "油松苗",
        "checklist-V1-1-result": "",
        "checklist-V3-2-result": "fails",
        "scans-4-serial": "ABC",
        "scan_serials": "S1\n\nS2",
        "photos-2-key": "k",
    }
    rows = check_forms.row_names(values)
    assert rows["samples.0"] == "samples-1"
    assert rows["seizure.goods.0"] == "seizure-goods-1"
    assert rows["checklist.0"] == "checklist-V3-2"
    assert rows["scans.0"] == "scans-4"
    assert rows["scans.1"] == rows["scans.2"] == check_forms.TYPED_SERIALS
    assert rows["photos.0"] == "photos-2"
    body = check_forms.body(values, [])
    assert body["samples"][0]["goods"] == "樟子松种子"  # the body's row 0 is the form's row 1
    assert len(body["scans"]) == 3
