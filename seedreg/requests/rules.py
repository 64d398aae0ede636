"""Pure rules of the three request matters: their kinds, who handles each, what a refusal
orders done with the goods (植物检疫条例 Art. 8: treat, then certify; what cannot be treated
must not move), and which request answers which missing link of a lot's 两证一签. No I/O."""

from __future__ import annotations

from enum import StrEnum

from seedreg.accounts.rules import Role


class RequestKind(StrEnum):
    QUALITY = "quality_request"
    SITE = "site_quarantine_request"
    CONSIGNMENT = "consignment_quarantine_request"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def prefix(self) -> str:
        """The reference's letters: ZJ (质检) / CD (产地) / DY (调运)."""
        return {"quality_request": "ZJ", "site_quarantine_request": "CD"}.get(self, "DY")


KIND_LABELS = {
    RequestKind.QUALITY: "质量检验申请",
    RequestKind.SITE: "产地检疫申请",
    RequestKind.CONSIGNMENT: "调运检疫报检",
}
# Who works each queue (the league admin too, as for every matter).
HANDLERS = {
    RequestKind.QUALITY: frozenset({Role.SEED_STATION, Role.ADMIN}),
    RequestKind.SITE: frozenset({Role.QUARANTINE_OFFICER, Role.ADMIN}),
    RequestKind.CONSIGNMENT: frozenset({Role.QUARANTINE_OFFICER, Role.ADMIN}),
}


def kinds_handled_by(role: Role) -> list[RequestKind]:
    return [k for k in RequestKind if role in HANDLERS[k]]


class Disposal(StrEnum):
    """What a failed request orders (植物检疫条例 Art. 8; for quality, 种子法 Art. 48: seed
    below standard is not sold as such)."""

    TREAT = "treat"
    REINSPECT = "reinspect"
    DESTROY = "destroy"
    RETURN = "return"

    @property
    def label(self) -> str:
        return DISPOSAL_LABELS[self]


DISPOSAL_LABELS = {
    Disposal.TREAT: "除害处理后重新申请检疫",
    Disposal.REINSPECT: "整改后重新申请检验",
    Disposal.DESTROY: "销毁（不得调运、不得销售）",
    Disposal.RETURN: "退回调出地",
}


def refusal_text(reasons: str, disposal: Disposal | None) -> str:
    """What the operator reads: why, and what must now be done with the goods."""
    if disposal is None:
        return reasons
    return f"{reasons}。处理意见：{disposal.label}"


class Link(StrEnum):
    """A missing link of 两证一签 that a request answers (the licence is a matter of its own)."""

    QUALITY = "quality"
    QUARANTINE = "quarantine"


def link_for_problem(problem: str) -> Link | None:
    """Which request answers a readiness problem (labels.rules words it: 没有有效的质量检验合格证,
    质量检验合格证已过期 …, 检疫证书已撤销 …)."""
    if "质量检验合格证" in problem:
        return Link.QUALITY
    if "检疫证书" in problem:
        return Link.QUARANTINE
    return None


def missing_links(problems: list[str]) -> list[Link]:
    """The links to ask for, in the chain's order, each once."""
    found = {link for p in problems if (link := link_for_problem(p))}
    return [link for link in Link if link in found]


def reference(kind: RequestKind, year: int, sequence: int) -> str:
    return f"{kind.prefix}{year}{sequence:06d}"


def buttons(lot_id: int, problems: list[str]) -> list[tuple[str, str]]:
    """The lot's readiness buttons, one per missing link, each leading to its request form
    pre-filled with the lot (label, address); the 自检 path where the quality link is missing
    (the operator's own verified 检验员, quality's existing form)."""
    out: list[tuple[str, str]] = []
    for link in missing_links(problems):
        if link is Link.QUALITY:
            out.append(
                ("申请种苗站质量检验", f"/requests/new?kind={RequestKind.QUALITY}&lot_id={lot_id}")
            )
            out.append(("录入本单位检验员的自检结果", f"/lots/{lot_id}/inspect"))
        else:
            out.append(("申请产地检疫", f"/requests/new?kind={RequestKind.SITE}&lot_id={lot_id}"))
    return out


def consignment_button(lot_id: int) -> tuple[str, str]:
    """Every move of seedlings needs a 植物检疫证书 (植物检疫条例 Art. 7)."""
    return ("调运检疫报检", f"/requests/new?kind={RequestKind.CONSIGNMENT}&lot_id={lot_id}")
