"""一事一评 for any matter's application (兴署发〔2021〕5号 Art. 38), through matters' ratings:
this module only finds the application with the access check and hands its row on, so a matter
without a rating route of its own (quality, quarantine, introductions as they join the shared
workflow) is rated the same way as licensing and filings. Nothing inside matters changes."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core.errors import NotFound
from seedreg.matters import ratings
from seedreg.servicedesk.delivery import application_row
from seedreg.servicedesk.schemas import FollowUpIn, RatingIn


async def get(actor: Actor, application_id: int) -> dict[str, Any]:
    await application_row(actor, application_id)
    rating = await ratings.rating_of(application_id)
    if rating is None:
        raise NotFound("尚未评价")
    return rating


async def rate(actor: Actor, application_id: int, data: RatingIn) -> dict[str, Any]:
    row = await application_row(actor, application_id)
    return await ratings.rate(actor, row, data.score, data.comment)


async def answer(actor: Actor, application_id: int, data: FollowUpIn) -> dict[str, Any]:
    row = await application_row(actor, application_id)
    return await ratings.answer(actor, row, data.answer)
