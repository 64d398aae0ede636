"""The 种苗站's and the 检疫员's queues: the open requests of the matters the actor handles
within its jurisdiction (a banner's 检疫员 sees its banner's), most urgent first, each with the
inbox's clock and colour band (``matters.inbox.item_out``: the same answer the inbox gives),
the person assigned and the site visit planned."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from seedreg.accounts.rules import Actor
from seedreg.core import calendar, clock
from seedreg.core.errors import Forbidden
from seedreg.matters.inbox import item_out, open_rows
from seedreg.matters.schemas import InboxItem
from seedreg.matters.tables import Matter
from seedreg.requests.rules import kinds_handled_by
from seedreg.requests.services import page_url

PAGE_SIZE = 50


class QueueItem(BaseModel):
    item: InboxItem
    visit_on: date | None = Field(description="计划的现场检验日期")
    visitor: str


class QueuePage(BaseModel):
    items: list[QueueItem]
    total: int = Field(description="待办总数")
    page: int
    page_size: int


def ensure_handler(actor: Actor) -> list[str]:
    kinds = kinds_handled_by(actor.role)
    if not kinds:
        raise Forbidden("只有种苗站和检疫员可以查看检验检疫待办")
    return [k.value for k in kinds]


async def queue(actor: Actor, *, mine: bool = False, page: int = 1) -> tuple[list[QueueItem], int]:
    """One page of open requests (they, and only they, carry ``due_on``) by due date, then by
    id; and how many there are."""
    matters = ensure_handler(actor)
    rows, total = await open_rows(
        actor, matters=matters, assigned_to=actor.user_id if mine else None, page=page,
        per_page=PAGE_SIZE,
    )  # fmt: skip
    names = {m["code"]: m["name"] for m in await Matter.select(Matter.code, Matter.name)}
    cal, today = await calendar.work_calendar(), clock.today()
    items = [_queue_item(row, actor, cal, names, today) for row in rows]
    return items, total


def _queue_item(
    row: dict[str, Any], actor: Actor, cal: Any, names: dict[str, str], today: date
) -> QueueItem:
    item = item_out(row, actor, cal, names, today).model_copy(update={"url": page_url(row["id"])})
    visit = (row["details"] or {}).get("visit") or {}
    return QueueItem(
        item=item,
        visit_on=date.fromisoformat(visit["visit_on"]) if visit.get("visit_on") else None,
        visitor=visit.get("visitor", ""),
    )
