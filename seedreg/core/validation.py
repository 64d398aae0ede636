"""Pydantic validation errors as one Chinese message per field (services, pages and API)."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from seedreg.core.errors import RuleViolation

M = TypeVar("M", bound=BaseModel)

_MESSAGES = {
    "missing": "此项必填",
    "extra_forbidden": "不允许的字段",
    "string_too_short": "内容太短",
    "too_short": "至少需要{min_length}项",
    "too_long": "最多{max_length}项",
    "string_too_long": "内容太长（最多{max_length}个字符）",
    "string_pattern_mismatch": "格式不正确",
    "string_type": "应为文本",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数字",
    "bool_parsing": "应为是或否",
    "bool_type": "应为是或否",
    "date_from_datetime_parsing": "日期格式应为YYYY-MM-DD",
    "date_parsing": "日期格式应为YYYY-MM-DD",
    "date_type": "日期格式应为YYYY-MM-DD",
    "enum": "不在允许的选项中",
    "literal_error": "不在允许的选项中",
    "greater_than_equal": "不能小于{ge}",
    "less_than_equal": "不能大于{le}",
    "greater_than": "必须大于{gt}",
    "json_invalid": "JSON格式错误",
    "model_type": "应为JSON对象",
    "dict_type": "应为JSON对象",
}


class InvalidInput(RuleViolation):
    """Input that failed schema validation; ``details`` maps field → Chinese message."""

    code = "invalid_input"


def field_messages(exc: ValidationError) -> dict[str, str]:
    return error_messages(exc.errors())


def error_messages(errors: list[Any]) -> dict[str, str]:
    """One Chinese message per field from pydantic-style error dicts (type, loc, msg, ctx)."""
    messages: dict[str, str] = {}
    for err in errors:
        field = ".".join(str(p) for p in err.get("loc", ())) or "_"
        template = _MESSAGES.get(err.get("type", ""))
        if template is None:
            text = str(err.get("msg", "")).removeprefix("Value error, ")
            message = text if _is_chinese(text) else "内容不正确"
        else:
            message = template.format(**(err.get("ctx") or {}))
        messages.setdefault(field, message)
    return messages


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def parse(model: type[M], data: Any) -> M:
    """Validate input (a JSON body or form fields) or raise InvalidInput with Chinese messages."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        messages = field_messages(exc)
        summary = "；".join(f"{k}：{v}" for k, v in messages.items())
        raise InvalidInput(f"输入有误：{summary}", details=messages) from exc


def form_values(form: Any) -> dict[str, Any]:
    """Form fields as a dict without CSRF and empty optional fields."""
    return {k: v for k, v in dict(form).items() if k != "_csrf_token" and v != ""}
