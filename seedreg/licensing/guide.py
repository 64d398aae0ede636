"""The public service guide (办事指南) for 林木种子生产经营许可, with every element that
兴署发〔2021〕5号 Arts. 9–10 require; its legal basis and materials come from the catalogue
(``matters.catalogue``)."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import LEAGUE_CODE
from seedreg.core import rulesettings as rs
from seedreg.licensing import rules
from seedreg.licensing.materials import checklist
from seedreg.licensing.rule_settings import (
    COMPLAINT_LINE,
    LICENCE_VALIDITY_YEARS,
    PROMISED_DECISION_WORKDAYS,
)
from seedreg.licensing.states import MATTER
from seedreg.matters import catalogue
from seedreg.reference import authorities
from seedreg.reference.authorities import AuthorityKind

FLOW = [
    ("申请", "网上提交或到窗口提交申请表和材料；可先保存草稿。"),
    (
        "受理",
        "一个工作日内作出受理、补正（一次性告知）、容缺受理或不予受理的决定；"
        "五个工作日内未告知补正的，自收到材料之日起即为受理。",
    ),
    (
        "审查",
        "审查申请材料，必要时两名以上工作人员现场核查；检验、检测、专家评审时间不计入期限，书面告知。",
    ),
    (
        "决定",
        "准予许可的核发许可证（正本、副本）；不予许可的说明理由，并告知申请行政复议、提起行政诉讼的权利。",
    ),
    ("送达", "电子证照网上送达，或窗口领取、邮寄。"),
    ("评价", "办结后可对本次服务作出“好差评”，差评在7日内核实整改并反馈。"),
]


async def contact_line(division_code: str) -> str:
    """How to reach the deciding office (its 林业和草原局 as the admin entered it): refusals
    print it (兴署发〔2021〕5号 Art. 17(二): 注明联系方式)."""
    bureau = await authorities.authority(AuthorityKind.BUREAU, division_code)
    return f"{bureau.name}（{bureau.contact_line}）" if bureau.contact_line else bureau.name


async def service_guide() -> dict[str, Any]:
    values = await rs.current()
    league = await authorities.authority(AuthorityKind.BUREAU, LEAGUE_CODE)
    validity = LICENCE_VALIDITY_YEARS
    matter = await catalogue.matter(MATTER)
    return {
        "name": matter.name,
        "legal_basis": matter.legal_basis,  # 设定依据, from the catalogue
        "sub_items": ["核发", "延续", "变更", "注销"],
        "type": "行政许可",
        "conditions": [
            "具有与林木种子生产经营相适应的生产经营设施、设备及专业技术人员（种子法第三十二条）",
            "生产林木种子的，还应具有繁殖种子的隔离和培育条件，具有无检疫性有害生物的种子生产地点"
            "或者县级以上林业主管部门确定的采种林",
            "生产经营授权品种种子的，应当征得品种权人的书面同意",
        ],
        "authority": "兴安盟林业和草原局及各旗县市林业和草原局（生产经营者所在地）；"
        "林木良种繁殖材料的许可证由内蒙古自治区林业和草原局核发（种子法第三十一条第二款）",
        "statutory_limit": (
            f"{rules.DECISION_WORKDAYS}个工作日（可延长{rules.EXTENSION_WORKDAYS}个工作日）"
        ),
        "promised_limit": PROMISED_DECISION_WORKDAYS.display(values.of(PROMISED_DECISION_WORKDAYS)),
        "fee": "不收费",
        "fee_basis": (
            "《行政许可法》第五十八条：行政机关实施行政许可，不得收取任何费用，"
            "法律、行政法规另有规定的除外"
        ),
        "materials": await checklist(),
        "flow": FLOW,
        "channels": "网上办理（本系统）；窗口办理（审批人员可代为录入）",
        "place": f"{league.name}：{league.address}；各旗县市林业和草原局窗口（地址见机关信息）",
        "result": "林木种子生产经营许可证（正本、副本）；有效期"
        f"{validity.display(values.of(validity))}（{validity.source_label}）",
        "consult": f"{league.name}：{league.phone}",
        "complaint": values.of(COMPLAINT_LINE),
    }
