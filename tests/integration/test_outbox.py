"""Progress notices reach applicants in the app and, through the outbox, a real SMTP server."""

from __future__ import annotations

import socket
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from seedreg.accounts.rules import Role
from seedreg.accounts.tables import User
from seedreg.core.db import transaction
from seedreg.notifications import services
from seedreg.notifications.tables import Notification, OutboxEmail
from tests.factories import make_organisation, make_user
from tests.fixtures import unique


class Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list = []

    def handle_message(self, message) -> None:
        self.messages.append(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


async def test_a_notice_is_shown_in_the_app_and_mailed_once(personas, smtp):
    controller, inbox = smtp
    org = await make_organisation("152223", name=f"邮件测试苗圃有限公司{unique('')}")
    user_id = await make_user(
        unique("mail"), Role.OPERATOR, organisation_id=org.id, email="nursery@example.test"
    )
    async with transaction():
        assert await services.notify_organisation(org.id, "申请已受理", "申请已受理。", "/x") == 1
    assert await services.unread_count(user_id) == 1
    shown = await Notification.select().where(Notification.user == user_id)
    assert [n["title"] for n in shown] == ["申请已受理"]

    sent, failed = await services.drain_outbox("127.0.0.1", controller.port, "noreply@test")
    assert (sent, failed) >= (1, 0)
    mine = [m for m in inbox.messages if m["To"] == "nursery@example.test"]
    assert len(mine) == 1
    subject = str(make_header(decode_header(mine[0]["Subject"])))
    assert subject == "【兴安盟林木种苗】申请已受理"
    # drained mail is not sent twice
    again = await services.drain_outbox("127.0.0.1", controller.port, "noreply@test")
    assert again == (0, 0)
    assert len([m for m in inbox.messages if m["To"] == "nursery@example.test"]) == 1


async def test_an_unreachable_server_leaves_the_mail_queued(personas):
    org = await make_organisation("152224", name=f"邮件失败苗圃有限公司{unique('')}")
    user_id = await make_user(
        unique("mailfail"), Role.OPERATOR, organisation_id=org.id, email="down@example.test"
    )
    async with transaction():
        await services.notify_organisation(org.id, "请补正材料", "需补正。")
    await services.drain_outbox("127.0.0.1", _free_port(), "noreply@test")
    row = await OutboxEmail.select().where(OutboxEmail.to_address == "down@example.test").first()
    assert row["sent_at"] is None
    assert row["attempts"] == 1
    assert row["last_error"]
    assert await User.exists().where(User.id == user_id)
