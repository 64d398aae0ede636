"""Records seeded straight into the owners' tables for the report-figure tests, under a banner
code no real banner has (two letters after 1522, ``new_code``: one per test module), so each
figure of that banner holds these records alone. Only valid statuses and kinds; the tests
compute what each figure must show from the same tables of seeds (test_report_figures.py)."""

from __future__ import annotations

import random
import secrets
import string
import uuid
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from seedreg.cases.tables import Case
from seedreg.core import clock
from seedreg.inspections.tables import CheckFinding, FieldCheck, FollowUp
from seedreg.introductions.routing_rules import RouteKind
from seedreg.labels.tables import Label, LabelScan
from seedreg.lots.tables import Lot
from seedreg.matters.tables import Application, Rating
from seedreg.nurseries.tables import NurseryBase
from seedreg.quarantine.tables import ConsignmentItem, QuarantineCertificate
from tests.http.introkit import details as intro_details
from tests.printkit import make_issue

TODAY = clock.today()

# (origin code, status) of introduction applications; a draft is nobody's application yet
INTRODUCTIONS = [("150100", "granted"), ("150100", "refused"), ("150100", "submitted"),
                 ("152900", "granted"), ("110000", "granted"), ("110000", "forwarded"),
                 ("370000", "refused"), ("110000", "draft")]  # fmt: skip
# (months back, status, [(species, material, quantity in g or 株)]) of outbound consignments
OUTBOUND = [(0, "valid", [("樟子松", "seedling", 1200), ("樟子松", "seedling", 300)]),
            (1, "valid", [("樟子松", "seedling", 500), ("山杏", "seed", 2500)]),
            (0, "revoked", [("山杏", "seed", 9000)])]  # fmt: skip
# (months back, status, [(species, quantity, unit)]) of inbound consignments
INBOUND = [(0, "valid", [("落叶松", 800, "株"), ("山杏", 3, "kg")]),
           (2, "valid", [("落叶松", 200, "株")]),
           (0, "revoked", [("落叶松", 999, "株")])]  # fmt: skip
# (kind, [(species, 株)]) of nursery bases
BASES = [("state", [("樟子松", 1000), ("落叶松", 500)]), ("state", []),
         ("private", [("樟子松", 250)]), ("individual", [])]  # fmt: skip
# (months back, how many) of labels issued, and of public scans
LABELS = [(0, 3), (1, 2), (4, 1)]
SCANS = [(0, 2), (2, 3)]
# (catalogue item, months back, follow-up (state, days after today it is due) or None)
FINDINGS = [("V1-1", 0, ("pending", -3)), ("V1-1", 0, ("pending", 5)),
            ("V1-3", 1, ("rectified", -10)), ("V1-3", 0, ("pending", -1)),
            ("V1-1", 2, ("escalated", -2)), ("V1-1", 3, None)]  # fmt: skip
# no decided stage: a decided case is published (行政执法公示), and these are not real ones
CASES = ["opened", "opened", "investigating", "notified"]
# (months back, score) of ratings of this office's applications
RATINGS = [(0, 5), (0, 1), (1, 2), (0, 4)]


def uid(n: int = 12) -> str:
    return uuid.uuid4().hex[:n]


def month_back(months: int) -> datetime:
    """Noon (China) on the 10th, ``months`` before this month."""
    year, month = TODAY.year, TODAY.month - months
    while month < 1:
        year, month = year - 1, month + 12
    return datetime(year, month, 10, 12, tzinfo=clock.CHINA)


def month_of(months: int) -> str:
    return month_back(months).strftime("%Y-%m")


async def _application(org_id: int, matter: str, status: str, division: str, **more) -> int:
    now = clock.now()
    row = Application(
        reference=f"R{uid()}", matter=matter, sub_item=more.pop("sub_item", "issue"),
        status=status, organisation=org_id, division_code=division, created_at=now,
        updated_at=now, **more,
    )  # fmt: skip
    await row.save()
    return row.id


def new_code() -> str:
    """A banner code of letters after 1522 (every numeric one is a real banner or another
    test's), not yet given out in this run: each test module seeds under its own."""
    while True:
        code = "1522" + "".join(random.choices(string.ascii_lowercase, k=2))
        if code not in _GIVEN:
            _GIVEN.add(code)
            return code


_GIVEN: set[str] = set()


async def _lot(org_id: int, licence_id: int, species: str, material: str, division: str) -> int:
    now = clock.now()
    row = Lot(
        number=f"T{uid(10)}", public_id=uid(24), organisation=org_id, licence=licence_id,
        division_code=division, material=material, species=species, origin="乌兰浩特市",
        produced_on=TODAY, quantity=100_000, created_at=now, updated_at=now,
    )  # fmt: skip
    await row.save()
    return row.id


async def _certificate(
    org_id: int, division: str, direction: str, back: int, status: str, lines: list
) -> int:
    day = month_back(back).date()
    row = QuarantineCertificate(
        number=f"T{uid(20)}", public_id=uid(24), organisation=org_id, division_code=division,
        consignee="测试收货单位", origin="乌兰浩特市", destination="阿尔山市",
        destination_division="152202", vehicle="蒙F12345", ships_on=day, inspector_name="李四",
        issued_on=day, valid_to=day + timedelta(days=20), status=status, created_at=clock.now(),
        direction=direction, lines=lines, origin_division="150100" if direction == "in" else "",
    )  # fmt: skip
    await row.save()
    return row.id


async def seed_chain(org_id: int, division: str) -> dict[str, Any]:
    """Introductions, consignments, labels and scans."""
    for origin, status in INTRODUCTIONS:
        route = RouteKind.OTHER_CITY if origin[:2] == "15" else RouteKind.OTHER_PROVINCE
        await _application(
            org_id, "introduction", status, division, details=intro_details(origin_code=origin),
            sub_item=route.value,
        )  # fmt: skip
    issues, label_species = [], Counter[str]()
    for back, count in LABELS:
        issue = await make_issue(org_id, count, division)
        day = month_back(back).date()
        await Label.update({Label.issued_on: day}).where(Label.id.is_in(issue["label_ids"]))
        issues.append(issue)
        label_species[await _species_of(issue["lot_id"])] += count
    first = issues[0]
    licence = await Lot.select(Lot.licence).where(Lot.id == first["lot_id"]).first() or {}
    lots: dict[tuple[str, str], int] = {}
    for back, status, items in OUTBOUND:
        cert = await _certificate(org_id, division, "out", back, status, [])
        for species, material, quantity in items:
            if (species, material) not in lots:
                lots[(species, material)] = await _lot(
                    org_id, licence["licence"], species, material, division
                )
            await ConsignmentItem(
                certificate=cert, lot=lots[(species, material)], quantity=quantity
            ).save()
    for back, status, lines in INBOUND:
        body = [{"species": s, "variety": "", "quantity": q, "unit": u} for s, q, u in lines]
        await _certificate(org_id, division, "in", back, status, body)
    for back, count in SCANS:
        for _ in range(count):
            await LabelScan(
                serial=uid(10), lot=first["lot_id"], scanned_at=month_back(back),
                client=uid(16), outcome="valid",
            ).save()  # fmt: skip
    scanned = Counter({await _species_of(first["lot_id"]): sum(n for _, n in SCANS)})
    return {"lot": first["lot_id"], "label_species": label_species, "scan_species": scanned}


async def _species_of(lot_id: int) -> str:
    row = await Lot.select(Lot.species).where(Lot.id == lot_id).first()
    assert row is not None
    return str(row["species"])


async def _check(org_id: int, division: str, back: int) -> int:
    at = month_back(back)
    row = FieldCheck(
        idempotency_key=str(uuid.uuid4()), public_id=uid(32), number=f"测检{uid(20)}",
        division_code=division, origin="ad_hoc", target_kind="organisation", target_id=org_id,
        target_name="测试苗木有限公司", representative="张三", started_at=at,
        ended_at=at + timedelta(hours=1), submitted_at=at + timedelta(hours=1),
    )  # fmt: skip
    await row.save()
    return row.id


async def seed_enforcement(org_id: int, division: str) -> None:
    """Findings (each in a check of its own month), their follow-ups and cases."""
    first: tuple[int, int] | None = None
    for code, back, follow in FINDINGS:
        check = await _check(org_id, division, back)
        finding = CheckFinding(field_check=check, code=code, source="checklist", text="未挂标签")
        await finding.save()
        first = first or (finding.id, check)
        if follow:
            state, days = follow
            await FollowUp(
                finding=finding.id, field_check=check, division_code=division,
                due_on=TODAY + timedelta(days=days), state=state,
            ).save()  # fmt: skip
    assert first is not None
    for stage in CASES:
        await Case(
            public_id=uid(32), number=f"测案{uid(20)}", division_code=division, finding=first[0],
            check_id=first[1], check_number="测检", code="V1-1", item_name="未取得许可证",
            breached_article="种子法第三十二条", penalty_article="种子法第七十六条",
            facts="测试", party_id=org_id, party_kind="enterprise", party_name="测试苗木有限公司",
            act_on=TODAY, found_on=TODAY, stage=stage, opened_on=TODAY,
            created_at=clock.now(), updated_at=clock.now(),
        ).save()  # fmt: skip


async def seed_bases(org_id: int, division: str, bases: list) -> None:
    now = clock.now()
    for kind, stock in bases:
        lines = [{"species": s, "age_code": "2-0", "grade": "Ⅰ级苗", "quantity": n}
                 for s, n in stock]  # fmt: skip
        await NurseryBase(
            name=f"测试苗圃{uid(6)}", kind=kind, organisation=org_id, division_code=division,
            address="乌兰浩特市义勒力特镇", lat=46.08, lon=122.05, stock=lines,
            created_at=now, updated_at=now,
        ).save()  # fmt: skip


async def seed_ratings(org_id: int, division: str) -> None:
    for back, score in RATINGS:
        app = await _application(org_id, "licensing", "granted", division)
        day: date = month_back(back).date()
        await Rating(
            application=app, score=score, comment="测试", rated_at=month_back(back),
            follow_up_due=day + timedelta(days=7) if score <= 2 else None,
        ).save()  # fmt: skip


def unique_species() -> str:
    return f"测种{secrets.token_hex(3)}"
