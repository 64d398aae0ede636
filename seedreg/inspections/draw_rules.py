"""The 双随机 draw itself, pure: weighted targets, inspector pairs, conflicts and caps.

Reproducible: the whole draw runs on ``random.Random(seed)`` over candidate lists sorted by key,
so the recorded seed and candidates give the same result again (``redraw`` in the tests). Python
documents ``Random(seed)`` with a str seed as stable across versions (version 2 seeding).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class RiskFactor:
    """One reason to weigh a target up; ``has_data`` is False until its source exists."""

    key: str
    label: str
    has_data: bool


RISK_FACTORS = (
    RiskFactor("label_flags", "标签扫码异常、疑似仿冒预警", True),
    RiskFactor("earlier_findings", "以往检查发现的问题", False),
    RiskFactor("late_rectifications", "逾期未整改", False),
    RiskFactor("archive_gaps", "生产经营档案缺失", False),
)
FACTOR_CAP = 5  # one target's count per factor counts up to this; a flood of flags is one signal


@dataclass(frozen=True)
class Candidate:
    kind: str
    id: int
    name: str
    organisation_id: int | None = None  # whose the target is, for the own-organisation conflict
    visits_this_year: int = 0
    factors: Mapping[str, int] = field(default_factory=dict)  # factor key → count

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class Inspector:
    id: int
    name: str
    enforcement_id: str
    organisation_id: int | None = None


def weight(candidate: Candidate, weights: Mapping[str, int], risk_weighted: bool) -> int:
    """1 for everyone; with risk weighting, plus each factor's weight × its count (capped)."""
    if not risk_weighted:
        return 1
    return 1 + sum(
        weights.get(f.key, 0) * min(candidate.factors.get(f.key, 0), FACTOR_CAP)
        for f in RISK_FACTORS
        if f.has_data
    )


@dataclass(frozen=True)
class DrawInput:
    seed: str
    count: int
    cap: int  # drawn visits per target per year
    risk_weighted: bool
    weights: Mapping[str, int]
    targets: tuple[Candidate, ...]
    inspectors: tuple[Inspector, ...]
    conflicts: frozenset[tuple[int, str]]  # (inspector id, target key)


@dataclass(frozen=True)
class Pairing:
    target: Candidate
    weight: int
    inspectors: tuple[Inspector, Inspector]


@dataclass(frozen=True)
class DrawResult:
    visits: tuple[Pairing, ...]
    unpaired: tuple[Candidate, ...]  # drawn, but fewer than two inspectors free of conflict
    capped: tuple[Candidate, ...]  # left out: the year's cap of visits reached

    def as_json(self) -> dict[str, Any]:
        return {
            "visits": [
                {
                    "target": p.target.key,
                    "name": p.target.name,
                    "weight": p.weight,
                    "inspectors": [i.id for i in p.inspectors],
                }
                for p in self.visits
            ],
            "unpaired": [c.key for c in self.unpaired],
            "capped": [c.key for c in self.capped],
        }


class TooFewInspectors(ValueError):
    """Fewer than two inspectors with an enforcement certificate: no draw."""


def conflicted(inspector: Inspector, target: Candidate, conflicts: frozenset) -> bool:
    """Declared links (a link to a business covers its nursery bases too), and the
    inspector's own organisation being the target's."""
    if (inspector.id, target.key) in conflicts:
        return True
    if target.organisation_id is not None and (
        (inspector.id, f"organisation:{target.organisation_id}") in conflicts
    ):
        return True
    return inspector.organisation_id is not None and inspector.organisation_id == (
        target.organisation_id
    )


def _weighted_pick(rng: random.Random, pool: list[tuple[Candidate, int]]) -> int:
    total = sum(w for _, w in pool)
    point = rng.random() * total
    for index, (_, w) in enumerate(pool):
        point -= w
        if point < 0:
            return index
    return len(pool) - 1


def draw(data: DrawInput) -> DrawResult:
    """Draw ``count`` targets (weighted, without replacement) and a pair for each."""
    inspectors = _one_per_certificate(data.inspectors)
    if len(inspectors) < 2:
        raise TooFewInspectors("可抽取的执法人员不足两名（须持有执法证）")
    # Reproducible on purpose: the seed is published (draws.py makes a fresh one).
    rng = random.Random(data.seed)  # noqa: S311
    ordered = sorted(data.targets, key=lambda c: c.key)
    capped = tuple(c for c in ordered if c.visits_this_year >= data.cap)
    pool = [
        (c, weight(c, data.weights, data.risk_weighted))
        for c in ordered
        if c.visits_this_year < data.cap
    ]
    visits: list[Pairing] = []
    unpaired: list[Candidate] = []
    while pool and len(visits) + len(unpaired) < data.count:
        target, w = pool.pop(_weighted_pick(rng, pool))
        free = [i for i in inspectors if not conflicted(i, target, data.conflicts)]
        if len(free) < 2:
            unpaired.append(target)
            continue
        first, second = sorted(rng.sample(free, 2), key=_by_id)
        visits.append(Pairing(target, w, (first, second)))
    return DrawResult(tuple(visits), tuple(unpaired), capped)


def _by_id(inspector: Inspector) -> int:
    return inspector.id


def _one_per_certificate(inspectors: Iterable[Inspector]) -> list[Inspector]:
    """Inspectors holding an enforcement certificate, one account per 执法证号 (the first by id):
    a pair is two officers (行政处罚法 Art. 42), so two accounts sharing a number are one."""
    chosen: dict[str, Inspector] = {}
    for inspector in sorted(inspectors, key=_by_id):
        number = inspector.enforcement_id.strip()
        if number and number not in chosen:
            chosen[number] = inspector
    return sorted(chosen.values(), key=_by_id)


def candidates_json(data: DrawInput) -> dict[str, Any]:
    """What the draw ran on, recorded beside the seed so anyone can run it again."""
    return {
        "count": data.count,
        "cap": data.cap,
        "risk_weighted": data.risk_weighted,
        "weights": dict(data.weights),
        "targets": [asdict(c) | {"factors": dict(c.factors)} for c in data.targets],
        "inspectors": [asdict(i) for i in data.inspectors],
        "conflicts": sorted([i, key] for i, key in data.conflicts),
    }


def input_from_json(seed: str, recorded: Mapping[str, Any]) -> DrawInput:
    """The recorded candidates as a draw's input again (the replay)."""
    return DrawInput(
        seed=seed,
        count=recorded["count"],
        cap=recorded["cap"],
        risk_weighted=recorded["risk_weighted"],
        weights=recorded["weights"],
        targets=tuple(Candidate(**c) for c in recorded["targets"]),
        inspectors=tuple(Inspector(**i) for i in recorded["inspectors"]),
        conflicts=frozenset((int(i), str(k)) for i, k in recorded["conflicts"]),
    )


def factor_rows(weights: Mapping[str, int]) -> list[dict[str, Any]]:
    """Each risk factor with its weight and whether data exists yet (shown on the plan page)."""
    return [
        {"key": f.key, "label": f.label, "weight": weights.get(f.key, 0), "has_data": f.has_data}
        for f in RISK_FACTORS
    ]


def expected_share(weights: Iterable[int], index: int) -> float:
    """The chance that the one-target draw takes the ``index``-th of these weights."""
    values = list(weights)
    return values[index] / sum(values)
