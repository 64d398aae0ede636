"""An organisation of its own with a licence on file, for the nothing-asked-twice tests
(兴署发〔2021〕5号 Art. 10(四)): registered and verified at the counter, its licence granted
through the whole flow with the premises (A04) and equipment (A05) materials uploaded."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from seedreg.accounts.rules import Role
from tests import factories
from tests.fixtures import Api, token_for, unique

APPS = "/api/licensing/applications"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DETAILS = {
    "legal_representative": "张三",
    "registered_address": "乌兰浩特市兴安南大路1号",
    "scope": ["seedling"],
    "species": ["樟子松"],
    "production_sites": [
        {"division_code": "152201", "township": "义勒力特镇", "village": "红星村", "detail": ""}
    ],
    "valid_area": ["152201"],
}


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, f"{response.status_code}: {response.text[:800]}"
    return response.json()


def upload(client, app_id: int, item: str, name: str = "材料.pdf") -> dict:
    r = client.post(
        f"{APPS}/{app_id}/materials",
        files={"file": (name, PDF, "application/pdf")},
        data={"item_code": item},
    )
    return ok(r, 201)


def licence_holder(server: str, officer: Api) -> SimpleNamespace:
    """A fresh organisation and its operator (``username``, ``client``), with a licence
    (``licence``) granted by ``officer`` (乌兰浩特市) on an application that carried A04/A05."""
    org = asyncio.run(factories.make_organisation("152201"))
    username = unique("held")
    asyncio.run(factories.make_user(username, Role.OPERATOR, organisation_id=org.id))
    client = Api(server, token_for(server, username))
    app = ok(client.post(APPS, json={"kind": "issue", "details": DETAILS}), 201)
    for item in ("A01", "A04", "A05"):
        upload(client, app["id"], item, f"{item}材料.pdf")
    ok(client.post(f"{APPS}/{app['id']}/submit"))
    ok(officer.post(f"{APPS}/{app['id']}/accept"))
    granted = ok(officer.post(f"{APPS}/{app['id']}/grant"))
    licence = ok(officer.get(f"/api/licensing/licences/{granted['licence_id']}"))
    return SimpleNamespace(
        org=org, username=username, client=client, licence=licence, issue_id=app["id"]
    )
