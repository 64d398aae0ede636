"""Uploads awaiting the user's choice after the preview: the file under var/imports, named by a
random token and bound to the user who uploaded it, so the preview needs no JavaScript and no
hidden copy of the data in the page. Abandoned uploads are removed after PENDING_HOURS."""

from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path
from typing import Any

from seedreg.core.errors import NotFound
from seedreg.settings import get_settings

PENDING_HOURS = 24
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{24}$")
GONE = "该导入已完成或已过期：请重新上传文件"


def _folder() -> Path:
    folder = get_settings().var_dir / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _paths(token: str) -> tuple[Path, Path]:
    if not _TOKEN.match(token):
        raise NotFound(GONE)
    folder = _folder()
    return folder / f"{token}.xlsx", folder / f"{token}.json"


def _sweep(folder: Path) -> None:
    cutoff = time.time() - PENDING_HOURS * 3600
    for path in folder.glob("*.*"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


def put(importer: str, user_id: int | None, filename: str, content: bytes) -> str:
    folder = _folder()
    _sweep(folder)
    token = secrets.token_urlsafe(18)
    data, meta = _paths(token)
    data.write_bytes(content)
    meta.write_text(
        json.dumps({"importer": importer, "user_id": user_id, "filename": filename[:200]}),
        encoding="utf-8",
    )
    return token


def get(importer: str, user_id: int | None, token: str) -> tuple[dict[str, Any], bytes]:
    """The stored upload, only for the user who made it and the importer it was made for."""
    data, meta = _paths(token)
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        content = data.read_bytes()
    except (OSError, ValueError):
        raise NotFound(GONE) from None
    if info.get("importer") != importer or info.get("user_id") != user_id:
        raise NotFound(GONE)
    return info, content


def drop(token: str) -> None:
    for path in _paths(token):
        path.unlink(missing_ok=True)
