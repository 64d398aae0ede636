"""The third kind of matter (issue 17): a public service (公共服务) beside approval (行政许可) and
filing (备案). The requests of the 两证一签 chain are services: not licences, no deemed acceptance
(行政许可法 Art. 32 is a licence's), and their flows cite the league's service rules
(兴署发〔2021〕5号 Arts. 16–17) where a licence's cite 行政许可法."""

from __future__ import annotations

import json

from seedreg.matters import rules
from seedreg.matters.rules import LeagueStep
from seedreg.matters.transitions import FLOWS, Party
from seedreg.settings import PROJECT_ROOT

REQUESTS = ("quality_request", "site_quarantine_request", "consignment_quarantine_request")


def test_a_service_is_its_own_kind_and_no_licence():
    assert LeagueStep.SERVICE.label == "公共服务"
    assert [s for s in LeagueStep if s.is_licence] == [LeagueStep.APPROVAL]
    assert rules.matter_problem("quality_request", "种子法第四十七条", "service", 20) is None
    assert rules.matter_problem("x", "某依据", "licence", 20) is not None


def test_the_catalogue_types_the_requests_as_services_and_the_licence_as_an_approval():
    path = PROJECT_ROOT / "fixtures" / "matters" / "matters.json"
    kinds = {m["code"]: m["league_step"] for m in json.loads(path.read_text(encoding="utf-8"))}
    assert {kinds[code] for code in REQUESTS} == {"service"}
    assert kinds["licensing"] == "approval"
    assert kinds["filing"] == "filing"


def test_requests_are_never_deemed_accepted_and_cite_no_licensing_law():
    for code in REQUESTS:
        flow = FLOWS[code]
        assert not [key for key, step in flow.steps.items() if Party.SYSTEM in step.by], code
        cited = " ".join(step.basis or "" for step in flow.steps.values())
        assert "行政许可法" not in cited, (code, cited)
        assert "兴署发〔2021〕5号第十六条" in cited
    # the licence keeps its Art. 32 deemed acceptance
    assert ("submitted", "deem_accepted") in FLOWS["licensing"].steps
