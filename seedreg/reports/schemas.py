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
