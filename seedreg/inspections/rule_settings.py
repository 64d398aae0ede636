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


# No law sets the 责令改正 period for these items (种子法 names 责令改正 without a period), so the
# league chooses it; each notice prints the day it gives.
RECTIFY_DAYS = rs.define(
    rs.SettingDef(
        key="inspections.rectify_days",
        group="执法检查",
        label="责令改正期限",
        default=15,
        minimum=1,
        maximum=180,
        unit="日",
        basis=rs.Basis.LOCAL,
        description="现场检查发现问题时，责令改正通知书给出的改正期限（自检查之日起的自然日）。"
        "种子法规定责令改正但未规定期限，默认值为本地设定。",
    )
)

# No rule limits the size of an evidence photo. The originals are the evidence (行政处罚法
# Arts. 46–47): the phone sends them as taken, so the limit only stops mistakes (a video).
PHOTO_MAX_KB = rs.define(
    rs.SettingDef(
        key="inspections.photo_max_kb",
        group="执法检查",
        label="现场检查照片大小上限",
        default=8000,
        minimum=200,
        maximum=50_000,
        unit="KB",
        basis=rs.Basis.LOCAL,
        description="每张现场检查照片的大小上限。上限以内的照片按原图保存为证据"
        "（行政处罚法第四十六条、第四十七条）；超过上限的在手机上压缩后上传，"
        "并记录原图的哈希值和大小。法律法规未规定，默认值为本地设定。",
    )
)


async def rectify_days() -> int:
    return int(await rs.value(RECTIFY_DAYS))


async def photo_max_bytes() -> int:
    return int(await rs.value(PHOTO_MAX_KB)) * 1000
