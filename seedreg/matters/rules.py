"""The one transitions engine: reads a matter's table (``matters.transitions``) and answers what
happens next and who may do what; and the checks a catalogue entry must pass. Pure: no I/O, no
clock. Pages, the API and the inbox all ask ``allowed_actions``; services ask ``next_state``
before they write."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from seedreg.accounts.rules import Role
from seedreg.matters.transitions import FLOWS, Flow, Party, Step


class TransitionError(ValueError):
    """An action that the application's state does not allow; the message is Chinese."""


def flow(matter: str) -> Flow:
    try:
        return FLOWS[matter]
    except KeyError:
        raise ValueError(f"unknown matter {matter!r}") from None


def state_label(matter: str, state: str) -> str:
    known = flow(matter).states.get(state)
    return known.label if known else state


def step(matter: str, state: str, action: str) -> Step:
    """The table's edge for (state, action), or TransitionError (a decided application stays
    decided)."""
    try:
        return flow(matter).steps[(state, action)]
    except KeyError:
        label = state_label(matter, state)
        raise TransitionError(f"申请当前状态为“{label}”，不能执行此操作") from None


def next_state(matter: str, state: str, action: str) -> str:
    return step(matter, state, action).to


@dataclass(frozen=True)
class ApplicationView:
    """What the rules need to know of an application."""

    matter: str
    state: str


@dataclass(frozen=True)
class ActorView:
    """The parts an actor plays on one application (an officer at the counter is both)."""

    parties: frozenset[Party]


def actor_view(role: Role, matter: str, *, at_counter: bool = False) -> ActorView:
    """An operator applies; the matter's handlers act as its officer, and also as the applicant
    on an application they filed at the counter (窗口代办)."""
    officer = role in flow(matter).handlers
    parties = set()
    if officer:
        parties.add(Party.OFFICER)
    if role is Role.OPERATOR or (officer and at_counter):
        parties.add(Party.APPLICANT)
    return ActorView(frozenset(parties))


SYSTEM = ActorView(frozenset({Party.SYSTEM}))


def allowed_actions(application: ApplicationView, actor: ActorView) -> frozenset[str]:
    """The actions the matter's table allows from the application's state that this actor may
    take."""
    return frozenset(
        action
        for (state, action), edge in flow(application.matter).steps.items()
        if state == application.state and edge.by & actor.parties
    )


def flow_problems(f: Flow) -> list[str]:
    """What makes a table unusable: an unknown state on either side of an edge, a way out of a
    final state, a non-final state with no way out, a state the start cannot reach."""
    problems = []
    if f.start not in f.states:
        problems.append(f"start state {f.start!r} is not a state")
    for (state, action), edge in f.steps.items():
        for name in (state, edge.to):
            if name not in f.states:
                problems.append(f"{state}/{action}: unknown state {name!r}")
        if state in f.states and f.states[state].final:
            problems.append(f"{state}/{action}: leaves a final state")
        if action not in f.action_labels:
            problems.append(f"{state}/{action}: the action has no label")
        if not edge.by:
            problems.append(f"{state}/{action}: nobody may take it")
    exits = {state for state, _ in f.steps}
    for name, st in f.states.items():
        if not st.final and name not in exits:
            problems.append(f"{name}: not final and has no way out")
    reached, todo = {f.start}, [f.start]
    while todo:
        here = todo.pop()
        for (state, _), edge in f.steps.items():
            if state == here and edge.to not in reached:
                reached.add(edge.to)
                todo.append(edge.to)
    problems += [f"{name}: unreachable from {f.start}" for name in f.states if name not in reached]
    return problems


# --- the catalogue ----------------------------------------------------------------------------


class LeagueStep(StrEnum):
    """What the authority's step is: an approval (行政许可), a filing (备案, 种子法 Art. 38 ¶1:
    recorded, not approved) or a public service (公共服务, 兴署发〔2021〕5号 Art. 6 names it
    beside the licences: a station's quality inspection, a 产地检疫 or 调运检疫 asked for by the
    operator). Only an approval is a licence: 行政许可法's deemed acceptance (Art. 32) and its
    refusal wording with the rights of review and litigation (Art. 38 ¶2) are an approval's;
    a service refused says why and how to reach the office (兴署发〔2021〕5号 Art. 17(二))."""

    APPROVAL = "approval"
    FILING = "filing"
    SERVICE = "service"

    @property
    def label(self) -> str:
        return {"approval": "行政许可", "filing": "备案", "service": "公共服务"}[self]

    @property
    def is_licence(self) -> bool:
        return self is LeagueStep.APPROVAL


# Catch-all wording a guide may not use (兴署发〔2021〕5号 Arts. 10, 16(二)): "其他材料", "有关
# 证明" and the like let an officer ask for anything.
CATCH_ALL = re.compile(
    r"其他|其它|其余|等材料|^\s*(有关|相关)|(有关|相关)(的)?(材料|文件|证明|资料|手续|证件)"
)


def material_item_problem(name: str, legal_basis: str) -> str | None:
    """兴署发〔2021〕5号 Art. 10: every material needs a legal basis; no catch-all items, so
    nothing is asked beyond the guide (Art. 16(二))."""
    if CATCH_ALL.search(name):
        return (
            "材料名称不得含有“其他”“有关”等兜底性表述（兴署发〔2021〕5号第十条、"
            "第十六条第二项：不得超出办事指南规定的要求）"
        )
    if not legal_basis.strip():
        return "每项材料必须注明法律法规或规章依据"
    return None


def matter_problem(
    code: str, legal_basis: str, league_step: str, statutory_days: int | None
) -> str | None:
    """A catalogue entry names its legal basis (设定依据, printed on the guide), has a
    transitions table, and an approval has a statutory limit (行政许可法 Art. 42)."""
    if not legal_basis.strip():
        return f"{code}：事项必须注明设定依据"
    if code not in FLOWS:
        return f"{code}：没有该事项的办理流程"
    if league_step not in {s.value for s in LeagueStep}:
        return f"{code}：未知的事项类型 {league_step}"
    if league_step == LeagueStep.APPROVAL and statutory_days is None:
        return f"{code}：行政许可事项必须有法定办结时限"
    return None


def promised_days_problem(promised: int, statutory: int | None) -> str | None:
    """The promised limit is a promise to do better than the law (兴署发〔2021〕5号 Art. 9)."""
    if promised < 1:
        return "承诺办结时限至少为1个工作日"
    if statutory is not None and promised > statutory:
        return f"承诺办结时限不得长于法定办结时限（{statutory}个工作日）"
    return None
