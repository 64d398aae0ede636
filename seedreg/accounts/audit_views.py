"""The league admin's view of a record's history, as a page and as JSON (the audit trail is core's;
who may read it is accounts')."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Request, Response, get
from litestar.params import FromQuery
from litestar.response import Template
from pydantic import BaseModel

from seedreg.accounts import audit_words
from seedreg.accounts.web import CurrentActor
from seedreg.core.audit import services
from seedreg.core.errors import Forbidden
from seedreg.core.web import exporting
from seedreg.core.web.exporting import ExportColumn
from seedreg.core.web.pages import page


class AuditEventOut(BaseModel):
    seq: int
    occurred_at: datetime
    actor_id: int | None
    actor_label: str
    action: str
    subject_type: str
    subject_id: str
    before: Any
    after: Any
    hash: str


def _admin_only(actor: CurrentActor) -> None:
    if not actor.is_admin:
        raise Forbidden("只有盟林草局管理员可以查看审计记录")


AUDIT_EXPORT = (
    ExportColumn("序号", "seq"),
    ExportColumn("时间", "occurred_at"),
    ExportColumn("操作人", "actor_label"),
    ExportColumn("操作", "action_label"),
    ExportColumn("记录类型", "subject_label"),
    ExportColumn("记录", "subject_name", text=True),
    ExportColumn(
        "变更",
        lambda e: "；".join(f"{c['field']}：{c['before']}→{c['after']}" for c in e["changes"]),
    ),
)


@get("/admin/audit", include_in_schema=False)
async def audit_page(
    request: Request,
    actor: CurrentActor,
    subject_type: FromQuery[str] = "",
    subject_id: FromQuery[str] = "",
) -> Template | Response:
    _admin_only(actor)
    events = (
        await services.history(subject_type[:48], subject_id[:64])
        if subject_type
        else await services.recent()
    )
    described = [audit_words.describe(e) for e in events]
    if exporting.wanted(request):
        return exporting.xlsx("审计记录", AUDIT_EXPORT, described, "audit.xlsx")
    return page(
        request,
        "audit/history.html",
        export_url=exporting.export_url(request),
        events=described,
        subject_type=subject_type,
        subject_label=audit_words.subject_label(subject_type) if subject_type else "",
        subject_types=sorted(audit_words.SUBJECTS.items(), key=lambda kv: kv[1]),
        subject_id=subject_id,
        subject_name=audit_words.subject_name(subject_type, subject_id) or subject_id,
    )


@get("/api/audit", tags=["审计"], summary="记录的变更历史（管理员）")
async def audit_api(
    actor: CurrentActor, subject_type: FromQuery[str], subject_id: FromQuery[str]
) -> list[AuditEventOut]:
    _admin_only(actor)
    rows = await services.history(subject_type[:48], subject_id[:64])
    return [AuditEventOut(**{k: r[k] for k in AuditEventOut.model_fields}) for r in rows]


HANDLERS = [audit_page, audit_api]
