"""The ledger imports through the core importer's services in-process, on the test database (no
server): bases, then their stock twice (a stock-taking replaces, so the same file twice leaves
the same stock), then an operator, each committed in one transaction. The HTTP test covers the
pages; this one is quick on both engines.

Every record here is FICTIONAL test data."""

from __future__ import annotations

from tests.fixtures import _db_call, unique
from tests.http.test_excel_ledgers import BASE_HEADERS, ORG_HEADERS, STOCK_HEADERS, base_row, sheet


def test_bases_stock_and_operators_import_through_the_services(database, personas):
    from seedreg.core import importer as imports
    from seedreg.nurseries import ledger, stock_ledger
    from seedreg.nurseries.tables import NurseryBase
    from seedreg.organisations import ledger as org_ledger
    from seedreg.organisations.tables import Organisation
    from tests import factories

    name = unique("服务苗圃")

    async def run() -> None:
        station = await factories.actor_named("station")
        admin = await factories.admin_actor()
        org = await factories.make_organisation()
        bases = sheet(BASE_HEADERS, base_row(name, org.uscc or ""))
        checked = await imports.preview(ledger.BASES, station, "a.xlsx", bases)
        assert checked.errors == []
        await imports.commit(ledger.BASES, station, checked.token, imports.Mode.ALL_OR_NOTHING)
        stock = sheet(
            STOCK_HEADERS,
            [name, None, "樟子松", "2-1", "Ⅰ级苗", 5],
            [name, None, "云杉", "2-0", "Ⅱ级", 7],
        )
        for _ in range(2):
            checked = await imports.preview(stock_ledger.STOCK, station, "a.xlsx", stock)
            assert checked.errors == []
            await imports.commit(
                stock_ledger.STOCK, station, checked.token, imports.Mode.VALID_ONLY
            )
        row = (
            await NurseryBase.select(NurseryBase.stock)
            .where(NurseryBase.name == name)
            .output(load_json=True)
            .first()
        )
        assert [(s["species"], s["grade"], s["quantity"]) for s in row["stock"]] == [
            ("樟子松", "Ⅰ级苗", 5),
            ("云杉", "Ⅱ级苗", 7),
        ]
        code = factories.new_uscc()
        people = sheet(
            ORG_HEADERS, ["企业", f"{name}公司", code, None, "张三", "152201", "兴安南大路1号"]
        )
        checked = await imports.preview(org_ledger.ORGANISATIONS, admin, "a.xlsx", people)
        assert checked.errors == []
        done = await imports.commit(
            org_ledger.ORGANISATIONS, admin, checked.token, imports.Mode.ALL_OR_NOTHING
        )
        assert done["imported"] == 1
        assert await Organisation.count().where(Organisation.uscc == code) == 1

    _db_call(run)
