"""Context builders for the organisations' printable documents (rendered by seedreg.core.pdf)."""

from __future__ import annotations

from datetime import date
from typing import Any

RECORD_TEMPLATE = "organisation_record.html"


def verify_url(base_url: str, public_id: str) -> str:
    """The public page that confirms a printed record is genuine (encoded in its QR code)."""
    return f"{base_url.rstrip('/')}/verify/organisations/{public_id}"


def record_context(org: Any, *, base_url: str, printed_on: date, authority: str) -> dict[str, Any]:
    """Context for ``templates/pdf/organisation_record.html`` (生产经营者登记信息表).

    Args:
        org: an ``OrganisationOut`` or any object with the same attributes.
        base_url: the public address of the site, e.g. ``Settings.public_base_url``.
        printed_on: the date printed on the paper (pass ``clock.today()``).
        authority: who keeps the register, from the authority records (the league's 林草局).
    """
    return {
        "org": org,
        "verify_url": verify_url(base_url, org.public_id),
        "printed_on": printed_on,
        "authority": authority,
    }
