"""Evidence photos of a check (and the party's drawn signature): uploaded one by one after the
check, each idempotent by its key. The original is kept byte for byte outside the web root
with its SHA-256 and metadata (行政处罚法 Arts. 46–47: evidence must be verifiable and the
investigation recorded); a copy without EXIF (GPS position, camera) is what is ever handed out."""

from __future__ import annotations

import hashlib
import io
import secrets
from pathlib import Path
from typing import Any

import filetype
from PIL import Image, ImageOps, UnidentifiedImageError

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.inspections import check_rules as cr
from seedreg.inspections import checks, rule_settings
from seedreg.inspections.tables import CheckPhoto
from seedreg.settings import get_settings

# The browser shrinks photos to JPEG before upload, and the signature canvas gives PNG; HEIC
# straight from an iPhone is refused: Pillow cannot read it to strip its location.
TYPES = {"image/jpeg": "jpg", "image/png": "png"}
KEY_REUSED = "这个照片编号已用于另一张照片，请重新拍摄"
EXIF_DATETIME = 0x9003  # DateTimeOriginal
EXIF_GPS = 0x8825


def evidence_dir() -> Path:
    folder = get_settings().var_dir / "evidence"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _declared_kind(row: dict[str, Any], photo_key: str) -> str:
    if photo_key == (row["signature"] or {}).get("photo_key"):
        return "signature"
    if photo_key in {p["key"] for p in row["photos"] or []}:
        return "photo"
    raise RuleViolation("这张照片不在本次检查登记的照片中", field="photo_key")


def _metadata(content: bytes) -> tuple[dict[str, Any], bytes]:
    """What the image says of itself, and a copy without any EXIF (re-encoded pixels only)."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.load()
            exif = image.getexif()
            meta = {
                "width": image.width,
                "height": image.height,
                "taken_at": str(exif.get(EXIF_DATETIME, "") or exif.get(0x0132, "")),
                "had_location": EXIF_GPS in exif,
            }
            fmt = image.format or "PNG"
            upright = ImageOps.exif_transpose(image)
            if upright.mode not in ("RGB", "RGBA", "L", "LA"):
                upright = upright.convert("RGBA" if fmt == "PNG" else "RGB")
            # Rebuilt from the pixels alone: no EXIF, XMP or text chunk can survive.
            clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
            out = io.BytesIO()
            clean.save(out, format=fmt, quality=90) if fmt == "JPEG" else clean.save(out, fmt)
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise RuleViolation("图片无法读取（文件可能已损坏）", field="file") from exc
    return meta, out.getvalue()


def _sniff(content: bytes) -> str:
    kind = filetype.guess(content[:8192])
    mime = kind.mime if kind else ""
    if mime not in TYPES:
        raise RuleViolation("只接受JPEG或PNG图片（按文件内容识别，改扩展名无效）", field="file")
    return mime


async def check_image(content: bytes) -> None:
    """Refuse what upload would refuse, before a page records the check with it."""
    limit = await rule_settings.photo_max_bytes()
    if not 0 < len(content) <= limit:
        raise RuleViolation(f"照片为空或超过{limit // 1000}KB上限", field="file")
    _sniff(content)
    _metadata(content)


async def _existing(photo_key: str) -> dict[str, Any] | None:
    return await CheckPhoto.select().where(CheckPhoto.photo_key == photo_key).first()


async def upload(
    actor: Actor, check_key: str, photo_key: str, content: bytes
) -> tuple[dict[str, Any], bool]:
    """Keep one photo of the check ``check_key``; the same bytes again answer with the photo
    already kept (False). Only an inspector named on the check uploads its evidence."""
    row = await checks.stored(check_key)
    if row is None:
        raise NotFound("请先提交检查记录，再上传照片")
    if actor.user_id not in {p["id"] for p in row["inspectors"]} or not cr.may_record_check(
        actor, row["division_code"]
    ):
        raise Forbidden("只有参加本次检查的执法人员可以上传证据照片")
    sha256 = hashlib.sha256(content).hexdigest()
    if (kept := await _existing(photo_key)) is not None:
        if kept["field_check"] != row["id"] or kept["sha256"] != sha256:
            raise Conflict(KEY_REUSED, field="photo_key")
        return kept, False
    kind = _declared_kind(row, photo_key)
    await check_image(content)
    mime = _sniff(content)
    meta, copy = _metadata(content)
    token = secrets.token_hex(16)
    stored, copy_name = f"{token}.{TYPES[mime]}", f"{token}-copy.{TYPES[mime]}"
    (evidence_dir() / stored).write_bytes(content)
    (evidence_dir() / copy_name).write_bytes(copy)
    async with transaction():
        photo = CheckPhoto(
            field_check=row["id"], photo_key=photo_key, kind=kind, content_type=mime,
            size=len(content), sha256=sha256, stored_name=stored, copy_name=copy_name,
            metadata=meta, uploaded_by=actor.user_id, uploaded_at=clock.now(),
        )  # fmt: skip
        await photo.save()
        await audit.record(
            actor, "check_photo:upload", "field_check", row["id"],
            after={"photo_key": photo_key, "sha256": sha256, "size": len(content)},
        )  # fmt: skip
    kept = await _existing(photo_key)
    assert kept is not None
    return kept, True


async def copy_for(actor: Actor, check_id: int, photo_key: str) -> tuple[bytes, str]:
    """The copy without EXIF of one photo (what pages and documents show)."""
    row = await checks.load(actor, check_id)
    kept = await _existing(photo_key)
    if kept is None or kept["field_check"] != row["id"]:
        raise NotFound("未找到该照片")
    return (evidence_dir() / kept["copy_name"]).read_bytes(), kept["content_type"]


async def signature_png(check_id: int, photo_key: str) -> bytes | None:
    kept = await _existing(photo_key) if photo_key else None
    if kept is None or kept["field_check"] != check_id:
        return None
    return (evidence_dir() / kept["copy_name"]).read_bytes()
