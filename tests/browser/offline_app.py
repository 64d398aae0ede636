"""The app with a practice field form added, for the offline-layer browser tests and benchmark
(tests/browser/test_offline_drafts.py, tests/benchmarks/bench_field_pages.py).

The form has every kind of field drafts.js keeps (text, number, select, radios, checkboxes,
textarea, a photo, repeated rows). Its POST records once per idempotency key, as the field
check's own endpoint must, and counts every attempt, so a test can see "submitted exactly
once" from the server's side. It lives in the test tree: the product has no practice page.
Run: ``uvicorn --factory tests.browser.offline_app:create``.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from litestar import Litestar, MediaType, Request, get, post
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER

from seedreg.app import create_app

PAGE = (Path(__file__).parent / "practice_form.html").read_text(encoding="utf-8")

RECORDS: dict[str, dict[str, Any]] = {}  # idempotency key → what was recorded first
ATTEMPTS: dict[str, int] = {}  # idempotency key → posts received
PAGE_LOADS: list[str] = []  # every GET of the practice page that reached the server


@get("/practice/field-form", sync_to_thread=False)
def practice_page(request: Request, record: str = "1", user: str = "practice") -> Template:
    PAGE_LOADS.append(record)
    context = {"record": record, "user": user, "new_key": str(uuid.uuid4()), "error": ""}
    return Template(template_str=PAGE, context=context, media_type=MediaType.HTML)


@post("/practice/field-form")
async def practice_post(request: Request, record: str = "1", user: str = "practice") -> Any:
    form = await request.form()
    key = str(form.get("idempotency_key") or request.headers.get("idempotency-key") or "")
    ATTEMPTS[key] = ATTEMPTS.get(key, 0) + 1
    if not str(form.get("party") or "").strip():  # a refusal, as a real form's validation
        context = {"record": record, "user": user, "new_key": key, "error": "请填写被检查单位"}
        return Template(
            template_str=PAGE, context=context, media_type=MediaType.HTML, status_code=422
        )
    if key not in RECORDS:  # a retry gets the first answer, and records nothing
        fields: dict[str, Any] = {}
        for name, value in form.multi_items():
            if hasattr(value, "read"):
                data = await value.read()
                fields[name] = {
                    "filename": value.filename,
                    "bytes": len(data),
                    "type": value.content_type,
                }
            elif name != "_csrf_token":
                fields.setdefault(name, []).append(value)
        fields["header_key"] = request.headers.get("idempotency-key", "")
        RECORDS[key] = fields
    return Redirect(f"/practice/field-form/done/{key}", status_code=HTTP_303_SEE_OTHER)


@get("/practice/field-form/done/{key:str}", sync_to_thread=False, media_type=MediaType.HTML)
def practice_done(key: str) -> str:
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>已收到</title></head>'
        f'<body><main><h1>已收到</h1><p id="key">{key}</p></main></body></html>'
    )


@get("/practice/received", sync_to_thread=False)
def practice_received() -> dict[str, Any]:
    return {"records": RECORDS, "attempts": ATTEMPTS, "page_loads": PAGE_LOADS}


def create() -> Litestar:
    app = create_app()
    for handler in (practice_page, practice_post, practice_done, practice_received):
        app.register(handler)
    return app
