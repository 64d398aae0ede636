"""E-licence codes no source at hand settles: 兴署发〔2021〕5号 Art. 27 requires the national
e-licence technical rules, whose identifier standard (GB/T 36904-2018) was not retrieved."""

from seedreg.core import rulesettings as rs

ROOT = rs.define(
    rs.SettingDef(
        key="elicences.identifier_root",
        group="电子印章与电子证照",
        label="电子证照标识根编码",
        default="1.2.156.3005.2",
        basis=rs.Basis.LOCAL,
        description="电子证照标识的固定前缀。国家标准《电子证照 标识规范》（2018年版）原文未取得，"
        "默认值取自公开的实施资料，须按自治区电子证照系统的要求核对。",
    )
)
TYPE_CODE = rs.define(
    rs.SettingDef(
        key="elicences.type_code",
        group="电子印章与电子证照",
        label="林木种子生产经营许可证证照类型代码",
        default="未设定",
        basis=rs.Basis.LOCAL,
        description="21位：证照定义部门的统一社会信用代码（18位）加3位序号，由国家或自治区"
        "电子证照目录给出。未设定时许可证不推送，留待设定。",
    )
)
ISSUERS = rs.define(
    rs.SettingDef(
        key="elicences.issuer_codes",
        group="电子印章与电子证照",
        label="颁发机构代码表",
        default="未设定",
        basis=rs.Basis.LOCAL,
        description="每个发证机关一项，写作“行政区划代码:统一社会信用代码”，多项用逗号分隔，"
        "例如“152200:盟林草局的代码,152201:乌兰浩特市林草局的代码”。",
    )
)
