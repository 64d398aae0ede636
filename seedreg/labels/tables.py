from piccolo.columns import (
    JSON,
    Boolean,
    Date,
    DoublePrecision,
    ForeignKey,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.accounts.tables import User
from seedreg.lots.tables import Lot
from seedreg.quality.tables import QualityCertificate
from seedreg.quarantine.tables import QuarantineCertificate, SiteQuarantineCertificate


class LabelIssue(Table, help_text="One request that issued labels for a lot."):
    id: Serial  # added by Piccolo; declared for the type checker
    lot = ForeignKey(Lot, on_delete=OnDelete.restrict, index=True)
    label_count = Integer(help_text="How many labels (not `count`: it would hide Table.count).")
    quantity_each = Integer(help_text="g or 株 per label.")
    first_sequence = Integer(help_text="Sequence of the first label within the lot.")
    quality_certificate = ForeignKey(QualityCertificate, on_delete=OnDelete.restrict)
    site_quarantine = ForeignKey(SiteQuarantineCertificate, null=True, on_delete=OnDelete.restrict)
    quarantine = ForeignKey(QuarantineCertificate, null=True, on_delete=OnDelete.restrict)
    content = JSON(default="{}", help_text="The Art. 40 fields as printed, from the records.")
    requested_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    issued_on = Date()
    created_at = Timestamptz()


class Label(Table, help_text="标签: one printed label with a unique serial."):
    id: Serial  # added by Piccolo; declared for the type checker
    serial = Varchar(length=12, unique=True)
    lot = ForeignKey(Lot, on_delete=OnDelete.restrict, index=True)
    issued_in = ForeignKey(LabelIssue, on_delete=OnDelete.restrict, index=True)
    sequence = Integer(help_text="Position within the lot, from 1.")
    quantity = Integer(help_text="g or 株.")
    version = Integer(default=1, help_text="1 = 原标签, N > 1 = 补发标签 N-1")
    status = Varchar(length=12, default="valid", help_text="valid / void")
    void_reason = Varchar(length=200, default="")
    superseded_by = Varchar(length=12, default="", help_text="Serial of the reprint.")
    copied = Boolean(default=False, help_text="The 种苗站 confirmed copies of it in use.")
    issued_on = Date()
    created_at = Timestamptz()


class LabelScan(Table, help_text="One look-up of a serial on the public verification page."):
    # Written thousands of times a second, so few indexes: the serial (clone checks per serial)
    # and (lot, scanned_at), made in raw SQL by the migration (counting a lot's recent scans).
    id: Serial  # added by Piccolo; declared for the type checker
    serial = Varchar(length=24, index=True)
    label = ForeignKey(Label, null=True, on_delete=OnDelete.set_null)
    lot = Integer(null=True, default=None, help_text="The label's lot, copied at the scan.")
    scanned_at = Timestamptz()
    client = Varchar(length=16, help_text="Keyed hash of the client address (not the address).")
    network = Varchar(length=24, default="", help_text="Coarse network prefix, e.g. 10.2.0.0/16")
    latitude = DoublePrecision(null=True, default=None, help_text="Only if the scanner shared it.")
    longitude = DoublePrecision(null=True, default=None)
    outcome = Varchar(length=24)


class CloneFlag(Table, help_text="A serial that may have been copied, for the 种苗站."):
    id: Serial  # added by Piccolo; declared for the type checker
    serial = Varchar(length=12, index=True)
    label = ForeignKey(Label, null=True, on_delete=OnDelete.set_null)
    division_code = Varchar(length=6, index=True)
    reason = Varchar(length=24, help_text="far_apart / too_many")
    detail = JSON(default="{}")
    raised_at = Timestamptz()
    status = Varchar(length=12, default="open", help_text="open / confirmed / dismissed")
    handled_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    handled_at = Timestamptz(null=True, default=None)
    note = Text(default="")


class FieldScan(Table, help_text="An official's scan of a label in the field (issue 22)."):
    # Not the public scan log (LabelScan): named officials, their position, what the phone
    # said offline and what the registry answered, kept as the inspection's record.
    id: Serial  # added by Piccolo; declared for the type checker
    idempotency_key = Varchar(length=36, unique=True, help_text="The phone's UUID per scan.")
    official = ForeignKey(User, on_delete=OnDelete.restrict, index=True)
    serial = Varchar(length=24, index=True)
    label = ForeignKey(Label, null=True, on_delete=OnDelete.set_null)
    qr_text = Text(default="", help_text="What the camera read; empty for a typed serial.")
    scanned_at = Timestamptz(help_text="When the phone scanned (its clock).")
    received_at = Timestamptz(help_text="When the server recorded it.")
    latitude = DoublePrecision(null=True, default=None)
    longitude = DoublePrecision(null=True, default=None)
    phone_result = Varchar(length=12, default="", help_text="valid / invalid / '' (offline check)")
    signature_ok = Boolean(null=True, default=None, help_text="The server's check; null if typed.")
    verdict = Varchar(length=24, help_text="The registry's verdict when recorded.")
    hints = JSON(default="[]", help_text="violation_hint keys of the differences found.")
