"""Demo 良种 rows for the league's species, entered by the demo admin through the register's
services. They are NOT real 良种: every variety name starts with （演示） and every note says so;
the numbers only follow the usual format (facts of the soft check) so the pages show it passing,
and one row shows the warning. One row is stop-ordered and one recognition has expired, so the
list shows every status. Loading twice changes nothing."""

from __future__ import annotations

from datetime import date

from seedreg.accounts.services import actor_from_row
from seedreg.accounts.tables import User
from seedreg.varieties import services
from seedreg.varieties.rules import Kind
from seedreg.varieties.schemas import StopIn, VarietyIn

NOTE = "演示数据，非真实良种，编号为虚构"


def _row(
    kind: Kind, number: str, species: str, name: str, body: str, year: int, **extra: object
) -> VarietyIn:
    return VarietyIn.model_validate(
        {
            "kind": kind,
            "number": number,
            "species_name": species,
            "variety_name": f"（演示）{name}",
            "body_code": body,
            "year": year,
            "note": NOTE,
            **extra,
        }
    )


ROWS = (
    _row(
        Kind.APPROVAL,
        "蒙S-SS-PSM-901-2018",
        "樟子松",
        "红花尔基樟子松母树林种子",
        "150000",
        2018,
        zone_codes=["150000"],
        zone_text="内蒙古东部樟子松适生区",
        breeder="（演示）某林业局",
    ),
    _row(
        Kind.APPROVAL,
        "国S-SSO-LG-902-2016",
        "兴安落叶松",
        "兴安落叶松种子园种子",
        "000000",
        2016,
        zone_codes=["150700", "152200", "230000"],
        zone_text="大兴安岭及其南麓适生区",
    ),
    _row(
        Kind.APPROVAL,
        "吉S-SC-PX-903-2015",
        "小×黑系列杨",
        "白城小黑杨无性系",
        "220000",
        2015,
        zone_codes=["220000"],
        zone_text="吉林省西部",
    ),
    _row(
        Kind.RECOGNITION,
        "蒙R-SP-AS-904-2021",
        "山杏",
        "山杏优良种源",
        "150000",
        2021,
        zone_codes=["152200", "150500"],
        zone_text="兴安盟、通辽市",
        valid_until=date(2028, 12, 31),
    ),
    _row(
        Kind.RECOGNITION,
        "蒙R-SC-PA-905-2017",
        "银中杨",
        "银中杨优良无性系",
        "150000",
        2017,
        zone_codes=["152200"],
        zone_text="兴安盟",
        valid_until=date(2021, 12, 31),
    ),
    _row(
        Kind.APPROVAL,
        "蒙S-SV-UP-906-2012",
        "榆树",
        "白榆优良品种",
        "150000",
        2012,
        zone_codes=["150000"],
        zone_text="内蒙古中东部",
    ),
    _row(
        Kind.APPROVAL,
        "文冠果良种907号",
        "文冠果",
        "文冠果优良品种",
        "150000",
        2019,
        zone_codes=["152200"],
        zone_text="兴安盟（编号格式示例：与常见格式不一致，只作提示）",
    ),
)
STOPPED = "蒙S-SV-UP-906-2012"
STOP = StopIn(
    stopped_on=date(2024, 3, 1),
    document="（演示）蒙林草种苗字〔2024〕9号",
    reason="演示：抗性下降，停止推广",
)


async def load_varieties() -> list[str]:
    """Register the demo rows that are missing (and the stop order); returns what was done."""
    admin = await User.select().where(User.username == "admin").first()
    if admin is None:
        return ["林木良种演示数据未加载：没有 admin 账号"]
    actor = actor_from_row(admin)
    added = 0
    for row in ROWS:
        if await services.find_by_number(row.number) is None:
            await services.create(actor, row)
            added += 1
    stopped = await services.find_by_number(STOPPED)
    if stopped is not None and stopped["stopped_on"] is None:
        await services.stop(actor, stopped["id"], STOP)
    return [
        f"林木良种（演示）：新增 {added} 个，共 {len(ROWS)} 个，其中 1 个停止推广、1 个认定已过期"
    ]
