"""Input validation for the pages and the API: the same as ``seedreg.core.validation``, which the
services use (they import no web module)."""

from seedreg.core.validation import (
    InvalidInput,
    error_messages,
    field_messages,
    form_values,
    parse,
)

__all__ = ["InvalidInput", "error_messages", "field_messages", "form_values", "parse"]
