"""The seam for the 政务服务 unified identity (issue 13 item 4): one interface, off by default."""

from __future__ import annotations

from seedreg.accounts import federation
from seedreg.accounts.federation import ExternalIdentity, IdentityProvider


class FakePlatform:
    key = "fake-zwfw"
    label = "政务服务统一身份认证（测试）"

    def authorization_url(self, *, state: str, redirect_uri: str) -> str:
        return f"https://zwfw.example/auth?state={state}&redirect_uri={redirect_uri}"

    async def identity(self, *, code: str, redirect_uri: str) -> ExternalIdentity:
        return ExternalIdentity(self.key, f"subject-{code}", "赵六", uscc="91350100M000100Y43")


def test_no_unified_identity_is_configured_by_default():
    assert federation.configured() is None


async def test_a_provider_fits_the_one_interface_and_can_be_switched_off():
    platform = FakePlatform()
    assert isinstance(platform, IdentityProvider)
    federation.register(platform)
    try:
        assert federation.configured() is platform
        who = await federation.configured().identity(code="c1", redirect_uri="/x")
        assert (who.subject, who.uscc) == ("subject-c1", "91350100M000100Y43")
    finally:
        federation.register(None)
    assert federation.configured() is None
