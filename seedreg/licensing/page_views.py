"""What the application page shows (licensing): the context every render of it shares, the
re-render with the Chinese message beside the field (422), and saving the details form."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from litestar import Request
from litestar.response import Template

from seedreg.accounts import services as accounts
from seedreg.accounts.rules import LEAGUE_CODE
from seedreg.accounts.web import CurrentActor
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.errors import DomainError
from seedreg.core.web.pages import form_error
from seedreg.licensing import applications, documents, materials, permissions, ratings
from seedreg.licensing.forms import (
    LIST_FIELDS,
    RATING_OPTIONS,
    details_from_form,
    division_lookup,
    site_lines,
    variety_lines,
)
from seedreg.licensing.rule_settings import CONDITIONAL_ACCEPTANCE_WORKDAYS
from seedreg.licensing.rules import PauseGround, Status
from seedreg.matters.held_rules import HELD_LABEL
from seedreg.reference import services as reference


def details_values(details: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    """A stored application's details as the details form shows them."""
    return {
        "legal_representative": details.get("legal_representative", ""),
        "registered_address": details.get("registered_address", ""),
        "scope": details.get("scope", []),
        "species": "\n".join(details.get("species", [])),
        "varieties": variety_lines(details.get("varieties", [])),
        "production_sites": site_lines(details.get("production_sites", []), names),
        "valid_area": details.get("valid_area", []),
        "change_occurred_on": details.get("change_occurred_on") or "",
        "change_summary": details.get("change_summary", ""),
        "cancellation_reason": details.get("cancellation_reason", ""),
    }


async def application_context(actor: CurrentActor, application_id: int) -> dict[str, Any]:
    app = await applications.get(actor, application_id)
    counties = await reference.league_counties()
    names = await reference.division_names()
    officials: list[dict[str, Any]] = []
    may = permissions.application_access(actor, Status(app.status), at_counter=app.at_counter)
    if may.review:  # the site check names two officials (行政许可法 Art. 34)
        officials = await accounts.officials_covering(actor, app.division_code)
    items = await materials.checklist(app.kind)
    return {
        "missing": await materials.missing(actor, application_id),
        "held": await materials.offered(actor, application_id) if may.may_upload else {},
        "held_label": HELD_LABEL,
        "confirm_missing": [],
        "submit_then": "",
        "app": app,
        "may": may,
        "items": items,
        "item_names": {i["code"]: i["name"] for i in items},
        "item_options": [(i["code"], i["name"]) for i in items],
        "pause_grounds": [(g.value, g.label) for g in PauseGround],
        "conditional_workdays": str(await rs.value(CONDITIONAL_ACCEPTANCE_WORKDAYS)),
        "officer_options": [
            (o["id"], f"{o['display_name']}（{o['role_label']}）") for o in officials
        ],
        "names": names,
        "counties": [(c["code"], c["name"]) for c in counties],
        "area_options": [(LEAGUE_CODE, names.get(LEAGUE_CODE, "兴安盟"))]
        + [(c["code"], c["name"]) for c in counties],
        "details": details_values(app.details or {}, names),
        "rating": await ratings.get_rating(actor, application_id),
        "rating_options": RATING_OPTIONS,
        "officials": officials,
        "scope_labels": documents.SCOPE_LABELS,
        "today": clock.today().isoformat(),
        "failed": "",
    }


async def application_error(
    request: Request,
    actor: CurrentActor,
    application_id: int,
    failed: str,
    exc: DomainError,
    values: dict[str, Any],
) -> Template:
    context = await application_context(actor, application_id)
    context["failed"] = failed
    if failed == "details" or (failed == "upload" and "then" in values):  # what was typed
        context["details"] = {
            k: values.get(k, [] if k in LIST_FIELDS else "") for k in context["details"]
        }
    return form_error(request, "licensing/application.html", exc, values, **context)


async def save_details(actor: CurrentActor, application_id: int, values: dict[str, Any]) -> None:
    counties = await reference.league_counties()
    details = details_from_form(values, division_lookup(counties))
    await applications.update_details(actor, application_id, details)
