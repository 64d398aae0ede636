"""Account values no source settles: one-time codes, sign-up limits, retention (issue 13)."""

from seedreg.core import rulesettings as rs

GROUP = "账号与注册"


def _local(key: str, label: str, default: int, unit: str, top: int, why: str) -> rs.SettingDef:
    return rs.define(
        rs.SettingDef(
            key=f"accounts.{key}",
            group=GROUP,
            label=label,
            default=default,
            unit=unit,
            minimum=1,
            maximum=top,
            basis=rs.Basis.LOCAL,
            description=why,
        )
    )


CODE_VALID_MINUTES = _local(
    "code_valid_minutes", "验证码有效期", 10, "分钟", 60, "短信或邮件验证码自发送起的有效时间。"
)
CODE_MAX_ATTEMPTS = _local(
    "code_max_attempts", "验证码可尝试次数", 5, "次", 20, "输错达到此数后该验证码作废，须重新获取。"
)
CODES_PER_DESTINATION_HOUR = _local(
    "codes_per_destination_hour",
    "每个手机号或邮箱每小时验证码数",
    5,
    "条",
    100,
    "防止有人用本系统向他人手机或邮箱反复发送验证码。",
)
CODES_PER_CLIENT_HOUR = _local(
    "codes_per_client_hour",
    "每个来访地址每小时验证码数",
    20,
    "条",
    1000,
    "同一网络地址每小时最多获取的验证码数（防批量注册）。",
)
SIGNUPS_PER_CLIENT_DAY = _local(
    "signups_per_client_day",
    "每个来访地址每日注册数",
    10,
    "次",
    1000,
    "同一网络地址每日最多提交的注册申请数（防批量注册）。",
)
SIGNUPS_PER_CODE_DAY = _local(
    "signups_per_code_day",
    "每个信用代码或身份证号每日注册数",
    3,
    "次",
    100,
    "同一统一社会信用代码或身份证号每日最多提交的注册申请数。",
)
SIGNUP_RETENTION_DAYS = _local(
    "signup_retention_days",
    "未完成注册信息保存期限",
    30,
    "天",
    365,
    "未完成或被驳回的注册申请（含身份证号等敏感个人信息）保存至此期限后删除"
    "（个人信息保护法第十九条：保存期限为实现处理目的所必要的最短时间）。",
)
