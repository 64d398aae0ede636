"""Nothing asked twice (兴署发〔2021〕5号 Art. 10(四)): the organisation's approved introductions
(准予引种, the league's or recorded from the region) still in force, as records a material of
a new introduction of the same stock may be confirmed from (registered with ``matters.held``
at start-up): the earlier approval already weighed the trial evidence for that species and
variety (种子法第十九条第二款), so the report is not asked again."""

from __future__ import annotations

from seedreg.core import clock
from seedreg.introductions.tables import IntroductionApproval
from seedreg.matters.held_rules import HeldRecord, RecordKind, stock


async def held_approvals(organisation_id: int, subjects: frozenset[str]) -> list[HeldRecord]:
    if not any(s.startswith("stock:") for s in subjects):
        return []
    rows = (
        await IntroductionApproval.select(
            IntroductionApproval.id,
            IntroductionApproval.application,
            IntroductionApproval.number,
            IntroductionApproval.species,
            IntroductionApproval.variety,
            IntroductionApproval.valid_to,
        )
        .where(
            (IntroductionApproval.organisation == organisation_id)
            & (IntroductionApproval.valid_to >= clock.today())
        )
        .order_by(IntroductionApproval.id)
    )
    return [
        HeldRecord(
            RecordKind.INTRODUCTION,
            str(r["id"]),
            f"引种批准 {r['number']}（{r['species']} {r['variety']}，"
            f"有效期至{r['valid_to']:%Y年%m月%d日}）",
            f"/introductions/{r['application']}",
            valid_to=r["valid_to"],
            about=frozenset({stock(r["species"], r["variety"])}),
        )
        for r in rows
    ]
