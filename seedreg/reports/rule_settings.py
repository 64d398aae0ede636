"""Local settings of the reports. No source says how fresh a dashboard must be: a local choice
between load on the database and how soon a new record shows in the figures."""

from seedreg.core import rulesettings as rs
from seedreg.reports import report_fields

REFRESH_MINUTES = rs.define(
    rs.SettingDef(
        key="reports.refresh_minutes",
        group="统计报表",
        label="统计数据更新间隔",
        default=10,
        minimum=1,
        maximum=1440,
        unit="分钟",
        basis=rs.Basis.LOCAL,
        description="统计报表的数据每隔这么多分钟按新记录的业务增量更新一次；管理员也可随时立即更新。"
        "默认值为本地设定。",
    )
)

REPORT_FIELDS = rs.define(
    rs.SettingDef(
        key="reports.report_fields",
        group="统计报表",
        label="月报、年报的统计字段",
        default=report_fields.DEFAULT_LIST,
        basis=rs.Basis.LOCAL,
        check=report_fields.check_field_list,
        description="月报、年报逐行列出的统计字段及其顺序，字段名用顿号分隔。可用字段："
        + "、".join(f"{f.name}（{f.unit}）" for f in report_fields.FIELDS)
        + "。字段将按盟里下发的林木种苗统计报表调整；报表下发前为本地设定。",
    )
)
