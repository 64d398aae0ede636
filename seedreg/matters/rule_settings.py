"""Values of the shared matter workflow that no source settles."""

from seedreg.core import rulesettings as rs

HELD_UPLOAD_MONTHS = rs.define(
    rs.SettingDef(
        key="matters.held_upload_months",
        group="办事指南与材料",
        label="以前上传的材料可再次使用的月数",
        default=12,
        unit="个月",
        minimum=0,
        maximum=60,
        basis=rs.Basis.LOCAL,
        description="兴署发〔2021〕5号第十条（四）：系统已有的材料不再要求重复提交，由申请人确认。"
        "本单位以前申请同一事项时上传的同一材料，在此月数内可直接确认使用；0为不提供。",
    )
)
