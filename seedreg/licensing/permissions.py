"""Who may do what on an application or a licence, from its state and the actor (pure). The pages
ask these instead of comparing roles or states; the actions come from the licensing matter's
transitions table through the one engine (``matters.rules.allowed_actions``), so a page cannot
offer what the state machine refuses."""

from __future__ import annotations

from dataclasses import dataclass

from seedreg.accounts.rules import LICENSING_ROLES, Actor, Role
from seedreg.licensing.licence_terms import LicenceStatus
from seedreg.licensing.states import MATTER, Action, Status
from seedreg.matters import rules as matter_rules
from seedreg.matters.rules import ActorView, ApplicationView
from seedreg.matters.transitions import LICENSING, Party

# Who takes each step is the licensing matter's table (matters.transitions): the applicant its own
# (行政许可法 Arts. 29, 32, 36 …: it applies, completes, withdraws), the officer the decisions
# (Arts. 32, 38, 42; 种子法 Art. 31 ¶2 for forwarding), the system the deemed acceptance (Art. 32).
APPLICANT_ACTIONS = frozenset(
    Action(a) for (_, a), edge in LICENSING.steps.items() if Party.APPLICANT in edge.by
)
OFFICER_ACTIONS = frozenset(
    Action(a) for (_, a), edge in LICENSING.steps.items() if Party.OFFICER in edge.by
)
# Materials may still be added while the application waits for acceptance.
UPLOAD_STATES = frozenset(s for s in Status if LICENSING.states[s.value].uploads)
DECIDED = frozenset(s for s in Status if LICENSING.states[s.value].decided)


def _parties(*, officer: bool, applicant: bool) -> ActorView:
    return ActorView(
        frozenset(
            ({Party.OFFICER} if officer else set()) | ({Party.APPLICANT} if applicant else set())
        )
    )


def allowed_actions(status: Status, *, officer: bool, applicant: bool) -> frozenset[Action]:
    """The actions the transitions table allows from ``status`` that this actor may take."""
    view = ApplicationView(MATTER, status)
    allowed = matter_rules.allowed_actions(view, _parties(officer=officer, applicant=applicant))
    return frozenset(Action(a) for a in allowed)


@dataclass(frozen=True)
class ApplicationAccess:
    """One actor's view of one application: what the page offers and which step it shows."""

    status: Status
    officer: bool  # a licensing officer or the admin
    applicant: bool  # the operator, or an officer filing at the counter (窗口代办)
    actions: frozenset[Action]

    @property
    def may_edit(self) -> bool:  # a draft, or one sent back for 补正
        return bool({Action.SUBMIT, Action.RESUBMIT} & self.actions)

    @property
    def may_upload(self) -> bool:
        return self.applicant and self.status in UPLOAD_STATES

    @property
    def may_withdraw(self) -> bool:
        return Action.WITHDRAW in self.actions

    @property
    def intake(self) -> bool:  # 受理 or not (Art. 32)
        return Action.ACCEPT in self.actions

    @property
    def review(self) -> bool:  # review and decision (Art. 42), or forwarding
        return Action.GRANT in self.actions

    @property
    def issuing(self) -> bool:  # recording the region's decision
        return Action.REGION_GRANT in self.actions

    @property
    def may_decide(self) -> bool:
        return self.intake or self.review or self.issuing

    @property
    def follows_progress(self) -> bool:  # the applicant's view of an open application
        return self.applicant and self.status is not Status.DRAFT and not self.status.is_final

    @property
    def draft(self) -> bool:
        return self.status is Status.DRAFT

    @property
    def awaiting_intake(self) -> bool:
        return self.status is Status.SUBMITTED

    @property
    def awaiting_supplement(self) -> bool:
        return self.status is Status.SUPPLEMENT_REQUESTED

    @property
    def at_region(self) -> bool:
        return self.status is Status.FORWARDED

    @property
    def decided(self) -> bool:  # a written decision exists (not a withdrawal)
        return self.status in DECIDED


def application_access(actor: Actor, status: Status, *, at_counter: bool) -> ApplicationAccess:
    view = matter_rules.actor_view(actor.role, MATTER, at_counter=at_counter)
    allowed = matter_rules.allowed_actions(ApplicationView(MATTER, status), view)
    return ApplicationAccess(
        status,
        Party.OFFICER in view.parties,
        Party.APPLICANT in view.parties,
        frozenset(Action(a) for a in allowed),
    )


@dataclass(frozen=True)
class LicenceAccess:
    """One actor's view of one licence."""

    valid: bool
    officer: bool
    may_apply: bool  # 延续, 变更, 注销: the holder, or an officer at the counter
    may_end: bool  # 撤销, 吊销: an officer


def licence_access(actor: Actor, status: LicenceStatus) -> LicenceAccess:
    valid = status is LicenceStatus.VALID
    officer = actor.role in LICENSING_ROLES
    return LicenceAccess(
        valid=valid,
        officer=officer,
        may_apply=valid and (officer or actor.role is Role.OPERATOR),
        may_end=valid and officer,
    )
