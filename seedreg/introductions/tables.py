from piccolo.columns import JSON, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.accounts.tables import User
from seedreg.introductions.scope_rules import Unit
from seedreg.matters.tables import Application
from seedreg.organisations.tables import Organisation


class IntroductionApproval(
    Table,
    help_text="An approved introduction (准予引种, by the league or recorded from the region): "
    "what it covers and how much is left. Quantities in grams (seed) or 株 (seedlings).",
):
    id: Serial  # added by Piccolo; declared for the type checker
    application = ForeignKey(Application, on_delete=OnDelete.restrict, unique=True)
    organisation = ForeignKey(Organisation, on_delete=OnDelete.restrict)
    number = Varchar(length=60, unique=True, help_text="批准文号 (the region's for forwarded ones)")
    decided_by = Varchar(length=120, help_text="The deciding authority.")
    decided_on = Date()
    species = Varchar(length=40)
    variety = Varchar(length=60)
    origin_code = Varchar(length=6)
    supplier = Varchar(length=120)
    unit = Varchar(length=8, choices=Unit)
    max_stored = Integer(help_text="Maximum, in grams or 株.")
    remaining_stored = Integer(help_text="Left to draw; only a conditional UPDATE lowers it.")
    valid_from = Date()
    valid_to = Date()
    site_codes = JSON(default="[]")
    conditions = Text(default="")
    created_at = Timestamptz()


class IntroductionDraw(
    Table, help_text="One draw on an approval: a lot registered or a consignment received."
):
    id: Serial  # added by Piccolo; declared for the type checker
    approval = ForeignKey(IntroductionApproval, on_delete=OnDelete.restrict)
    source = Varchar(length=16, help_text="lot or consignment")
    reference = Varchar(length=60, default="")
    quantity_stored = Integer()
    site_code = Varchar(length=6)
    drawn_on = Date()
    drawn_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    created_at = Timestamptz()
