"""好差评 of licensing applications: the shared service (``matters.ratings``, 兴署发〔2021〕5号
Art. 38 (三)) on rows loaded with licensing's access check."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.licensing.common import load
from seedreg.licensing.schemas import FollowUpIn, RatingIn
from seedreg.licensing.states import MATTER
from seedreg.matters import ratings as shared
from seedreg.matters.ratings import POOR

__all__ = ["POOR", "answer", "compliance", "get_rating", "rate"]


async def rate(actor: Actor, application_id: int, data: RatingIn) -> dict[str, Any]:
    """One rating per application, by the applicant, once it is finished (一事一评)."""
    return await shared.rate(actor, await load(actor, application_id), data.score, data.comment)


async def answer(actor: Actor, application_id: int, data: FollowUpIn) -> dict[str, Any]:
    """The bureau's follow-up to a 差评: verification, correction or explanation."""
    return await shared.answer(actor, await load(actor, application_id), data.answer)


async def get_rating(actor: Actor, application_id: int) -> dict[str, Any] | None:
    await load(actor, application_id)
    return await shared.rating_of(application_id)


async def compliance(actor: Actor) -> list[dict[str, Any]]:
    """Per handling bureau: decided applications, decided on time, ratings and open 差评."""
    return await shared.compliance(actor, MATTER)
