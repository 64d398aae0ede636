"""The officials' dashboard: the stored figures of the actor's area turned into charts, each
bar linking to the list behind it with the filter applied, each chart with its table. No count
is made here: only the summary rows the refresh stored are read (one indexed query)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from seedreg.accounts.rules import Actor, covers_division
from seedreg.cases.rules import Stage
from seedreg.core import clock
from seedreg.core.errors import Forbidden
from seedreg.core.web.templating import cn_date
from seedreg.labels.flags import STATUS_LABELS as FLAG_LABELS
from seedreg.licensing.licence_terms import LicenceStatus
from seedreg.matters.inbox import matter_options
from seedreg.matters.transitions import FLOWS
from seedreg.reference.services import division_names
from seedreg.reports import charts, dashboard_more, services
from seedreg.reports import rules as r
from seedreg.reports.charts import Bar, Stack
from seedreg.reports.figure import Figure
from seedreg.reports.figure import hbar as _hbar
from seedreg.reports.figure import months as _months
from seedreg.reports.figure import q as _q

FOLLOW_UPS = "/inspections/follow-ups"
DEADLINE_NOTE = "按法定期限计（行政许可法第四十二条）；视为受理：行政许可法第三十二条"
DEADLINE_SERIES = (("on_time", "按时办结"), ("late", "超期办结"), ("deemed", "视为受理"))


@dataclass(frozen=True)
class Board:
    figures: list[Figure]
    refreshed_at: str  # "" before the first refresh
    banners: list[tuple[str, str]]  # the banner filter's choices (code, name)
    division: str


def _keyed(
    rows: list[r.Row], metric: r.Metric, label: Callable[[str], str], link: Callable[[str], str]
) -> list[Bar]:
    return [Bar(label(k), v, link(k)) for k, v in r.total_by_key(rows, metric).items() if v]


def _licences(rows: list[r.Row], names: dict[str, str], division: str) -> list[Figure]:
    def status(k: str) -> str:
        return LicenceStatus(k).label if k in set(LicenceStatus) else k

    book = "/licensing/licences"  # the office's whole book, filtered as the figure counts
    expiring = r.total_by(rows, r.Metric.LICENCE_EXPIRING, "division_code")
    return [
        _hbar("licence-status", "许可证（按状态）", "", _keyed(
            rows, r.Metric.LICENCE_STATUS, status,
            lambda k: _q(book, status=k, division=division))),
        _hbar(
            "licence-expiring",
            f"{r.EXPIRING_DAYS}日内到期的有效许可证（按旗县市）",
            "到期前90日起发送延续提醒（行政许可法第五十条：届满30日前申请延续）",
            [Bar(names.get(d, d), n, _q(book, expiring_within=str(r.EXPIRING_DAYS), division=d))
             for d, n in expiring.items() if n],
        ),
    ]  # fmt: skip


def step_label(key: str, matters: dict[str, str]) -> str:
    """'licensing:submitted' → the matter's name and the state's words in its flow."""
    matter, _, status = key.partition(":")
    flow = FLOWS.get(matter)
    state = flow.states.get(status) if flow else None
    return f"{matters.get(matter, matter)}：{state.label if state else status}"


def _applications(rows: list[r.Row], matters: dict[str, str]) -> list[Figure]:
    months = r.last_months(clock.today())
    per = {(x.period, x.key): 0 for x in rows}
    for x in rows:
        if x.metric is r.Metric.APPLICATION_DEADLINE:
            per[(x.period, x.key)] = per.get((x.period, x.key), 0) + x.value
    stacks = [
        Stack(m, tuple(per.get((m, k), 0) for k, _ in DEADLINE_SERIES),
              tuple("/licensing/compliance" for _ in DEADLINE_SERIES))
        for m in months
        if any(per.get((m, k), 0) for k, _ in DEADLINE_SERIES)
    ]  # fmt: skip
    names = [n for _, n in DEADLINE_SERIES]
    title = "办结时限（按月）"
    svg = Markup(charts.stacked("deadline", title, names, stacks))  # noqa: S704
    table = [Bar(f"{s.label} {n}", v, "/licensing/compliance")
             for s in stacks for n, v in zip(names, s.values, strict=True)]  # fmt: skip
    return [
        _hbar("application-step", "申请（按事项、环节）", "", _keyed(
            rows, r.Metric.APPLICATION_STEP, lambda k: step_label(k, matters),
            lambda k: _q("/matters/inbox", matter=k.partition(":")[0]))),
        Figure("deadline", title, DEADLINE_NOTE, svg, table, sum(b.value for b in table)),
    ]  # fmt: skip


def _chain(rows: list[r.Row]) -> list[Figure]:
    shown = [x for x in rows if x.period in set(r.last_months(clock.today()))]

    def monthly(metric: r.Metric) -> dict[str, int]:
        return r.total_by(rows, metric, "period")

    def by_species(metric: r.Metric) -> list[Bar]:
        per = r.total_by_key(shown, metric)
        return [Bar(k, v, _q("/lots", species=k)) for k, v in per.items() if v]

    return [
        _months("lots-month", "批次登记（按月）", "", monthly(r.Metric.LOT_MONTH), "/lots"),
        _hbar("lots-species", "近12个月登记的批次（按树种）", "", by_species(r.Metric.LOT_MONTH)),
        _months("labels-month", "签发标签（按月）", "种子法第四十条：两证一签",
                monthly(r.Metric.LABEL_MONTH), "/lots"),
        _hbar("labels-species", "近12个月签发的标签（按树种）", "",
              by_species(r.Metric.LABEL_MONTH)),
        _months("scans-month", "标签扫码核验（按月）", "", monthly(r.Metric.SCAN_MONTH), ""),
        _hbar("scans-species", "近12个月扫码核验的标签（按树种）", "",
              by_species(r.Metric.SCAN_MONTH)),
        _hbar("clone-flags", "疑似仿冒标签（按处理状态）", "", _keyed(
            rows, r.Metric.CLONE_FLAG_STATUS, lambda k: FLAG_LABELS.get(k, k),
            lambda k: _q("/labels/clone-flags", status=k))),
    ]  # fmt: skip


def _enforcement(rows: list[r.Row], names: dict[str, str], division: str) -> list[Figure]:
    stats = _q("/inspections/statistics", division=division)
    overdue = r.total_by(rows, r.Metric.RECTIFICATION_OVERDUE, "division_code")

    def stage(k: str) -> str:
        return Stage(k).label if k in set(Stage) else k

    return [
        _hbar("finding-item", "检查发现的问题（按检查项）", "", _keyed(
            rows, r.Metric.FINDING_ITEM, lambda k: k, lambda k: stats)),
        _hbar("finding-banner", "检查发现的问题（按旗县市）", "",
              [Bar(names.get(d, d), n, _q("/inspections/statistics", division=d))
               for d, n in r.total_by(rows, r.Metric.FINDING_ITEM, "division_code").items() if n]),
        _hbar("overdue", "逾期未复查的整改（按旗县市）", "责令改正期限届满未复查",
              [Bar(names.get(d, d), n, FOLLOW_UPS) for d, n in overdue.items() if n]),
        _hbar("case-stage", "行政处罚案件（按阶段）", "", _keyed(
            rows, r.Metric.CASE_STAGE, stage, lambda k: _q("/cases", stage=k))),
    ]  # fmt: skip


async def board(actor: Actor, division: str = "") -> Board:
    own = actor.jurisdiction or ""
    if division and not (own and covers_division(own, division)):
        raise Forbidden("只能查看本辖区的统计")
    rows = await services.official_rows(actor, division)
    names = await division_names()
    at = await services.refreshed_at()
    banners = sorted(
        (code, name)
        for code, name in names.items()
        if own and code != own and covers_division(own, code)
    )
    figures = [
        *_licences(rows, names, division),
        *_applications(rows, dict(await matter_options())),
        *_chain(rows),
        *_enforcement(rows, names, division),
        *dashboard_more.figures(rows, names),
    ]
    return Board(figures, _when(at) if at else "", banners, division)


async def refreshed_words() -> str:
    """When the stored figures were counted, in words; "" before the first refresh."""
    at = await services.refreshed_at()
    return _when(at) if at else ""


def _when(at: object) -> str:
    from datetime import datetime

    if isinstance(at, datetime):
        local = at.astimezone(clock.CHINA)
        return f"{cn_date(local.date())} {local:%H:%M}"
    return cn_date(at) if isinstance(at, date) else str(at)
