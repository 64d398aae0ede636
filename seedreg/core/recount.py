"""Stored deadlines counted again when the working-day calendar changes.

Records keep the deadlines computed when a clock started (an application's statutory day, a
complaint's reply day). The law's clocks count the working days of the calendar in force
(行政许可法 Art. 82), so when an administrator enters or removes a day (a year's 放假安排 and
its 调休), every open record counted through that day is recounted by its owner. Core imports
no domain: each owner registers its recounter at app start (as ``scheduler.register``)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date

from seedreg.core.audit.services import ActorLike
from seedreg.core.workdays import WorkCalendar

log = logging.getLogger("seedreg.recount")


@dataclass(frozen=True)
class CalendarChange:
    """The years whose days changed, and the calendar before and after the change."""

    years: frozenset[int]
    before: WorkCalendar
    after: WorkCalendar

    @property
    def since(self) -> date:
        """Deadlines on or after this day may have been counted through a changed day."""
        return date(min(self.years), 1, 1)


# Recounts the owner's open records; how many it changed.
Recounter = Callable[[ActorLike, CalendarChange], Awaitable[int]]
_RECOUNTERS: dict[str, Recounter] = {}


def register(name: str, recounter: Recounter) -> None:
    """Add a domain's recounter; registering a name again replaces it."""
    _RECOUNTERS[name] = recounter


async def recount_all(actor: ActorLike, change: CalendarChange) -> dict[str, int]:
    """Run every recounter after the calendar's change committed; records changed by each."""
    done = {name: await recounter(actor, change) for name, recounter in _RECOUNTERS.items()}
    log.info("deadlines recounted for %s: %s", sorted(change.years), done)
    return done


def recounted(origin: date, due: date, before: WorkCalendar, after: WorkCalendar) -> date:
    """The same number of working days from ``origin`` as ``due`` was under ``before``, now
    counted with ``after`` (for a deadline whose day count the record does not keep)."""
    if due <= origin or before.workdays_between(origin, due) == after.workdays_between(origin, due):
        return due  # no day in between changed its kind: also a deadline stored on a rest day
    return after.add_workdays(origin, before.workdays_between(origin, due))
