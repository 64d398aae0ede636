"""The applicant's uploaded materials, for every matter: checked against the matter's 办事指南
checklist (the catalogue), typed by their bytes, stored outside the web root, audited. The
matter's own service loads the application (with its access check) and passes the row; the
matter's table says in which states the applicant may still add files (``State.uploads``),
and 容缺受理's deferred items may follow while the decision clock runs (兴署发〔2021〕5号
Art. 16(三))."""

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
from seedreg.matters import applications as shared
from seedreg.matters import catalogue, rules
from seedreg.matters.inbox import audit_subject
from seedreg.matters.tables import ApplicationMaterial
from seedreg.matters.transitions import Clock, Party
from seedreg.settings import get_settings

ALLOWED_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def ensure_applicant(actor: Actor, row: dict[str, Any]) -> None:
    """The applicant itself, or the matter's officer filing at the counter (窗口代办)."""
    view = rules.actor_view(actor.role, row["matter"], at_counter=row["at_counter"])
    if Party.APPLICANT not in view.parties:
        raise Forbidden("只有申请人（或窗口代办的审批人员）可以办理此事项")


def _require(condition: bool, message: str, field: str | None = None) -> None:
    if not condition:
        raise RuleViolation(message, field=field)


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


async def uploaded_codes(application_id: int) -> set[str]:
    return {
        m["item_code"]
        for m in await ApplicationMaterial.select(ApplicationMaterial.item_code).where(
            ApplicationMaterial.application == application_id
        )
    }


async def pending_complete(row: dict[str, Any]) -> bool:
    """容缺受理: once every deferred item is in, no deadline is left to pass (the notice keeps
    the day it set)."""
    uploaded = await uploaded_codes(row["id"])
    if not set(row["pending_items"] or []) <= uploaded or row["pending_due"] is None:
        return False
    await shared.update(row["id"], {"pending_due": None})
    return True


async def upload(
    actor: Actor, row: dict[str, Any], item_code: str, filename: str, content: bytes
) -> dict[str, Any]:
    ensure_applicant(actor, row)
    state = rules.flow(row["matter"]).states[row["status"]]
    deferred = state.clock is Clock.DECISION and item_code in (row["pending_items"] or [])
    _require(state.uploads or deferred, "该申请当前不能再上传材料")
    name = safe_display_name(filename)
    limit = get_settings().max_upload_bytes
    _require(0 < len(content) <= limit, f"文件为空或超过{limit // 1_000_000}MB上限", "file")
    mime = sniff(content)
    items = {i["code"] for i in await catalogue.materials(row["matter"], row["sub_item"])}
    _require(item_code in items, "材料编号不在本事项的材料清单中", "item_code")
    stored = f"{secrets.token_hex(16)}.{ALLOWED_TYPES[mime]}"
    path = upload_dir() / stored
    path.write_bytes(content)
    try:
        async with transaction():
            sha256 = hashlib.sha256(content).hexdigest()
            material_id = await shared.add_material(
                {
                    "application": row["id"],
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
            complete = deferred and await pending_complete(row)
            await audit.record(
                actor,
                "material:upload",
                audit_subject(row["matter"]),
                row["id"],
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


async def material(material_id: int) -> dict[str, Any]:
    """A material's record; the caller checks access through its application."""
    row = await ApplicationMaterial.select().where(ApplicationMaterial.id == material_id).first()
    if row is None:
        raise NotFound("未找到该材料")
    return row


def read(material_row: dict[str, Any]) -> bytes:
    if material_row.get("source") == "held":  # 系统调取: the record is linked, no file kept
        raise NotFound("系统调取的材料没有文件，请查看其引用的记录")
    return (upload_dir() / material_row["stored_name"]).read_bytes()


async def delete(actor: Actor, application: dict[str, Any], material_row: dict[str, Any]) -> None:
    """The applicant takes a file back while the application is still its own to change (a
    draft, or during 补正); once submitted the file is part of the record."""
    ensure_applicant(actor, application)
    state = rules.flow(application["matter"]).states[application["status"]]
    if not state.uploads or state.clock is Clock.INTAKE:
        raise Conflict("已提交的材料不能删除")
    async with transaction():
        await shared.delete_material(material_row["id"])
        await audit.record(
            actor,
            "material:delete",
            audit_subject(application["matter"]),
            application["id"],
            before={"item": material_row["item_code"], "name": material_row["original_name"]},
        )
