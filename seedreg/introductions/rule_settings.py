"""Introduction values no source settles (facts §7: the regional regulation's article on
introductions NOT FOUND)."""

from seedreg.core import rulesettings as rs
from seedreg.introductions.routing_rules import LeagueStep

LEAGUE_STEP = rs.define(
    rs.SettingDef(
        key="introductions.league_step",
        group="引种",
        label="从区内其他盟市引种时盟林草局的办理方式",
        default=LeagueStep.CONSENT.value,
        choices=tuple((s.value, s.label) for s in LeagueStep),
        basis=rs.Basis.LOCAL,
        description=(
            "兴署发〔2021〕6号 五(一)规定从区内其他盟市引进林木品种须经盟林业和草原局同意，"
            "默认按审批（同意）办理。规范性文件不得设定行政许可（行政许可法第十七条），"
            "自治区林木种苗条例中关于引种的条款尚未查到；如确认应为备案，可改为备案。"
        ),
    )
)
