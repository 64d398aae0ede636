"""What the reports API returns: the dashboard's figures as the page shows them."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ItemOut(BaseModel):
    label: str = Field(description="柱的名称：状态、旗县市、树种、月份（YYYY-MM）等")
    value: int
    link: str = Field(description="该数字背后的列表页面（已带筛选条件），无则为空")


class FigureOut(BaseModel):
    ident: str = Field(description="图表标识，如 licence-status、lots-month")
    title: str
    note: str = Field(description="依据或口径说明")
    total: int
    items: list[ItemOut]


class DashboardOut(BaseModel):
    refreshed_at: str = Field(description="数据更新时间（北京时间）；尚未统计时为空")
    division: str = Field(description="所选旗县市代码；空为本辖区全部")
    figures: list[FigureOut]


class RefreshOut(BaseModel):
    seq: int = Field(description="统计数据已包含到的审计事件位置")
    families: list[str] = Field(description="本次重新统计的数据类别")
    written: bool = Field(description="是否写入（另一进程已有更新的统计时为否）")


class OfficeOut(BaseModel):
    division_code: str = Field(description="办理机关所在旗县市（盟本级为 152200）")
    name: str
    handled: int = Field(description="办结件数（含审核后报送核发机关的）")
    on_time: int = Field(description="在法定期限内办结的件数")
    supplemented: int = Field(description="一次性告知补正的件数")
    rounds: int = Field(description="告知补正的次数")
    deemed: int = Field(description="逾期未作处理、视为受理的件数（行政许可法第三十二条）")
    ratings: int = Field(description="评价件数")
    poor: int = Field(description="差评件数（1—2分）")
    poor_fixed: int = Field(description="差评在整改回复期限内回复的件数")


class DrawOfficeOut(BaseModel):
    division_code: str = Field(description="组织抽取的机关所在地代码（盟本级为 152200）")
    name: str
    draws: int = Field(description="本月组织的双随机抽取次数")
    targets: int = Field(description="抽中的检查对象数")
    closed: int = Field(description="已完成现场检查的对象数")
    with_findings: int = Field(description="检查发现问题的对象数")
    without_findings: int = Field(description="检查未发现问题的对象数")


class PublicationOut(BaseModel):
    month: str = Field(description="月份 YYYY-MM")
    refreshed_at: str
    offices: list[OfficeOut]
    draws: list[DrawOfficeOut] = Field(
        default=[], description="本月双随机抽查：按组织抽取的机关（抽取明细见 /inspections/draws）"
    )


class ReportFieldOut(BaseModel):
    key: str = Field(description="字段代码，如 lots、handled")
    name: str
    unit: str = Field(description="计量单位：件、批、张、次、株、kg")


class PeriodLineOut(BaseModel):
    division_code: str = Field(description="旗县市（或办理机关所在地）代码")
    name: str
    figures: dict[str, int] = Field(description="字段代码 → 本期数字")


class PeriodReportOut(BaseModel):
    period: str = Field(description="统计期：YYYY-MM（月报）或 YYYY（年报）")
    period_words: str = Field(description="如 2026年11月、2026年")
    title: str
    division: str = Field(description="所选旗县市代码；空为本辖区全部")
    authority: str = Field(description="填报机关")
    refreshed_at: str = Field(description="数据更新时间（北京时间）；尚未统计时为空")
    fields: list[ReportFieldOut] = Field(description="按设定 reports.report_fields 的字段及顺序")
    lines: list[PeriodLineOut]
    total: dict[str, int]
