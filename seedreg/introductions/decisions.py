"""What a decision on an introduction does besides moving its state: the effects the matter
workflow's decision hook registry (``matters.decisions``) will run inside the decision's
transaction. Until that registry lands they are called from ``introductions.decide``; each is a
plain async function taking the application row (as read), the actor and the decision's data,
and must be awaited inside the open transaction (it writes, and raises to roll back).

- ``on_grant``: 准予引种 by the league (兴署发〔2021〕6号 五(一)): the written decision (numbered,
  with its scope and conditions) and the approval record carrying that number.
- ``on_refuse``: 不予批准 with reasons and appeal rights (行政许可法第三十八条第二款).
- ``on_forward``: the 报送告知书 telling the applicant the file went to the region.
- ``on_region_decision``: the region's decision on a forwarded application (its number, date,
  outcome and scan); a grant becomes the approval record under the region's number.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.introductions import approvals
from seedreg.introductions.application_rules import scope_of
from seedreg.introductions.documents import scope_content
from seedreg.introductions.routing_rules import DIRECTIVE, LEAGUE_BUREAU, REGION_BUREAU
from seedreg.introductions.schemas import stated
from seedreg.introductions.services import applied
from seedreg.matters import notices
from seedreg.matters.intake import APPEAL_RIGHTS

PREFIXES = {
    "introduction_grant": "引准",
    "introduction_refusal": "引不准",
    "introduction_forward": "引报",
}


def _approval_values(
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


async def on_grant(
    application: dict[str, Any], actor: audit.ActorLike, decision_data: dict[str, Any]
) -> dict[str, Any]:
    """准予引种: the numbered decision and the approval under its number; the approval row."""
    conditions = str(decision_data.get("conditions", ""))
    content = {
        **scope_content(application["details"]),
        "conditions": conditions,
        "basis": DIRECTIVE,
    }
    notice = await notices.issue(
        actor, application, "introduction_grant", content, prefix=PREFIXES["introduction_grant"]
    )
    values = _approval_values(
        application, notice["number"], LEAGUE_BUREAU, clock.today(), conditions
    )
    return await approvals.record(actor, values)


async def on_refuse(
    application: dict[str, Any], actor: audit.ActorLike, decision_data: dict[str, Any]
) -> dict[str, Any]:
    """不予批准: the reasons and the rights of appeal, in writing."""
    content = {
        **scope_content(application["details"]),
        "reasons": str(decision_data["reasons"]),
        "rights": APPEAL_RIGHTS,
        "contact": str(decision_data.get("contact", "")),
        "basis": DIRECTIVE,
    }
    return await notices.issue(
        actor, application, "introduction_refusal", content, prefix=PREFIXES["introduction_refusal"]
    )


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


async def on_region_decision(
    application: dict[str, Any], actor: audit.ActorLike, decision_data: dict[str, Any]
) -> dict[str, Any] | None:
    """The region's decision as recorded: a grant is the approval record under the region's
    number and date (its conditions as the region set them); a refusal records nothing more
    than the application's own fields (reasons, date), which the transition writes."""
    if decision_data["outcome"] != "granted":
        return None
    values = _approval_values(
        application,
        str(decision_data["number"]),
        REGION_BUREAU,
        decision_data["decided_on"],
        str(decision_data.get("conditions", "")),
    )
    return await approvals.record(actor, values)
