"""The officer's and the filer's /filings list reads a page in a fixed number of queries,
however many filings it shows (no query per filing for its filer's name or its notices)."""

from __future__ import annotations

from seedreg.core import clock
from seedreg.filings import rules, services
from seedreg.matters import applications as shared
from seedreg.matters.tables import Application
from tests.factories import actor_named


async def _filings(count: int, organisation_id: int, division_code: str) -> list[int]:
    ids = []
    now = clock.now()
    details = {"kind": "packaged_seller", "licence_number": "15220120260001", "varieties": []}
    for i in range(count):
        ref = f"BATEST{now.microsecond:06d}{count:02d}{i:02d}"
        app_id = await shared.insert(
            {
                "reference": ref[:20],
                "matter": "filing",
                "sub_item": "packaged_seller",
                "status": "filed",
                "organisation": organisation_id,
                "division_code": division_code,
                "details": details,
                "created_at": now,
                "updated_at": now,
            }
        )
        # as the services write them (others' tests print every notice they find)
        contents = {
            "supplement": {
                "items": [{"code": "F01", "name": "营业执照", "problem": ""}],
                "deadline": clock.today().isoformat(),
            },
            "filing_receipt": {
                "details": details,
                "basis": rules.BASIS,
                "filed_on": clock.today().isoformat(),
            },
        }
        for kind in ("supplement", "filing_receipt"):
            await shared.add_notice(
                {
                    "application": app_id,
                    "kind": kind,
                    "number": f"{ref}-{len(kind)}",  # no English word on a page
                    "public_id": f"{ref}{kind[:3]}"[:24],
                    "issued_on": clock.today(),
                    "content": contents[kind],
                    "created_at": now,
                }
            )
        ids.append(app_id)
    return ids


async def _queries_for_list(monkeypatch, actor) -> tuple[int, list, int]:
    engine_class = type(Application._meta.db)  # the engine's instances have slots
    original = engine_class.run_querystring
    calls: list[object] = []

    async def counting(self, *args, **kwargs):
        calls.append(args[0])
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(engine_class, "run_querystring", counting)
    try:
        listed, total = await services.mine(actor)  # the first page, and how many in all
    finally:
        monkeypatch.setattr(engine_class, "run_querystring", original)
    return len(calls), listed, total


async def test_the_list_takes_the_same_queries_for_two_filings_or_eight(
    database, personas, monkeypatch
):
    bob = await actor_named("bob")
    officer = await actor_named("officer_kyqq")
    division = officer.jurisdiction or ""
    await _filings(2, bob.organisation_id or 0, division)
    few, listed_few, total_few = await _queries_for_list(monkeypatch, officer)
    made = await _filings(6, bob.organisation_id or 0, division)
    many, listed_many, total_many = await _queries_for_list(monkeypatch, officer)
    assert total_many == total_few + 6
    assert len(listed_many) == min(total_many, services.PAGE_SIZE) >= len(listed_few)
    assert many == few
    assert 3 <= few <= 5  # the page's rows, the count, their notices (and the calendar)
    # what the list shows is what the detail shows: the filer's name, the notices and links
    one = listed_many[0]
    detail = await services.get(officer, one.id)
    assert one.organisation_name == detail.organisation_name != ""
    assert [n.number for n in one.notices] == [n.number for n in detail.notices]
    assert [n.pdf_url for n in one.notices] == [n.pdf_url for n in detail.notices]
    # the filer sees its own, the same way
    mine_count, mine, _ = await _queries_for_list(monkeypatch, bob)
    assert mine_count == few
    assert {f.id for f in mine} >= set(made) <= {f.id for f in listed_many}  # newest first
