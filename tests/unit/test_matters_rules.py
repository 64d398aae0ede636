"""The one transitions engine (seedreg.matters.rules) over every matter's table: what each
actor may do in each state, written out by hand here (not read from the tables), and that each
table is complete."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from itertools import product

import pytest

from seedreg.accounts.rules import Role
from seedreg.licensing import permissions
from seedreg.licensing import states as licensing_states
from seedreg.matters.catalogue import FIXTURES
from seedreg.matters.rules import (
    SYSTEM,
    ActorView,
    ApplicationView,
    TransitionError,
    actor_view,
    allowed_actions,
    flow_problems,
    material_item_problem,
    matter_problem,
    next_state,
    promised_days_problem,
)
from seedreg.matters.transitions import FLOWS, Party, Step

SEED_LAW_38 = "《中华人民共和国种子法》第三十八条第一款"

# state -> (the applicant's actions, the officer's actions, the system's actions)
EXPECTED: dict[str, dict[str, tuple[set[str], set[str], set[str]]]] = {
    "licensing": {
        "draft": ({"submit"}, set(), set()),
        "submitted": (
            {"withdraw"},
            {"accept", "request_supplement", "reject_intake"},
            {"deem_accepted"},
        ),
        "supplement_requested": ({"resubmit", "withdraw"}, set(), set()),
        "accepted": ({"withdraw"}, {"grant", "refuse", "forward"}, set()),
        "forwarded": (
            {"withdraw"},
            {"extend_issuing", "region_grant", "region_refuse"},
            set(),
        ),
        "granted": (set(), set(), set()),
        "refused": (set(), set(), set()),
        "rejected_intake": (set(), set(), set()),
        "withdrawn": (set(), set(), set()),
    },
    "filing": {
        "draft": ({"submit"}, set(), set()),
        "submitted": ({"withdraw"}, {"record", "request_supplement", "reject_intake"}, set()),
        "supplement_requested": ({"resubmit", "withdraw"}, set(), set()),
        "filed": (set(), set(), set()),
        "rejected_intake": (set(), set(), set()),
        "withdrawn": (set(), set(), set()),
    },
    # 引种: which decision is open also depends on the route and on the league's step fixed at
    # application (introductions.services.closed_steps hides the others); the table offers all.
    "introduction": {
        "draft": ({"submit"}, set(), set()),
        "submitted": (
            {"withdraw"},
            {"accept", "record", "request_supplement", "reject_intake"},
            {"deem_accepted"},
        ),
        "supplement_requested": ({"resubmit", "withdraw"}, set(), set()),
        "accepted": ({"withdraw"}, {"grant", "refuse", "forward"}, set()),
        "forwarded": ({"withdraw"}, {"region_grant", "region_refuse"}, set()),
        "granted": (set(), set(), set()),
        "recorded": (set(), set(), set()),
        "refused": (set(), set(), set()),
        "rejected_intake": (set(), set(), set()),
        "withdrawn": (set(), set(), set()),
    },
}
# The three requests of issue 17 share one table (seedreg.requests).
REQUEST_STATES: dict[str, tuple[set[str], set[str], set[str]]] = {
    "draft": ({"submit"}, set(), set()),
    "submitted": ({"withdraw"}, {"accept", "request_supplement", "reject_intake"}, set()),
    "supplement_requested": ({"resubmit", "withdraw"}, set(), set()),
    "accepted": ({"withdraw"}, {"plan_visit", "certify", "refuse"}, set()),
    "certified": (set(), set(), set()),
    "refused": (set(), set(), set()),
    "rejected_intake": (set(), set(), set()),
    "withdrawn": (set(), set(), set()),
}
for _request in ("quality_request", "site_quarantine_request", "consignment_quarantine_request"):
    EXPECTED[_request] = REQUEST_STATES

# role -> the parties it plays (without, with 窗口代办): both matters are handled by the
# bureau's licensing officers and the league admin.
PARTIES = {
    Role.OPERATOR: ({"applicant"}, {"applicant"}),
    Role.LICENSING_OFFICER: ({"officer"}, {"officer", "applicant"}),
    Role.ADMIN: ({"officer"}, {"officer", "applicant"}),
    Role.SEED_STATION: (set(), set()),
    Role.QUARANTINE_OFFICER: (set(), set()),
    Role.INSPECTOR: (set(), set()),
}
# The requests are handled by the 种苗站 (quality) or the 检疫员 (quarantine) and the admin.
REQUEST_HANDLER = {
    "quality_request": Role.SEED_STATION,
    "site_quarantine_request": Role.QUARANTINE_OFFICER,
    "consignment_quarantine_request": Role.QUARANTINE_OFFICER,
}


def parties_of(matter: str, role: Role, counter: bool) -> set[str]:
    if matter not in REQUEST_HANDLER:
        return PARTIES[role][counter]
    if role is Role.OPERATOR:
        return {"applicant"}
    if role in (REQUEST_HANDLER[matter], Role.ADMIN):
        return {"officer", "applicant"} if counter else {"officer"}
    return set()


CASES = [
    (matter, state, role, counter)
    for matter, states in EXPECTED.items()
    for state, role, counter in product(states, Role, (False, True))
]


def test_the_expectations_cover_every_matter_state_and_role():
    assert set(EXPECTED) == set(FLOWS)
    for matter, states in EXPECTED.items():
        assert set(states) == set(FLOWS[matter].states)
    assert set(PARTIES) == set(Role)


@pytest.mark.parametrize(
    ("matter", "state", "role", "counter"),
    CASES,
    ids=[f"{m}-{s}-{r}-{'counter' if c else 'own'}" for m, s, r, c in CASES],
)
def test_allowed_actions_for_every_state_and_role(matter, state, role, counter):
    applicant, officer, _ = EXPECTED[matter][state]
    parties = parties_of(matter, role, counter)
    expected = (applicant if "applicant" in parties else set()) | (
        officer if "officer" in parties else set()
    )
    actor = actor_view(role, matter, at_counter=counter)
    assert {p.value for p in actor.parties} == parties
    assert allowed_actions(ApplicationView(matter, state), actor) == expected


@pytest.mark.parametrize(("matter", "state"), [(m, s) for m in EXPECTED for s in EXPECTED[m]])
def test_the_system_takes_only_its_own_step(matter, state):
    assert allowed_actions(ApplicationView(matter, state), SYSTEM) == EXPECTED[matter][state][2]
    assert allowed_actions(ApplicationView(matter, state), ActorView(frozenset())) == set()


@pytest.mark.parametrize("matter", sorted(FLOWS))
def test_every_table_is_complete(matter):
    assert flow_problems(FLOWS[matter]) == []


def test_an_incomplete_table_is_reported():
    good = FLOWS["filing"]
    steps = dict(good.steps)
    steps[("submitted", "record")] = Step("archived", frozenset({Party.OFFICER}))
    steps[("filed", "reopen")] = Step("submitted", frozenset())
    del steps[("supplement_requested", "resubmit")]
    del steps[("supplement_requested", "withdraw")]
    broken = replace(good, steps=steps)
    problems = flow_problems(broken)
    assert "submitted/record: unknown state 'archived'" in problems
    assert "filed/reopen: leaves a final state" in problems
    assert "filed/reopen: the action has no label" in problems
    assert "filed/reopen: nobody may take it" in problems
    assert "supplement_requested: not final and has no way out" in problems
    unreachable = replace(good, steps={k: v for k, v in good.steps.items() if k[0] != "draft"})
    assert "submitted: unreachable from draft" in flow_problems(unreachable)


@pytest.mark.parametrize(
    ("matter", "state", "action", "expected"),
    [
        ("licensing", "submitted", "accept", "accepted"),
        ("licensing", "accepted", "forward", "forwarded"),
        ("licensing", "forwarded", "extend_issuing", "forwarded"),
        ("filing", "submitted", "record", "filed"),
        ("filing", "supplement_requested", "resubmit", "submitted"),
        ("filing", "submitted", "reject_intake", "rejected_intake"),
    ],
)
def test_next_state_follows_the_matters_table(matter, state, action, expected):
    assert next_state(matter, state, action) == expected


@pytest.mark.parametrize(
    ("matter", "state", "action", "label"),
    [
        (
            "filing",
            "submitted",
            "accept",
            "已提交，待备案",
        ),  # a filing is not accepted, it is filed
        ("filing", "filed", "withdraw", "已备案"),
        ("licensing", "submitted", "record", "已提交，待受理"),  # a licence is not "filed"
        ("licensing", "granted", "refuse", "准予许可"),
    ],
)
def test_other_steps_are_refused_in_chinese_with_the_matters_label(matter, state, action, label):
    with pytest.raises(TransitionError, match=f"申请当前状态为“{label}”，不能执行此操作"):
        next_state(matter, state, action)


def test_an_unknown_matter_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown matter"):
        next_state("import", "draft", "submit")


# --- the catalogue ----------------------------------------------------------------------------


def _fixtures() -> tuple[list[dict], list[dict]]:
    matters = json.loads((FIXTURES / "matters.json").read_text(encoding="utf-8"))
    with (FIXTURES / "materials.csv").open(encoding="utf-8") as fh:
        return matters, list(csv.DictReader(fh))


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (("filing", SEED_LAW_38, "filing", None), None),  # no statutory limit for a 备案
        (("licensing", "《种子法》第三十一条", "approval", 20), None),
        (("filing", "  ", "filing", None), "filing：事项必须注明设定依据"),
        (("import", "《种子法》第十一条", "approval", 20), "import：没有该事项的办理流程"),
        (("licensing", "《种子法》第三十一条", "permit", 20), "licensing：未知的事项类型 permit"),
        (
            ("licensing", "《种子法》第三十一条", "approval", None),
            "licensing：行政许可事项必须有法定办结时限",
        ),
    ],
)
def test_a_catalogue_entry_needs_its_basis_a_flow_and_for_an_approval_a_limit(args, problem):
    assert matter_problem(*args) == problem


@pytest.mark.parametrize(
    ("promised", "statutory", "problem"),
    [
        (10, 20, None),
        (20, 20, None),
        (30, None, None),  # no statutory limit to stay within
        (21, 20, "承诺办结时限不得长于法定办结时限（20个工作日）"),
        (0, 20, "承诺办结时限至少为1个工作日"),
    ],
)
def test_the_promise_is_never_longer_than_the_law(promised, statutory, problem):
    assert promised_days_problem(promised, statutory) == problem


def test_the_catalogue_fixtures_pass_the_rules_and_match_the_tables():
    matters, materials = _fixtures()
    assert {m["code"] for m in matters} == set(FLOWS)
    for m in matters:
        assert matter_problem(m["code"], m["legal_basis"], m["league_step"], None) in (
            None,
            f"{m['code']}：行政许可事项必须有法定办结时限",
        )
        assert (
            matter_problem(m["code"], m["legal_basis"], m["league_step"], m["statutory_days"])
            is None
        )
        if m["promised_days"] is not None:
            assert promised_days_problem(m["promised_days"], m["statutory_days"]) is None
        # forwarding applies exactly where the table has a forward step
        forwards = any(a == "forward" for _, a in FLOWS[m["code"]].steps)
        assert m["forwarding"] is forwards
        sub_items = {s["code"] for s in m["sub_items"]}
        mine = [r for r in materials if r["matter"] == m["code"]]
        assert mine, m["code"]
        for r in mine:
            assert material_item_problem(r["name"], r["legal_basis"]) is None, r["code"]
            assert set(r["kinds"].split(",")) <= sub_items, r["code"]
    assert {r["matter"] for r in materials} <= set(FLOWS)


def test_the_filing_is_registered_as_data_under_art_38():
    matters, materials = _fixtures()
    filing = next(m for m in matters if m["code"] == "filing")
    assert (filing["legal_basis"], filing["league_step"]) == (SEED_LAW_38, "filing")
    assert {s["code"] for s in filing["sub_items"]} == {"branch", "packaged_seller", "commissioned"}
    # each of Art. 38 ¶1's three cases asks for something of its own beyond the common form
    own = {r["kinds"] for r in materials if r["matter"] == "filing" and "," not in r["kinds"]}
    assert own == {"branch", "packaged_seller", "commissioned"}


# --- licensing reads its table through the engine ------------------------------------------


@pytest.mark.parametrize("officer", [False, True])
@pytest.mark.parametrize("applicant", [False, True])
def test_licensing_asks_the_engine(officer, applicant):
    parties = frozenset(
        ({Party.OFFICER} if officer else set()) | ({Party.APPLICANT} if applicant else set())
    )
    for status in licensing_states.Status:
        mine = permissions.allowed_actions(status, officer=officer, applicant=applicant)
        engine = allowed_actions(ApplicationView("licensing", status), ActorView(parties))
        assert {a.value for a in mine} == engine
        assert status.label == FLOWS["licensing"].states[status].label
    assert {(s.value, a.value): t.value for (s, a), t in licensing_states.TRANSITIONS.items()} == {
        k: edge.to for k, edge in FLOWS["licensing"].steps.items()
    }
