"""Pure validation and masking rules for organisation and person identifiers.

Covers the unified social credit code (统一社会信用代码, GB 32100-2015) and the
resident ID number (居民身份证号码, GB 11643-1999). No I/O; the clock is an argument.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from seedreg.accounts.rules import Role

__all__ = [
    "CREDIT_CODE_CHARSET",
    "IdCheck",
    "OrganisationKind",
    "check_id_number",
    "check_uscc",
    "compact_code",
    "id_number_check_char",
    "make_id_number",
    "make_uscc",
    "mask_id_number",
    "mask_person_name",
    "mask_phone",
    "mask_uscc",
    "may_verify_identity",
    "normalise_id_number",
    "normalise_uscc",
    "uscc_check_char",
]


class OrganisationKind(StrEnum):
    ENTERPRISE = "enterprise"
    INDIVIDUAL = "individual"

    @property
    def label(self) -> str:
        return "企业（单位）" if self is OrganisationKind.ENTERPRISE else "个人"


CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_USCC_PATTERN = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_ID18_PATTERN = re.compile(r"[0-9]{17}[0-9X]")
_ID15_PATTERN = re.compile(r"[0-9]{15}")

MSG_USCC_FORMAT = "统一社会信用代码应为18位，由数字和大写字母（不含I、O、Z、S、V）组成"
MSG_USCC_CHECK = (
    "统一社会信用代码校验位不符（应为{expected}）：部分早期赋码可能如此，如确认无误请填写理由后保存"
)
MSG_ID_FORMAT = "身份证号码应为18位：前17位为数字，最后一位为数字或X"
MSG_ID_BAD_DATE = "身份证号码中的出生日期（{digits}）不是有效日期"
MSG_ID_FUTURE_DATE = "身份证号码中的出生日期（{iso}）晚于今天"
MSG_ID_CHECK = "身份证号码校验位不符（应为{expected}），请核对号码是否抄录有误"
MSG_ID_LEGACY = "这是旧版15位身份证号码（无校验位），请尽量改填18位号码；如确认无误请填写理由后保存"


@dataclass(frozen=True)
class IdCheck:
    """Result of checking an identifier.

    ``overridable`` means a user may save anyway after giving a reason.
    ``message`` is Chinese UI text, empty when ``ok``.
    """

    ok: bool
    overridable: bool
    message: str


_OK = IdCheck(ok=True, overridable=False, message="")


def _fail(message: str, *, overridable: bool = False) -> IdCheck:
    return IdCheck(ok=False, overridable=overridable, message=message)


# --- 统一社会信用代码 -------------------------------------------------------


def compact_code(text: str) -> str:
    """A code as typed on a phone or copied from a document: full-width digits and letters
    (０-９, Ａ-Ｚ) become ASCII, spaces and dashes between the groups go, letters go upper
    case. Used by the online sign-up; the checks then run on the result."""
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", text)).upper()


def normalise_uscc(code: str) -> str:
    """Strip surrounding whitespace and uppercase a credit code."""
    return code.strip().upper()


def uscc_check_char(first17: str) -> str:
    """Return the GB 32100 check character for the first 17 characters of a credit code.

    Raises ``ValueError`` unless ``first17`` is 17 characters from ``CREDIT_CODE_CHARSET``.
    """
    if len(first17) != 17 or any(c not in CREDIT_CODE_CHARSET for c in first17):
        raise ValueError(f"expected 17 characters from {CREDIT_CODE_CHARSET!r}: {first17!r}")
    total = sum(
        CREDIT_CODE_CHARSET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def make_uscc(body17: str) -> str:
    """Append the correct check character to a 17-character body (for demo and test data)."""
    return body17 + uscc_check_char(body17)


def check_uscc(code: str) -> IdCheck:
    """Check a unified social credit code.

    A wrong shape is a hard error; a wrong check character is overridable, because some
    early pilot-region codes are legitimate yet fail the check.
    """
    norm = normalise_uscc(code)
    if _USCC_PATTERN.fullmatch(norm) is None:
        return _fail(MSG_USCC_FORMAT)
    expected = uscc_check_char(norm[:17])
    if norm[17] != expected:
        return _fail(MSG_USCC_CHECK.format(expected=expected), overridable=True)
    return _OK


# --- 居民身份证号码 ---------------------------------------------------------


def normalise_id_number(n: str) -> str:
    """Strip surrounding whitespace and uppercase (a trailing ``x`` becomes ``X``)."""
    return n.strip().upper()


def id_number_check_char(first17: str) -> str:
    """Return the GB 11643 (ISO 7064 MOD 11-2) check character for 17 digits.

    Raises ``ValueError`` unless ``first17`` is exactly 17 ASCII digits.
    """
    if len(first17) != 17 or any(c not in "0123456789" for c in first17):
        raise ValueError(f"expected 17 digits: {first17!r}")
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def make_id_number(first17: str) -> str:
    """Append the correct check character to 17 digits (for demo and test data)."""
    return first17 + id_number_check_char(first17)


def _parse_birth_date(digits: str) -> date | None:
    """Parse YYYYMMDD, returning None if it is not a real calendar date."""
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def _check_birth_date(digits: str, today: date) -> IdCheck | None:
    """Return a failure if ``digits`` (YYYYMMDD) is not a real, non-future date."""
    born = _parse_birth_date(digits)
    if born is None:
        return _fail(MSG_ID_BAD_DATE.format(digits=digits))
    if born > today:
        return _fail(MSG_ID_FUTURE_DATE.format(iso=born.isoformat()))
    return None


def check_id_number(number: str, *, today: date) -> IdCheck:
    """Check a resident ID number; ``today`` bounds the embedded birth date.

    A legacy 15-digit number (birth date 19YYMMDD, no check digit) is overridable;
    every other failure is a hard error.
    """
    norm = normalise_id_number(number)
    if _ID15_PATTERN.fullmatch(norm) is not None:
        bad_date = _check_birth_date("19" + norm[6:12], today)
        if bad_date is not None:
            return bad_date
        return _fail(MSG_ID_LEGACY, overridable=True)
    if _ID18_PATTERN.fullmatch(norm) is None:
        return _fail(MSG_ID_FORMAT)
    bad_date = _check_birth_date(norm[6:14], today)
    if bad_date is not None:
        return bad_date
    expected = id_number_check_char(norm[:17])
    if norm[17] != expected:
        return _fail(MSG_ID_CHECK.format(expected=expected))
    return _OK


# --- masking for display and logs ------------------------------------------


def _mask(value: str, head: int, tail: int) -> str:
    """Keep ``head`` leading and ``tail`` trailing characters; mask the rest.

    A value too short to keep anything hidden is masked entirely.
    """
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[len(value) - tail :]


def mask_uscc(code: str) -> str:
    """Mask a credit code, keeping the first 6 and last 2 characters."""
    return _mask(normalise_uscc(code), 6, 2)


def mask_id_number(n: str) -> str:
    """Mask an ID number, keeping the first 6 and last 1 characters."""
    return _mask(normalise_id_number(n), 6, 1)


def mask_person_name(name: str) -> str:
    """Mask a person's name, keeping only the first character (张三丰 → 张**)."""
    name = name.strip()
    return name[:1] + "*" * (len(name) - 1) if name else ""


def mask_phone(p: str) -> str:
    """Mask a phone number: 138****5678 for 11 digits, otherwise keep the last 2."""
    p = p.strip()
    if re.fullmatch(r"[0-9]{11}", p):
        return p[:3] + "****" + p[7:]
    return _mask(p, 0, 2)


def may_verify_identity(role: Role, *, covers: bool, verified: bool) -> bool:
    """实名核验 is done once, by a licensing officer whose jurisdiction covers the organisation
    or by the league admin (the roles that register organisations at the counter)."""
    return not verified and covers and role in {Role.LICENSING_OFFICER, Role.ADMIN}
