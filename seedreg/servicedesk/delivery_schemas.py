"""Delivery's input and output shapes (the API and the pages parse the same models)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from seedreg.core.inputs import Input
from seedreg.servicedesk.delivery_rules import Method


class DeliveryChoiceIn(Input):
    electronic: bool = Field(default=False, description="电子证照（文书）")
    paper: bool = Field(default=False, description="纸质证照（文书）")
    method: Method = Field(description="送达方式：window 窗口领取 / online 网上送达 / mail 邮寄")
    recipient: str = Field(default="", max_length=60, description="收件人")
    phone: str = Field(default="", max_length=20, description="联系电话")
    address: str = Field(default="", max_length=200, description="收件地址")


class MailingIn(Input):
    carrier: str = Field(min_length=2, max_length=40, description="寄递企业")
    tracking_number: str = Field(
        pattern=r"^[0-9A-Za-z-]{6,40}$", description="邮件号（6至40位字母、数字）"
    )


class PickupIn(Input):
    collected_by: str = Field(min_length=2, max_length=60, description="领取人")
    collected_at: datetime | None = Field(default=None, description="领取时间（空：现在）")


class DeliveryOut(BaseModel):
    application_id: int
    electronic: bool
    paper: bool
    method: str | None
    method_label: str
    recipient: str
    phone: str
    address: str
    status: str | None
    status_label: str
    carrier: str
    tracking_number: str
    mailed_at: datetime | None
    collected_by: str
    collected_at: datetime | None
    sent_online_at: datetime | None
    allowed_actions: list[str]
