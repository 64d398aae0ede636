"""Curated places and names of 兴安盟 for the demo data (issue 14 item 13).

Faker (zh_CN) knows Chinese people's names and mobile numbers; it does not know the league's
towns, so its street names and company words made demo records that looked like anywhere but
here. The banners, counties and cities are the league's six (divisions.csv); the towns (镇、乡、
苏木) are ones each of them has; the 嘎查/村 names are common ones, plausible but not checked
against a register, and every name of a nursery, forest farm or company is made up.
"""

from __future__ import annotations

# Division code → (name, short name, towns). A 苏木's villages are 嘎查, the others' 村.
COUNTIES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "152201": ("乌兰浩特市", "乌兰浩特", ("乌兰哈达镇", "葛根庙镇", "义勒力特镇", "太本站镇")),
    "152202": ("阿尔山市", "阿尔山", ("五岔沟镇", "白狼镇", "明水河镇", "天池镇")),
    "152221": (
        "科尔沁右翼前旗",
        "科右前旗",
        ("大坝沟镇", "归流河镇", "居力很镇", "察尔森镇", "索伦镇", "乌兰毛都苏木"),
    ),
    "152222": (
        "科尔沁右翼中旗",
        "科右中旗",
        ("巴彦呼舒镇", "高力板镇", "吐列毛杜镇", "杜尔基镇", "代钦塔拉苏木"),
    ),
    "152223": (
        "扎赉特旗",
        "扎赉特",
        ("音德尔镇", "新林镇", "好力保镇", "巴彦高勒镇", "宝力根花苏木"),
    ),
    "152224": ("突泉县", "突泉", ("突泉镇", "六户镇", "东杜尔基镇", "水泉镇", "宝石镇")),
}
VILLAGES = ("永丰村", "红星村", "前进村", "新发村", "太平村", "东升村", "兴隆村", "胜利村")
GACHA = ("巴彦嘎查", "乌兰嘎查", "宝力根嘎查", "哈达图嘎查", "查干嘎查", "敖包嘎查")
GROUPS = ("一组", "二组", "三组", "四组", "五组")

# Made-up trade names in the league's manner: rivers, mountains, the grassland.
TRADE_NAMES = ("绿源", "洮儿河", "罕山", "归流河", "兴林", "绰尔河", "草原绿", "松岭", "青山")
# Mongolian names are common in the league; faker's zh_CN names are all Han.
MONGOLIAN_NAMES = (
    "宝音图",
    "乌云其其格",
    "那仁满都拉",
    "巴特尔",
    "斯琴高娃",
    "额尔敦",
    "朝鲁门",
    "萨仁图雅",
    "特木尔",
    "阿拉坦仓",
)


def county_name(code: str) -> str:
    return COUNTIES[code][0]


def village(town: str, n: int) -> str:
    """The n-th 嘎查 (in a 苏木) or 村 (elsewhere) of a town."""
    names = GACHA if town.endswith("苏木") else VILLAGES
    return names[n % len(names)]


def address(code: str, n: int) -> str:
    """A rural address in the county: 旗县市、镇/苏木、村/嘎查、组 (n picks them)."""
    name, _, towns = COUNTIES[code]
    town = towns[n % len(towns)]
    return f"{name}{town}{village(town, n)}{GROUPS[n % len(GROUPS)]}"


def town_of(code: str, n: int) -> str:
    return COUNTIES[code][2][n % len(COUNTIES[code][2])]
