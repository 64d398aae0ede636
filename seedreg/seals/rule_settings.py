"""Seal values no source settles: 兴署发〔2021〕5号 Art. 26 names the region's unified seal
system but not when the league joins it, nor its seal codes."""

from seedreg.core import rulesettings as rs
from seedreg.seals.rules import Adapter

ADAPTER = rs.define(
    rs.SettingDef(
        key="seals.adapter",
        group="电子印章与电子证照",
        label="电子文书加盖印章方式",
        default=Adapter.NONE.value,
        choices=tuple((a.value, a.label) for a in Adapter),
        basis=rs.Basis.LOCAL,
        description="兴署发〔2021〕5号第二十六条要求使用全区统一电子印章制章系统。接入前默认不加盖"
        "电子印章：纸质文书在窗口加盖实物印章；测试签章只用于演示和测试，文书上印有“测试”字样，"
        "不得作为合法印章。",
    )
)
AGENCY_CODE = rs.define(
    rs.SettingDef(
        key="seals.agency_code",
        group="电子印章与电子证照",
        label="用印单位统一社会信用代码",
        default="未设定",
        basis=rs.Basis.LOCAL,
        description="自治区统一电子印章系统据此选用本单位的印章；接入该系统前须填写盟林草局的"
        "统一社会信用代码（18位）。",
    )
)
