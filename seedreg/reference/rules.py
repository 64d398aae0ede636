"""Pure rules over GB/T 2260 division codes: provinces, the region's 盟市, and whether one code
covers another. No I/O.

Codes are six digits: two for the province, two for the city (盟市), two for the county (旗县).
Trailing "00" pairs mean "the whole of": 150000 is all 内蒙古自治区, 152200 all 兴安盟
(facts §9). The province list and the one-character abbreviations are GB/T 2260's (the same
abbreviations head 良种 numbers: 国S-…, 蒙S-…, facts §6); fixtures/reference/SOURCE.md notes them.
"""

from __future__ import annotations

from collections.abc import Iterable

REGION_CODE = "150000"  # 内蒙古自治区
REGION_PREFIX = "15"
LEAGUE_CODE = "152200"  # 兴安盟
LEAGUE_PREFIX = "1522"
NATIONAL = "000000"  # 国家 (national approval): not a division, a body code for 良种

# The region's 12 盟市 (facts §9).
REGION_CITIES = {
    "150100": "呼和浩特市",
    "150200": "包头市",
    "150300": "乌海市",
    "150400": "赤峰市",
    "150500": "通辽市",
    "150600": "鄂尔多斯市",
    "150700": "呼伦贝尔市",
    "150800": "巴彦淖尔市",
    "150900": "乌兰察布市",
    "152200": "兴安盟",
    "152500": "锡林郭勒盟",
    "152900": "阿拉善盟",
}

# Province-level divisions: code prefix → (name, abbreviation, other abbreviation or "").
PROVINCES: dict[str, tuple[str, str, str]] = {
    "11": ("北京市", "京", ""),
    "12": ("天津市", "津", ""),
    "13": ("河北省", "冀", ""),
    "14": ("山西省", "晋", ""),
    "15": ("内蒙古自治区", "蒙", ""),
    "21": ("辽宁省", "辽", ""),
    "22": ("吉林省", "吉", ""),
    "23": ("黑龙江省", "黑", ""),
    "31": ("上海市", "沪", ""),
    "32": ("江苏省", "苏", ""),
    "33": ("浙江省", "浙", ""),
    "34": ("安徽省", "皖", ""),
    "35": ("福建省", "闽", ""),
    "36": ("江西省", "赣", ""),
    "37": ("山东省", "鲁", ""),
    "41": ("河南省", "豫", ""),
    "42": ("湖北省", "鄂", ""),
    "43": ("湖南省", "湘", ""),
    "44": ("广东省", "粤", ""),
    "45": ("广西壮族自治区", "桂", ""),
    "46": ("海南省", "琼", ""),
    "50": ("重庆市", "渝", ""),
    "51": ("四川省", "川", "蜀"),
    "52": ("贵州省", "黔", "贵"),
    "53": ("云南省", "滇", "云"),
    "54": ("西藏自治区", "藏", ""),
    "61": ("陕西省", "陕", "秦"),
    "62": ("甘肃省", "甘", "陇"),
    "63": ("青海省", "青", ""),
    "64": ("宁夏回族自治区", "宁", ""),
    "65": ("新疆维吾尔自治区", "新", ""),
    "71": ("台湾省", "台", ""),
    "81": ("香港特别行政区", "港", ""),
    "82": ("澳门特别行政区", "澳", ""),
}
# 台湾、香港、澳门 are separate customs territories: seed from there enters through entry
# quarantine and the import rules (种子法第五十七条、第五十九条), the national procedure, as from
# abroad. Judgement, not a cited rule: the routing page says so.
OUTSIDE_MAINLAND = frozenset({"71", "81", "82"})
MAINLAND_PROVINCES = frozenset(PROVINCES) - OUTSIDE_MAINLAND


def is_code(code: str) -> bool:
    return len(code) == 6 and code.isascii() and code.isdigit()


def province_code(code: str) -> str:
    """The province-level code of a division (152221 → 150000)."""
    return f"{code[:2]}0000"


def province_name(code: str) -> str:
    entry = PROVINCES.get(code[:2])
    return entry[0] if entry else ""


def body_abbreviations(body_code: str) -> tuple[str, ...]:
    """The one-character marks that may head a 良种 number of this body (国, 蒙, 川 or 蜀 …)."""
    if body_code == NATIONAL:
        return ("国",)
    entry = PROVINCES.get(body_code[:2])
    if entry is None:
        return ()
    return tuple(a for a in entry[1:] if a)


def _stem(code: str) -> str:
    """The code without its trailing "whole of" pairs: 150000 → 15, 152200 → 1522."""
    stem = code
    while len(stem) > 2 and stem.endswith("00"):
        stem = stem[:-2]
    return stem


def covers(zone_code: str, site_code: str) -> bool:
    """A zone code covers a site when the site lies inside it (150000 covers 152221; 152200
    covers 152221 and itself; 152221 covers only itself). The national code covers all."""
    if zone_code == NATIONAL:
        return True
    return site_code.startswith(_stem(zone_code))


def any_covers(zone_codes: Iterable[str], site_code: str) -> bool:
    return any(covers(z, site_code) for z in zone_codes)


def parse_codes(text: str) -> list[str]:
    """Division codes typed as a list ("150000, 220000" or one a line), in order, without
    repeats; raises ValueError (Chinese) naming the first that is not six digits."""
    codes: list[str] = []
    for part in text.replace("，", ",").replace("、", ",").replace("\n", ",").split(","):
        code = part.strip()
        if not code:
            continue
        if not is_code(code):
            raise ValueError(f"“{code}”不是6位行政区划代码")
        if code not in codes:
            codes.append(code)
    return codes
