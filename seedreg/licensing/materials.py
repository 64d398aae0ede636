"""The material checklist (the licensing matter's materials in the catalogue, which the admin
keeps) and the applicant's uploads."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path
from typing import Any

import filetype

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.core.inputs import invisible_char, invisible_message
from seedreg.licensing import rules
from seedreg.licensing.common import ensure_applicant, load, require, save
from seedreg.licensing.rules import Status
from seedreg.licensing.states import MATTER
from seedreg.matters import applications as shared
from seedreg.matters import catalogue
from seedreg.matters.tables import ApplicationMaterial
from seedreg.settings import get_settings

ALLOWED_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
EDITABLE = (Status.DRAFT, Status.SUPPLEMENT_REQUESTED, Status.SUBMITTED)


async def checklist(
    kind: str | None = None, *, include_inactive: bool = False
) -> list[dict[str, Any]]:
    """The licensing matter's materials in the catalogue, in guide order (for one application
    kind); retired items only on request, so the admin can see and reactivate them."""
    return await catalogue.materials(MATTER, kind, include_inactive=include_inactive)


async def missing(actor: Actor, application_id: int) -> list[dict[str, Any]]:
    """The checklist items an application still lacks a file for (rules.missing_items), for
    whoever may see the application: the applicant before submitting, the officer's 补正."""
    row = await load(actor, application_id)
    uploaded = await ApplicationMaterial.select(ApplicationMaterial.item_code).where(
        ApplicationMaterial.application == application_id
    )
    return rules.missing_items(
        await checklist(row["kind"]),
        (m["item_code"] for m in uploaded),
        row["supplement_items"] or [],
    )


async def save_item(actor: Actor, data: dict[str, Any]) -> dict[str, Any]:
    """Add or correct a checklist item (league admin); catch-alls and items without a legal
    basis are refused (兴署发〔2021〕5号 Art. 10)."""
    if not actor.is_admin:
        raise Forbidden("只有盟林草局管理员可以维护材料清单")
    if problem := rules.material_item_problem(data["name"], data["legal_basis"]):
        raise RuleViolation(problem, field="name")
    return await catalogue.save_material(actor, MATTER, data)


def safe_display_name(name: str) -> str:
    """The uploaded file's name, refused if it tries to name a path (../, /, \\, NUL)."""
    if not name or len(name) > 200 or any(c in name for c in "/\\\x00") or ".." in name:
        raise RuleViolation("文件名不合法：不能包含路径或特殊字符，请重命名后再上传", field="file")
    if any(ord(c) < 32 for c in name):
        raise RuleViolation("文件名不合法：含有控制字符", field="file")
    if ch := invisible_char(name):  # "报告\u202efdp.exe" displays as "报告exe.pdf"
        raise RuleViolation(invisible_message(ch, "文件名"), field="file")
    return name


def sniff(content: bytes) -> str:
    """The real type from the bytes; the name and the browser's claim are not trusted."""
    kind = filetype.guess(content[:8192])
    mime = kind.mime if kind else ""
    if mime not in ALLOWED_TYPES:
        raise RuleViolation(
            "只接受PDF、JPEG、PNG文件（按文件内容识别，改扩展名无效）", field="file"
        )
    return mime


def upload_dir() -> Path:
    folder = get_settings().var_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def _pending_complete(row: dict[str, Any]) -> bool:
    """容缺受理: once every deferred item is in, no deadline is left to pass (the notice keeps
    the day it set)."""
    uploaded = {
        m["item_code"]
        for m in await ApplicationMaterial.select(ApplicationMaterial.item_code).where(
            ApplicationMaterial.application == row["id"]
        )
    }
    if not set(row["pending_items"] or []) <= uploaded or row["pending_due"] is None:
        return False
    await save(row["id"], {"pending_due": None})
    return True


async def upload(
    actor: Actor, application_id: int, item_code: str, filename: str, content: bytes
) -> dict[str, Any]:
    row = await load(actor, application_id)
    ensure_applicant(actor, row)
    deferred = row["status"] == Status.ACCEPTED and item_code in (row["pending_items"] or [])
    require(row["status"] in EDITABLE or deferred, "该申请当前不能再上传材料")
    name = safe_display_name(filename)
    limit = get_settings().max_upload_bytes
    require(0 < len(content) <= limit, f"文件为空或超过{limit // 1_000_000}MB上限", "file")
    mime = sniff(content)
    items = {i["code"] for i in await checklist(row["kind"])}
    require(item_code in items, "材料编号不在本事项的材料清单中", "item_code")
    stored = f"{secrets.token_hex(16)}.{ALLOWED_TYPES[mime]}"
    path = upload_dir() / stored
    path.write_bytes(content)
    try:
        async with transaction():
            sha256 = hashlib.sha256(content).hexdigest()
            material_id = await shared.add_material(
                {
                    "application": application_id,
                    "item_code": item_code,
                    "original_name": name,
                    "stored_name": stored,
                    "content_type": mime,
                    "size": len(content),
                    "sha256": sha256,
                    "uploaded_by": actor.user_id,
                    "uploaded_at": clock.now(),
                }
            )
            complete = deferred and await _pending_complete(row)
            await audit.record(
                actor,
                "material:upload",
                "licence_application",
                application_id,
                after={
                    "item": item_code,
                    "name": name,
                    "size": len(content),
                    "sha256": sha256,
                    **({"pending_complete": True} if complete else {}),
                },
            )
    except Exception:
        path.unlink(missing_ok=True)  # no orphan file when the record could not be written
        raise
    return {
        "id": material_id,
        "item_code": item_code,
        "original_name": name,
        "content_type": mime,
        "size": len(content),
    }


async def download(actor: Actor, material_id: int) -> tuple[dict[str, Any], bytes]:
    """A material's bytes, for those who may see its application."""
    row = await ApplicationMaterial.select().where(ApplicationMaterial.id == material_id).first()
    if row is None:
        raise NotFound("未找到该材料")
    await load(actor, row["application"])
    return row, (upload_dir() / row["stored_name"]).read_bytes()


async def delete(actor: Actor, material_id: int) -> None:
    row = await ApplicationMaterial.select().where(ApplicationMaterial.id == material_id).first()
    if row is None:
        raise NotFound("未找到该材料")
    application = await load(actor, row["application"])
    ensure_applicant(actor, application)
    if application["status"] not in (Status.DRAFT, Status.SUPPLEMENT_REQUESTED):
        raise Conflict("已提交的材料不能删除")
    async with transaction():
        await shared.delete_material(material_id)
        await audit.record(
            actor,
            "material:delete",
            "licence_application",
            row["application"],
            before={"item": row["item_code"], "name": row["original_name"]},
        )
