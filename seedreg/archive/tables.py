from piccolo.columns import JSON, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.accounts.tables import User
from seedreg.archive.rules import DocumentKind, EntryKind
from seedreg.labels.tables import Label
from seedreg.lots.tables import Lot
from seedreg.organisations.tables import Organisation


class ArchiveEntry(
    Table, help_text="档案记录: one production, stock or sale record of a lot (never deleted)."
):
    id: Serial  # added by Piccolo; declared for the type checker
    organisation = ForeignKey(Organisation, on_delete=OnDelete.restrict, index=True)
    division_code = Varchar(length=6, index=True, help_text="The operator's banner/county.")
    lot = ForeignKey(Lot, on_delete=OnDelete.restrict, index=True)
    kind = Varchar(length=12, choices=EntryKind)
    occurred_on = Date(index=True, help_text="As first recorded; corrections are appended.")
    quantity = Integer(default=0, help_text="g or 株, as the lot")
    responsible = Varchar(length=40, default="", help_text="有关责任人员")
    details = JSON(default="{}", help_text="The kind's fields (rules.DETAIL_FIELDS)")
    serial_spec = Text(default="", help_text="A sale's labels as typed: sequence ranges, serials")
    recorded_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    recorded_at = Timestamptz()


class ArchiveCorrection(Table, help_text="An audited correction appended to an archive record."):
    id: Serial  # added by Piccolo; declared for the type checker
    entry = ForeignKey(ArchiveEntry, on_delete=OnDelete.restrict, index=True)
    changes = JSON(default="{}", help_text="{field: [old, new]}")
    reason = Varchar(length=200)
    corrected_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    corrected_at = Timestamptz()


class ArchiveSaleLabel(Table, help_text="A label a sale names, to trace a scanned label."):
    id: Serial  # added by Piccolo; declared for the type checker
    entry = ForeignKey(ArchiveEntry, on_delete=OnDelete.restrict, index=True)
    label = ForeignKey(Label, on_delete=OnDelete.restrict, index=True)
    serial = Varchar(length=12, index=True)


class ArchiveDocument(Table, help_text="A contract, invoice or other paper of the archive."):
    id: Serial  # added by Piccolo; declared for the type checker
    organisation = ForeignKey(Organisation, on_delete=OnDelete.restrict, index=True)
    entry = ForeignKey(ArchiveEntry, null=True, on_delete=OnDelete.restrict, index=True)
    lot = ForeignKey(Lot, on_delete=OnDelete.restrict, index=True)
    kind = Varchar(length=12, choices=DocumentKind)
    original_name = Varchar(length=200)
    stored_name = Varchar(length=80, help_text="Outside the web root (var/uploads)")
    content_type = Varchar(length=40)
    size = Integer()
    sha256 = Varchar(length=64)
    uploaded_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    uploaded_at = Timestamptz()


class ArchiveExport(Table, help_text="An official's export of an operator's archive."):
    id: Serial  # added by Piccolo; declared for the type checker
    public_id = Varchar(length=24, unique=True)
    organisation = ForeignKey(Organisation, on_delete=OnDelete.restrict)
    date_from = Date()
    date_to = Date()
    entry_count = Integer(default=0)
    exported_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    exporter_label = Varchar(length=80, default="")
    exported_at = Timestamptz()
