"""Forms and samples for the service guides (兴署发〔2021〕5号 Arts. 10–11), pure: which
materials are forms, how a form is described, and what a sample hides."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Which materials are forms the applicant fills in (表格类材料, Art. 10(二)) the catalogue says
# by its flag ``table_form`` (fixtures/matters/materials.csv), not by the material's name.
SAMPLE_WORD = "样表"


@dataclass(frozen=True)
class FormDefinition:
    """A form's title, legal basis and sections of (label, sample value) rows."""

    key: str
    title: str
    basis: str
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    declaration: str
    signature: tuple[str, str]
    sample_signature: tuple[str, str]
    generic: bool = False

    def rows(self, *, filled: bool) -> list[dict[str, Any]]:
        """Sections for the template: a blank form leaves every value empty."""
        return [
            {"heading": heading, "fields": [(k, v if filled else "") for k, v in fields]}
            for heading, fields in self.sections
        ]


def definition_from(key: str, data: dict[str, Any]) -> FormDefinition:
    return FormDefinition(
        key=key,
        title=data["title"],
        basis=data["basis"],
        sections=tuple(
            (s["heading"], tuple((str(k), str(v)) for k, v in s["fields"]))
            for s in data["sections"]
        ),
        declaration=data["declaration"],
        signature=(data["signature"][0], data["signature"][1]),
        sample_signature=(data["sample_signature"][0], data["sample_signature"][1]),
    )


def generic_definition(key: str, title: str, basis: str) -> FormDefinition:
    """A form the fixtures do not describe yet: the applicant's particulars and the matter,
    so that no table material of a new matter is left without a blank form and a sample."""
    return FormDefinition(
        key=key,
        title=title,
        basis=basis,
        sections=(
            (
                "申请人基本情况",
                (
                    ("申请人名称", "兴安盟××林木种苗繁育有限公司"),
                    ("统一社会信用代码（个人填身份证号码）", "91152201MA********"),
                    ("法定代表人（负责人）", "包**"),
                    ("地址", "内蒙古自治区兴安盟乌兰浩特市××路×号"),
                    ("联系人及电话", "王** 0482-826****"),
                ),
            ),
            ("申请内容", (("申请事项及理由", "（按办事指南所列条件填写）"),)),
        ),
        declaration="申请人对所填内容和所附材料的真实性负责。",
        signature=("申请人（签章）", "申请日期"),
        sample_signature=("兴安盟××林木种苗繁育有限公司（盖章）", "2026年11月27日"),
        generic=True,
    )


_DIGITS_RUN = re.compile(r"\d{4,}")


def mask_number(value: str, keep: int = 6) -> str:
    """Hide all but the first ``keep`` characters of a number (Art. 11: 不宜公开的信息)."""
    return value[:keep] + "*" * max(len(value) - keep, 0)


def mask_name(value: str) -> str:
    """张三丰 -> 张**; a company keeps its kind and place, not its name."""
    if len(value) <= 4:
        return value[:1] + "*" * (len(value) - 1)
    return re.sub(r"^(兴安盟|内蒙古自治区)?(.{2})", lambda m: (m.group(1) or "") + "××", value)
