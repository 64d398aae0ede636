"""What the officials' home shows of the desk: open questions, complaints and 差评 in the
jurisdiction, with a link to the desk."""

from __future__ import annotations

from seedreg.accounts.rules import Actor
from seedreg.accounts.scope import in_jurisdiction
from seedreg.servicedesk import rules
from seedreg.servicedesk.rules import ComplaintStatus, QuestionStatus
from seedreg.servicedesk.tables import Complaint, Question, VisitRating


async def open_counts(actor: Actor) -> list[tuple[str, int, str]]:
    """(label, number, link) tiles for an official; none for anyone else."""
    if not actor.is_official:
        return []
    questions = await Question.count().where(
        in_jurisdiction(Question.division_code, actor)
        & Question.status.is_in([QuestionStatus.OPEN, QuestionStatus.TAKEN])
    )
    complaints = await Complaint.count().where(
        in_jurisdiction(Complaint.division_code, actor)
        & Complaint.status.is_in([ComplaintStatus.OPEN, ComplaintStatus.ASSIGNED])
    )
    poor = await VisitRating.count().where(
        in_jurisdiction(VisitRating.division_code, actor)
        & (VisitRating.score <= rules.POOR)
        & VisitRating.answered_at.is_null()
    )
    link = "/servicedesk/desk"
    return [
        ("待答复咨询", questions, link),
        ("待办投诉", complaints, link),
        ("待反馈差评", poor, link),
    ]
