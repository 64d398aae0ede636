from piccolo.columns import JSON, Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.accounts.tables import User
from seedreg.lots.tables import Lot
from seedreg.organisations.tables import Organisation


class SiteQuarantineCertificate(Table, help_text="产地检疫合格证 for a nursery's production."):
    id: Serial  # added by Piccolo; declared for the type checker
    number = Varchar(length=24, unique=True)
    public_id = Varchar(length=24, unique=True)
    organisation = ForeignKey(Organisation, on_delete=OnDelete.restrict)
    division_code = Varchar(length=6, index=True, help_text="The organisation's banner/county.")
    issuing_division = Varchar(
        length=6, default="", help_text="Jurisdiction of the issuing quarantine station."
    )
    production_site = Varchar(length=200)
    inspected_on = Date()
    findings = Text(default="", help_text="检疫结果")
    inspector = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    inspector_name = Varchar(length=60)
    inspector_qualification = Varchar(length=40, default="", help_text="检疫员证号 as printed.")
    issued_on = Date()
    valid_to = Date(index=True)
    status = Varchar(length=12, default="valid", help_text="valid / revoked")
    status_reason = Text(default="")
    created_at = Timestamptz()


class SiteQuarantineLot(Table, help_text="A lot covered by a 产地检疫合格证."):
    id: Serial  # added by Piccolo; declared for the type checker
    certificate = ForeignKey(SiteQuarantineCertificate, on_delete=OnDelete.cascade)
    lot = ForeignKey(Lot, on_delete=OnDelete.restrict, index=True)
    consigned = Integer(
        default=0,
        help_text="Quantity (g or 株) exchanged into 植物检疫证书 under this certificate.",
    )


class QuarantineCertificate(
    Table,
    help_text="One consignment (调运) into or out of the league with its 植物检疫证书: ours for a "
    "move out of a league nursery, another province's for one coming in (issue 17: the one "
    "consignment record).",
):
    id: Serial  # added by Piccolo; declared for the type checker
    number = Varchar(length=24, unique=True)
    public_id = Varchar(length=24, unique=True)
    organisation = ForeignKey(Organisation, on_delete=OnDelete.restrict, help_text="调运单位")
    division_code = Varchar(length=6, index=True, help_text="The organisation's banner/county.")
    issuing_division = Varchar(
        length=6, default="", help_text="Jurisdiction of the issuing quarantine station."
    )
    consignee = Varchar(length=120, help_text="收货单位(人)")
    consignee_address = Varchar(length=200, default="")
    origin = Varchar(length=120, help_text="运输起点")
    destination = Varchar(length=120, help_text="运输终点")
    destination_division = Varchar(length=6, help_text="Division code of the destination.")
    via = Varchar(length=120, default="")
    vehicle = Varchar(length=60, help_text="运输工具及号牌")
    ships_on = Date()
    inter_province = Boolean(default=False)
    requirement_number = Varchar(length=40, default="", help_text="调入省要求书编号")
    exchanged_from = ForeignKey(SiteQuarantineCertificate, null=True, on_delete=OnDelete.restrict)
    findings = Text(default="")
    inspector = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    inspector_name = Varchar(length=60)
    inspector_qualification = Varchar(length=40, default="", help_text="检疫员证号 as printed.")
    issued_on = Date()
    valid_to = Date(index=True)
    status = Varchar(length=12, default="valid", help_text="valid / revoked")
    status_reason = Text(default="")
    created_at = Timestamptz()
    direction = Varchar(length=4, default="out", help_text="out: from the league; in: into it")
    carrier = Varchar(length=120, default="", help_text="承运单位(人)")
    introduction_ref = Varchar(
        length=60, default="", help_text="The introduction approval it draws on (number)."
    )
    request = Integer(null=True, default=None, help_text="The 调运检疫报检 (matters application).")
    origin_division = Varchar(length=6, default="", help_text="Inbound: where it comes from.")
    issuer = Varchar(length=120, default="", help_text="Inbound: the issuing quarantine body.")
    lines = JSON(default="[]", help_text="Inbound: species, variety, quantity, unit per line.")
    arrival_result = Varchar(length=8, default="", help_text="复检: pass/treat/destroy/return")
    arrival_checked_on = Date(null=True, default=None)
    arrival_note = Text(default="")


class ConsignmentItem(Table, help_text="A lot and quantity in a consignment's certificate."):
    id: Serial  # added by Piccolo; declared for the type checker
    certificate = ForeignKey(QuarantineCertificate, on_delete=OnDelete.cascade)
    lot = ForeignKey(Lot, on_delete=OnDelete.restrict, index=True)
    quantity = Integer(help_text="g or 株, as the lot.")
    packing = Varchar(length=40, default="")
    detail = JSON(default="{}")
