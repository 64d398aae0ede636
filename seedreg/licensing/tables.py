from piccolo.columns import JSON, Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.licensing.rules import LicenceStatus
from seedreg.matters.tables import Application
from seedreg.organisations.tables import Organisation


class Licence(
    Table, help_text="林木种子生产经营许可证. The number never changes and is never reused."
):
    id: Serial  # added by Piccolo; declared for the type checker
    number = Varchar(length=14, unique=True)
    public_id = Varchar(length=24, unique=True)
    organisation = ForeignKey(Organisation, on_delete=OnDelete.restrict)
    holder_name = Varchar(length=120, index=True)
    legal_representative = Varchar(length=60)
    registered_address = Varchar(length=200)
    production_sites = JSON(default="[]")
    scope = JSON(default="[]", help_text="seed / seedling")
    varieties = JSON(default="[]", help_text="良种 by variety with 审定/认定 number")
    species = JSON(default="[]", help_text="Species names covered.")
    valid_area = JSON(default="[]", help_text="Division codes.")
    valid_from = Date()
    valid_to = Date(index=True)
    issued_on = Date()
    issuing_division = Varchar(length=6, index=True)
    issuing_authority = Varchar(length=60)
    division_code = Varchar(length=6, index=True, help_text="Holder's banner/county.")
    status = Varchar(length=16, choices=LicenceStatus, default=LicenceStatus.VALID, index=True)
    status_reason = Text(default="")
    status_changed_on = Date(null=True, default=None)
    penalty_decision_number = Varchar(
        length=60, default="", help_text="吊销: the 行政处罚决定书's number (种子法 Arts. 74–76)."
    )
    penalty_decided_on = Date(null=True, default=None, help_text="吊销: the decision's date.")
    terms = JSON(
        default="[]",
        help_text="Every term, oldest first (kind, valid_from, valid_to, issued_on); the last "
        "is the current one. A renewal adds a term; the number stays.",
    )
    recorded_only = Boolean(default=False, help_text="Issued by the region; recorded here.")
    version = Integer(default=1)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class ExpiryReminder(Table, help_text="Expiry reminders already sent (90/60/30 days)."):
    id: Serial  # added by Piccolo; declared for the type checker
    licence = ForeignKey(Licence, on_delete=OnDelete.cascade)
    lead_days = Integer()
    sent_on = Date()
    dedup_key = Varchar(
        length=40,
        unique=True,
        help_text="licence:term's last day:lead days. One reminder per term and lead, however "
        "many workers run the daily job at once (a renewal keeps the licence, not the term).",
    )


class ApplicationLicence(
    Table,
    help_text="Licensing's own facts of a licensing application (matters.Application): the "
    "licence it produced or concerns, and whether its renewal was deemed granted.",
):
    id: Serial  # added by Piccolo; declared for the type checker
    application = ForeignKey(Application, on_delete=OnDelete.cascade, unique=True)
    licence = ForeignKey(Licence, null=True, default=None, on_delete=OnDelete.restrict)
    renewal_deemed = Boolean(default=False, help_text="行政许可法 Art. 50 ¶2: deemed renewed.")
