from piccolo.columns import JSON, Integer, Timestamptz, Varchar
from piccolo.columns.column_types import Serial
from piccolo.table import Table


class ElicenceOutbox(
    Table,
    help_text="A licence version waiting for, or sent to, the region's e-licence library "
    "(兴署发〔2021〕5号 Art. 27). One row per licence and version.",
):
    id: Serial  # added by Piccolo; declared for the type checker
    licence_id = Integer(index=True, help_text="licensing's Licence id.")
    licence_version = Integer()
    licence_number = Varchar(length=14)
    identifier = Varchar(length=120, unique=True, help_text="电子证照标识 (GB/T 36904).")
    payload = JSON(default="{}")
    created_at = Timestamptz()
    sent_at = Timestamptz(null=True, default=None, index=True)
    failed_at = Timestamptz(null=True, default=None, help_text="Refused for good.")
    attempts = Integer(default=0)
    last_error = Varchar(length=300, default="")
    claimed_until = Timestamptz(null=True, default=None)
    receipt = Varchar(length=80, default="", help_text="The library's id of the record.")
