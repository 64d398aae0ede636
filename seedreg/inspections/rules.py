"""Pure rules of the inspections domain: the catalogue's words, plan states, target kinds, who may
plan and draw. No I/O."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from seedreg.accounts.rules import Actor, Role, covers_division


class PlanStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"

    @property
    def label(self) -> str:
        return {"draft": "草稿", "approved": "已批准"}[self.value]


class TargetKind(StrEnum):
    """What a plan inspects. Afforestation projects join when their package exists (the issue
    on 重点工程造林): add a member and its source in targets.py."""

    ORGANISATION = "organisation"
    NURSERY_BASE = "nursery_base"

    @property
    def label(self) -> str:
        return TARGET_KIND_LABELS[self]


TARGET_KIND_LABELS = {
    TargetKind.ORGANISATION: "持证生产经营者",
    TargetKind.NURSERY_BASE: "苗圃基地",
}


class LicenceEffect(StrEnum):
    """What the penalty does to the licence. The Seed Law has no temporary suspension of a
    licence, so none is offered; 撤销 (annulment) is not a penalty but 行政许可法 Art. 69."""

    NONE = "none"
    MAY_REVOKE = "may_revoke"
    REVOKE_IF_SERIOUS = "revoke_if_serious"
    REVOKE = "revoke"
    ANNUL = "annul"

    @property
    def label(self) -> str:
        return {
            "none": "不涉及许可证",
            "may_revoke": "可以吊销许可证",
            "revoke_if_serious": "情节严重的，吊销许可证",
            "revoke": "吊销许可证（必须）",
            "annul": "撤销许可证（行政许可法第六十九条第二款：以欺骗、贿赂等不正当手段取得的，"
            "应当予以撤销）",
        }[self.value]


class Confiscation(StrEnum):
    GAINS = "gains"
    SEED = "seed"
    COLLECTED_SEED = "collected_seed"
    GERMPLASM = "germplasm"
    TOOLS = "tools"

    @property
    def label(self) -> str:
        return {
            "gains": "没收违法所得",
            "seed": "没收种子",
            "collected_seed": "没收所采种子",
            "germplasm": "没收种质资源",
            "tools": "没收生产经营工具",
        }[self.value]


# 兴署发〔2021〕6号 五(三) names six things inspectors look for; the rest are wider groups.
DIRECTIVE_GROUPS = {
    "1": "（一）无证生产经营，伪造、变造、买卖、租借许可证",
    "2": "（二）生产经营假劣种苗、侵犯品种权",
    "3": "（三）无标签、无使用说明，标签不规范或涂改标签",
    "4": "（四）未建立或档案不全",
    "5": "（五）应当使用良种而未使用",
    "6": "（六）未审先推、抢采掠青、破坏种质资源",
    "inspection": "监督检查",
    "quarantine": "植物检疫",
    "introduction": "引种",
}


def group_label(code: str) -> str:
    return DIRECTIVE_GROUPS.get(code, code)


# --- who may do what ---------------------------------------------------------------------------

PLANNER_ROLES = frozenset({Role.INSPECTOR, Role.ADMIN})


def may_read_catalogue(actor: Actor) -> bool:
    return actor.is_official


def may_edit_catalogue(actor: Actor) -> bool:
    return actor.is_admin


def may_plan(actor: Actor, division_code: str) -> bool:
    """Inspectors and the admin, for a jurisdiction they cover (a league inspector plans for
    its banners; a banner's inspector only for its own)."""
    return (
        actor.role in PLANNER_ROLES
        and actor.jurisdiction is not None
        and covers_division(actor.jurisdiction, division_code)
    )


def may_approve(actor: Actor, division_code: str) -> bool:
    """The league admin approves; accounts hold no "jurisdiction lead" yet."""
    return actor.is_admin and may_plan(actor, division_code)


def may_draw(actor: Actor, division_code: str, status: PlanStatus) -> bool:
    return status is PlanStatus.APPROVED and may_plan(actor, division_code)


def may_declare_conflict(actor: Actor, inspector_id: int) -> bool:
    """An inspector declares its own links; the admin records anyone's."""
    return actor.is_admin or (actor.role is Role.INSPECTOR and actor.user_id == inspector_id)


@dataclass(frozen=True)
class PlanActions:
    """What a plan's page offers this actor (templates ask this, never the role)."""

    approve: bool
    draw: bool
    edit: bool


def plan_actions(actor: Actor, division_code: str, status: PlanStatus) -> PlanActions:
    return PlanActions(
        approve=status is PlanStatus.DRAFT and may_approve(actor, division_code),
        draw=may_draw(actor, division_code, status),
        edit=status is PlanStatus.DRAFT and may_plan(actor, division_code),
    )


def targets_per_draw(total: int, share_percent: int) -> int:
    """The share of the candidates one draw takes, rounded up, at least one when any exist."""
    if total <= 0:
        return 0
    return max(1, -(-total * share_percent // 100))


def inspector_covers(inspector_jurisdiction: str | None, plan_division: str) -> bool:
    """An inspector may be drawn for a plan whose area it covers or lies within."""
    if not inspector_jurisdiction:
        return False
    return covers_division(inspector_jurisdiction, plan_division) or covers_division(
        plan_division, inspector_jurisdiction
    )
