"""The 许可证台账's list cells, as an office types them (pure): several production sites, and
the 林木良种 a licence covers, in one cell each — one entry per line of the cell (Alt+Enter)
or separated by "；", the parts of an entry by commas, in the order of the online form's lines
(生产地点 "旗县市，苏木乡镇，嘎查村，详址"; 良种 "树种，品种，审定（认定）编号"). The export writes
them back the same way, so an exported 台账 imports as it was."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from seedreg.core.importer import text

ENTRIES = re.compile(r"\s*[；;\n]+\s*")
PARTS = re.compile(r"\s*[,，]\s*")
MAX_SITES, MAX_VARIETIES = 50, 200  # the licensing schema's limits
SITE_FORM = "应为“旗县市，苏木乡镇，嘎查村，详址”（嘎查村、详址生产种子的可不填）"
VARIETY_FORM = "应为“树种，品种，审定（认定）编号”三项，用逗号隔开"


def _entries(value: Any) -> list[str]:
    return [e for e in ENTRIES.split(text(value).replace("\r", "\n")) if e]


def sites(value: Any) -> tuple[tuple[str, str, str, str], ...] | None:
    """(旗县市 as typed, 苏木乡镇, 嘎查村, 详址) per site; blank = None. A comma inside the
    详址 stays in it. Raises ValueError naming the site (第N个) that cannot be read."""
    found = []
    for index, entry in enumerate(_entries(value), 1):
        parts = PARTS.split(entry)
        if len(parts) < 2 or not parts[0] or not parts[1]:
            raise ValueError(f"第{index}个生产地点{SITE_FORM}")
        village = parts[2] if len(parts) > 2 else ""
        found.append((parts[0], parts[1], village, "，".join(p for p in parts[3:] if p)))
    if len(found) > MAX_SITES:
        raise ValueError(f"生产地点最多{MAX_SITES}个")
    return tuple(found) or None


def varieties(value: Any) -> tuple[tuple[str, str, str], ...] | None:
    """(树种, 品种, 审定/认定编号 without spaces) per 良种; blank = None."""
    found = []
    for index, entry in enumerate(_entries(value), 1):
        parts = PARTS.split(entry)
        if len(parts) != 3 or not all(parts):
            raise ValueError(f"第{index}个良种{VARIETY_FORM}")
        found.append((parts[0], parts[1], "".join(parts[2].split())))
    if len(found) > MAX_VARIETIES:
        raise ValueError(f"良种最多{MAX_VARIETIES}个")
    return tuple(found) or None


def variety_problem(
    index: int, typed: tuple[str, str, str], known: Mapping[str, tuple[str, str]]
) -> str | None:
    """Why a typed 良种 is not the register's: its number unknown, or its species or variety
    named otherwise than the register names them (``known``: number → (树种, 品种))."""
    species, variety, number = typed
    if number not in known:
        return f"第{index}个良种的审定（认定）编号“{number}”不在良种名录中"
    species_known, variety_known = known[number]
    if (species, variety) != (species_known, variety_known):
        return f"第{index}个良种与良种名录不一致：{number} 为“{species_known}，{variety_known}”"
    return None


def site_cell(
    stored: Iterable[Mapping[str, str]], names: Mapping[str, str], comma: str = "，"
) -> str:
    """Stored sites back as the cell (or the form's box): one line each, the banner by name."""
    lines = []
    for s in stored:
        parts = [names.get(s["division_code"], s["division_code"]), s["township"]]
        parts += [s.get("village", ""), s.get("detail", "")]
        lines.append(comma.join(parts).rstrip(comma))
    return "\n".join(lines)


def variety_cell(stored: Iterable[Mapping[str, str]], comma: str = "，") -> str:
    return "\n".join(comma.join((v["species"], v["variety"], v["approval_number"])) for v in stored)
