"""The decision hook registry: what a matter's own package does when one of its applications is
decided, run inside the decision's transaction (so the effect commits with the decision or not at
all). The shared review (``matters.review``) and forwarding (``matters.forwarding``) call
``run``; a matter registers its hooks once, at import of its hook module:

    from seedreg.matters import decisions

    async def on_grant(actor: ActorLike, decision: decisions.Decision) -> decisions.Effect:
        licence_id = ...  # put the licence on the register
        return decisions.Effect(
            changes={"licence": licence_id},          # written with the step (matter's writer)
            notice={"licence_number": "…"},           # facts added to the decision notice
            message="申请…已准予核发。",                  # what the applicant is told
        )

    decisions.register("licensing", decisions.Outcome.GRANT, on_grant)
    decisions.forwards("licensing", region_decides)   # optional: which applications go up

Interface (all typed):
    Outcome                 GRANT or REFUSE (a decision of the handling bureau or of the region)
    Decision                outcome, application row, the day, deemed?, the region's record
    Effect                  changes (row values), notice (facts), message (to the applicant)
    DecisionHook            async (actor, Decision) -> Effect | None
    register(matter, outcome, hook)     several hooks per outcome run in registration order
    run(actor, decision) -> Effect      the merged effect of the matter's hooks; no hook: Effect()
    forwards(matter, predicate)         async (row) -> bool: the region decides this application
    region_decides(row) -> bool         False where no predicate is registered

A refusal usually needs no hook (nothing changes but the application). A hook raises
``RuleViolation``/``Conflict`` to stop the decision; the transaction rolls back everything.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from seedreg.core.audit.services import ActorLike


class Outcome(StrEnum):
    GRANT = "grant"
    REFUSE = "refuse"


@dataclass(frozen=True)
class RegionDecision:
    """The forwarded-to authority's decision as the officer recorded it from its paper: its
    number, date, outcome and reasons, the scan uploaded (a material id), and the matter's own
    facts the decision states (licensing: the licence number and validity)."""

    decided_on: date
    outcome: Outcome
    number: str = ""
    reasons: str = ""
    scan: int | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)

    def record(self) -> dict[str, Any]:
        """As stored on the application (``region_decision``)."""
        return {
            "number": self.number,
            "decided_on": self.decided_on.isoformat(),
            "outcome": self.outcome.value,
            "reasons": self.reasons,
            "scan": self.scan,
        }


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    application: Mapping[str, Any]  # the row as the matter loaded it (matter, sub_item, details…)
    on: date
    deemed: bool = False  # decided by law, not by an officer (e.g. renewal at expiry, Art. 50)
    region: RegionDecision | None = None  # set when the region's decision is recorded

    @property
    def matter(self) -> str:
        return str(self.application["matter"])


@dataclass(frozen=True)
class Effect:
    changes: Mapping[str, Any] = field(default_factory=dict)
    notice: Mapping[str, Any] = field(default_factory=dict)
    message: str | None = None


DecisionHook = Callable[[ActorLike, Decision], Awaitable[Effect | None]]
ForwardPredicate = Callable[[Mapping[str, Any]], Awaitable[bool]]

_HOOKS: dict[tuple[str, Outcome], list[DecisionHook]] = {}
_FORWARDS: dict[str, ForwardPredicate] = {}


def register(matter: str, outcome: Outcome, hook: DecisionHook) -> DecisionHook:
    """Run ``hook`` when an application of ``matter`` gets ``outcome``. Registering the same
    hook twice (a module imported again) keeps one."""
    hooks = _HOOKS.setdefault((matter, Outcome(outcome)), [])
    if hook not in hooks:
        hooks.append(hook)
    return hook


def registered(matter: str, outcome: Outcome) -> tuple[DecisionHook, ...]:
    return tuple(_HOOKS.get((matter, outcome), ()))


async def run(actor: ActorLike, decision: Decision) -> Effect:
    """The matter's hooks for the outcome, in order; their changes and notice facts merged
    (a later hook's key wins), the last message given. Call inside the decision's transaction."""
    changes: dict[str, Any] = {}
    notice: dict[str, Any] = {}
    message = None
    for hook in registered(decision.matter, decision.outcome):
        effect = await hook(actor, decision)
        if effect is None:
            continue
        changes |= effect.changes
        notice |= effect.notice
        message = effect.message or message
    return Effect(changes, notice, message)


def forwards(matter: str, predicate: ForwardPredicate) -> None:
    """Which of the matter's applications the region decides (the handling bureau reviews and
    forwards); the catalogue's ``forwarding`` says whether the matter forwards at all."""
    _FORWARDS[matter] = predicate


async def region_decides(row: Mapping[str, Any]) -> bool:
    predicate = _FORWARDS.get(str(row["matter"]))
    return bool(predicate and await predicate(row))
