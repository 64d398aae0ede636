from piccolo.columns import JSON, DoublePrecision, ForeignKey, Integer, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.accounts.tables import User
from seedreg.nurseries.rules import BaseKind, BaseStatus
from seedreg.organisations.tables import Organisation


class NurseryBase(Table, help_text="苗圃基地: a nursery base in the register the 种苗站 keeps."):
    id: Serial  # added by Piccolo; declared for the type checker
    name = Varchar(length=80, help_text="名称")
    kind = Varchar(length=12, choices=BaseKind, help_text="国有林场苗圃/基地, 集体, 民营, 个人")
    organisation = ForeignKey(Organisation, on_delete=OnDelete.restrict, help_text="经营单位")
    division_code = Varchar(length=6, index=True, help_text="旗县市")
    address = Varchar(length=200, help_text="地址（到村）")
    lat = DoublePrecision(help_text="纬度 (WGS-84)")
    lon = DoublePrecision(help_text="经度 (WGS-84)")
    outline = JSON(default="{}", help_text="GeoJSON Polygon (WGS-84), {} when none")
    # Areas in hundredths of a 亩 (exact integers on both engines); pages show 亩 and 公顷.
    outline_area_cmu = Integer(default=0, help_text="Area of the outline, 0.01 亩")
    total_area_cmu = Integer(default=0, help_text="总面积 declared, 0.01 亩")
    production_area_cmu = Integer(default=0, help_text="生产面积 declared, 0.01 亩")
    facilities = JSON(default="[]", help_text="Facility values")
    stock = JSON(default="[]", help_text="[{species, age_code, grade, quantity}]")
    annual_output = Integer(default=0, help_text="年出圃量（株）")
    duties = JSON(default="[]", help_text="State bases: [{duty, delivered}]")
    status = Varchar(length=12, choices=BaseStatus, default=BaseStatus.PENDING, index=True)
    confirmed_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    confirmed_at = Timestamptz(null=True, default=None)
    created_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    created_at = Timestamptz()
    updated_at = Timestamptz()
