"""Who may do what on an application or a licence (seedreg.licensing.permissions) and what the
navigation offers (accounts.rules.nav_for): the pages ask these, so they follow the transitions
table and name no role or status."""

from __future__ import annotations

import pytest

from seedreg.accounts.rules import Actor, Role, nav_for
from seedreg.licensing.permissions import (
    allowed_actions,
    application_access,
    licence_access,
)
from seedreg.licensing.rules import TRANSITIONS, Action, LicenceStatus, Status


def actor(role: Role) -> Actor:
    return Actor(1, "u", "用户", role, organisation_id=7, jurisdiction="152201")


OPERATOR, OFFICER, ADMIN = actor(Role.OPERATOR), actor(Role.LICENSING_OFFICER), actor(Role.ADMIN)
STATION = actor(Role.SEED_STATION)


@pytest.mark.parametrize("status", list(Status))
def test_the_allowed_actions_are_the_transitions_tables(status):
    both = allowed_actions(status, officer=True, applicant=True)
    table = {a for (s, a) in TRANSITIONS if s is status} - {Action.DEEM_ACCEPTED}
    assert both == table
    assert allowed_actions(status, officer=False, applicant=False) == frozenset()


def test_the_applicant_and_the_officer_each_get_their_own_steps():
    assert allowed_actions(Status.SUBMITTED, officer=False, applicant=True) == {Action.WITHDRAW}
    assert allowed_actions(Status.SUBMITTED, officer=True, applicant=False) == {
        Action.ACCEPT,
        Action.REQUEST_SUPPLEMENT,
        Action.REJECT_INTAKE,
    }
    assert allowed_actions(Status.DRAFT, officer=True, applicant=False) == frozenset()


def test_an_operator_edits_a_draft_and_follows_a_submitted_application():
    draft = application_access(OPERATOR, Status.DRAFT, at_counter=False)
    assert (draft.may_edit, draft.may_upload, draft.draft, draft.may_decide) == (
        True,
        True,
        True,
        False,
    )
    assert not draft.follows_progress
    sent = application_access(OPERATOR, Status.SUBMITTED, at_counter=False)
    assert (sent.may_edit, sent.may_upload, sent.follows_progress) == (False, True, True)
    assert sent.may_withdraw
    assert sent.awaiting_intake
    assert not sent.intake
    back = application_access(OPERATOR, Status.SUPPLEMENT_REQUESTED, at_counter=False)
    assert back.may_edit
    assert back.awaiting_supplement


@pytest.mark.parametrize(
    ("status", "intake", "review", "issuing"),
    [
        (Status.SUBMITTED, True, False, False),
        (Status.ACCEPTED, False, True, False),
        (Status.FORWARDED, False, False, True),
        (Status.SUPPLEMENT_REQUESTED, False, False, False),
        (Status.GRANTED, False, False, False),
    ],
)
def test_the_officer_decides_by_the_state(status, intake, review, issuing):
    for who in (OFFICER, ADMIN):
        may = application_access(who, status, at_counter=False)
        assert (may.intake, may.review, may.issuing) == (intake, review, issuing)
        assert may.may_decide == (intake or review or issuing)
        assert not may.applicant
        assert not may.may_edit
    assert not application_access(OPERATOR, status, at_counter=False).may_decide
    assert not application_access(STATION, status, at_counter=False).may_decide


def test_an_officer_at_the_counter_is_also_the_applicant():
    may = application_access(OFFICER, Status.DRAFT, at_counter=True)
    assert may.applicant
    assert may.officer
    assert may.may_edit


def test_decided_means_a_written_decision():
    assert application_access(OPERATOR, Status.REFUSED, at_counter=False).decided
    assert application_access(OPERATOR, Status.REJECTED_INTAKE, at_counter=False).decided
    assert not application_access(OPERATOR, Status.WITHDRAWN, at_counter=False).decided
    assert not application_access(OPERATOR, Status.GRANTED, at_counter=False).follows_progress


def test_a_valid_licence_is_renewed_by_its_holder_and_ended_by_an_officer():
    mine = licence_access(OPERATOR, LicenceStatus.VALID)
    assert (mine.may_apply, mine.may_end) == (True, False)
    theirs = licence_access(OFFICER, LicenceStatus.VALID)
    assert (theirs.may_apply, theirs.may_end) == (True, True)
    assert licence_access(STATION, LicenceStatus.VALID) == licence_access(
        STATION, LicenceStatus.VALID
    )
    assert not licence_access(STATION, LicenceStatus.VALID).may_apply
    for status in set(LicenceStatus) - {LicenceStatus.VALID}:
        ended = licence_access(OFFICER, status)
        assert not ended.valid
        assert not ended.may_apply
        assert not ended.may_end


def test_the_navigation_follows_the_role():
    assert nav_for(OPERATOR).own_organisation
    assert nav_for(OPERATOR).claims
    assert not nav_for(OPERATOR).licensing_inbox
    assert not nav_for(OPERATOR).compliance
    assert nav_for(OFFICER).licensing_inbox
    assert nav_for(OFFICER).register_organisations
    assert nav_for(STATION).clone_flags
    assert not nav_for(STATION).claims
    assert nav_for(ADMIN).admin
    assert nav_for(ADMIN).clone_flags
    assert nav_for(ADMIN).licensing_inbox
    assert not nav_for(OFFICER).admin
    assert OPERATOR.nav == nav_for(OPERATOR)
    assert OPERATOR.is_operator
