"""The league's step as a filing (备案): where the local setting (introductions.league_step) made
an introduction from another 盟市 a filing when it was applied for, the bureau records it — it
does not approve it (兴署发〔2021〕6号 五(一) asks for the bureau's consent; a normative document
cannot create a licence, 行政许可法第十七条, so the authority may treat it as a filing). The
record is numbered, printed as the 引种备案回执 (QR to the public verification page) and kept
as the scope lots draw down, exactly as an approval's."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.db import transaction
from seedreg.core.errors import RuleViolation
from seedreg.introductions import approvals, check_rules, decide, decisions, services
from seedreg.introductions.documents import scope_content
from seedreg.introductions.routing_rules import DIRECTIVE, LEAGUE_BUREAU
from seedreg.introductions.schemas import RecordIn, stated
from seedreg.matters import notices, workflow
from seedreg.matters.transitions import Party

KIND = "introduction_filing"
TITLE = "引种已备案"


async def record(actor: Actor, application_id: int, data: RecordIn) -> dict[str, Any]:
    """予以备案: refused while an automatic check that blocks fails (naming its source), or
    where the application was made as a consent. One transaction: the state, the 备案回执 and
    the record with its scope."""
    row = await services.load(actor, application_id)
    services.ensure(actor, row, Party.OFFICER)
    services.ensure_open(row, "record")
    await services.vet(stated(row["details"]))
    failed = check_rules.blocking(await decide.checks(actor, application_id))
    if failed:
        reasons = "；".join(f"{c.title}：{c.message}（{c.source}）" for c in failed)
        raise RuleViolation(f"自动审查未通过，不能予以备案：{reasons}")
    today = clock.today()
    message = (TITLE, f"引种申请{row['reference']}已由{LEAGUE_BUREAU}备案。")
    content = {
        **scope_content(row["details"]),
        "conditions": data.conditions,
        "basis": DIRECTIVE,
    }
    async with transaction():
        updated = await workflow.transition(
            actor, row, "record", {"decided_on": today, "due_on": None}, notice=message
        )
        notice = await notices.issue(actor, updated, KIND, content, prefix=decisions.PREFIXES[KIND])
        values = decisions.approval_values(
            updated, notice["number"], LEAGUE_BUREAU, today, data.conditions
        )
        await approvals.record(actor, values)
    return await services.load(actor, application_id)
