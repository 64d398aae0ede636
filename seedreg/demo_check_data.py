"""Demo on-site checks (issue 22), made through the real services: one clean check of a drawn
target with a signature drawn on the screen, and one unplanned check with findings, a sample,
goods kept under 先行登记保存 and a refusal to sign before a witness. Idempotent: each check has
a fixed key, so a second ``load-demo`` answers with the checks already made."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

from PIL import Image, ImageDraw

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.inspections import checks, evidence
from seedreg.inspections.check_schemas import CheckIn
from seedreg.inspections.tables import DrawnVisit
from seedreg.organisations.tables import Organisation

NAMESPACE = uuid.UUID("6f1c1c3e-2b1a-4e0e-9d7a-22d0c0a1e001")


def _key(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, name))


def signature_png() -> bytes:
    """A squiggle standing for a signature drawn on the phone."""
    image = Image.new("RGB", (480, 160), "white")
    ImageDraw.Draw(image).line(
        [(30, 110), (80, 40), (120, 120), (170, 50), (230, 115), (300, 60), (420, 90)],
        fill="black",
        width=5,
    )
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def photo_jpeg() -> bytes:
    image = Image.new("RGB", (640, 480), (92, 120, 70))
    ImageDraw.Draw(image).rectangle([(120, 160), (520, 400)], fill=(150, 110, 60))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _times(days_ago: int) -> tuple[str, str]:
    start = (clock.now() - timedelta(days=days_ago)).replace(hour=1, minute=30, second=0)
    return start.isoformat(), (start + timedelta(minutes=80)).isoformat()


async def _clean(actor: Actor, partner: int) -> str | None:
    visit = await DrawnVisit.select().order_by(DrawnVisit.id).first().output(load_json=True)
    if visit is None or actor.user_id not in {p["id"] for p in visit["inspectors"]}:
        return None
    started, ended = _times(3)
    sign = _key("clean-signature")
    data = CheckIn.model_validate({
        "idempotency_key": _key("clean"), "origin": "draw", "drawn_visit_id": visit["id"],
        "target_kind": visit["target_kind"], "target_id": visit["target_id"],
        "representative": "陈立新", "representative_role": "生产负责人", "place": "苗圃生产区",
        "inspector_ids": [actor.user_id, partner], "started_at": started, "ended_at": ended,
        "latitude": 46.0725, "longitude": 122.0681, "accuracy_m": 18,
        "checklist": [{"code": c, "result": "complies"} for c in ("V1-1", "V3-2", "V4-1", "V5-1")],
        "signature": {"photo_key": sign},
    })  # fmt: skip
    out, _ = await checks.submit_check(actor, data)
    await evidence.upload(actor, data.idempotency_key, sign, signature_png())
    return f"  现场检查 {out.number}：{out.target_name}，未发现问题（双随机抽查）"


async def _with_findings(actor: Actor, partner: int, skip: int | None) -> str | None:
    org = (
        await Organisation.select(Organisation.id)
        .where(Organisation.division_code.like("1522%"))
        .order_by(Organisation.id)
        .limit(5)
    )
    target = next((o["id"] for o in org if o["id"] != skip), None)
    if target is None:
        return None
    started, ended = _times(1)
    photo = _key("findings-photo")
    data = CheckIn.model_validate({
        "idempotency_key": _key("findings"), "origin": "lead",
        "lead_note": "群众举报：该单位在集市销售无标签苗木", "target_kind": "organisation",
        "target_id": target, "representative": "韩冬梅", "representative_role": "销售员",
        "place": "集贸市场苗木摊位", "inspector_ids": [actor.user_id, partner],
        "started_at": started, "ended_at": ended,
        "checklist": [
            {"code": "V3-1", "result": "fails", "note": "摊位上约3000株樟子松苗无标签",
             "goods_value": "4500"},
            {"code": "V4-1", "result": "fails", "note": "未能出示本年度生产经营档案"},
            {"code": "V1-1", "result": "complies"},
        ],
        "samples": [{"number": "YP-2026-001", "goods": "樟子松 2-0 苗（无标签）",
                  "quantity": "50株", "base_quantity": "约3000株",
                  "seal": "封条 FT-001，双方签封"}],
        "seizure": {"goods": [{"goods": "无标签樟子松苗", "quantity": "3000株"}],
                 "place": "被检查单位仓库", "reason": "苗木可能被转移销售"},
        "photos": [{"key": photo, "caption": "无标签苗木堆放处"}],
        "signature": {"refused": True, "witness": "市场管理员刘强", "reason": "称需请示负责人"},
    })  # fmt: skip
    out, _ = await checks.submit_check(actor, data)
    await evidence.upload(actor, data.idempotency_key, photo, photo_jpeg())
    return f"  现场检查 {out.number}：{out.target_name}，发现问题{len(out.findings)}项（线索核查）"


async def load_checks(inspector: Actor, partner: Actor) -> list[str]:
    lines = []
    visit = await DrawnVisit.select(DrawnVisit.target_id).order_by(DrawnVisit.id).first()
    for made in (
        await _clean(inspector, partner.user_id),
        await _with_findings(inspector, partner.user_id, visit["target_id"] if visit else None),
    ):
        if made:
            lines.append(made)
    return lines
