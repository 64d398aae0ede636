"""Local settings of cases. 行政处罚法 leaves these to other rules: which fine is 较大数额 (Art. 63,
set by each province's rules), which decisions are major (Art. 58 lists kinds, not amounts), how
long a case may be extended and whether a hearing or an assessment stops the clock (Art. 60:
法律、法规、规章另有规定的，从其规定)."""

from seedreg.core import rulesettings as rs

GROUP = "行政处罚"

HEARING_INDIVIDUAL = rs.define(
    rs.SettingDef(
        key="cases.hearing_amount_individual",
        group=GROUP,
        label="较大数额罚款（个人）",
        default=5000,
        minimum=1,
        maximum=10_000_000,
        unit="元",
        basis=rs.Basis.LOCAL,
        description="对个人拟处以此数额以上罚款的，告知当事人有要求听证的权利（行政处罚法第六十三条）。"
        "“较大数额”由内蒙古自治区的规定确定；默认值为本地设定，请按自治区现行标准核对。",
    )
)
HEARING_ORGANISATION = rs.define(
    rs.SettingDef(
        key="cases.hearing_amount_organisation",
        group=GROUP,
        label="较大数额罚款（单位）",
        default=50_000,
        minimum=1,
        maximum=100_000_000,
        unit="元",
        basis=rs.Basis.LOCAL,
        description="对法人或者其他组织拟处以此数额以上罚款的，告知听证权利（行政处罚法第六十三条）。"
        "“较大数额”由内蒙古自治区的规定确定；默认值为本地设定，请按自治区现行标准核对。",
    )
)
MAJOR_AMOUNT = rs.define(
    rs.SettingDef(
        key="cases.major_amount",
        group=GROUP,
        label="须法制审核的罚款数额",
        default=50_000,
        minimum=1,
        maximum=100_000_000,
        unit="元",
        basis=rs.Basis.LOCAL,
        description="拟处以此数额以上罚款的决定为重大执法决定，作出前须经法制审核（行政处罚法第五十八条）；"
        "吊销许可证和经过听证的决定一律法制审核。数额由本机关重大执法决定目录确定，默认值为本地设定。",
    )
)
EXTENSION_DAYS = rs.define(
    rs.SettingDef(
        key="cases.extension_days",
        group=GROUP,
        label="办案期限延长天数",
        default=30,
        minimum=0,
        maximum=180,
        unit="日",
        basis=rs.Basis.LOCAL,
        description="案情复杂不能在立案之日起九十日内作出决定的，经本机关负责人批准可延长一次的天数。"
        "行政处罚法第六十条允许法律、法规、规章另作规定；默认值参照《市场监督管理行政处罚程序规定》"
        "第六十四条（延长三十日），为本地设定。0 表示不得延长。",
    )
)
PAUSES_ALLOWED = rs.define(
    rs.SettingDef(
        key="cases.pauses_allowed",
        group=GROUP,
        label="听证、鉴定期间不计入办案期限",
        default=True,
        basis=rs.Basis.LOCAL,
        description="行政处罚法第六十条未规定中止；规章另有规定的从其规定。默认参照《市场监督管理行政处罚"
        "程序规定》第六十四条第二款（听证、检测、检验、鉴定等期间不计入），为本地设定；关闭后期限不中止。",
    )
)
DEFENCE_DAYS = rs.define(
    rs.SettingDef(
        key="cases.defence_days",
        group=GROUP,
        label="陈述申辩期限",
        default=3,
        minimum=1,
        maximum=30,
        unit="个工作日",
        basis=rs.Basis.LOCAL,
        description="事先告知书给当事人陈述、申辩的期限（行政处罚法第四十五条未规定天数）。默认值为本地设定；"
        "要求听证的期限为法定五个工作日（第六十四条）。",
    )
)
