from piccolo.columns import JSON, Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.accounts.tables import User
from seedreg.labels.tables import Label
from seedreg.lots.tables import Lot
from seedreg.organisations.tables import Organisation


class AfforestationProject(Table, help_text="重点工程造林: a key afforestation project."):
    id: Serial  # added by Piccolo; declared for the type checker
    name = Varchar(length=100)
    year = Integer(help_text="年度")
    organisation = ForeignKey(Organisation, on_delete=OnDelete.restrict, help_text="建设单位")
    division_code = Varchar(length=6, index=True, help_text="The project's banner/county.")
    state_funded = Boolean(default=True, help_text="国家投资或者国家投资为主 (种子法第四十四条)")
    sites = Text(default="", help_text="造林地点")
    species = JSON(default="[]", help_text="计划树种 (names from the species list)")
    improved_percent = Integer(default=0, help_text="计划良种使用比例 %")
    created_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    created_at = Timestamptz()


class Delivery(
    Table,
    tablename="afforestation_delivery",
    help_text="One label of seedlings delivered to a project, as checked.",
):
    id: Serial  # added by Piccolo; declared for the type checker
    project = ForeignKey(AfforestationProject, on_delete=OnDelete.restrict, index=True)
    serial = Varchar(length=12, index=True)
    label = ForeignKey(Label, null=True, on_delete=OnDelete.restrict)
    lot = ForeignKey(Lot, null=True, on_delete=OnDelete.restrict)
    species = Varchar(length=40, default="")
    improved = Boolean(default=False, help_text="林木良种 (the lot's)")
    quantity = Integer(default=0, help_text="g or 株, the label's")
    delivered_on = Date()
    checks = JSON(default="[]", help_text="[{key, state, text}] when recorded")
    passed = Boolean(default=False)
    recorded_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    recorded_at = Timestamptz()


class Lead(Table, help_text="线索: a suspected violation for the inspection module."):
    id: Serial  # added by Piccolo; declared for the type checker
    project = ForeignKey(AfforestationProject, on_delete=OnDelete.restrict, index=True)
    organisation = ForeignKey(Organisation, on_delete=OnDelete.restrict, index=True)
    division_code = Varchar(length=6, index=True)
    violation_code = Varchar(length=12, help_text="The inspection catalogue's code")
    title = Varchar(length=60)
    detail = Text(default="")
    raised_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    raised_at = Timestamptz()
