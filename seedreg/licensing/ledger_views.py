"""The 许可证台账 import's pages (the core importer's), for licensing officers (their
jurisdiction's holders) and the league admin, and the 台账 export in the import's columns
(the register's filters), which imports back as the same licences."""

from __future__ import annotations

from litestar import Response, get
from litestar.params import Parameter

from seedreg.accounts.web import CurrentActor
from seedreg.core.web import exporting, importing
from seedreg.licensing import ledger, ledger_export

IMPORT = "/licensing/licences/import"

HANDLERS = importing.mount(
    ledger.LICENCES,
    base=IMPORT,
    home="/licensing",
    ensure=ledger.ensure_importer,
    filename="licences-template.xlsx",
    actor_type=CurrentActor,
)


@get(ledger_export.LEDGER, include_in_schema=False)
async def ledger_file(
    actor: CurrentActor,
    holder: str = Parameter(default="", max_length=60),
    number: str = Parameter(default="", max_length=14),
    division: str = Parameter(default="", max_length=6),
    species: str = Parameter(default="", max_length=40),
) -> Response[bytes]:
    rows = await ledger_export.ledger_rows(
        actor, holder=holder.strip(), number=number.strip(), division_code=division,
        species=species.strip(),
    )  # fmt: skip
    return exporting.xlsx("许可证台账", ledger_export.EXPORT, rows, "licence-ledger.xlsx")


HANDLERS.append(ledger_file)
