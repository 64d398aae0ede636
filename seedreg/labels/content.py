"""What a label prints: Seed Law Art. 40 ¶2 items plus quantity, date, origin and contact.

The labels service fills a :class:`LabelContent` from the records (never typed again); the
printing package lays it out. Field names here are the contract between the two.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

# (attribute, printed caption). Order is the print order. Captions follow Seed Law Art. 40 ¶2
# and the Beijing 2020 template (facts §1.3, §3.3).
MANDATORY_FIELDS: tuple[tuple[str, str], ...] = (
    ("category", "种子类别"),
    ("species", "树种"),
    ("latin_name", "拉丁学名"),
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
