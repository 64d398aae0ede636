"""Input validation for the pages and the API: the same as ``seedreg.core.validation``, which the
services use (they import no web module); and the errors' keys as a form's field names."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from seedreg.core.validation import (
    InvalidInput,
    error_messages,
    field_messages,
    form_values,
    parse,
)

__all__ = [
    "InvalidInput",
    "error_messages",
    "field_errors",
    "field_messages",
    "form_values",
    "parse",
]


def field_errors(
    errors: Mapping[str, str],
    rows: Mapping[str, str] | None = None,
    whole: Collection[str] = (),
) -> dict[str, str]:
    """The errors with each key also under the form field it belongs to, so that a re-shown
    form marks the field and says why beside it.

    A key names a place in the body the form was turned into (``samples.0.goods``, pydantic's
    ``loc`` joined with dots); a form names a repeated row's field ``<rows>-<row>-<field>``
    (``samples-1-goods``). Where the form leaves empty rows out of the body the numbers differ:
    ``rows`` maps a body row to the form's (``{"samples.0": "samples-1"}``). A name in
    ``whole`` is one field holding several rows (typed serials, one a line): no suffix. Without
    a row of its own, an index stays in the name (``samples-0-goods``) unless it ends the key,
    one of several ticked boxes of one name (``inspector_ids.1`` → ``inspector_ids``). The
    original keys stay too: a template may ask for either. The first message for a field wins.
    """
    rows = rows or {}
    out = dict(errors)
    for key, message in errors.items():
        parts = key.split(".")
        name = None
        for cut in range(len(parts), 0, -1):
            row = rows.get(".".join(parts[:cut]))
            if row is not None:
                name = row if row in whole else "-".join([row, *parts[cut:]])
                break
        if name is None:
            while len(parts) > 1 and parts[-1].isdigit():
                parts.pop()
            name = "-".join(parts)
        out.setdefault(name, message)
    return out
