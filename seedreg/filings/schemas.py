"""The filing's details by kind (种子法 Art. 38 ¶1), and its outward shape."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from seedreg.core.inputs import Input
from seedreg.core.paging import Page
from seedreg.filings.rules import FilingKind
from seedreg.matters.schemas import ApplicationOut
from seedreg.matters.schemas import NoticeOut as SharedNoticeOut

TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
LICENCE_NUMBER = r"^\d{14}$"  # 14 digits: division (6) + year (4) + sequence (4)


class BranchDetails(Input):
    """(一) A branch set up inside the valid area of its company's licence."""

    kind: Literal[FilingKind.BRANCH] = FilingKind.BRANCH
    licence_number: str = Field(pattern=LICENCE_NUMBER, description="总公司许可证编号")
    branch_name: str = Field(min_length=2, max_length=120, pattern=TEXT, description="分支机构名称")
    address: str = Field(min_length=2, max_length=200, pattern=TEXT, description="经营场所地址")
    person_in_charge: str = Field(min_length=2, max_length=60, pattern=TEXT, description="负责人")


class PackagedSellerDetails(Input):
    """(二) Sells packaged seed without repacking it."""

    kind: Literal[FilingKind.PACKAGED_SELLER] = FilingKind.PACKAGED_SELLER
    licence_number: str = Field(pattern=LICENCE_NUMBER, description="供种者许可证编号")
    varieties: list[Annotated[str, Field(min_length=1, max_length=60, pattern=TEXT)]] = Field(
        min_length=1, max_length=50, description="经营的品种"
    )


class CommissionedDetails(Input):
    """(三) Produces or sells on a licence holder's written commission."""

    kind: Literal[FilingKind.COMMISSIONED] = FilingKind.COMMISSIONED
    licence_number: str = Field(pattern=LICENCE_NUMBER, description="委托方许可证编号")
    commission_from: date = Field(description="委托期限起")
    commission_to: date = Field(description="委托期限止")
    scope: str = Field(min_length=2, max_length=300, pattern=TEXT, description="委托范围")


FilingDetails = Annotated[
    BranchDetails | PackagedSellerDetails | CommissionedDetails, Field(discriminator="kind")
]


class FilingCreate(Input):
    details: FilingDetails
    organisation_id: int | None = Field(default=None, description="窗口代办时的备案人")


class FilingNoticeOut(SharedNoticeOut):
    public_id: str
    pdf_url: str | None = None  # the receipt, the 补正 notice and 不予备案 have a print


class FilingOut(ApplicationOut):
    """A filing: the shared shape of every matter's application, its kind (the sub-item),
    the details of that kind, and what this actor may do next (``allowed_actions``)."""

    kind: FilingKind
    kind_label: str
    details: dict[str, object]
    allowed_actions: list[str]
    notices: list[FilingNoticeOut] = Field(default=[])


class FilingPage(Page[FilingOut]):
    """One page of filings, newest first."""
