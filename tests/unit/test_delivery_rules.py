"""Delivery choices (兴署发〔2021〕5号 Arts. 17(三), 19) and who may do what, as pure rules."""

from __future__ import annotations

import pytest

from seedreg.core.errors import RuleViolation
from seedreg.servicedesk.delivery_rules import (
    DeliveryStatus,
    Method,
    allowed_actions,
    check_choice,
)


@pytest.mark.parametrize(
    ("electronic", "paper", "method", "address"),
    [
        (True, False, Method.ONLINE, ""),
        (True, True, Method.WINDOW, ""),
        (False, True, Method.MAIL, "乌兰浩特市兴安南大路1号"),
        (True, True, Method.MAIL, "乌兰浩特市兴安南大路1号"),
    ],
)
def test_sensible_choices_pass(electronic, paper, method, address):
    check_choice(electronic=electronic, paper=paper, method=method, address=address)


@pytest.mark.parametrize(
    ("electronic", "paper", "method", "address", "field"),
    [
        (False, False, Method.ONLINE, "", "paper"),
        (False, True, Method.ONLINE, "", "method"),
        (True, False, Method.MAIL, "乌兰浩特市兴安南大路1号", "method"),
        (True, True, Method.MAIL, "", "address"),
    ],
)
def test_choices_that_do_not_hang_together_are_refused_on_their_field(
    electronic, paper, method, address, field
):
    with pytest.raises(RuleViolation) as caught:
        check_choice(electronic=electronic, paper=paper, method=method, address=address)
    assert caught.value.field == field


def test_the_applicant_chooses_until_the_result_goes_out():
    assert allowed_actions(None, None, is_applicant=True, is_official=False, decided=False) == [
        "choose"
    ]
    chosen = DeliveryStatus.CHOSEN
    assert allowed_actions(chosen, Method.MAIL, is_applicant=True, is_official=False, decided=True)
    mailed = DeliveryStatus.MAILED
    assert (
        allowed_actions(mailed, Method.MAIL, is_applicant=True, is_official=False, decided=True)
        == []
    )


@pytest.mark.parametrize(
    ("method", "action"),
    [(Method.MAIL, "mailing"), (Method.WINDOW, "pickup"), (Method.ONLINE, "online")],
)
def test_the_office_records_the_chosen_method_once_decided(method, action):
    chosen = DeliveryStatus.CHOSEN
    official = {"is_applicant": False, "is_official": True}
    assert allowed_actions(chosen, method, decided=False, **official) == []
    assert allowed_actions(chosen, method, decided=True, **official) == [action]
    assert allowed_actions(None, None, decided=True, **official) == []
