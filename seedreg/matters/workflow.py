"""One guarded step of any matter's flow: the next state from the matter's table
(``rules.next_state``), written only if the application still holds the state it was read in
(two officers acting at once cannot both win), audited, the applicant told. Call inside the
decision's transaction, so a matter's hook (licensing: the licence) commits with it or not at
all."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.errors import Conflict
from seedreg.matters import applications as shared
from seedreg.matters import rules
from seedreg.matters.inbox import DETAIL_PAGES, audit_subject
from seedreg.notifications.services import notify_organisation

# Writes the step's values if the application is still in the given state; whether it did.
Writer = Callable[[int, Mapping[str, Any], str], Awaitable[bool]]


async def _write_shared(application_id: int, values: Mapping[str, Any], state: str) -> bool:
    return await shared.update(application_id, values, status=state)


async def transition(
    actor: audit.ActorLike,
    row: dict[str, Any],
    action: str,
    changes: Mapping[str, Any] | None = None,
    *,
    notice: tuple[str, str] | None = None,
    write: Writer | None = None,
) -> dict[str, Any]:
    """Move the application to its next state; ``write`` stores the values when the matter
    keeps some of them in its own tables (default: all in the shared application)."""
    matter, current = row["matter"], str(row["status"])
    try:
        target = rules.next_state(matter, current, action)
    except rules.TransitionError as exc:
        raise Conflict(str(exc)) from None
    values = {**(changes or {}), "status": target, "updated_at": clock.now()}
    if not await (write or _write_shared)(row["id"], values, current):
        raise Conflict("该申请已被他人处理，请刷新后查看")
    await audit.record(
        actor,
        f"application:{action}",
        audit_subject(matter),
        row["id"],
        before={"status": current},
        after={k: v for k, v in values.items() if k != "updated_at"},
    )
    if notice:
        page = DETAIL_PAGES.get(matter, "/notifications")
        await notify_organisation(
            row["organisation"], notice[0], notice[1], page.format(id=row["id"])
        )
    return {**row, **values}
