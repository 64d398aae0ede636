from piccolo.columns import JSON, Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.accounts.tables import User
from seedreg.licensing.tables import Licence
from seedreg.lots.rules import LotStatus, Material, SourceKind
from seedreg.nurseries.tables import NurseryBase
from seedreg.organisations.tables import Organisation


class Lot(Table, help_text="批次: a lot of seed (in g) or seedlings (株) under one licence."):
    id: Serial  # added by Piccolo; declared for the type checker
    number = Varchar(length=12, unique=True, help_text="批次号, e.g. P260000042")
    public_id = Varchar(length=24, unique=True)
    organisation = ForeignKey(Organisation, on_delete=OnDelete.restrict)
    licence = ForeignKey(Licence, on_delete=OnDelete.restrict)
    division_code = Varchar(length=6, index=True, help_text="Holder's banner/county.")
    material = Varchar(length=8, choices=Material)
    species = Varchar(length=40, help_text="Species name from the species list.")
    latin_name = Varchar(length=120, default="")
    variety = Varchar(length=60, default="", help_text="品种名称")
    improved = Boolean(default=False, help_text="林木良种")
    approval_number = Varchar(length=40, default="", help_text="审定/认定编号 (良种)")
    variety_right_number = Varchar(
        length=30, default="", help_text="品种权号 of a protected variety (Seed Law Art. 40 ¶3)"
    )
    origin = Varchar(length=120, help_text="产地")
    introduction_number = Varchar(
        length=60,
        default="",
        help_text="引种批准文号 a lot from outside the league cites (issue 16); '' in the league",
    )
    source_kind = Varchar(
        length=12, choices=SourceKind, default=SourceKind.OWN, help_text="自产 / 购进 / 分装 / 包装"
    )
    supplier_name = Varchar(length=120, default="", help_text="供应商 (bought-in lots)")
    supplier_licence_number = Varchar(length=20, default="", help_text="供应商许可证编号")
    supplier_lot_number = Varchar(length=40, default="", help_text="供应商批次号")
    supplier_label_serials = Text(default="", help_text="供应商标签序列号 (list or ranges)")
    production_site = JSON(default="{}", help_text="One of the licence's production sites.")
    nursery_base = Varchar(
        length=120, default="", help_text="苗圃基地 as typed (kept when not linked to the register)"
    )
    base = ForeignKey(
        NurseryBase,
        null=True,
        default=None,
        on_delete=OnDelete.restrict,
        help_text="The 苗圃基地 in the register (issue 18); null: only the typed name, if any",
    )
    produced_on = Date(help_text="生产日期")
    quantity = Integer(help_text="Seed in grams, seedlings in 株.")
    labelled_quantity = Integer(default=0, help_text="Quantity on valid labels.")
    suitable_area = Varchar(length=200, default="", help_text="适宜种植区域")
    suitable_season = Varchar(length=60, default="", help_text="适宜种植季节")
    instructions = Text(default="", help_text="使用说明")
    status = Varchar(length=12, choices=LotStatus, default=LotStatus.ACTIVE, index=True)
    recall_reason = Text(default="")
    recalled_on = Date(null=True, default=None)
    created_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    created_at = Timestamptz()
    updated_at = Timestamptz()
