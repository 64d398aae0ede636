"""The electronic-licence identifier and the payload sent to the region's library (pure).

GB/T 36904-2018 《电子证照 标识规范》 itself was not retrieved (facts.md has no section on it).
The structure below follows secondary sources (an implementer's code citing 36904 and
ISO 7064 MOD 37,36; the metadata names of GB/T 36903 as an OFD library uses them), so its
confidence is low; that is why the root, the type code and the agency codes are settings:

    <root>.<证照类型代码>.<颁发机构代码>.<流水号>.<版本号>.<校验位>

- 证照类型代码: 21 characters, the defining department's credit code (18) + a 3-digit serial;
- 颁发机构代码: the issuing authority's unified social credit code (18, GB 32100);
- 流水号: here the licence's 14-digit number, which never changes and is never reused;
- 版本号: 3 digits, the licence's version (a change or renewal makes a new version);
- 校验位: ISO 7064 MOD 37,36 over the four parts above written together without dots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from stdnum.iso7064 import mod_37_36

from seedreg.organisations.rules import check_uscc

TYPE_CODE = re.compile(r"[0-9A-Z]{18}\d{3}")
SERIAL = re.compile(r"[0-9A-Z]{1,32}")
VERSION = re.compile(r"\d{3}")
ROOT = re.compile(r"\d+(\.\d+)*")
HOLDER_CODE_TYPES = {
    "enterprise": ("001", "统一社会信用代码"),
    "individual": ("111", "公民身份号码"),
}
CERTIFICATE_NAME = "林木种子生产经营许可证"


@dataclass(frozen=True)
class Codes:
    """The settings an identifier is built from."""

    root: str
    type_code: str
    issuers: dict[str, str]  # issuing division code -> the authority's credit code


def parse_issuers(text: str) -> dict[str, str]:
    """``"152200:11152200…,152201:…"`` (the setting's form) -> {division: credit code}.
    Unparseable entries are left out; ``missing_codes`` then names the division."""
    issuers = {}
    for entry in re.split(r"[,，;；\s]+", text.strip()):
        division, _, code = entry.partition(":")
        if len(division) == 6 and division.isdigit() and code:
            issuers[division] = code.strip().upper()
    return issuers


def missing_codes(codes: Codes, issuing_division: str) -> list[str]:
    """What keeps an identifier from being built for a licence issued by this division."""
    problems = []
    if not ROOT.fullmatch(codes.root):
        problems.append("电子证照标识根编码应为以点分隔的数字")
    if not TYPE_CODE.fullmatch(codes.type_code):
        problems.append("证照类型代码未设定或不是21位（18位机构代码加3位序号）")
    issuer = codes.issuers.get(issuing_division, "")
    if not issuer or not check_uscc(issuer).ok:
        problems.append(f"颁发机构（{issuing_division}）的统一社会信用代码未设定或有误")
    return problems


def check_char(body: str) -> str:
    """ISO 7064 MOD 37,36 check character of the identifier's parts written together."""
    return str(mod_37_36.calc_check_digit(body))


def identifier(codes: Codes, issuing_division: str, number: str, version: int) -> str:
    """The licence's electronic-licence identifier.

    Raises:
        ValueError: a code is missing or malformed (``missing_codes`` says which).
    """
    problems = missing_codes(codes, issuing_division)
    if problems:
        raise ValueError("；".join(problems))
    parts = [codes.type_code, codes.issuers[issuing_division], number, f"{version:03d}"]
    return ".".join([codes.root, *parts, check_char("".join(parts))])


def identifier_problems(value: str, root: str) -> list[str]:
    """Everything wrong with an identifier against the structure above (empty: well-formed)."""
    if not value.startswith(root + "."):
        return ["根编码不符"]
    parts = value[len(root) + 1 :].split(".")
    if len(parts) != 5:
        return ["应由证照类型代码、颁发机构代码、流水号、版本号、校验位五段组成"]
    type_code, issuer, serial, version, check = parts
    problems = []
    if not TYPE_CODE.fullmatch(type_code):
        problems.append("证照类型代码格式不符")
    if not check_uscc(issuer).ok:
        problems.append("颁发机构代码不是有效的统一社会信用代码")
    if not SERIAL.fullmatch(serial):
        problems.append("流水号格式不符")
    if not VERSION.fullmatch(version):
        problems.append("版本号应为3位数字")
    if not problems and check != check_char(type_code + issuer + serial + version):
        problems.append("校验位不符")
    return problems


def payload(
    licence: dict[str, Any], holder: dict[str, Any], ident: str, type_code: str
) -> dict[str, Any]:
    """What the library receives: GB/T 36903's base metadata (names as implementers use them)
    and the licence's face as ``data``. Dates are ISO strings."""
    code_type, code_type_name = HOLDER_CODE_TYPES.get(holder["kind"], ("999", "其他"))
    holder_code = holder.get("uscc") if holder["kind"] == "enterprise" else holder.get("id_number")
    return {
        "certificateName": CERTIFICATE_NAME,
        "certificateTypeCode": type_code,
        "certificateNumber": licence["number"],
        "certificateIdentifier": ident,
        "certificateIssuingAuthorityName": licence["issuing_authority"],
        "certificateIssuingAuthorityCode": ident.split(".")[-4],
        "certificateIssuedDate": str(licence["issued_on"]),
        "certificateEffectiveDate": str(licence["valid_from"]),
        "certificateExpiringDate": str(licence["valid_to"]),
        "certificateHolderName": licence["holder_name"],
        "certificateHolderCode": holder_code or "",
        "certificateHolderTypeCode": code_type,
        "certificateHolderTypeName": code_type_name,
        "certificateStatus": licence["status"],
        "certificateVersion": licence["version"],
        "data": {
            "legal_representative": licence["legal_representative"],
            "registered_address": licence["registered_address"],
            "production_sites": licence["production_sites"],
            "scope": licence["scope"],
            "species": licence["species"],
            "varieties": licence["varieties"],
            "valid_area": licence["valid_area"],
            "verify_url": licence["verify_url"],
        },
    }


def push_state(sent_at: object, failed_at: object, receipt: str) -> str:
    """How a version's passage to the region's library reads on the licence page."""
    if sent_at is not None:
        return (
            f"已推送至自治区电子证照库（回执 {receipt}）" if receipt else "已推送至自治区电子证照库"
        )
    if failed_at is not None:
        return "推送被拒绝，须人工处理"
    return "待推送（每小时推送一次，失败自动重试）"
