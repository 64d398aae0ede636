"""Pure rules of issue 13: codes and contacts as people type them, who decides a claim, who
verifies identity, what the admin may do to an account."""

from __future__ import annotations

import pytest

from seedreg.accounts.rules import (
    Actor,
    Role,
    SignUpStatus,
    account_actions,
    claim_actions,
    normalise_phone,
    parse_contact,
)
from seedreg.organisations.rules import check_uscc, compact_code, may_verify_identity

ADMIN = Actor(1, "admin", "管理员", Role.ADMIN, jurisdiction="152200")
WLHT = Actor(2, "o1", "审批", Role.LICENSING_OFFICER, jurisdiction="152201")
KYQQ = Actor(3, "o2", "审批", Role.LICENSING_OFFICER, jurisdiction="152221")
STATION = Actor(4, "s", "种苗站", Role.SEED_STATION, jurisdiction="152200")
HOLDER = Actor(5, "h", "持有人", Role.OPERATOR, organisation_id=10)
OTHER = Actor(6, "x", "他人", Role.OPERATOR, organisation_id=11)


@pytest.mark.parametrize(
    "typed",
    [
        "91350100M000100Y43",
        "91350100m000100y43",
        " 9135 0100 M000 100Y 43 ",
        "９１３５０１００Ｍ000100Ｙ43",
    ],
)
def test_a_code_typed_with_spaces_case_or_full_width_digits_compacts_to_a_valid_one(typed):
    assert compact_code(typed) == "91350100M000100Y43"
    assert check_uscc(compact_code(typed)).ok


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("13800138000", ("sms", "13800138000")),
        ("+86 138-0013-8000", ("sms", "13800138000")),
        ("0086 １３８００１３８０００", ("sms", "13800138000")),
        (" Nursery@Example.TEST ", ("email", "nursery@example.test")),
    ],
)
def test_contacts_are_normalised(typed, expected):
    assert parse_contact(typed) == expected


@pytest.mark.parametrize("typed", ["12345", "23800138000", "a@b", "nursery@", ""])
def test_what_is_neither_a_mobile_nor_an_address_is_refused(typed):
    with pytest.raises(ValueError, match="手机号码或电子邮箱"):
        parse_contact(typed)
    assert normalise_phone("  ") == ""


def test_a_claim_is_decided_by_the_holder_or_an_official_of_the_jurisdiction():
    decide = {"approve", "refuse"}
    claim = {"status": SignUpStatus.CLAIM, "organisation_id": 10, "division_code": "152201"}
    assert claim_actions(HOLDER, **claim) == decide
    assert claim_actions(WLHT, **claim) == decide
    assert claim_actions(ADMIN, **claim) == decide
    assert claim_actions(KYQQ, **claim) == frozenset()
    assert claim_actions(OTHER, **claim) == frozenset()
    assert claim_actions(STATION, **claim) == frozenset()
    assert claim_actions(HOLDER, **{**claim, "status": SignUpStatus.DONE}) == frozenset()


def test_identity_is_verified_once_by_a_registrar_covering_the_organisation():
    assert may_verify_identity(Role.LICENSING_OFFICER, covers=True, verified=False)
    assert may_verify_identity(Role.ADMIN, covers=True, verified=False)
    assert not may_verify_identity(Role.LICENSING_OFFICER, covers=False, verified=False)
    assert not may_verify_identity(Role.SEED_STATION, covers=True, verified=False)
    assert not may_verify_identity(Role.ADMIN, covers=True, verified=True)


def test_the_admin_manages_accounts_but_never_disables_itself():
    assert account_actions(ADMIN, user_id=9, active=True) == {"edit", "reset_password", "disable"}
    assert account_actions(ADMIN, user_id=9, active=False) == {"edit", "reset_password", "enable"}
    assert "disable" not in account_actions(ADMIN, user_id=1, active=True)
    assert account_actions(WLHT, user_id=9, active=True) == frozenset()
