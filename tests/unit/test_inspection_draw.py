"""The pure 双随机 draw: reproducible from its seed, conflicts and caps hold, risk weights change
the odds as stated (a statistical test on a fixed seed), too few inspectors refuse."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from seedreg.accounts.rules import Actor, Role
from seedreg.inspections import draw_rules as d
from seedreg.inspections import rules
from seedreg.inspections.rules import PlanStatus

WEIGHTS = {"label_flags": 2, "earlier_findings": 3, "late_rectifications": 3, "archive_gaps": 2}


def targets(n: int, **kw: object) -> tuple[d.Candidate, ...]:
    return tuple(
        d.Candidate("organisation", i, f"苗圃{i}号", organisation_id=i, **kw)
        for i in range(1, n + 1)
    )


def inspectors(n: int) -> tuple[d.Inspector, ...]:
    return tuple(d.Inspector(100 + i, f"执法{i}", f"1522012026{i:04d}") for i in range(1, n + 1))


def data(**kw: object) -> d.DrawInput:
    base = d.DrawInput(
        seed="2026-a",
        count=3,
        cap=1,
        risk_weighted=False,
        weights=WEIGHTS,
        targets=targets(10),
        inspectors=inspectors(4),
        conflicts=frozenset(),
    )
    return replace(base, **kw)


def test_the_same_seed_gives_the_same_draw_and_another_seed_another():
    first, again = d.draw(data()), d.draw(data())
    assert first == again
    assert first.as_json() == again.as_json()
    others = {str(d.draw(data(seed=f"seed-{n}")).as_json()) for n in range(10)}
    assert len(others) > 1  # ten seeds do not all give one result
    assert d.draw(data(seed="2026-b")).as_json() != first.as_json()


def test_the_order_of_the_candidates_does_not_matter():
    shuffled = list(targets(10))
    random.Random(7).shuffle(shuffled)
    assert d.draw(data(targets=tuple(shuffled))) == d.draw(data())


def test_the_recorded_candidates_replay_to_the_same_result():
    original = data(risk_weighted=True, targets=targets(6, factors={"label_flags": 1}))
    recorded = d.candidates_json(original)
    assert d.draw(d.input_from_json(original.seed, recorded)) == d.draw(original)


def test_each_visit_has_two_different_inspectors_with_certificates():
    result = d.draw(data(count=10, inspectors=(*inspectors(3), d.Inspector(1, "无证", ""))))
    assert len(result.visits) == 10
    for visit in result.visits:
        a, b = visit.inspectors
        assert a.id != b.id
        assert a.enforcement_id
        assert b.enforcement_id


def test_two_accounts_sharing_a_certificate_number_are_one_inspector():
    twin = d.Inspector(200, "重复账号", inspectors(1)[0].enforcement_id)
    with pytest.raises(d.TooFewInspectors):
        d.draw(data(inspectors=(inspectors(1)[0], twin)))
    for n in range(50):
        result = d.draw(data(seed=f"t{n}", count=1, inspectors=(*inspectors(2), twin)))
        numbers = [i.enforcement_id for i in result.visits[0].inspectors]
        assert len(set(numbers)) == 2
        assert twin not in result.visits[0].inspectors


def test_fewer_than_two_inspectors_with_a_certificate_refuse_the_draw():
    with pytest.raises(d.TooFewInspectors, match="不足两名"):
        d.draw(data(inspectors=(inspectors(1)[0], d.Inspector(9, "无证", " "))))


def test_a_conflicted_inspector_is_never_drawn_for_that_target():
    people = inspectors(3)
    target = targets(1)[0]
    conflicts = frozenset({(people[0].id, target.key)})
    for n in range(200):
        result = d.draw(
            data(seed=f"c{n}", count=1, targets=(target,), inspectors=people, conflicts=conflicts)
        )
        assert people[0] not in result.visits[0].inspectors


def test_an_inspector_of_the_target_organisation_is_never_drawn_for_it():
    own = d.Inspector(1, "本单位", "15220100000001", organisation_id=5)
    people = (own, *inspectors(2))
    target = d.Candidate("organisation", 5, "苗圃5号", organisation_id=5)
    for n in range(100):
        result = d.draw(data(seed=f"o{n}", count=1, targets=(target,), inspectors=people))
        assert own not in result.visits[0].inspectors


def test_a_conflict_with_a_business_covers_its_nursery_bases():
    people = inspectors(3)
    base = d.Candidate("nursery_base", 9, "某国有林场苗圃", organisation_id=5)
    conflicts = frozenset({(people[0].id, "organisation:5")})
    for n in range(100):
        result = d.draw(
            data(seed=f"b{n}", count=1, targets=(base,), inspectors=people, conflicts=conflicts)
        )
        assert people[0] not in result.visits[0].inspectors
    other = d.Candidate("nursery_base", 10, "另一苗圃", organisation_id=6)
    assert not d.conflicted(people[0], other, conflicts)


def test_a_target_without_two_free_inspectors_is_listed_unpaired():
    people = inspectors(2)
    target = targets(1)[0]
    result = d.draw(
        data(
            count=1,
            targets=(target,),
            inspectors=people,
            conflicts=frozenset({(people[0].id, target.key)}),
        )
    )
    assert result.visits == ()
    assert result.unpaired == (target,)


def test_the_cap_of_visits_per_year_holds():
    capped = targets(3, visits_this_year=1)
    fresh = (d.Candidate("organisation", 9, "苗圃9号", visits_this_year=1),)
    result = d.draw(data(count=5, cap=2, targets=(*capped, *fresh)))
    assert len(result.visits) == 4  # cap 2: all four still have room
    full = d.draw(data(count=5, cap=1, targets=(*capped, *fresh)))
    assert full.visits == ()
    assert [c.key for c in full.capped] == [c.key for c in (*capped, *fresh)]
    mixed = d.draw(data(count=5, cap=1, targets=(*capped, *targets(5)[3:])))
    assert {v.target.id for v in mixed.visits} == {4, 5}


def test_no_target_is_drawn_twice_in_one_draw():
    result = d.draw(data(count=10))
    assert len({v.target.key for v in result.visits}) == 10


def test_weights_follow_the_factors_only_when_the_plan_says_so():
    flagged = d.Candidate("organisation", 1, "苗圃", factors={"label_flags": 3, "archive_gaps": 4})
    assert d.weight(flagged, WEIGHTS, risk_weighted=False) == 1
    # archive gaps have no data yet: they do not count
    assert d.weight(flagged, WEIGHTS, risk_weighted=True) == 1 + 2 * 3
    many = d.Candidate("organisation", 2, "苗圃", factors={"label_flags": 50})
    assert d.weight(many, WEIGHTS, risk_weighted=True) == 1 + 2 * d.FACTOR_CAP
    rows = d.factor_rows(WEIGHTS)
    assert [r["has_data"] for r in rows] == [True, False, False, False]
    assert rows[0]["weight"] == 2


def test_risk_weights_change_the_odds_as_stated():
    """10,000 one-target draws among three: weights 1, 1 and 1 + 2 × 2 = 5 → the flagged one is
    expected 5/7 of the time. With a fixed seed per draw the outcome is fixed, and 0.02 is > 6
    standard deviations of the share (sqrt(p(1-p)/n) ≈ 0.0045)."""
    pool = (
        d.Candidate("organisation", 1, "甲", factors={}),
        d.Candidate("organisation", 2, "乙", factors={}),
        d.Candidate("organisation", 3, "丙", factors={"label_flags": 2}),
    )
    runs = 10_000
    hits = unweighted_hits = 0
    for n in range(runs):
        chosen = d.draw(data(seed=f"stat-{n}", count=1, targets=pool, risk_weighted=True))
        hits += chosen.visits[0].target.id == 3
        plain = d.draw(data(seed=f"stat-{n}", count=1, targets=pool, risk_weighted=False))
        unweighted_hits += plain.visits[0].target.id == 3
    expected = d.expected_share([1, 1, 5], 2)
    assert expected == pytest.approx(5 / 7)
    assert abs(hits / runs - expected) < 0.02
    assert abs(unweighted_hits / runs - 1 / 3) < 0.02
    assert chosen.visits[0].weight in (1, 5)


# --- who may -------------------------------------------------------------------------------


def actor(role: Role, where: str | None) -> Actor:
    return Actor(1, "u", "u", role, jurisdiction=where)


def test_who_may_plan_approve_and_draw():
    league_inspector = actor(Role.INSPECTOR, "152200")
    banner_inspector = actor(Role.INSPECTOR, "152201")
    admin = actor(Role.ADMIN, "152200")
    operator = actor(Role.OPERATOR, None)
    officer = actor(Role.LICENSING_OFFICER, "152201")
    assert rules.may_plan(league_inspector, "152201")
    assert rules.may_plan(banner_inspector, "152201")
    assert not rules.may_plan(banner_inspector, "152221")  # another banner
    assert not rules.may_plan(banner_inspector, "152200")
    assert not rules.may_plan(operator, "152201")
    assert not rules.may_plan(officer, "152201")
    assert rules.may_approve(admin, "152201")
    assert not rules.may_approve(league_inspector, "152201")
    assert not rules.may_draw(banner_inspector, "152201", PlanStatus.DRAFT)
    assert rules.may_draw(banner_inspector, "152201", PlanStatus.APPROVED)
    assert not rules.may_draw(banner_inspector, "152221", PlanStatus.APPROVED)
    assert rules.plan_actions(admin, "152201", PlanStatus.DRAFT) == rules.PlanActions(
        approve=True, draw=False, edit=True
    )


def test_a_share_of_the_targets_rounds_up():
    assert rules.targets_per_draw(0, 20) == 0
    assert rules.targets_per_draw(1, 5) == 1
    assert rules.targets_per_draw(10, 20) == 2
    assert rules.targets_per_draw(11, 20) == 3
    assert rules.targets_per_draw(7, 100) == 7
