"""Reading the licensing forms (no JavaScript needed): one line per site or variety,
turned into the schemas the services take, with a Chinese message per bad line. Pure, but for
``read_form``, which reads the submitted form off the request."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from litestar import Request

from seedreg.core.errors import DomainError
from seedreg.core.web.forms import InvalidInput, parse
from seedreg.licensing.ledger_cells import site_cell, variety_cell
from seedreg.licensing.rules import ApplicationKind, Status
from seedreg.licensing.schemas import (
    ApplicationDetails,
)

APP = "/licensing/applications/{application_id:int}"
KIND_OPTIONS = [(k.value, k.label) for k in ApplicationKind]
STATUS_OPTIONS = [(s.value, s.label) for s in Status if s is not Status.DRAFT]
RATING_OPTIONS = [(5, "非常满意"), (4, "满意"), (3, "基本满意"), (2, "不满意"), (1, "非常不满意")]
# Form fields that arrive as several values (checkboxes).
LIST_FIELDS = frozenset({"scope", "valid_area", "items", "pending_items", "officer_ids", "kinds"})
SEPARATOR = re.compile(r"\s*[,，]\s*")
# Model-level messages of ApplicationDetails belong beside the field they are about.
MESSAGE_FIELDS = (("生产地点", "production_sites"), ("树种", "species"))


# --- input parsing (pure) -------------------------------------------------------------------


def split_lines(text: str) -> list[str]:
    """Non-blank lines, trimmed (also splits on 、 so "油松、樟子松" works)."""
    return [p.strip() for line in text.splitlines() for p in line.split("、") if p.strip()]


def parse_site_lines(
    text: str, divisions: Mapping[str, str]
) -> tuple[list[dict[str, str]], list[str]]:
    """Production sites from lines of "旗县市代码或名称,苏木乡镇,嘎查村,地块" (either comma).

    ``divisions`` maps banner codes and names to codes. Returns the sites and one Chinese
    message per line that could not be read (numbered as the person sees the lines).
    """
    sites: list[dict[str, str]] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = SEPARATOR.split(line.strip())
        if len(parts) < 2 or not parts[0] or not parts[1]:
            problems.append(f"第{number}行：至少填写旗县市和苏木乡镇两项，用逗号分隔")
            continue
        code = divisions.get(parts[0])
        if code is None:
            problems.append(f"第{number}行：“{parts[0]}”不是兴安盟的旗县市名称或代码")
            continue
        village = parts[2] if len(parts) > 2 else ""
        detail = "，".join(p for p in parts[3:] if p)  # a comma inside the plot stays in it
        sites.append(
            {"division_code": code, "township": parts[1], "village": village, "detail": detail}
        )
    return sites, problems


def parse_variety_lines(text: str) -> tuple[list[dict[str, str]], list[str]]:
    """林木良种 from lines of "树种,品种,审定编号"; one Chinese message per bad line."""
    varieties: list[dict[str, str]] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = SEPARATOR.split(line.strip())
        if len(parts) != 3 or not all(parts):
            problems.append(f"第{number}行：应为“树种,品种,审定编号”三项，用逗号分隔")
            continue
        varieties.append({"species": parts[0], "variety": parts[1], "approval_number": parts[2]})
    return varieties, problems


def site_lines(sites: Iterable[Mapping[str, str]], names: Mapping[str, str]) -> str:
    """The stored sites back as the lines the form shows."""
    return site_cell(sites, names, comma=",")


def variety_lines(varieties: Iterable[Mapping[str, str]]) -> str:
    return variety_cell(varieties, comma=",")


def form_messages(details: Mapping[str, str]) -> dict[str, str]:
    """Schema messages keyed by the form's fields ("production_sites.1.township" → the sites
    box, saying which entry)."""
    errors: dict[str, str] = {}
    for key, message in details.items():
        field, _, rest = key.partition(".")
        if field == "_":
            field = next((f for word, f in MESSAGE_FIELDS if word in message), "_")
        index = rest.split(".")[0]
        text = f"第{int(index) + 1}项：{message}" if index.isdigit() else message
        errors.setdefault(field, text)
    return errors


def details_from_form(
    values: Mapping[str, Any], divisions: Mapping[str, str]
) -> ApplicationDetails:
    """The details form as ApplicationDetails, or InvalidInput naming every bad field."""
    sites, site_problems = parse_site_lines(values.get("production_sites", ""), divisions)
    varieties, variety_problems = parse_variety_lines(values.get("varieties", ""))
    data = {
        "legal_representative": values.get("legal_representative", ""),
        "registered_address": values.get("registered_address", ""),
        "scope": values.get("scope", []),
        "species": split_lines(values.get("species", "")),
        "varieties": varieties,
        "production_sites": sites,
        "valid_area": values.get("valid_area", []),
        "change_occurred_on": values.get("change_occurred_on"),
        "change_summary": values.get("change_summary", ""),
        "cancellation_reason": values.get("cancellation_reason", ""),
    }
    errors: dict[str, str] = {}
    details = None
    try:
        details = parse(ApplicationDetails, data)
    except InvalidInput as exc:
        errors = form_messages(exc.details if isinstance(exc.details, dict) else {})
    if site_problems:
        errors["production_sites"] = "；".join(site_problems)
    if variety_problems:
        errors["varieties"] = "；".join(variety_problems)
    if errors or details is None:
        raise InvalidInput("申请信息有误", details=errors)
    return details


def division_lookup(counties: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Banner codes and names → code, for reading site lines."""
    lookup = {}
    for c in counties:
        lookup[c["code"]] = lookup[c["name"]] = c["code"]
    return lookup


async def read_form(request: Request) -> dict[str, Any]:
    """Submitted fields without the CSRF token: checkbox groups as lists, blank fields dropped."""
    form = await request.form()
    values: dict[str, Any] = {}
    for key, value in form.multi_items():
        if key == "_csrf_token" or not isinstance(value, str):
            continue
        if key in LIST_FIELDS:
            values.setdefault(key, []).append(value)
        elif value.strip():
            values[key] = value
    return values


def pick(values: Mapping[str, Any], *names: str) -> dict[str, Any]:
    """The named form values that were sent."""
    return {n: values[n] for n in names if n in values}


def placed_error(exc: DomainError, fields: Iterable[str]) -> DomainError:
    """A message about a field the form does not show is shown as the form's message."""
    if exc.field and exc.field not in fields and not isinstance(exc, InvalidInput):
        return type(exc)(exc.message)
    return exc
