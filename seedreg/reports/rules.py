"""The reports' pure rules: which figures exist, which audited subjects feed each family of
figures (so a refresh recounts only what changed), the months a dashboard shows, and the list
page behind each figure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

# A licence is "expiring" within this many days: the first of the expiry reminders
# (licensing.deadlines sends them at 90/60/30 days), so the figure and the reminders agree.
EXPIRING_DAYS = 90
MONTHS_SHOWN = 12


class Family(StrEnum):
    """Figures recounted together: one grouped query set over one owner's tables."""

    LICENCES = "licences"
    APPLICATIONS = "applications"
    LOTS = "lots"
    SCANS = "scans"
    CLONE_FLAGS = "clone_flags"
    INSPECTIONS = "inspections"
    CASES = "cases"
    PUBLICATION = "publication"
    # the period report's month-keyed counts (licences issued and ended, cases opened, decided)
    LICENCE_MONTHS = "licence_months"
    CASE_MONTHS = "case_months"
    INTRODUCTIONS = "introductions"
    CONSIGNMENTS = "consignments"
    NURSERIES = "nurseries"


class Metric(StrEnum):
    LICENCE_STATUS = "licence_status"
    LICENCE_EXPIRING = "licence_expiring"
    APPLICATION_STEP = "application_step"
    APPLICATION_DEADLINE = "application_deadline"
    LOT_MONTH = "lot_month"
    LABEL_MONTH = "label_month"
    SCAN_MONTH = "scan_month"
    CLONE_FLAG_STATUS = "clone_flag_status"
    FINDING_ITEM = "finding_item"
    RECTIFICATION_OVERDUE = "rectification_overdue"
    CASE_STAGE = "case_stage"
    PUBLICATION = "publication"
    LICENCE_MONTH = "licence_month"
    CASE_MONTH = "case_month"
    INTRODUCTION_OUTCOME = "introduction_outcome"
    CONSIGNMENT_COUNT = "consignment_count"
    CONSIGNMENT_QUANTITY = "consignment_quantity"
    NURSERY_BASES = "nursery_bases"
    NURSERY_STOCK = "nursery_stock"


FAMILY_METRICS: dict[Family, tuple[Metric, ...]] = {
    Family.LICENCES: (Metric.LICENCE_STATUS, Metric.LICENCE_EXPIRING),
    Family.APPLICATIONS: (Metric.APPLICATION_STEP, Metric.APPLICATION_DEADLINE),
    Family.LOTS: (Metric.LOT_MONTH, Metric.LABEL_MONTH),
    Family.SCANS: (Metric.SCAN_MONTH,),
    Family.CLONE_FLAGS: (Metric.CLONE_FLAG_STATUS,),
    Family.INSPECTIONS: (Metric.FINDING_ITEM, Metric.RECTIFICATION_OVERDUE),
    Family.CASES: (Metric.CASE_STAGE,),
    Family.PUBLICATION: (Metric.PUBLICATION,),
    Family.LICENCE_MONTHS: (Metric.LICENCE_MONTH,),
    Family.CASE_MONTHS: (Metric.CASE_MONTH,),
    Family.INTRODUCTIONS: (Metric.INTRODUCTION_OUTCOME,),
    Family.CONSIGNMENTS: (Metric.CONSIGNMENT_COUNT, Metric.CONSIGNMENT_QUANTITY),
    Family.NURSERIES: (Metric.NURSERY_BASES, Metric.NURSERY_STOCK),
}

# The audit trail's subject types that change what a family counts (an application's events,
# its 补正 and its rating among them, are recorded under its matter's subject type).
_APPLICATION = (Family.APPLICATIONS, Family.PUBLICATION)
FEEDS: dict[str, tuple[Family, ...]] = {
    "licence": (Family.LICENCES, Family.LICENCE_MONTHS),
    "licence_application": _APPLICATION,
    # introduction applications are recorded under the shared matters' subject type
    "matter_application": (*_APPLICATION, Family.INTRODUCTIONS),
    "lot": (Family.LOTS,),
    "label": (Family.LOTS,),
    "label_issue": (Family.LOTS,),
    "clone_flag": (Family.CLONE_FLAGS,),
    "field_check": (Family.INSPECTIONS,),
    "follow_up": (Family.INSPECTIONS,),
    "case": (Family.CASES, Family.CASE_MONTHS),
    "introduction_approval": (Family.INTRODUCTIONS,),
    "quarantine_certificate": (Family.CONSIGNMENTS,),  # quarantine.services.CONSIGNMENT
    "nursery_base": (Family.NURSERIES,),  # its register, edits and stock imports
}

# Figures that move with the calendar alone (expiring within 90 days, overdue rectifications,
# deadlines passed): recounted once a day even when nothing was recorded.
DATE_BOUND = frozenset(
    {Family.LICENCES, Family.APPLICATIONS, Family.INSPECTIONS, Family.PUBLICATION}
    # not date-bound, but families added after a site's first refresh are counted within a day
    # even if none of their subjects is recorded meanwhile
    | {Family.LICENCE_MONTHS, Family.CASE_MONTHS, Family.INTRODUCTIONS, Family.CONSIGNMENTS}
    | {Family.NURSERIES}
)

# The publication's figures per office and month (国办发〔2019〕51号: 好差评 published), in order.
PUBLISHED = (
    ("handled", "办结件数"),
    ("on_time", "按期办结"),
    ("supplemented", "一次性告知补正的件数"),
    ("rounds", "告知补正次数"),
    ("deemed", "逾期视为受理"),
    ("ratings", "评价件数"),
    ("poor", "差评"),
    ("poor_fixed", "差评按期整改回复"),
)
# The publication's figures the dashboard draws too (ratings and 差评 per office).
RATED = ("ratings", "poor")


def families_to_refresh(
    subject_types: Iterable[str], *, new_day: bool, new_scans: bool, first: bool
) -> set[Family]:
    """The families a refresh recounts: every one the first time; otherwise those fed by the
    subjects recorded since the cursor, the date-bound ones on a new day, scans when any
    arrived (label look-ups are not audited: they are counted by their own id mark)."""
    if first:
        return set(Family)
    due = {f for s in subject_types for f in FEEDS.get(s, ())}
    if new_day:
        due |= DATE_BOUND
    if new_scans:
        due.add(Family.SCANS)
    return due


def last_months(today: date, count: int = MONTHS_SHOWN) -> list[str]:
    """The ``count`` months up to today's, oldest first, as YYYY-MM."""
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


@dataclass(frozen=True)
class Row:
    """One figure as counted: (metric, banner, month or '', key, value)."""

    metric: Metric
    division_code: str
    period: str
    key: str
    value: int


def total_by_key(rows: Iterable[Row], metric: Metric) -> dict[str, int]:
    """The metric's values summed over banners and months, per key."""
    out: dict[str, int] = {}
    for r in rows:
        if r.metric is metric:
            out[r.key] = out.get(r.key, 0) + r.value
    return out


def total_by(rows: Iterable[Row], metric: Metric, part: str) -> dict[str, int]:
    """The metric's values summed per ``part`` ('division_code', 'period' or 'key')."""
    out: dict[str, int] = {}
    for r in rows:
        if r.metric is metric:
            name = getattr(r, part)
            out[name] = out.get(name, 0) + r.value
    return out


def may_see_reports(is_official: bool, is_operator: bool) -> bool:
    """Officials see their area's figures; an operator its own section; nobody else."""
    return is_official or is_operator


def within(area: str, division_code: str) -> bool:
    """``division_code`` is ``area`` or, for a league code (…00), one of its banners (the same
    test as accounts' covers_division, kept pure here for the report's office rows)."""
    if area == division_code:
        return True
    return area.endswith("00") and division_code[:4] == area[:4]
