"""The shared review's steps on the introduction pages — 现场核查 (行政许可法第三十四条), 中止 and
恢复 on Art. 45's grounds, the one Art. 42 extension — through the same services as the API
(``introductions.decide``). The detail page posts them to ``/introductions/{id}/{step}``."""

from __future__ import annotations

from typing import Any

from seedreg.accounts import services as accounts
from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.errors import RuleViolation
from seedreg.core.inputs import Input
from seedreg.core.web.forms import parse
from seedreg.introductions import decide, services
from seedreg.licensing.schemas import PauseIn, ReasonIn, SiteCheckIn
from seedreg.matters import clocks
from seedreg.matters.clocks import PauseGround

STEPS = ("site-check", "pause", "resume", "extend")


async def context(actor: Actor) -> dict[str, Any]:
    """What the review forms offer: the officials who may check the site (any covering the
    league: introductions are handled by the league bureau) and Art. 45's grounds."""
    officials = await accounts.officials_covering(actor, services.HANDLING_DIVISION)
    return {
        "officer_options": [
            (o["id"], f"{o['display_name']}（{o['role_label']}）") for o in officials
        ],
        "pause_grounds": [(g.value, g.label) for g in PauseGround],
        "today": clock.today().isoformat(),
    }


def build(step: str, values: dict[str, Any]) -> Input | None:
    """The step's input from the form, checked before the confirmation page asks (a pause
    without one of Art. 45's grounds is refused here, by the same rule the review applies)."""
    if step == "site-check":
        data = {k: values[k] for k in ("checked_on", "findings") if k in values}
        return parse(SiteCheckIn, {**data, "officer_ids": values.get("officer_ids", [])})
    if step == "pause":
        if problem := clocks.pause_ground_problem(values.get("ground")):
            raise RuleViolation(problem, field="ground")
        return parse(PauseIn, {k: values[k] for k in ("ground", "reason") if k in values})
    if step == "extend":
        return parse(ReasonIn, {"reasons": values.get("reasons", "")})
    return None


async def call(actor: Actor, application_id: int, step: str, values: dict[str, Any]) -> None:
    data = build(step, values)
    if isinstance(data, SiteCheckIn):
        await decide.record_site_check(actor, application_id, data)
    elif isinstance(data, PauseIn):
        await decide.pause(actor, application_id, data)
    elif isinstance(data, ReasonIn):
        await decide.extend(actor, application_id, data)
    else:
        await decide.resume(actor, application_id)
