"""The xlsx ledgers of the nursery register: import bases (苗圃基地台账) and their stock (存苗台账)
through the core importer's pages, and the stock of the listed bases as xlsx (the list's own
export is the bases; its filters apply to both)."""

from __future__ import annotations

from litestar import Request, Response, get
from litestar.params import FromQuery

from seedreg.accounts.rules import Actor
from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import Forbidden
from seedreg.core.web import exporting, importing
from seedreg.nurseries import ledger, rules, services, stock_ledger

HOME = "/nurseries"


def ensure_importer(actor: Actor) -> None:
    if not rules.may_create(actor):
        raise Forbidden("只有生产经营者（本单位）或种苗站可以导入苗圃基地台账")


@get(f"{HOME}/stock.xlsx", include_in_schema=False)
async def stock_export(
    request: Request, actor: CurrentActor, kind: FromQuery[str] = "", status: FromQuery[str] = ""
) -> Response[bytes]:
    bases = await ledger.with_codes(
        await services.every_base(actor, kind=kind[:12], status=status[:12])
    )
    rows = stock_ledger.export_rows(bases)
    return exporting.xlsx("存苗台账", stock_ledger.EXPORT, rows, "nursery-stock.xlsx")


HANDLERS = [
    stock_export,
    *importing.mount(
        ledger.BASES,
        base=f"{HOME}/import",
        home=HOME,
        ensure=ensure_importer,
        filename="nursery-bases-template.xlsx",
        actor_type=CurrentActor,
    ),
    *importing.mount(
        stock_ledger.STOCK,
        base=f"{HOME}/stock/import",
        home=HOME,
        ensure=ensure_importer,
        filename="nursery-stock-template.xlsx",
        actor_type=CurrentActor,
    ),
]
