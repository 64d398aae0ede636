"""Seam for signing in through the region's 政务服务 unified identity (issue 13 item 4).

兴署发〔2021〕5号 第二十二条 has the league's integrated online government-service platform
unify 身份认证 (one identity for every service) and connect to the region's platform;
第二十三条 makes each business system responsible for connecting itself ("谁建设、谁对接"),
users included. This module is where that connection goes; nothing implements it yet (no
provider is registered, so no page offers it).

What an implementation supplies — one ``IdentityProvider``, registered at start-up:

* ``authorization_url(state=…, redirect_uri=…)``: where the browser goes to sign in on the
  platform (an OAuth 2 / OIDC-style redirect with an unguessable ``state`` the login view keeps
  in a cookie);
* ``await identity(code=…, redirect_uri=…)``: the code the platform sends back, exchanged
  server to server for the person or legal person it vouches for (``ExternalIdentity``).

What the rest of seedreg will then do (not built yet; sketched so the seam stays small): look
the identity up in a link table (provider, subject) → account; with no link, match a legal
person's 统一社会信用代码 or a natural person's 身份证号 against organisations and offer the
sign-up or claim flow (``signup``/``claims``) with those facts filled in and already confirmed —
a platform that verified the person makes the 实名核验 step a formality — then open a session
exactly as ``services.sign_in`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class ExternalIdentity:
    """Who the platform says signed in."""

    provider: str
    subject: str  # the platform's stable id for this person or legal person
    name: str
    id_number: str | None = None  # 自然人: 身份证号
    uscc: str | None = None  # 法人: 统一社会信用代码
    phone: str | None = None


@runtime_checkable
class IdentityProvider(Protocol):
    key: str  # short name, e.g. "nmg-zwfw"
    label: str  # what the login button says

    def authorization_url(self, *, state: str, redirect_uri: str) -> str: ...

    async def identity(self, *, code: str, redirect_uri: str) -> ExternalIdentity: ...


_provider: IdentityProvider | None = None


def register(provider: IdentityProvider | None) -> None:
    """Install the provider (at start-up), or None to switch unified sign-in off."""
    global _provider
    _provider = provider


def configured() -> IdentityProvider | None:
    """The unified-identity provider, or None (today: always None)."""
    return _provider
