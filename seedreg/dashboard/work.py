"""An operator's work for today on the home page: its licences and when they expire, its lots
and what each still lacks for 两证一签 (the labels' readiness check, Seed Law Art. 40), and its
open applications with what each asks of the applicant. Read-only; the lists and the texts come
from the services that own them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.web.templating import cn_date
from seedreg.labels import rules as label_rules
from seedreg.labels.readiness import readiness
from seedreg.licensing import applications, licence_register, materials
from seedreg.licensing.deadlines import EXPIRY_REMINDER_DAYS
from seedreg.licensing.licence_terms import renewal_window_opens
from seedreg.licensing.rule_settings import RENEWAL_LEAD_DAYS
from seedreg.licensing.rules import LicenceStatus, Status
from seedreg.licensing.schemas import ApplicationOut, LicenceOut
from seedreg.lots import services as lots
from seedreg.lots.rules import LotStatus


@dataclass(frozen=True)
class Line:
    """One row of a home-page list: what it is, its state in words, what to do, and where."""

    title: str
    link: str
    state: str
    todo: str = ""  # what is asked of the operator now ("" when nothing is)
    next_label: str = ""  # the button to the next step
    next_link: str = ""
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class OperatorWork:
    licences: list[Line]
    lots: list[Line]
    applications: list[Line]


async def operator_work(actor: Actor) -> OperatorWork:
    today = clock.today()
    return OperatorWork(
        licences=await _licences(actor, today),
        lots=await _lots(actor, today),
        applications=await _applications(actor),
    )


async def _licences(actor: Actor, today: date) -> list[Line]:
    lead = await rs.value(RENEWAL_LEAD_DAYS)
    return [
        licence_line(lic, today, lead)
        for lic in await licence_register.for_actor(actor)
        if lic.status is LicenceStatus.VALID
    ]


def licence_line(lic: LicenceOut, today: date, lead_days: int) -> Line:
    """Its expiry, and from the renewal window on, the day to apply by (行政许可法 Art. 50)."""
    left = (lic.valid_to - today).days
    state = f"有效期至{cn_date(lic.valid_to)}（还有{left}天）"
    last_day = renewal_window_opens(lic.valid_to, lead_days)
    todo = ""
    if left < 0:
        state = f"已于{cn_date(lic.valid_to)}到期"
        todo = "许可证已过期，不能再延续，请重新申请核发"
    elif left <= max(EXPIRY_REMINDER_DAYS):  # when the expiry reminders start
        todo = f"需要延续的，请在{cn_date(last_day)}前申请延续（有效期届满{lead_days}日前）"
    return Line(
        title=lic.number,
        link=f"/licensing/licences/{lic.id}",
        state=state,
        todo=todo,
        next_label="申请延续" if todo and left >= 0 else "",
        next_link="/licensing" if todo and left >= 0 else "",
    )


async def _lots(actor: Actor, today: date) -> list[Line]:
    items, _ = await lots.search(actor, status=LotStatus.ACTIVE)
    lines = []
    for lot in items:
        ready = await readiness(actor, lot.id, today)
        lines.append(lot_line(lot.id, f"{lot.number} {lot.species}", ready.problems))
    return lines


def lot_line(lot_id: int, title: str, problems: list[str]) -> Line:
    """Ready for labels, all labelled, or what 两证一签 still lacks (the readiness check's own
    words) with the lot's page, where each certificate is asked for."""
    link = f"/lots/{lot_id}"
    if not problems:
        return Line(title, link, "两证一签齐全", "", "签发标签", f"/labels/lots/{lot_id}")
    if problems == [label_rules.EXHAUSTED]:
        return Line(title, link, "已全部贴签")
    return Line(
        title,
        link,
        "两证一签不全，暂不能签发标签",
        "缺：" + "；".join(problems),
        "查看批次",
        link,
        tuple(problems),
    )


async def _applications(actor: Actor) -> list[Line]:
    items, _ = await applications.search(actor)
    names = {m["code"]: m["name"] for m in await materials.checklist(include_inactive=True)}
    return [application_line(a, names) for a in items if not a.status.is_final]


def application_line(app: ApplicationOut, names: dict[str, str]) -> Line:
    """What the application asks of the applicant now, in words (补正 with its items and day,
    容缺 items to supply, or only waiting for the bureau)."""
    todo = asked_of_applicant(app, names)
    link = f"/licensing/applications/{app.id}"
    return Line(
        title=f"{app.reference} {app.kind_label}",
        link=link,
        state=app.status_label,
        todo=todo,
        next_label="去办理" if todo else "",
        next_link=link if todo else "",
    )


def asked_of_applicant(app: ApplicationOut, names: dict[str, str]) -> str:
    def items(codes: list[str] | None) -> str:
        return "、".join(names.get(c, c) for c in codes or [])

    if app.status is Status.DRAFT:
        return "尚未提交：填好申请、上传材料后提交"
    if app.status is Status.SUPPLEMENT_REQUESTED:
        by = f"请在{cn_date(app.supplement_deadline)}前" if app.supplement_deadline else "请"
        return f"{by}补正：{items(app.supplement_items)}"
    if app.status is Status.ACCEPTED and app.pending_items and app.pending_due:
        by = f"请在{cn_date(app.pending_due)}前" if app.pending_due else "请"
        return f"容缺受理，{by}补齐：{items(app.pending_items)}"
    return ""
