"""Nursery-base values no source settles: how large a gap between drawn and declared area is
worth a flag, and how the directive's "至少设立国有林场苗圃（基地）3—5处" (兴署发〔2021〕6号 四)
is counted: the text does not say whether for the league or for each banner."""

from seedreg.core import rulesettings as rs
from seedreg.nurseries.rules import SCOPE_LABELS, TargetScope

AREA_TOLERANCE_PERCENT = rs.define(
    rs.SettingDef(
        key="nurseries.area_tolerance_percent",
        group="苗圃基地",
        label="边界面积与填报面积允许相差",
        default=20,
        unit="%",
        minimum=1,
        maximum=100,
        basis=rs.Basis.LOCAL,
        description="按地块边界计算的面积与填报的总面积相差超过此比例时，在基地页面上标出。"
        "没有规定；默认20%。",
    )
)
TARGET_SCOPE = rs.define(
    rs.SettingDef(
        key="nurseries.state_target_scope",
        group="苗圃基地",
        label="国有林场苗圃（基地）目标的计算范围",
        default=TargetScope.LEAGUE.value,
        choices=tuple((scope.value, label) for scope, label in SCOPE_LABELS.items()),
        basis=rs.Basis.LOCAL,
        description="兴署发〔2021〕6号第四条要求“至少设立国有林场苗圃（基地）3—5处”，"
        "未说明是全盟合计还是每个旗县市；默认按全盟合计。",
    )
)
TARGET_MINIMUM = rs.define(
    rs.SettingDef(
        key="nurseries.state_target_minimum",
        group="苗圃基地",
        label="国有林场苗圃（基地）目标下限",
        default=3,
        unit="处",
        minimum=1,
        maximum=50,
        basis=rs.Basis.LOCAL,
        description="兴署发〔2021〕6号第四条：“3—5处”的下限。",
    )
)
TARGET_MAXIMUM = rs.define(
    rs.SettingDef(
        key="nurseries.state_target_maximum",
        group="苗圃基地",
        label="国有林场苗圃（基地）目标上限",
        default=5,
        unit="处",
        minimum=1,
        maximum=50,
        basis=rs.Basis.LOCAL,
        description="兴署发〔2021〕6号第四条：“3—5处”的上限。",
    )
)
