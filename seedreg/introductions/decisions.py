"""What a decision on an introduction does besides moving its state, registered with the
decision hook registry (``matters.decisions``) and run by the shared review / forwarding inside
the decision's transaction (a hook raising rolls everything back):

- GRANT ``on_grant``: 准予引种 by the league (兴署发〔2021〕6号 五(一)): the written decision
  (numbered, with its scope and conditions) and the approval record carrying that number; by
  the region: the approval under the region's number and date.
- REFUSE ``on_refuse``: 不予批准 — the shared review writes reasons and appeal rights
  (行政许可法第三十八条第二款); this adds the scope applied for.
- ``region_decides``: which applications go up (from another province).
- ``on_forward``: the 报送告知书 (the shared forwarding's notice does not carry the opinion and
  scope yet, so ``decide.forward`` still calls it itself).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from seedreg.core.audit import services as audit
from seedreg.introductions import approvals
from seedreg.introductions.application_rules import scope_of
from seedreg.introductions.documents import scope_content
from seedreg.introductions.routing_rules import (
    DIRECTIVE,
    LEAGUE_BUREAU,
    REGION_BUREAU,
    RouteKind,
)
from seedreg.introductions.schemas import stated
from seedreg.introductions.scope_rules import FILING_CLASS
from seedreg.introductions.services import MATTER, applied
from seedreg.matters import decisions as md
from seedreg.matters import notices

CONDITIONS_KEY = "grant_conditions"  # not a column: carried to the hook in the row only
PREFIXES = {
    "introduction_grant": "引准",
    "introduction_refusal": "引不准",
    "introduction_forward": "引报",
    "introduction_filing": FILING_CLASS,
}


def approval_values(
    application: dict[str, Any], number: str, decided_by: str, on: date, conditions: str
) -> dict[str, Any]:
    details = stated(application["details"])
    scope = scope_of(applied(details))
    return {
        "application": application["id"],
        "organisation": application["organisation"],
        "number": number,
        "decided_by": decided_by,
        "decided_on": on,
        "species": details.species,
        "variety": scope.variety,
        "origin_code": scope.origin_code,
        "supplier": scope.supplier,
        "unit": scope.unit.value,
        "max_stored": approvals.to_stored(scope.max_quantity, scope.unit),
        "valid_from": scope.valid_from,
        "valid_to": scope.valid_to,
        "site_codes": list(scope.site_codes),
        "conditions": conditions,
    }


def _region_effect(application: dict[str, Any], decision: md.Decision) -> md.Effect:
    """The region's decision kept with the application's details as the officer entered it,
    and the applicant told in the introduction's words."""
    facts = dict(decision.region.facts) if decision.region else {}
    granted = decision.outcome is md.Outcome.GRANT
    title = "自治区准予引种" if granted else "自治区不予批准引种"
    return md.Effect(
        changes={"details": {**application["details"], "region_decision": facts}},
        message=f"引种申请{application['reference']}：{title}（{facts.get('number', '')}）。",
    )


def _conditions(application: Mapping[str, Any]) -> str:
    """What the officer entered with the grant (``decide.grant`` hands it in the row)."""
    return str(application.get(CONDITIONS_KEY, ""))


async def on_grant(actor: audit.ActorLike, decision: md.Decision) -> md.Effect | None:
    """准予引种 by the league: the numbered decision (issued here, not by the flow's step, since
    the approval carries its number) and the approval under that number. Granted by the
    region (``decision.region``): the approval under the region's number and date."""
    application = dict(decision.application)
    if decision.region is not None:
        region = decision.region
        conditions = str(region.facts.get("conditions", ""))
        values = approval_values(
            application, region.number, REGION_BUREAU, region.decided_on, conditions
        )
        await approvals.record(actor, values)
        return _region_effect(application, decision)
    conditions = _conditions(application)
    content = {
        **scope_content(application["details"]),
        "conditions": conditions,
        "basis": DIRECTIVE,
    }
    notice = await notices.issue(
        actor, application, "introduction_grant", content, prefix=PREFIXES["introduction_grant"]
    )
    values = approval_values(application, notice["number"], LEAGUE_BUREAU, decision.on, conditions)
    await approvals.record(actor, values)
    return None


async def on_refuse(actor: audit.ActorLike, decision: md.Decision) -> md.Effect | None:
    """不予批准: the shared review writes the reasons and the rights of appeal; the notice also
    states the scope applied for and the directive. The region's refusal adds nothing (the
    transition writes its reasons and date)."""
    if decision.region is not None:
        return _region_effect(dict(decision.application), decision)
    notice = {**scope_content(decision.application["details"]), "basis": DIRECTIVE}
    return md.Effect(notice=notice)


async def on_forward(
    application: dict[str, Any], actor: audit.ActorLike, decision_data: dict[str, Any]
) -> dict[str, Any]:
    """The applicant is told, in writing, that the region decides and where the file went."""
    content = {
        **scope_content(application["details"]),
        "opinion": str(decision_data["opinion"]),
        "forwarded_to": REGION_BUREAU,
        "basis": DIRECTIVE,
    }
    return await notices.issue(
        actor, application, "introduction_forward", content, prefix=PREFIXES["introduction_forward"]
    )


async def region_decides(row: Mapping[str, Any]) -> bool:
    """From another province the region decides; the league reviews and forwards
    (兴署发〔2021〕6号 五(一))."""
    return str(row["sub_item"]) == RouteKind.OTHER_PROVINCE.value


md.register(MATTER, md.Outcome.GRANT, on_grant)
md.register(MATTER, md.Outcome.REFUSE, on_refuse)
md.forwards(MATTER, region_decides)
