"""Risk weights of the 双随机 draw: no law or rule sets them (the 双随机一公开 rules ask for
risk-based frequencies without numbers), so they are local settings the league adjusts."""

from seedreg.core import rulesettings as rs
from seedreg.inspections.draw_rules import RISK_FACTORS

_DEFAULTS = {"label_flags": 2, "earlier_findings": 3, "late_rectifications": 3, "archive_gaps": 2}

RISK_WEIGHTS = {
    f.key: rs.define(
        rs.SettingDef(
            key=f"inspections.risk_weight.{f.key}",
            group="执法检查",
            label=f"抽查风险权重：{f.label}",
            default=_DEFAULTS[f.key],
            minimum=0,
            maximum=20,
            basis=rs.Basis.LOCAL,
            description=(
                "按风险加权抽取时，每个检查对象的基础权重为1，每出现一次该风险因素加上此权重"
                f"（每项最多计{5}次）。双随机一公开的规定未给出数值，默认值为本地设定。"
                + ("" if f.has_data else "该因素暂无数据，接入前不影响抽取。")
            ),
        )
    )
    for f in RISK_FACTORS
}


async def weights() -> dict[str, int]:
    values = await rs.current()
    return {key: int(values.of(setting)) for key, setting in RISK_WEIGHTS.items()}
