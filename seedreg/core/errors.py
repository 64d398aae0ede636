"""Domain errors. Services raise only these; each surface (pages, API) translates them once."""

from __future__ import annotations


class DomainError(Exception):
    """Base class: a human-readable Chinese message, an HTTP-ish status and optional details."""

    status_code = 400
    code = "domain_error"

    def __init__(self, message: str, *, field: str | None = None, details: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class Forbidden(DomainError):
    status_code = 403
    code = "forbidden"


class NotAuthenticated(DomainError):
    status_code = 401
    code = "not_authenticated"


class Conflict(DomainError):
    status_code = 409
    code = "conflict"


class RuleViolation(DomainError):
    """Input that is well-formed but breaks a business rule (check digit, state machine…)."""

    status_code = 422
    code = "rule_violation"


class TooManyAttempts(DomainError):
    status_code = 429
    code = "too_many_attempts"
