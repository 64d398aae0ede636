"""Local settings of the reports. No source says how fresh a dashboard must be: a local choice
between load on the database and how soon a new record shows in the figures."""

from seedreg.core import rulesettings as rs

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
