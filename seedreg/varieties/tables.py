from piccolo.columns import Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.reference.tables import Species
from seedreg.varieties.rules import Kind


class ImprovedVariety(
    Table, help_text="林木良种 register: 审定 and 认定 varieties (种子法第十五、二十三条)."
):
    id: Serial  # added by Piccolo; declared for the type checker
    kind = Varchar(length=16, choices=Kind, help_text="approval (审定) or recognition (认定)")
    number = Varchar(
        length=40, unique=True, help_text="审定/认定编号, free text (format soft-checked)"
    )
    species_name = Varchar(length=40, help_text="树种 as the announcement names it")
    species = ForeignKey(
        Species,
        null=True,
        default=None,
        on_delete=OnDelete.set_null,
        help_text="The recommended-list species of that name, when there is one.",
    )
    variety_name = Varchar(length=80)
    latin_name = Varchar(length=120, default="")
    breeder = Varchar(length=200, default="", help_text="选育人（单位）")
    body_code = Varchar(
        length=6, help_text="approving body: 000000 national, else the province code"
    )
    year = Integer(help_text="year of 审定/认定")
    zone_codes = Text(default="", help_text="suitable zone: GB/T 2260 codes, comma-separated")
    zone_text = Text(default="", help_text="suitable zone as the announcement words it")
    valid_until = Date(null=True, default=None, help_text="last day a 认定 is in force")
    valid_until_assumed = Boolean(
        default=False, help_text="valid_until came from the local default, not the announcement"
    )
    stopped_on = Date(null=True, default=None, help_text="停止推广 from this day (Art. 77(3))")
    stop_document = Varchar(length=80, default="", help_text="停止推广 document number")
    stop_reason = Text(default="")
    note = Varchar(length=200, default="")
    created_at = Timestamptz()
    updated_at = Timestamptz()
