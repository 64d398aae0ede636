"""The one writer of the shared application tables (one owner per table): each matter's
package reads them as it likes and changes them only through these functions, inside its own
transaction and with its own audit record (the matter names what was done). No rules here:
the caller has asked ``matters.rules`` (or its own) before it writes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from piccolo.columns import Column

from seedreg.matters.tables import Application, ApplicationMaterial, Notice, Rating


def _columns(values: Mapping[str, Any]) -> dict[Column | str, Any]:
    return dict(values.items())


async def insert(values: Mapping[str, Any]) -> int:
    """A new application (a draft); its id."""
    row = Application(**values)
    await row.save()
    return row.id


async def update(
    application_id: int,
    values: Mapping[str, Any],
    *,
    status: str | None = None,
    updated_at: object = None,
) -> bool:
    """Write ``values``; with ``status`` or ``updated_at`` only if the row still holds what the
    caller read (two officers acting at once cannot both win). Whether a row was written."""
    where: Any = Application.id == application_id
    if status is not None:
        where &= Application.status == status
    if updated_at is not None:
        where &= Application.updated_at == updated_at
    done = await Application.update(_columns(values)).where(where).returning(Application.id)
    return bool(done)


async def add_notice(values: Mapping[str, Any]) -> dict[str, Any]:
    """A written notice or decision; its row (id, number and public_id as stored)."""
    notice = Notice(**values)
    await notice.save()
    return notice.to_dict()


async def add_material(values: Mapping[str, Any]) -> int:
    material = ApplicationMaterial(**values)
    await material.save()
    return material.id


async def delete_material(material_id: int) -> None:
    await ApplicationMaterial.delete().where(ApplicationMaterial.id == material_id)


async def add_rating(values: Mapping[str, Any]) -> int:
    rating = Rating(**values)
    await rating.save()
    return rating.id


async def update_rating(application_id: int, values: Mapping[str, Any]) -> None:
    await Rating.update(_columns(values)).where(Rating.application == application_id)
