"""The register of 检验员: an operator's account registers its organisation's testers, the
种苗站 whose jurisdiction covers the organisation verifies them (种子法第四十七条: 中专以上有关专业
学历) or withdraws them. Only a verified tester of a lot's organisation can be named on a 自检
certificate (see ``usable``)."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor, Role, may_see_record
from seedreg.accounts.scope import in_jurisdiction
from seedreg.accounts.tables import User
from seedreg.core import clock, paging
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.notifications.services import notify_organisation
from seedreg.organisations import rules as org_rules
from seedreg.organisations.tables import Organisation
from seedreg.quality import tester_rules as rules
from seedreg.quality.schemas import TesterIn, TesterOut, WithdrawIn
from seedreg.quality.tables import QualityTester
from seedreg.quality.tester_rules import TesterStatus

NOT_FOUND = "未找到该检验员"
PAGE_SIZE = 20  # testers a page of the register (page and API)
T = QualityTester


def _out(row: dict[str, Any], actor: Actor, org_name: str, verifier: str) -> TesterOut:
    return TesterOut(
        id=row["id"],
        organisation_id=row["organisation"],
        organisation_name=org_name,
        name=row["name"],
        id_number_masked=org_rules.mask_id_number(row["id_number"]),
        qualification_number=row["qualification_number"],
        education=row["education"],
        speciality=row["speciality"],
        status=row["status"],
        status_label=TesterStatus(row["status"]).label,
        status_reason=row["status_reason"],
        verified_by=verifier,
        verified_at=row["verified_at"],
        actions=list(rules.tester_actions(actor, row["status"])),
        created_at=row["created_at"],
    )


async def _outs(actor: Actor, rows: list[dict[str, Any]]) -> list[TesterOut]:
    orgs = {r["organisation"] for r in rows}
    users = {r["verified_by"] for r in rows if r["verified_by"]}
    names = {
        o["id"]: o["name"]
        for o in await Organisation.select(Organisation.id, Organisation.name).where(
            Organisation.id.is_in(list(orgs) or [-1])
        )
    }
    people = {
        u["id"]: u["display_name"]
        for u in await User.select(User.id, User.display_name).where(
            User.id.is_in(list(users) or [-1])
        )
    }
    return [
        _out(r, actor, names.get(r["organisation"], ""), people.get(r["verified_by"], ""))
        for r in rows
    ]


async def _load(actor: Actor, tester_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The tester and its organisation, if the actor may see the organisation's records."""
    row = await T.select().where(T.id == tester_id).first()
    if row is None:
        raise NotFound(NOT_FOUND)
    org = (
        await Organisation.select(Organisation.id, Organisation.name, Organisation.division_code)
        .where(Organisation.id == row["organisation"])
        .first()
    )
    if org is None or not may_see_record(
        actor, organisation_id=org["id"], division_code=org["division_code"]
    ):
        raise NotFound(NOT_FOUND)
    return row, org


async def get(actor: Actor, tester_id: int) -> TesterOut:
    row, _ = await _load(actor, tester_id)
    return (await _outs(actor, [row]))[0]


async def search(
    actor: Actor, *, status: str = "", page: int = 1, per_page: int = PAGE_SIZE
) -> tuple[list[TesterOut], int]:
    """One page of the testers the actor may see (an operator its own, an official those of
    the organisations in its jurisdiction), and how many there are: pending first (the
    station's work), then verified, then withdrawn — the statuses' own alphabetical order,
    pinned by a unit test — newest first within each."""
    clauses = [
        T.organisation == (actor.organisation_id or -1)
        if actor.role is Role.OPERATOR
        else in_jurisdiction(T.organisation.division_code, actor)
    ]
    if status:
        clauses.append(T.status == status)
    rows, total = await paging.page_of(
        T,
        clauses,
        page=page,
        per_page=per_page,
        order_by=((T.status, True), (T.id, False)),
        columns=T.all_columns(),
    )
    return await _outs(actor, rows), total


async def verified_for(organisation_id: int) -> list[dict[str, Any]]:
    """The organisation's verified testers (id, name, qualification_number), for the 自检 form."""
    return (
        await T.select(T.id, T.name, T.qualification_number)
        .where((T.organisation == organisation_id) & (T.status == TesterStatus.VERIFIED))
        .order_by(T.name)
    )


async def register(actor: Actor, data: TesterIn) -> TesterOut:
    """The operator's account registers a tester of its own organisation (pending)."""
    if not rules.may_register_testers(actor):
        raise Forbidden("只有生产经营者账号可以登记本单位的检验员")
    number = org_rules.normalise_id_number(data.id_number)
    check = org_rules.check_id_number(number, today=clock.today())
    if not check.ok:
        raise RuleViolation(check.message, field="id_number")
    org_id = actor.organisation_id
    async with transaction():
        if await T.exists().where(
            (T.organisation == org_id)
            & (T.id_number == number)
            & (T.status != TesterStatus.WITHDRAWN)
        ):
            raise Conflict("该检验员已登记", field="id_number")
        row = T(
            organisation=org_id,
            name=data.name,
            id_number=number,
            qualification_number=data.qualification_number,
            education=data.education,
            speciality=data.speciality,
            status=TesterStatus.PENDING,
            registered_by=actor.user_id,
            created_at=clock.now(),
        )
        await row.save()
        await audit.record(
            actor,
            "quality:tester_register",
            "quality_tester",
            row.id,
            after={"name": data.name, "qualification_number": data.qualification_number},
        )
    return await get(actor, row.id)


_VERBS = {"verify": "核验", "withdraw": "撤回"}


def _ensure_may(actor: Actor, action: str, status: str) -> None:
    if action == "verify" and actor.role is not Role.SEED_STATION:
        raise Forbidden("只有种苗站可以核验检验员")
    if actor.role not in (Role.SEED_STATION, Role.OPERATOR):
        raise Forbidden("只有种苗站或本单位可以撤回检验员")
    if action not in rules.tester_actions(actor, status):
        raise Conflict(f"该检验员{TesterStatus(status).label}，不能再{_VERBS[action]}")


async def _change(
    actor: Actor,
    tester_id: int,
    action: str,
    values: dict[Any, Any],
    detail: dict[str, Any],
    notice: tuple[str, str] | None,
) -> None:
    """Apply ``action`` if the rules allow it, audited, the holder notified, in one
    transaction; the UPDATE re-checks the status it read (two officials at once)."""
    row, org = await _load(actor, tester_id)
    _ensure_may(actor, action, row["status"])
    async with transaction():
        done = (
            await T.update(values)
            .where((T.id == tester_id) & (T.status == row["status"]))
            .returning(T.id)
        )
        if not done:
            raise Conflict("该检验员已被他人处理，请刷新后查看")
        await audit.record(
            actor,
            f"quality:tester_{action}",
            "quality_tester",
            tester_id,
            before={"status": row["status"]},
            after=detail,
        )
        if notice:
            title, body = notice
            await notify_organisation(
                org["id"], title.format(name=row["name"]), body, "/quality/testers"
            )


async def verify(actor: Actor, tester_id: int) -> TesterOut:
    """The 种苗站 has checked the qualification (Art. 47) and verifies the tester."""
    await _change(
        actor,
        tester_id,
        "verify",
        {T.status: TesterStatus.VERIFIED, T.verified_by: actor.user_id, T.verified_at: clock.now()},
        {"status": TesterStatus.VERIFIED},
        ("检验员 {name} 已经种苗站核验", "该检验员可以作为本单位自检质量检验合格证的检验员。"),
    )
    return await get(actor, tester_id)


async def withdraw(actor: Actor, tester_id: int, data: WithdrawIn) -> TesterOut:
    """Withdraw a tester (the station, or the operator when the person leaves): no new 自检
    certificates name them; certificates already issued stay as they are."""
    by_station = actor.role is Role.SEED_STATION
    await _change(
        actor,
        tester_id,
        "withdraw",
        {
            T.status: TesterStatus.WITHDRAWN,
            T.status_reason: data.reason,
            T.withdrawn_by: actor.user_id,
            T.withdrawn_at: clock.now(),
        },
        {"status": TesterStatus.WITHDRAWN, "reason": data.reason},
        ("检验员 {name} 已被种苗站撤回", f"理由：{data.reason}") if by_station else None,
    )
    return await get(actor, tester_id)


async def brief(tester_id: int) -> dict[str, Any] | None:
    """Name and qualification number of a tester, for the certificate it is named on."""
    return await T.select(T.name, T.qualification_number).where(T.id == tester_id).first()


async def usable(tester_id: int, lot_organisation: int) -> dict[str, Any]:
    """The tester row, if it may be named on a 自检 of a lot of ``lot_organisation``."""
    row = await T.select().where(T.id == tester_id).first()
    if row is None:
        raise RuleViolation("未找到该检验员", field="tester_id")
    refusal = rules.tester_refusal(row["status"], row["organisation"], lot_organisation)
    if refusal:
        raise RuleViolation(refusal, field="tester_id")
    return row
