from piccolo.columns import Timestamptz, Varchar
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.organisations.rules import OrganisationKind


class Organisation(
    Table, help_text="生产经营者: an enterprise or an individual that holds licences."
):
    id: Serial  # added by Piccolo; declared for the type checker
    public_id = Varchar(length=24, unique=True, help_text="Unguessable id used in public links.")
    kind = Varchar(length=16, choices=OrganisationKind)
    name = Varchar(length=120, index=True)
    uscc = Varchar(length=18, null=True, default=None, unique=True, help_text="统一社会信用代码")
    uscc_override_reason = Varchar(length=200, default="")
    id_number = Varchar(length=18, null=True, default=None, help_text="身份证号 (individuals)")
    legal_representative = Varchar(length=60, help_text="法定代表人或负责人")
    division_code = Varchar(length=6, index=True, help_text="Banner/county where it is located.")
    address = Varchar(length=200)
    contact_person = Varchar(length=60, default="")
    phone = Varchar(length=20, default="")
    created_at = Timestamptz()
    updated_at = Timestamptz()
    registered_via = Varchar(length=8, default="counter", help_text="counter or signup.")
    identity_verified_at = Timestamptz(
        null=True, default=None, help_text="实名核验: an official checked the licence or ID."
    )
    identity_verified_by = Varchar(length=80, default="")
    identity_note = Varchar(length=200, default="", help_text="What was checked, and how.")
