"""What a label prints: Seed Law Art. 40 ¶2 items plus quantity, date, origin and contact.

The labels service fills a :class:`LabelContent` from the records (never typed again); the
printing package lays it out. Field names here are the contract between the two, and
``field_text`` is the one place that says how a field reads on paper (labels' preview and the
printing package both use it).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from functools import lru_cache

# (attribute, printed caption). Order is the print order. Captions follow Seed Law Art. 40 ¶2
# and the Beijing 2020 template (facts §1.3, §3.3).
MANDATORY_FIELDS: tuple[tuple[str, str], ...] = (
    ("category", "种子类别"),
    ("species", "树种"),
    ("variety", "品种名称"),
    ("approval_number", "审定/认定编号"),
    ("suitable_area", "适宜种植区域"),
    ("suitable_season", "适宜种植季节"),
    ("producer", "生产经营者"),
    ("registered_address", "注册地址"),
    ("quality", "质量指标"),
    ("quarantine_number", "检疫证书编号"),
    ("licence_number", "生产经营许可证编号"),
    ("serial", "信息代码"),
    ("quantity", "数量"),
    ("produced_on", "生产日期"),
    ("origin", "产地"),
    ("phone", "联系电话"),
)
# Empty is allowed only where the law's item does not apply: 普通 material has no variety or
# 审定/认定 number.
OPTIONAL_FOR_ORDINARY = frozenset({"variety", "approval_number"})
# Printed but not an Art. 40 item: the Latin name (printed only from a species row whose name
# the league has confirmed; several rows of the directive's list are low confidence, facts §10)
# and the 使用说明 (Art. 40 ¶1 wants instructions with the label, not on it: see
# ``instructions_line``).
CAPTIONS: dict[str, str] = dict(MANDATORY_FIELDS) | {
    "latin_name": "拉丁学名",
    "instructions": "使用说明",
}
PRINT_ORDER: tuple[str, ...] = (
    "category", "species", "latin_name", *(n for n, _ in MANDATORY_FIELDS[2:]), "instructions",
)  # fmt: skip
# Where the whole 使用说明 does not fit its box, the label says where it is (Seed Law Art. 40
# ¶1: seed is sold with a label AND instructions): on the paper that goes with the seed and on
# the public verification page the QR code opens.
INSTRUCTIONS_ELSEWHERE = "随附使用说明书，全文见扫码核验页面"


@dataclass(frozen=True)
class LabelContent:
    """One label as printed. ``qr_text`` is the signed QR text (URL + fragment)."""

    serial: str
    version: int
    lot_number: str
    improved: bool
    category: str  # "林木良种" / "普通种"
    species: str
    latin_name: str
    variety: str
    approval_number: str
    suitable_area: str
    suitable_season: str
    producer: str
    registered_address: str
    quality: str  # e.g. "Ⅰ级苗 地径 0.45 cm 苗高 20 cm" or "Ⅱ级 净度 95% 发芽率 80% 含水量 9%"
    quality_certificate_number: str
    quarantine_number: str
    licence_number: str
    quantity: str  # as printed: "12.5 kg", "100 株"
    produced_on: date
    origin: str
    phone: str
    instructions: str
    qr_text: str
    verify_url: str
    variety_right_number: str = ""  # 品种权号 of a protected variety (Art. 40 ¶3)
    # A repacked lot names its repacker (Art. 39: 分装单位) and a bought-in one its source.
    producer_caption: str = "生产经营者"
    origin_caption: str = "产地"

    def missing(self) -> list[str]:
        """Captions of mandatory fields that are empty (checked before every print)."""
        out = []
        for name, caption in MANDATORY_FIELDS:
            if name in OPTIONAL_FOR_ORDINARY and not self.improved:
                continue
            if not str(getattr(self, name)).strip():
                out.append(caption)
        return out


FIELD_NAMES = tuple(f.name for f in fields(LabelContent))


def version_caption(version: int) -> str:
    """原标签 for version 1; the n-th reissue (version n + 1) is 补发标签 n (正本 is a licence
    word, not a label's)."""
    return "原标签" if version <= 1 else f"补发标签 {version - 1}"


def field_text(content: LabelContent, name: str, instruction_box: tuple[float, float, int]) -> str:
    """A field's value as printed. ``instruction_box`` is the layout's (width mm, pt, lines)
    for the 使用说明, which is printed whole when it fits and otherwise replaced by a line
    saying where it is."""
    value = getattr(content, name)
    if name == "produced_on":
        return f"{value.year}年{value.month}月{value.day}日"
    if name == "variety":
        if content.variety_right_number:
            return f"{value or '—'}（品种权号：{content.variety_right_number}）"
        return value or "—"  # 普通 material: the item does not apply
    if name == "approval_number":
        return value or "—"
    if name == "instructions":
        return instructions_line(value, *instruction_box)
    return str(value)


def printed(content: LabelContent, name: str, instruction_box: tuple[float, float, int]) -> str:
    """Caption and value as the label prints them; an unconfirmed Latin name prints nothing."""
    if name == "latin_name" and not content.latin_name:
        return ""
    caption = CAPTIONS[name]
    if name == "producer":
        caption = content.producer_caption
    elif name == "origin":
        caption = content.origin_caption
    return f"{caption}：{field_text(content, name, instruction_box)}"


@lru_cache(maxsize=1024)
def instructions_line(text: str, width_mm: float, font_pt: float, lines: int) -> str:
    """The whole 使用说明 when it fits its box with its caption, else ``INSTRUCTIONS_ELSEWHERE``
    (cached: a lot's labels share one text)."""
    from seedreg.labels.rules import fits

    if fits(f"{CAPTIONS['instructions']}：{text}", width_mm, font_pt, lines):
        return text
    return INSTRUCTIONS_ELSEWHERE
