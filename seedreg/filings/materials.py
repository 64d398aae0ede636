"""A filing's materials: the shared uploads (``matters.uploads``: checked against the 备案
checklist in the catalogue, typed by their bytes, stored outside the web root, audited) on rows
loaded with the filing's access check; the filer adds them while the filing is its own to
change (a draft, or during 补正), the bureau reads them."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.filings.services import load
from seedreg.matters import held, uploads
from seedreg.matters.held_rules import HeldRecord
from seedreg.matters.uploads import ALLOWED_TYPES

__all__ = ["ALLOWED_TYPES", "confirm_held", "delete", "download", "offered", "upload"]


async def upload(
    actor: Actor, application_id: int, item_code: str, filename: str, content: bytes
) -> dict[str, Any]:
    row = await load(actor, application_id)
    return await uploads.upload(actor, row, item_code, filename, content)


async def download(actor: Actor, material_id: int) -> tuple[dict[str, Any], bytes]:
    """A material's bytes, for those who may see its filing (NotFound otherwise)."""
    row = await uploads.material(material_id)
    await load(actor, row["application"])
    return row, uploads.read(row)


async def delete(actor: Actor, material_id: int) -> int:
    """The filer takes a file back before submitting (or during 补正); the filing's id."""
    row = await uploads.material(material_id)
    application = await load(actor, row["application"])
    await uploads.delete(actor, application, row)
    return int(application["id"])


async def offered(actor: Actor, application_id: int) -> dict[str, list[HeldRecord]]:
    """What the system holds for each material the filing still lacks (兴署发〔2021〕5号
    Art. 10(四)): the filer's verified registration for F02."""
    return await held.offered(await load(actor, application_id))


async def confirm_held(
    actor: Actor, application_id: int, item_code: str, token: str
) -> dict[str, Any]:
    return await held.confirm(actor, await load(actor, application_id), item_code, token)
