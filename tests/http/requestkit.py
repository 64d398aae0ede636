"""Building blocks for the request tests (issue 17): a licence and lots of a species of the
module's own with a confirmed (FICTIONAL) grading row, the request bodies as the readiness
buttons pre-fill them, and the notifications an operator received."""

from __future__ import annotations

import asyncio
from typing import Any

from seedreg.accounts.tables import User
from seedreg.notifications.tables import Notification
from tests.http.lotkit import ok, today

REQUESTS = "/api/requests"


def act(client, request_id: int, step: str, payload: dict | None = None, status: int = 200):
    return ok(client.post(f"{REQUESTS}/{request_id}/{step}", json=payload), status)


def quality_body(lot: dict) -> dict:
    return {
        "details": {
            "kind": "quality_request",
            "lot_id": lot["id"],
            "sample_place": "义勒力特镇红星村苗圃3号地块",
            "contact": "王经理 13800000000",
        }
    }


def site_body(lots: list[dict]) -> dict:
    return {
        "details": {
            "kind": "site_quarantine_request",
            "lot_ids": [lot["id"] for lot in lots],
            "production_site": "乌兰浩特市义勒力特镇红星村苗圃3号地块",
            "season": f"{today().year}年春季",
            "contact": "王经理 13800000000",
        }
    }


def consignment_body(items: list[tuple[dict, str]], **changes: Any) -> dict:
    details = {
        "kind": "consignment_quarantine_request",
        "consignee": "科右前旗造林站",
        "consignee_address": "科右前旗大坝沟镇",
        "origin": "乌兰浩特市义勒力特镇",
        "destination": "科右前旗大坝沟镇",
        "destination_division": "152221",
        "vehicle": "货车 蒙F·12345",
        "carrier": "兴安运输公司",
        "ships_on": today().isoformat(),
        "items": [{"lot_id": lot["id"], "quantity": q, "packing": "捆"} for lot, q in items],
    }
    return {"details": details | changes}


def submitted(client, body: dict) -> dict:
    made = ok(client.post(REQUESTS, json=body), 201)
    return act(client, made["id"], "submit")


def notifications_of(username: str) -> list[dict]:
    async def run() -> list[dict]:
        user = await User.select(User.id).where(User.username == username).first()
        assert user is not None
        return await (
            Notification.select(Notification.title, Notification.body, Notification.link)
            .where(Notification.user == user["id"])
            .order_by(Notification.id)
        )

    return asyncio.run(run())
