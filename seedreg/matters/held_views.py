"""使用系统已有材料 on the pages (兴署发〔2021〕5号 Art. 10(四)): the one plain form handler every
kind of application's page posts to. Each view keeps its route and names its owner's confirm
service, how its detail page is shown again with the error, and where to go after."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from annotated_types import MaxLen
from litestar import Request
from litestar.response import Redirect, Template

from seedreg.core.errors import DomainError
from seedreg.core.web.pages import see_other
from seedreg.matters.schemas import HeldConfirmIn

Confirm = Callable[[str, str], Awaitable[object]]
ShowAgain = Callable[[DomainError, dict[str, Any]], Awaitable[Template]]


def _max_length(field: str) -> int:
    """What the API's schema accepts for ``field``: the page's form clips to the same."""
    info = HeldConfirmIn.model_fields[field]
    return next(m.max_length for m in info.metadata if isinstance(m, MaxLen))


ITEM_MAX = _max_length("item_code")  # a catalogue code (A04, C03)
RECORD_MAX = _max_length("record")  # an offered record's token (registration:12)


async def held_material(
    request: Request[Any, Any, Any], confirm: Confirm, show_again: ShowAgain, detail: str
) -> Template | Redirect:
    """Read the form (``held_item``, ``record``, clipped to what the service accepts), confirm
    it, and go back to the detail page's materials; a refusal shows the page with its error."""
    form = await request.form()
    values = {"item_code": str(form.get("held_item", ""))[:ITEM_MAX]}  # not the upload's control
    try:
        await confirm(values["item_code"], str(form.get("record", ""))[:RECORD_MAX])
    except DomainError as exc:
        return await show_again(exc, values)
    return see_other(f"{detail}#materials")
