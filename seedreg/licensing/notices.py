"""Written notices and decisions (受理通知书, 补正通知书, 决定书…): numbered records, PDFs."""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core.audit import services as audit
from seedreg.core.errors import NotFound
from seedreg.licensing import rules
from seedreg.licensing.common import load, notice_title
from seedreg.licensing.rules import ApplicationKind
from seedreg.licensing.states import MATTER
from seedreg.matters import notices as shared_notices
from seedreg.matters.tables import Notice
from seedreg.reference import authorities
from seedreg.reference.authorities import AuthorityKind

# 机关代字 = the bureau's abbreviation (admin-entered, e.g. 兴林草) + the notice class below;
# numbered per GB/T 9704: 兴林草许受〔2026〕15号.
NUMBER_PREFIX = {
    "acceptance": "许受",
    "supplement": "许补",
    "rejection": "许不受",
    "grant": "许准",
    "refusal": "许不准",
    "extension": "许延",
    "pause": "许止",
    "pause_correction": "许更",
    "forward": "许报",
}


async def issue(
    actor: audit.ActorLike,
    application: dict[str, Any],
    kind: str,
    content: dict[str, Any],
    *,
    on: date | None = None,
) -> dict[str, Any]:
    """Number and store a licensing notice (see ``matters.notices.issue``)."""
    return await shared_notices.issue(
        actor, application, kind, content, prefix=NUMBER_PREFIX[kind], on=on
    )


async def notice_context(actor: Actor, notice_id: int, base_url: str) -> dict[str, Any]:
    """Everything a notice PDF prints, from stored records only (never today's data)."""
    row = await Notice.select().where(Notice.id == notice_id).first().output(load_json=True)
    if row is None:
        raise NotFound("未找到该文书")
    application = await load(actor, row["application"])  # access check through the application
    from seedreg.organisations.tables import Organisation

    org = await Organisation.select().where(Organisation.id == application["organisation"]).first()
    bureau = await authorities.authority(AuthorityKind.BUREAU, application["division_code"])
    content = row["content"] or {}
    licence = None
    if "licence_number" in content:  # a grant records the licence as granted
        licence = {
            "number": content["licence_number"],
            "valid_from": date.fromisoformat(content["valid_from"]),
            "valid_to": date.fromisoformat(content["valid_to"]),
        }
    return {
        "notice": row,
        "title": notice_title(row["kind"], application["kind"]),
        "decision": rules.decision_basis(application["kind"]),
        "application": application,
        "kind_label": ApplicationKind(application["kind"]).label,
        "licence": licence,
        "organisation": org,
        "authority": bureau.name,
        "verify_url": f"{base_url}/verify/notices/{row['public_id']}",
    }


async def public_notice(public_id: str) -> dict[str, Any]:
    row = (
        await Notice.select(
            Notice.kind,
            Notice.number,
            Notice.issued_on,
            Notice.application.sub_item.as_alias("application_kind"),
            Notice.application.matter.as_alias("matter"),
        )
        .where(Notice.public_id == public_id)
        .first()
    )
    if row is None:
        raise NotFound("未找到该文书：可能是伪造的")
    if row["matter"] != MATTER:  # another matter's notice, by its own name
        return {**row, "kind_label": shared_notices.title(row["matter"], row["kind"])}
    return {**row, "kind_label": notice_title(row["kind"], row["application_kind"])}
