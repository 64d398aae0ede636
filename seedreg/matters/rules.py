"""The one transitions engine: reads a matter's table (``matters.transitions``) and answers what
happens next and who may do what. Pure: no I/O, no clock. Pages, the API and the inbox all ask
``allowed_actions``; services ask ``next_state`` before they write."""

from __future__ import annotations

from dataclasses import dataclass

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
