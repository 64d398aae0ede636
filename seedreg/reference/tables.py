from piccolo.columns import Boolean, Integer, Timestamptz, Varchar
from piccolo.columns.column_types import Serial
from piccolo.table import Table


class Division(Table, help_text="Administrative division (GB/T 2260)."):
    id: Serial  # added by Piccolo; declared for the type checker
    code = Varchar(length=6, unique=True)
    name = Varchar(length=40)
    level = Varchar(length=16, help_text="region, league_city or county")
    parent_code = Varchar(length=6, null=True, default=None)
    note = Varchar(length=200, default="")


class Authority(
    Table, help_text="An authority that signs and numbers documents (机关), admin-edited."
):
    id: Serial  # added by Piccolo; declared for the type checker
    key = Varchar(length=32, unique=True, help_text="kind:division_code, e.g. bureau:152200")
    kind = Varchar(length=24, help_text="bureau, seed_station or quarantine_station")
    division_code = Varchar(length=6)
    name = Varchar(length=60)
    address = Varchar(length=120, default="")
    phone = Varchar(length=60, default="")
    doc_abbreviation = Varchar(length=12, help_text="机关代字 for document numbers (GB/T 9704)")
    updated_at = Timestamptz()


class Species(Table, help_text="The directive's recommended species list."):
    id: Serial  # added by Piccolo; declared for the type checker
    name_zh = Varchar(length=40, unique=True)
    category = Varchar(length=16, help_text="主要造林树种 / 乡土树种 / 经济林树种")
    latin_name = Varchar(length=120, default="")
    latin_confidence = Varchar(length=24, default="")
    latin_confirmed = Boolean(
        default=False, help_text="Latin name confirmed by the league: only then printed on labels."
    )
    note = Varchar(length=200, default="")
    recommended = Boolean(default=True)
    sort_order = Integer(default=0)
