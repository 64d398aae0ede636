"""Who is asking: the session cookie (pages) or a bearer token (API), resolved once per request."""

from __future__ import annotations

from litestar import Request
from litestar.di import NamedDependency

from seedreg.accounts import services
from seedreg.accounts.rules import Actor
from seedreg.core.errors import NotAuthenticated
from seedreg.settings import Settings

SESSION_COOKIE = "seedreg_session"
# Handler parameter types: the signed-in actor (401 / login redirect without one), or None.
CurrentActor = NamedDependency[Actor]
MaybeActor = NamedDependency[Actor | None]
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _credentials(request: Request) -> tuple[str, str] | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), "bearer"
    cookie = request.cookies.get(SESSION_COOKIE, "")
    # The API trusts a cookie for reading only: writes need a bearer token, so a page on
    # another site cannot make a signed-in browser change anything through the API.
    if cookie and request.url.path.startswith("/api/") and request.method in UNSAFE_METHODS:
        return None
    return (cookie, "cookie") if cookie else None


async def load_actor(request: Request) -> None:
    """before_request hook: put the actor (or None) on request.state."""
    request.state.actor = None
    request.state.session_token = ""
    creds = _credentials(request)
    if creds is None:
        return
    settings: Settings = request.app.state.settings
    actor = await services.resolve_session(creds[0], settings)
    if actor is not None:
        request.state.actor = actor
        request.state.session_token = creds[0]


async def anonymous(request: Request) -> None:
    """before_request of public JSON endpoints that never look at who is asking (the label
    verification look-up): no session is resolved (``optional_actor`` still answers None)."""


def current_actor(request: Request) -> Actor:
    """Dependency: the signed-in actor, or 401 / a redirect to the login page."""
    actor = getattr(request.state, "actor", None)
    if actor is None:
        raise NotAuthenticated("请先登录")
    return actor


def optional_actor(request: Request) -> Actor | None:
    return getattr(request.state, "actor", None)
