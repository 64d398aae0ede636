"""Each matter's transitions as data: its states, and for each (state, action) the next state,
who may act and what the action needs. Plain dicts that ``matters.rules`` reads, and that pages,
the API (``/api/matters/{code}``), the inbox and the tests read as they are. No I/O.

The vocabulary is shared where the law is shared: every matter is applied for, completed
after a one-time notice (补正, 行政许可法 Art. 32 ¶1(四); 兴署发〔2021〕5号 Art. 16(二)),
refused at the door with reasons (Art. 32) and withdrawn by the same action names, so one
service can do each of these for every matter. What differs is the table: a licence is
accepted, reviewed and granted or refused (Arts. 32, 38, 42), or forwarded to the region that
issues it (种子法 Art. 31 ¶2); a 备案 is recorded (种子法 Art. 38 ¶1: filed, not approved).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from seedreg.accounts.rules import LICENSING_ROLES, Role


class Party(StrEnum):
    """Who takes a step: the applicant (or an officer filing for it at the counter, 窗口代办),
    the handling authority's officer, or the system's daily job (deemed acceptance, Art. 32)."""

    APPLICANT = "applicant"
    OFFICER = "officer"
    SYSTEM = "system"

    @property
    def label(self) -> str:
        return {"applicant": "申请人", "officer": "审批人员", "system": "系统"}[self]


class Clock(StrEnum):
    """The clock that runs while an application is in a state (the inbox shows it)."""

    INTAKE = "intake"  # acceptance: promised 1 working day, deemed after 5 (Art. 32)
    SUPPLEMENT = "supplement"  # the applicant's days to complete (一次性告知)
    DECISION = "decision"  # review and decision (Art. 42; 令第40号 Art. 12 for 审核)
    ISSUING = "issuing"  # the region's own 20 (+10) working days (令第40号 Art. 12)


@dataclass(frozen=True)
class State:
    label: str
    final: bool = False
    decided: bool = False  # a written decision ends it (not a withdrawal)
    clock: Clock | None = None
    uploads: bool = False  # the applicant may still add materials


@dataclass(frozen=True)
class Step:
    """One edge of the table: where the action leads, who may take it, what it needs (the
    inputs the page or API must supply, and the written notice it issues) and its basis."""

    to: str
    by: frozenset[Party]
    needs: tuple[str, ...] = ()
    notice: str | None = None
    basis: str = ""


@dataclass(frozen=True)
class Flow:
    matter: str
    start: str
    states: Mapping[str, State]
    steps: Mapping[tuple[str, str], Step]
    action_labels: Mapping[str, str]
    handlers: frozenset[Role]  # the roles that act as the matter's officer


APPLICANT = frozenset({Party.APPLICANT})
OFFICER = frozenset({Party.OFFICER})
SYSTEM = frozenset({Party.SYSTEM})

# --- 林木种子生产经营许可证核发 (核发、延续、变更、注销) ------------------------------------

LICENSING = Flow(
    matter="licensing",
    start="draft",
    states={
        "draft": State("草稿", uploads=True),
        "submitted": State("已提交，待受理", clock=Clock.INTAKE, uploads=True),
        "supplement_requested": State("待补正", clock=Clock.SUPPLEMENT, uploads=True),
        "accepted": State("已受理，审查中", clock=Clock.DECISION),
        # 审核 done, the review file is with the issuing authority (核发)
        "forwarded": State("已报送核发机关，待核发", clock=Clock.ISSUING),
        "granted": State("准予许可", final=True, decided=True),
        "refused": State("不予许可", final=True, decided=True),
        "rejected_intake": State("不予受理", final=True, decided=True),
        "withdrawn": State("已撤回", final=True),
    },
    steps={
        ("draft", "submit"): Step(
            "submitted", APPLICANT, ("materials",), basis="行政许可法第二十九条"
        ),
        ("submitted", "request_supplement"): Step(
            "supplement_requested",
            OFFICER,
            ("items", "deadline"),
            "supplement",
            "行政许可法第三十二条第一款第四项",
        ),
        ("submitted", "accept"): Step(
            "accepted", OFFICER, (), "acceptance", "行政许可法第三十二条"
        ),
        ("submitted", "deem_accepted"): Step(
            "accepted", SYSTEM, (), "acceptance", "行政许可法第三十二条第一款第四项"
        ),
        ("submitted", "reject_intake"): Step(
            "rejected_intake", OFFICER, ("reasons",), "rejection", "行政许可法第三十二条"
        ),
        ("submitted", "withdraw"): Step("withdrawn", APPLICANT),
        ("supplement_requested", "resubmit"): Step("submitted", APPLICANT, ("materials",)),
        ("supplement_requested", "withdraw"): Step("withdrawn", APPLICANT),
        ("accepted", "grant"): Step(
            "granted", OFFICER, (), "grant", "行政许可法第三十八条第一款、第四十二条"
        ),
        ("accepted", "refuse"): Step(
            "refused", OFFICER, ("reasons",), "refusal", "行政许可法第三十八条第二款"
        ),
        ("accepted", "withdraw"): Step("withdrawn", APPLICANT),
        # 良种: the bureau reviews (审核) and forwards; the region issues (核发) and the officer
        # records its decision. The region's extension of its own clock keeps the state.
        ("accepted", "forward"): Step(
            "forwarded", OFFICER, ("opinion",), "forward", "种子法第三十一条第二款"
        ),
        ("forwarded", "extend_issuing"): Step(
            "forwarded", OFFICER, ("reasons",), basis="国家林业局令第40号第十二条"
        ),
        ("forwarded", "region_grant"): Step(
            "granted", OFFICER, ("decision",), basis="种子法第三十一条"
        ),
        ("forwarded", "region_refuse"): Step(
            "refused", OFFICER, ("decision", "reasons"), basis="种子法第三十一条"
        ),
        ("forwarded", "withdraw"): Step("withdrawn", APPLICANT),
    },
    action_labels={
        "submit": "提交申请",
        "request_supplement": "一次性告知补正",
        "resubmit": "补正后重新提交",
        "accept": "受理",
        "deem_accepted": "依法视为受理",
        "reject_intake": "不予受理",
        "grant": "准予许可",
        "refuse": "不予许可",
        "withdraw": "撤回申请",
        "forward": "审核并报送核发机关",
        "extend_issuing": "记录核发机关延长期限",
        "region_grant": "记录核发机关准予许可",
        "region_refuse": "记录核发机关不予许可",
    },
    handlers=LICENSING_ROLES,
)

# --- 林木种子生产经营备案 (种子法第三十八条第一款) ----------------------------------------------
# Filed, not approved: complete filings are recorded; one outside Art. 38 ¶1 (it needs a licence,
# or another authority) is refused with reasons. No acceptance stage of its own: the record is
# the answer, within the catalogue's promised days.

FILING_BASIS = "种子法第三十八条第一款"

FILING = Flow(
    matter="filing",
    start="draft",
    states={
        "draft": State("草稿", uploads=True),
        "submitted": State("已提交，待备案", clock=Clock.INTAKE, uploads=True),
        "supplement_requested": State("待补正", clock=Clock.SUPPLEMENT, uploads=True),
        "filed": State("已备案", final=True, decided=True),
        "rejected_intake": State("不予备案", final=True, decided=True),
        "withdrawn": State("已撤回", final=True),
    },
    steps={
        ("draft", "submit"): Step("submitted", APPLICANT, ("materials",), basis=FILING_BASIS),
        ("submitted", "request_supplement"): Step(
            "supplement_requested", OFFICER, ("items", "deadline"), "supplement", FILING_BASIS
        ),
        ("submitted", "record"): Step("filed", OFFICER, (), "filing_receipt", FILING_BASIS),
        ("submitted", "reject_intake"): Step(
            "rejected_intake", OFFICER, ("reasons",), "rejection", FILING_BASIS
        ),
        ("submitted", "withdraw"): Step("withdrawn", APPLICANT),
        ("supplement_requested", "resubmit"): Step("submitted", APPLICANT, ("materials",)),
        ("supplement_requested", "withdraw"): Step("withdrawn", APPLICANT),
    },
    action_labels={
        "submit": "提交备案",
        "request_supplement": "一次性告知补正",
        "resubmit": "补正后重新提交",
        "record": "予以备案",
        "reject_intake": "不予备案",
        "withdraw": "撤回备案申请",
    },
    handlers=LICENSING_ROLES,
)

# --- 引种审批 (兴署发〔2021〕6号 五(一)) ----------------------------------------------------
# From another 盟市 the league decides (grant / refuse); from another province the league reviews
# and forwards to the region, whose decision the officer records (region_grant / region_refuse).
# Which of the two an application may take is the routing's answer (introductions.routing_rules),
# checked by introductions.decide; the table only holds the states. Where the local setting makes
# the league's step a filing (备案), an application from another 盟市 is recorded, not approved:
# submitted → recorded (or sent back for 补正, or not accepted); introductions.outputs offers
# each application only the steps of the step fixed when it was made.

INTRODUCTION_BASIS = "兴署发〔2021〕6号 五(一)"

INTRODUCTION = Flow(
    matter="introduction",
    start="draft",
    states={
        "draft": State("草稿", uploads=True),
        "submitted": State("已提交，待受理", clock=Clock.INTAKE, uploads=True),
        "supplement_requested": State("待补正", clock=Clock.SUPPLEMENT, uploads=True),
        "accepted": State("已受理，审查中", clock=Clock.DECISION),
        "forwarded": State("已报送自治区，待自治区决定", clock=Clock.ISSUING),
        "granted": State("准予引种", final=True, decided=True),
        "recorded": State("已备案", final=True, decided=True),
        "refused": State("不予批准", final=True, decided=True),
        "rejected_intake": State("不予受理", final=True, decided=True),
        "withdrawn": State("已撤回", final=True),
    },
    steps={
        ("draft", "submit"): Step(
            "submitted", APPLICANT, ("materials",), basis="行政许可法第二十九条"
        ),
        ("submitted", "request_supplement"): Step(
            "supplement_requested",
            OFFICER,
            ("items", "deadline"),
            "supplement",
            "行政许可法第三十二条第一款第四项",
        ),
        ("submitted", "accept"): Step(
            "accepted", OFFICER, (), "acceptance", "行政许可法第三十二条"
        ),
        ("submitted", "deem_accepted"): Step(
            "accepted", SYSTEM, (), "acceptance", "行政许可法第三十二条第一款第四项"
        ),
        ("submitted", "reject_intake"): Step(
            "rejected_intake", OFFICER, ("reasons",), "rejection", "行政许可法第三十二条"
        ),
        # 引种备案回执: issued by introductions.filing with the record it numbers
        ("submitted", "record"): Step("recorded", OFFICER, ("scope",), None, INTRODUCTION_BASIS),
        ("submitted", "withdraw"): Step("withdrawn", APPLICANT),
        ("supplement_requested", "resubmit"): Step("submitted", APPLICANT, ("materials",)),
        ("supplement_requested", "withdraw"): Step("withdrawn", APPLICANT),
        # 准予引种决定书: issued by introductions' grant hook, since the approval carries its
        # number (the shared review would issue the step's notice after the hooks ran)
        ("accepted", "grant"): Step("granted", OFFICER, ("scope",), None, INTRODUCTION_BASIS),
        ("accepted", "refuse"): Step(
            "refused", OFFICER, ("reasons",), "introduction_refusal", INTRODUCTION_BASIS
        ),
        ("accepted", "forward"): Step(
            "forwarded", OFFICER, ("opinion",), "introduction_forward", INTRODUCTION_BASIS
        ),
        ("accepted", "withdraw"): Step("withdrawn", APPLICANT),
        ("forwarded", "region_grant"): Step(
            "granted", OFFICER, ("decision", "scope"), basis=INTRODUCTION_BASIS
        ),
        ("forwarded", "region_refuse"): Step(
            "refused", OFFICER, ("decision", "reasons"), basis=INTRODUCTION_BASIS
        ),
        ("forwarded", "withdraw"): Step("withdrawn", APPLICANT),
    },
    action_labels={
        "submit": "提交引种申请",
        "request_supplement": "一次性告知补正",
        "resubmit": "补正后重新提交",
        "accept": "受理",
        "deem_accepted": "依法视为受理",
        "reject_intake": "不予受理",
        "record": "予以备案",
        "grant": "准予引种",
        "refuse": "不予批准",
        "forward": "初审并报送自治区",
        "region_grant": "登记自治区准予引种",
        "region_refuse": "登记自治区不予批准",
        "withdraw": "撤回申请",
    },
    handlers=LICENSING_ROLES,
)

# --- requests along the 两证一签 chain (issue 17; seedreg.requests) ---------------------------
# The operator asks; the 种苗站 (质量检验) or the 检疫员 (产地检疫, 调运检疫) accepts or sends back
# with everything missing at once, plans the site visit, and answers with a certificate (issued
# through the quality or quarantine services) or a refusal that says why (pests found: treat,
# re-inspect, destroy). A request is a public service (公共服务, not a licence: catalogue
# ``league_step`` "service"): its intake follows the league's service rules (兴署发〔2021〕5号
# Art. 16: one notice naming everything missing; Art. 17(二): a refusal says why and how to
# reach the office), not 行政许可法 Art. 32, and nothing is deemed accepted (no SYSTEM step).
SERVICE_SUPPLEMENT_BASIS = "兴署发〔2021〕5号第十六条第二项"
SERVICE_REJECTION_BASIS = "兴署发〔2021〕5号第十六条、第十七条第二项"

QUALITY_REQUEST_BASIS = "种子法第四十七条、第四十八条"
SITE_QUARANTINE_BASIS = "植物检疫条例第十一条"
CONSIGNMENT_QUARANTINE_BASIS = "植物检疫条例第七条、第八条、第十条"


def _request_flow(matter: str, basis: str, handlers: frozenset[Role], done: str) -> Flow:
    return Flow(
        matter=matter,
        start="draft",
        states={
            # Until acceptance the applicant may still confirm what the system holds (兴署发
            # 〔2021〕5号 Art. 10(四)): the certificates of its lots; nothing is uploaded.
            "draft": State("草稿", uploads=True),
            "submitted": State("已提交，待受理", clock=Clock.INTAKE, uploads=True),
            "supplement_requested": State("待补正", clock=Clock.SUPPLEMENT, uploads=True),
            "accepted": State("已受理，待检验", clock=Clock.DECISION),
            "certified": State(done, final=True, decided=True),
            "refused": State("未通过", final=True, decided=True),
            "rejected_intake": State("不予受理", final=True, decided=True),
            "withdrawn": State("已撤回", final=True),
        },
        steps={
            ("draft", "submit"): Step("submitted", APPLICANT, basis=basis),
            ("submitted", "request_supplement"): Step(
                "supplement_requested",
                OFFICER,
                ("items", "deadline"),
                "supplement",
                SERVICE_SUPPLEMENT_BASIS,
            ),
            ("submitted", "accept"): Step("accepted", OFFICER, (), "acceptance", basis),
            ("submitted", "reject_intake"): Step(
                "rejected_intake", OFFICER, ("reasons",), "rejection", SERVICE_REJECTION_BASIS
            ),
            ("submitted", "withdraw"): Step("withdrawn", APPLICANT),
            ("supplement_requested", "resubmit"): Step("submitted", APPLICANT),
            ("supplement_requested", "withdraw"): Step("withdrawn", APPLICANT),
            ("accepted", "plan_visit"): Step("accepted", OFFICER, ("visit_on", "visitor")),
            ("accepted", "certify"): Step("certified", OFFICER, ("result",), basis=basis),
            ("accepted", "refuse"): Step("refused", OFFICER, ("reasons", "disposal"), basis=basis),
            ("accepted", "withdraw"): Step("withdrawn", APPLICANT),
        },
        action_labels={
            "submit": "提交申请",
            "request_supplement": "一次性告知补正",
            "resubmit": "补正后重新提交",
            "accept": "受理",
            "reject_intake": "不予受理",
            "withdraw": "撤回申请",
            "plan_visit": "安排现场检验",
            "certify": "检验合格，签发证书",
            "refuse": "检验不合格",
        },
        handlers=handlers,
    )


QUALITY_REQUEST = _request_flow(
    "quality_request",
    QUALITY_REQUEST_BASIS,
    frozenset({Role.SEED_STATION, Role.ADMIN}),
    "已签发质量检验合格证",
)
SITE_QUARANTINE_REQUEST = _request_flow(
    "site_quarantine_request",
    SITE_QUARANTINE_BASIS,
    frozenset({Role.QUARANTINE_OFFICER, Role.ADMIN}),
    "已签发产地检疫合格证",
)
CONSIGNMENT_QUARANTINE_REQUEST = _request_flow(
    "consignment_quarantine_request",
    CONSIGNMENT_QUARANTINE_BASIS,
    frozenset({Role.QUARANTINE_OFFICER, Role.ADMIN}),
    "已签发植物检疫证书",
)

FLOWS: Mapping[str, Flow] = {
    f.matter: f
    for f in (
        LICENSING,
        FILING,
        INTRODUCTION,
        QUALITY_REQUEST,
        SITE_QUARANTINE_REQUEST,
        CONSIGNMENT_QUARANTINE_REQUEST,
    )
}
