"""The operator's home-page lines (seedreg.dashboard.work) and the Latin-name filter, without a
database: what a licence, a lot and an application ask of the operator, in words."""

from __future__ import annotations

from datetime import date, timedelta

from seedreg.core.web.templating import latin
from seedreg.dashboard.work import asked_of_applicant, licence_line, lot_line
from seedreg.labels.rules import EXHAUSTED
from seedreg.licensing.rules import LicenceStatus, Status

TODAY = date(2026, 11, 27)


class FakeLicence:
    id = 7
    number = "15220120260001"
    status = LicenceStatus.VALID

    def __init__(self, valid_to: date) -> None:
        self.valid_to = valid_to


def test_a_licence_far_from_expiry_asks_nothing():
    line = licence_line(FakeLicence(TODAY + timedelta(days=400)), TODAY, 30)  # type: ignore[arg-type]
    assert line.state == "有效期至2028年1月1日（还有400天）"
    assert (line.todo, line.next_link) == ("", "")


def test_a_licence_near_expiry_names_the_last_day_to_apply_for_renewal():
    line = licence_line(FakeLicence(TODAY + timedelta(days=60)), TODAY, 30)  # type: ignore[arg-type]
    assert line.todo == "需要延续的，请在2026年12月27日前申请延续（有效期届满30日前）"
    assert (line.next_label, line.next_link) == ("申请延续", "/licensing")


def test_a_lot_says_what_it_lacks_or_leads_to_the_labels():
    lacking = lot_line(3, "P260000003 樟子松", ["没有有效的检疫证书"])
    assert lacking.todo == "缺：没有有效的检疫证书"
    assert (lacking.next_label, lacking.next_link) == ("查看批次", "/lots/3")
    ready = lot_line(3, "P260000003 樟子松", [])
    assert (ready.state, ready.next_label, ready.next_link) == (
        "两证一签齐全",
        "签发标签",
        "/labels/lots/3",
    )
    done = lot_line(3, "P260000003 樟子松", [EXHAUSTED])
    assert (done.state, done.todo, done.next_link) == ("已全部贴签", "", "")


class FakeApplication:
    supplement_items = ("A04", "A99")
    supplement_deadline = date(2026, 12, 4)
    pending_items = None
    pending_due = None

    def __init__(self, status: Status) -> None:
        self.status = status


def test_an_application_asks_for_its_supplement_by_the_items_names():
    names = {"A04": "生产经营场所使用证明"}
    app = FakeApplication(Status.SUPPLEMENT_REQUESTED)
    assert asked_of_applicant(app, names) == "请在2026年12月4日前补正：生产经营场所使用证明、A99"  # type: ignore[arg-type]
    assert asked_of_applicant(FakeApplication(Status.SUBMITTED), names) == ""  # type: ignore[arg-type]
    assert asked_of_applicant(FakeApplication(Status.DRAFT), names).startswith("尚未提交")  # type: ignore[arg-type]


def test_latin_names_are_set_apart_and_the_rest_escaped():
    out = str(latin("常栽的是旱柳 Salix matsudana Koidz.<b>"))
    assert out == '常栽的是旱柳 <i lang="la">Salix matsudana Koidz.</i>&lt;<i lang="la">b</i>&gt;'
    assert str(latin("小叶杨 P. simonii × 黑杨 P. nigra")) == (
        '小叶杨 <i lang="la">P. simonii</i> × 黑杨 <i lang="la">P. nigra</i>'
    )
    assert str(latin("")) == ""
