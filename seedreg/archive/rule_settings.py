"""The archive's retention period: the law leaves it to the ministry (种子法第三十六条), and the
forestry standard LY/T 2289-2018 《林木种苗生产经营档案》 sets 10 years (pages name it
without its number: the public pages carry no Latin letters); no official full text
was available, so it is a setting."""

from seedreg.core import rulesettings as rs

RETENTION_YEARS = rs.define(
    rs.SettingDef(
        key="archive.retention_years",
        group="生产经营档案",
        label="生产经营档案保存期限",
        default=10,
        unit="年",
        minimum=1,
        maximum=50,
        basis=rs.Basis.LOCAL,
        source="林业行业标准《林木种苗生产经营档案》（2018年）",
        description="种子法第三十六条规定档案保存期限由国务院主管部门规定；林业行业标准"
        "《林木种苗生产经营档案》（2018年）定为 10 年（未见正式全文，默认 10 年）。"
        "保存期限内的档案记录不得删除，错误以更正记录追加。",
    )
)
