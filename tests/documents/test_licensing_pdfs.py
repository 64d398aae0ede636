"""Licensing PDFs end to end: a real application driven through the live server's API produces
every notice and a licence; each PDF is downloaded and read back as text and as a QR code.

One module fixture runs the whole procedure once and downloads every PDF up front, so the tests
below may run in any order (the one that revokes the licence downloads again afterwards).
The deemed variants (视为受理, 视为准予延续) come from daily jobs that would touch every other
test's applications, and improved varieties need a region-issued licence that no API call can
make: those are rendered directly from demo contexts, without the database.
"""

from __future__ import annotations

import asyncio
import random
import re
from datetime import date, timedelta
from typing import Any

import pypdfium2 as pdfium
import pytest
from bs4 import BeautifulSoup

from seedreg import pdf_samples
from seedreg.core import clock
from seedreg.core.pdf import cn_iso_date, render_pdf
from seedreg.licensing.documents import build_licence_context
from tests.fixtures import Browser, unique
from tests.pdfread import pdf_text, qr_texts, squash

AUTHORITY = "乌兰浩特市林业和草原局"
# the deciding bureau's contact as the authorities' reference data give it (fixture defaults)
CONTACT = (
    "联系方式：乌兰浩特市林业和草原局（地址：乌兰浩特市政务服务中心林业和草原局窗口；"
    "电话：12345（政务服务便民热线））"
)
APPEAL = "如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议"


def cn(value: str | date) -> str:
    """2026-11-27 → 2026年11月27日, written out here independently of the app's filters."""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.year}年{day.month}月{day.day}日"


def ok(response: Any) -> dict[str, Any]:
    assert response.status_code in (200, 201), f"{response.request.url}: {response.text[:800]}"
    return response.json()


def text_of(data: bytes) -> str:
    return squash(pdf_text(data))


def assert_contains(text: str, *expected: str) -> None:
    missing = [e for e in expected if squash(e) not in text]
    assert not missing, f"missing from the PDF: {missing}\n--- text ---\n{text}"


def notice_records(application_ids: list[int]) -> dict[int, dict[str, Any]]:
    """public_id and content of the notices, read from the database (NoticeOut has no
    public_id): the QR must lead to exactly this record."""
    from seedreg.matters.tables import Notice

    async def query() -> list[dict[str, Any]]:
        return (
            await Notice.select(Notice.id, Notice.public_id, Notice.content)
            .where(Notice.application.is_in(application_ids))
            .output(load_json=True)
        )

    return {r["id"]: r for r in asyncio.run(query())}


@pytest.fixture(scope="module")
def flow(server: str, api, personas) -> dict[str, Any]:
    alice, officer = api("alice"), api("officer_wlht")
    tag = unique("")
    number = random.randint(100, 999)
    details = {
        "legal_representative": f"包金花{tag[:2]}",
        "registered_address": f"乌兰浩特市兴安南大路{number}号",
        "scope": ["seed", "seedling"],
        "species": ["樟子松", "兴安落叶松", "山杏"],
        "production_sites": [
            {
                "division_code": "152201",
                "township": "义勒力特镇",
                "village": "红星村",
                "detail": f"{number}号地块",
            },
            {
                "division_code": "152201",
                "township": "乌兰哈达镇",
                "village": "哈达嘎查",
                "detail": f"苗圃{tag}区",
            },
        ],
        "valid_area": ["152201"],
    }
    base = "/api/licensing/applications"

    def new_application() -> int:
        app = ok(alice.post(base, json={"kind": "issue"}))
        ok(alice.put(f"{base}/{app['id']}/details", json={"details": details}))
        ok(alice.post(f"{base}/{app['id']}/submit"))
        return app["id"]

    # A: 补正 → 受理 → 中止 → 恢复 → 延长 → 准予 (issues the licence)
    a = new_application()
    supplement_notes = {"A04": f"缺少{number}号地块的土地租赁合同（{tag}）"}
    after_supplement = ok(
        officer.post(
            f"{base}/{a}/supplement", json={"items": ["A04", "A06"], "notes": supplement_notes}
        )
    )
    ok(alice.post(f"{base}/{a}/resubmit"))
    after_accept = ok(officer.post(f"{base}/{a}/accept"))
    pause_reason = f"等待苗木产地检疫检验结果（{tag}）"
    ok(officer.post(f"{base}/{a}/pause", json={"ground": "quarantine", "reason": pause_reason}))
    ok(officer.post(f"{base}/{a}/resume"))
    extension_reasons = f"需要组织专家对生产地点进行评审（{tag}）"
    after_extend = ok(officer.post(f"{base}/{a}/extend", json={"reasons": extension_reasons}))
    granted = ok(officer.post(f"{base}/{a}/grant"))
    licence = ok(alice.get(f"/api/licensing/licences/{granted['licence_id']}"))

    # B: 不予受理, naming the competent authority
    b = new_application()
    rejection = {
        "reasons": f"申请生产经营林木良种繁殖材料，不属于本机关的许可权限（{tag}）。",
        "competent_authority": "内蒙古自治区林业和草原局",
    }
    rejected = ok(officer.post(f"{base}/{b}/reject", json=rejection))

    # C: 容缺受理 → 不予许可 (a reason over two lines)
    c = new_application()
    conditional = ok(
        officer.post(f"{base}/{c}/conditional-accept", json={"pending_items": ["A06"]})
    )
    refusal_reasons = (
        f"经现场核查，生产地点发现检疫性有害生物（{tag}）。\n不具备无检疫性有害生物的生产地点。"
    )
    refused = ok(officer.post(f"{base}/{c}/refuse", json={"reasons": refusal_reasons}))

    materials = {
        m["code"]: m["name"] for m in ok(api().get("/api/public/service-guide"))["materials"]
    }
    notices = {}
    for key, app in (("a", granted), ("b", rejected), ("c", refused)):
        for n in app["notices"]:
            notices[f"{key}:{n['kind']}"] = n
    records = notice_records([a, b, c])
    pdfs = {name: alice.get(f"/api/licensing/notices/{n['id']}/pdf") for name, n in notices.items()}
    for name, response in pdfs.items():
        assert response.status_code == 200, f"{name}: {response.text[:500]}"
        assert response.headers["content-type"] == "application/pdf"
    licence_pdfs = {}
    for who, client in (("alice", alice), ("officer", officer)):
        for copy in ("original", "duplicate"):
            response = client.get(f"/api/licensing/licences/{licence['id']}/{copy}.pdf")
            assert response.status_code == 200, response.text[:500]
            assert response.headers["content-type"] == "application/pdf"
            licence_pdfs[(who, copy)] = response.content
    return {
        "server": server,
        "tag": tag,
        "details": details,
        "number": number,
        "organisation": granted["organisation_name"],
        "apps": {"a": granted, "b": rejected, "c": refused},
        "after_supplement": after_supplement,
        "after_accept": after_accept,
        "after_extend": after_extend,
        "conditional": conditional,
        "supplement_notes": supplement_notes,
        "pause_reason": pause_reason,
        "extension_reasons": extension_reasons,
        "rejection": rejection,
        "refusal_reasons": refusal_reasons,
        "materials": materials,
        "notices": notices,
        "records": records,
        "pdfs": {name: r.content for name, r in pdfs.items()},
        "licence": licence,
        "licence_pdfs": licence_pdfs,
    }


def notice_text(flow: dict[str, Any], name: str) -> str:
    return text_of(flow["pdfs"][name])


def assert_letterhead(flow: dict[str, Any], name: str, title: str, app_key: str) -> str:
    """Title, number, addressee, application reference, authority, seal and date."""
    text = notice_text(flow, name)
    notice = flow["notices"][name]
    assert_contains(
        text,
        title,
        notice["number"],
        f"{flow['organisation']}：",
        f"申请编号：{flow['apps'][app_key]['reference']}",
        "林木种子生产经营许可（核发）申请",
        AUTHORITY,
        "（盖章）",
        cn(notice["issued_on"]),
        "扫码核验真伪",
    )
    assert re.fullmatch(r"乌林草许\w+〔\d{4}〕[1-9]\d*号", notice["number"])
    return text


# --- every notice ----------------------------------------------------------------------------


def test_the_procedure_produced_every_kind_of_notice(flow):
    assert sorted(flow["notices"]) == [
        "a:acceptance",
        "a:extension",
        "a:grant",
        "a:pause",
        "a:supplement",
        "b:rejection",
        "c:acceptance",
        "c:refusal",
    ]


def test_every_notice_is_one_a4_portrait_page(flow):
    for name, data in flow["pdfs"].items():
        document = pdfium.PdfDocument(data)
        assert len(document) == 1, name
        width, height = document[0].get_size()
        assert (round(width), round(height)) == (595, 842), name  # A4 in points


def test_every_notice_qr_leads_to_its_own_record(flow):
    seen = set()
    for name, data in flow["pdfs"].items():
        record = flow["records"][flow["notices"][name]["id"]]
        expected = f"{flow['server']}/verify/notices/{record['public_id']}"
        assert qr_texts(data) == [expected], name
        assert expected not in seen
        seen.add(expected)


def test_the_supplement_notice_names_every_item_at_once(flow):
    text = assert_letterhead(flow, "a:supplement", "补正材料通知书", "a")
    assert_contains(
        text,
        "A04",
        flow["materials"]["A04"],
        flow["supplement_notes"]["A04"],
        "A06",
        flow["materials"]["A06"],
        f"请你单位于{cn(flow['after_supplement']['supplement_deadline'])}前",
        "一次性告知",
        "本通知书已一次性列明需要补正的全部内容",
        "不会要求你单位补正本通知书所列以外的材料",
        "第三十二条第一款第（四）项",
    )
    assert "A05" not in text


def test_the_acceptance_notice_gives_both_deadlines(flow):
    text = assert_letterhead(flow, "a:acceptance", "受理通知书", "a")
    after = flow["after_accept"]
    assert_contains(
        text,
        f"你单位于{cn(after['received_on'])}提交",
        "材料齐全、符合法定形式，本机关决定予以受理",
        f"受理之日（{cn(after['accepted_on'])}）",
        f"法定办结期限为{cn(after['statutory_due'])}",
        f"本机关承诺于{cn(after['promised_due'])}前办结",
    )
    assert "容缺" not in text
    assert "视为受理" not in text


def test_the_conditional_acceptance_lists_the_pending_items_and_deadline(flow):
    text = assert_letterhead(flow, "c:acceptance", "受理通知书", "c")
    content = flow["records"][flow["notices"]["c:acceptance"]["id"]]["content"]
    after = flow["conditional"]
    assert_contains(
        text,
        "容缺受理",
        "A06",
        flow["materials"]["A06"],
        f"请你单位于{cn(content['pending_deadline'])}前补齐下列容缺材料",
        f"法定办结期限为{cn(after['statutory_due'])}",
        f"本机关承诺于{cn(after['promised_due'])}前办结",
    )


def test_the_pause_notice_gives_the_reason_and_the_date(flow):
    text = assert_letterhead(flow, "a:pause", "审查期限中止告知书", "a")
    content = flow["records"][flow["notices"]["a:pause"]["id"]]["content"]
    assert_contains(
        text,
        flow["pause_reason"],
        "该申请依法需要检疫",  # the ground of 行政许可法第四十五条 it names
        f"自{cn(content['from'])}起",
        "第四十五条",
        "不计算在审查期限内",
        f"本机关于{cn(flow['after_accept']['accepted_on'])}受理",
    )


def test_the_extension_notice_gives_the_reasons_and_the_new_due_date(flow):
    text = assert_letterhead(flow, "a:extension", "延长审查期限告知书", "a")
    assert_contains(
        text,
        flow["extension_reasons"],
        "第四十二条",
        "延长十个工作日",
        f"延长后的法定办结期限为{cn(flow['after_extend']['statutory_due'])}",
    )


def test_the_grant_names_the_licence_and_its_validity(flow):
    text = assert_letterhead(flow, "a:grant", "准予行政许可决定书", "a")
    licence = flow["licence"]
    assert_contains(
        text,
        "本机关决定准予行政许可，核发林木种子生产经营许可证",
        "第三十八条第一款",
        f"许可证号{licence['number']}",
        f"有效期{cn(licence['valid_from'])}至{cn(licence['valid_to'])}",
    )
    assert "视为准予延续" not in text


def test_the_rejection_gives_reasons_competent_authority_and_rights(flow):
    text = assert_letterhead(flow, "b:rejection", "不予受理决定书", "b")
    assert_contains(
        text,
        "本机关决定不予受理",
        flow["rejection"]["reasons"],
        f"请你单位向{flow['rejection']['competent_authority']}提出申请",
        APPEAL,
        "六个月内依法向人民法院提起行政诉讼",
        CONTACT,  # 兴署发〔2021〕5号 Art. 17(二): 注明联系方式
    )


def test_the_refusal_gives_every_line_of_the_reasons_and_the_rights(flow):
    text = assert_letterhead(flow, "c:refusal", "不予行政许可决定书", "c")
    first, second = flow["refusal_reasons"].split("\n")
    assert_contains(
        text, "本机关决定不予行政许可", "第三十八条第二款", first, second, APPEAL, CONTACT
    )
    # The officer's line break survives: the two lines are not run together on one line.
    assert squash(first) + squash(second) not in "".join(pdf_text(flow["pdfs"]["c:refusal"]))


# --- the licence -------------------------------------------------------------------------------


def licence_fields(flow: dict[str, Any]) -> list[str]:
    licence, details, number, tag = flow["licence"], flow["details"], flow["number"], flow["tag"]
    return [
        "林木种子生产经营许可证",
        f"许可证号：{licence['number']}",
        licence["holder_name"],
        details["legal_representative"],
        details["registered_address"],
        f"乌兰浩特市义勒力特镇红星村{number}号地块",
        f"乌兰浩特市乌兰哈达镇哈达嘎查苗圃{tag}区",
        "林木种子、苗木",
        "樟子松、兴安落叶松、山杏",
        "有效区域",
        "乌兰浩特市",
        f"{cn(licence['valid_from'])}至{cn(licence['valid_to'])}",
        f"发证日期：{cn(licence['issued_on'])}",
        AUTHORITY,
        "（盖章）",
        "扫码核验真伪",
    ]


def test_the_licence_is_the_one_granted(flow):
    licence = flow["licence"]
    assert licence["holder_name"] == flow["organisation"]
    assert re.fullmatch(r"152201\d{4}\d{4}", licence["number"])
    assert licence["issuing_authority"] == AUTHORITY
    assert licence["verify_url"] == f"{flow['server']}/verify/licences/{licence['public_id']}"


@pytest.mark.parametrize("who", ["alice", "officer"])
def test_the_original_prints_every_field_on_one_landscape_page(flow, who):
    data = flow["licence_pdfs"][(who, "original")]
    document = pdfium.PdfDocument(data)
    assert len(document) == 1
    width, height = document[0].get_size()
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    text = text_of(data)
    assert_contains(text, *licence_fields(flow), "正本", "生产经营种类", "法定代表人", "注册地址")
    assert "副本" not in text
    assert "仅供查阅存档" not in text


@pytest.mark.parametrize("who", ["alice", "officer"])
def test_the_duplicate_prints_every_field_on_a_portrait_page(flow, who):
    data = flow["licence_pdfs"][(who, "duplicate")]
    document = pdfium.PdfDocument(data)
    assert len(document) == 1
    width, height = document[0].get_size()
    assert (round(width), round(height)) == (595, 842)
    text = text_of(data)
    assert_contains(text, *licence_fields(flow), "副本", f"发证机关{AUTHORITY}")
    assert "正本" not in text


@pytest.mark.parametrize("copy", ["original", "duplicate"])
def test_the_licence_qr_leads_to_the_public_check(flow, api, copy):
    licence = flow["licence"]
    [url] = qr_texts(flow["licence_pdfs"][("alice", copy)])
    assert url == licence["verify_url"]
    public_id = url.rsplit("/", 1)[1]
    found = ok(api().get(f"/api/public/licences/{public_id}"))
    assert found["licence"]["number"] == licence["number"]


def test_the_officer_and_the_holder_print_the_same_licence(flow):
    for copy in ("original", "duplicate"):
        assert text_of(flow["licence_pdfs"][("alice", copy)]) == text_of(
            flow["licence_pdfs"][("officer", copy)]
        )


# --- access ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["bob", "officer_kyqq"])
def test_others_cannot_print_alices_documents(flow, api, who):
    client = api(who)
    for notice in flow["notices"].values():
        response = client.get(f"/api/licensing/notices/{notice['id']}/pdf")
        assert response.status_code == 404, response.text[:300]
        assert not response.content.startswith(b"%PDF")
    for copy in ("original", "duplicate"):
        response = client.get(f"/api/licensing/licences/{flow['licence']['id']}/{copy}.pdf")
        assert response.status_code == 404, response.text[:300]


def test_anonymous_cannot_print_at_all(flow, api):
    notice = flow["notices"]["a:grant"]
    assert api().get(f"/api/licensing/notices/{notice['id']}/pdf").status_code in (401, 403)
    licence_url = f"/api/licensing/licences/{flow['licence']['id']}/original.pdf"
    assert api().get(licence_url).status_code in (401, 403)


def test_a_league_officer_may_print_them(flow, api):
    league = api("officer_league")
    notice = flow["notices"]["a:grant"]
    response = league.get(f"/api/licensing/notices/{notice['id']}/pdf")
    assert response.status_code == 200
    assert text_of(response.content) == notice_text(flow, "a:grant")
    response = league.get(f"/api/licensing/licences/{flow['licence']['id']}/duplicate.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_an_unknown_copy_or_document_is_404(flow, api):
    alice = api("alice")
    licence_id = flow["licence"]["id"]
    assert alice.get(f"/api/licensing/licences/{licence_id}/other.pdf").status_code == 404
    assert alice.get("/api/licensing/licences/99999999/original.pdf").status_code == 404
    assert alice.get("/api/licensing/notices/99999999/pdf").status_code == 404


def test_an_ended_licence_says_so_on_both_copies(flow, api):
    officer, alice = api("officer_wlht"), api("alice")
    licence_id = flow["licence"]["id"]
    reasons = f"以欺骗手段取得许可证（{flow['tag']}）"
    ended = ok(
        officer.post(
            f"/api/licensing/licences/{licence_id}/end",
            json={
                "kind": "revoked",
                "reasons": reasons,
                "penalty_decision_number": "兴林罚决字〔2026〕3号",
                "penalty_decided_on": clock.today().isoformat(),
            },
        )
    )
    assert ended["status"] == "revoked"
    day = clock.today()
    # 吊销 rests on a 行政处罚决定书 (种子法 Arts. 74–76): the paper names it with the reason
    decision = f"依据行政处罚决定书兴林罚决字〔2026〕3号，{day.year}年{day.month}月{day.day}日作出"
    for copy in ("original", "duplicate"):
        response = alice.get(f"/api/licensing/licences/{licence_id}/{copy}.pdf")
        assert response.status_code == 200
        assert len(pdfium.PdfDocument(response.content)) == 1
        assert_contains(
            text_of(response.content),
            f"本许可证已吊销（{decision}；理由：{reasons}）",
            "此件仅供查阅存档，不作为生产经营的许可凭证",
            flow["licence"]["number"],
        )


# --- variants rendered directly from demo contexts (no database) ------------------------------


def test_cn_iso_date_prints_stored_dates_on_paper():
    assert cn_iso_date("2026-11-27") == "2026年11月27日"
    assert cn_iso_date("2027-01-05") == "2027年1月5日"
    assert cn_iso_date(date(2026, 3, 1)) == "2026年3月1日"
    assert cn_iso_date(None) == ""
    assert cn_iso_date("") == ""


def test_a_deemed_acceptance_cites_article_32():
    content = {
        "accepted_on": "2026-11-09",
        "statutory_due": "2026-12-07",
        "promised_due": "2026-11-23",
        "deemed": True,
    }
    data = render_pdf(
        "notice_acceptance.html", pdf_samples.demo_notice_context("acceptance", content)
    )
    text = text_of(data)
    assert_contains(
        text,
        "受理通知书",
        "第三十二条",
        "自收到申请材料之日（2026年11月9日）起依法视为受理",
        "法定办结期限为2026年12月7日",
        "本机关承诺于2026年11月23日前办结",
    )
    assert "决定予以受理" not in text


def test_a_deemed_renewal_grant_cites_article_50():
    ctx = pdf_samples.demo_notice_context("grant", {"licence_id": 7, "deemed": True}, "renewal")
    text = text_of(render_pdf("notice_grant.html", ctx))
    assert_contains(
        text,
        "准予延续行政许可决定书",
        "林木种子生产经营许可（延续）申请",
        "第五十条第二款",
        "视为准予延续",
        f"许可证号{ctx['licence']['number']}",
        f"{cn(ctx['licence']['valid_from'])}至{cn(ctx['licence']['valid_to'])}",
    )


def test_improved_varieties_are_listed_with_their_approval_numbers():
    licence = pdf_samples.demo_licence()
    ctx = build_licence_context(licence, "original", pdf_samples.DEMO_DIVISIONS)
    data = render_pdf("licence_original.html", ctx)
    assert len(pdfium.PdfDocument(data)) == 1
    text = text_of(data)
    for v in licence.varieties:
        assert_contains(
            text, f"{v['species']}{v['variety']}（审（认）定编号{v['approval_number']}）"
        )
    assert_contains(text, "内蒙古自治区林业和草原局", "兴安盟")


@pytest.mark.parametrize("copy", ["original", "duplicate"])
def test_long_lists_go_to_an_annex_and_nothing_is_lost(copy):
    licence = pdf_samples.demo_licence_with_long_lists()
    ctx = build_licence_context(licence, copy, pdf_samples.DEMO_DIVISIONS)
    data = render_pdf(f"licence_{copy}.html", ctx)
    document = pdfium.PdfDocument(data)
    assert len(document) >= 2
    first = squash(document[0].get_textpage().get_text_range())
    assert_contains(
        first, "等12处，详见附页《生产地点清单》", "共15个品种，详见附页《林木良种清单》"
    )
    text = text_of(data)
    assert_contains(text, f"林木种子生产经营许可证（{ctx['copy_label']}）附页", *ctx["site_lines"])
    for v in licence.varieties:
        assert_contains(text, v["variety"], v["approval_number"])
    assert qr_texts(data) == [licence.verify_url]
    if copy == "original":  # the annex keeps the certificate's landscape paper
        assert all(round(page.get_size()[0]) == 842 for page in document)


def test_markup_in_officer_text_is_printed_as_text():
    reasons = "<b>材料</b> & <script>alert(1)</script>不符合要求"
    ctx = pdf_samples.demo_notice_context(
        "refusal", {"reasons": reasons, "rights": "如不服本决定，可以依法申请行政复议。"}
    )
    assert_contains(text_of(render_pdf("notice_refusal.html", ctx)), reasons)


def test_the_forward_notice_tells_when_and_to_whom_the_file_went(server, api, personas):
    """良种: the bureau reviews and tells the applicant it forwarded the file (报送核发告知书);
    the region's own decision is not printed here."""
    alice, officer = api("alice"), api("officer_wlht")
    base = "/api/licensing/applications"
    varieties = [
        {
            "species": "樟子松",
            "variety": "樟子松种子园种子",
            "approval_number": "国S-CSO-PS-001-2010",
        }
    ]
    details = {
        "legal_representative": "包金花",
        "registered_address": "乌兰浩特市兴安南大路1号",
        "scope": ["seed"],
        "species": ["樟子松"],
        "varieties": varieties,
        "production_sites": [
            {"division_code": "152201", "township": "义勒力特镇", "village": "", "detail": "种子园"}
        ],
        "valid_area": ["152201"],
    }
    app = ok(alice.post(base, json={"kind": "issue", "details": details}))
    ok(alice.post(f"{base}/{app['id']}/submit"))
    accepted = ok(officer.post(f"{base}/{app['id']}/accept"))
    done = ok(officer.post(f"{base}/{app['id']}/forward", json={"opinion": "经审核，同意核发"}))
    [notice] = [n for n in done["notices"] if n["kind"] == "forward"]
    assert re.fullmatch(r"乌林草许报〔\d{4}〕[1-9]\d*号", notice["number"])
    pdf = alice.get(f"/api/licensing/notices/{notice['id']}/pdf")
    assert pdf.status_code == 200
    assert len(pdfium.PdfDocument(pdf.content)) == 1
    assert_contains(
        text_of(pdf.content),
        "报送核发告知书",
        notice["number"],
        f"申请编号：{app['reference']}",
        f"本机关于{cn(accepted['accepted_on'])}受理",
        "种子法》第三十一条第二款",
        f"于{cn(done['forwarded_on'])}将审核意见和全部申请材料报送内蒙古自治区林业和草原局",
        "国家林业局令第40号）第十二条",  # the region's 20 days, not 行政许可法第四十三条
        f"预计{cn(done['issuing_due'])}前",
        AUTHORITY,
        "（盖章）",
    )


# --- each kind of decision its own basis -----------------------------------------------------

# kind → (title, what it decides, its basis as printed); written out here, not read from rules.
DECISIONS = {
    "issue": (
        "准予行政许可决定书",
        "本机关决定准予行政许可，核发林木种子生产经营许可证",
        "依照《中华人民共和国种子法》第三十一条、第三十二条，《林木种子生产经营许可证管理办法》"
        "（国家林业局令第40号）和《中华人民共和国行政许可法》第三十八条第一款的规定",
    ),
    "renewal": (
        "准予延续行政许可决定书",
        "本机关决定准予延续林木种子生产经营许可证有效期",
        "依照《中华人民共和国行政许可法》第三十八条第一款、第五十条的规定",
    ),
    "change": (
        "准予变更行政许可决定书",
        "本机关决定准予变更林木种子生产经营许可证载明事项",
        "依照《中华人民共和国种子法》第三十三条和《中华人民共和国行政许可法》第三十八条第一款、"
        "第四十九条的规定",
    ),
    "cancellation": (
        "准予注销决定书",
        "本机关决定准予注销林木种子生产经营许可证",
        "依照《中华人民共和国行政许可法》第七十条的规定",
    ),
}


@pytest.fixture(scope="module")
def decisions(server: str, api, personas) -> dict[str, dict[str, Any]]:
    """One licence's whole life (核发 → 延续 → 变更 → 注销) through the API; each grant's PDF."""
    alice, officer = api("alice"), api("officer_wlht")
    base = "/api/licensing/applications"
    site = {"division_code": "152201", "township": "义勒力特镇", "village": "红星村", "detail": ""}
    details = {
        "legal_representative": "包金花",
        "registered_address": "乌兰浩特市兴安南大路1号",
        "scope": ["seedling"],
        "species": ["樟子松"],
        "production_sites": [site],
        "valid_area": ["152201"],
    }
    extra = {
        "change": {
            "change_occurred_on": (clock.today() - timedelta(days=2)).isoformat(),
            "change_summary": "新增树种山杏",
            "species": ["樟子松", "山杏"],
        },
        "cancellation": {"cancellation_reason": "停止林木种苗生产经营"},
    }
    out: dict[str, dict[str, Any]] = {}
    licence_id = None
    for kind in DECISIONS:
        body: dict[str, Any] = {"kind": kind, "details": {**details, **extra.get(kind, {})}}
        if licence_id:
            body["licence_id"] = licence_id
        app = ok(alice.post(base, json=body))
        ok(alice.post(f"{base}/{app['id']}/submit"))
        ok(officer.post(f"{base}/{app['id']}/accept"))
        done = ok(officer.post(f"{base}/{app['id']}/grant"))
        licence_id = done["licence_id"]
        [notice] = [n for n in done["notices"] if n["kind"] == "grant"]
        pdf = alice.get(f"/api/licensing/notices/{notice['id']}/pdf")
        assert pdf.status_code == 200
        out[kind] = {"notice": notice, "text": text_of(pdf.content), "app": done}
    return out


@pytest.mark.parametrize("kind", list(DECISIONS))
def test_each_decision_cites_its_own_basis_and_title_and_not_the_others(decisions, kind):
    text = decisions[kind]["text"]
    assert decisions[kind]["notice"]["kind_label"] == DECISIONS[kind][0]
    assert_contains(text, *DECISIONS[kind])
    for other, (title, decided, basis) in DECISIONS.items():
        if other != kind:
            assert squash(decided) not in text, other
            assert squash(basis) not in text, other
            assert squash(title) not in text, other


def test_a_cancellation_is_not_a_grant_of_a_licence(decisions):
    text = decisions["cancellation"]["text"]
    assert "准予行政许可" not in text
    assert_contains(text, "决定事项准予注销")
    assert "有效期" not in text


# --- a renewed licence ---------------------------------------------------------------------------


def _backdate(licence_id: int, valid_from: date, valid_to: date) -> None:
    """A licence issued years ago (the only way to have one in a test): its dates and first term."""
    from seedreg.licensing.tables import Licence

    first = {
        "kind": "issue",
        "valid_from": valid_from.isoformat(),
        "valid_to": valid_to.isoformat(),
        "issued_on": valid_from.isoformat(),
    }

    async def update() -> None:
        await Licence.update(
            {
                Licence.valid_from: valid_from,
                Licence.valid_to: valid_to,
                Licence.issued_on: valid_from,
                Licence.terms: [first],
            }
        ).where(Licence.id == licence_id)

    asyncio.run(update())


def test_a_renewed_licence_prints_its_new_term_and_keeps_the_old_in_its_history(server, api):
    alice, officer = api("alice"), api("officer_wlht")
    base = "/api/licensing/applications"
    details = {
        "legal_representative": "包金花",
        "registered_address": "乌兰浩特市兴安南大路1号",
        "scope": ["seedling"],
        "species": ["樟子松"],
        "production_sites": [
            {"division_code": "152201", "township": "义勒力特镇", "village": "红星村", "detail": ""}
        ],
        "valid_area": ["152201"],
    }
    app = ok(alice.post(base, json={"kind": "issue", "details": details}))
    ok(alice.post(f"{base}/{app['id']}/submit"))
    ok(officer.post(f"{base}/{app['id']}/accept"))
    licence_id = ok(officer.post(f"{base}/{app['id']}/grant"))["licence_id"]
    today = clock.today()
    old_to = today + timedelta(days=60)
    old_from = date(old_to.year - 5, old_to.month, old_to.day) + timedelta(days=1)
    _backdate(licence_id, old_from, old_to)

    renewal = ok(alice.post(base, json={"kind": "renewal", "licence_id": licence_id}))
    ok(alice.post(f"{base}/{renewal['id']}/submit"))
    ok(officer.post(f"{base}/{renewal['id']}/accept"))
    ok(officer.post(f"{base}/{renewal['id']}/grant"))
    licence = ok(alice.get(f"/api/licensing/licences/{licence_id}"))
    new_from = old_to + timedelta(days=1)
    assert licence["valid_from"] == new_from.isoformat()
    assert licence["issued_on"] == today.isoformat()
    assert [t["kind"] for t in licence["terms"]] == ["issue", "renewal"]

    for copy in ("original", "duplicate"):
        text = text_of(alice.get(f"/api/licensing/licences/{licence_id}/{copy}.pdf").content)
        assert_contains(
            text, f"{cn(new_from)}至{cn(licence['valid_to'])}", f"发证日期：{cn(today)}"
        )
        assert cn(old_from) not in text

    browser = Browser(server)
    browser.login("alice")
    page = BeautifulSoup(browser.get(f"/licensing/licences/{licence_id}").text, "html.parser")
    lines = [li.get_text(strip=True) for li in page.select("#history li")]
    assert lines == [
        f"核发：有效期{cn(old_from)}至{cn(old_to)}，发证日期{cn(old_from)}",
        f"延续：有效期{cn(new_from)}至{cn(licence['valid_to'])}，发证日期{cn(today)}（现行）",
    ]
