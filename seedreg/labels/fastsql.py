"""The hand-written SQL of the public verification's fast path (``fastdb``), named from the
Piccolo table classes: a renamed table or column changes this SQL with it instead of breaking
the public check at run time. Each selected column is aliased to its Python name, so the rows
keep the keys ``verification`` reads whatever the database calls the column.

Built once at import (the names do not change while a process runs); the builders take the
tables as arguments so a test can build the SQL against a changed class.
"""

from __future__ import annotations

from piccolo.columns import Column
from piccolo.table import Table

from seedreg.labels.tables import Label, LabelIssue, LabelScan
from seedreg.licensing.tables import Licence
from seedreg.lots.tables import Lot
from seedreg.quality.tables import QualityCertificate
from seedreg.quarantine.tables import QuarantineCertificate, SiteQuarantineCertificate


def table(of: type[Table]) -> str:
    return of._meta.tablename


def name(column: Column) -> str:
    """The column's name in the database (``db_column_name`` if one is set)."""
    return column._meta.db_column_name


def picked(alias: str, column: Column, as_: str | None = None) -> str:
    """``alias.db_name AS key``: the key is ``as_`` or the column's Python name."""
    return f"{alias}.{name(column)} AS {as_ or column._meta.name}"


def label_select(label: type[Label] = Label) -> str:
    """The label itself, read fresh on every look-up (voided or reissued labels show at once);
    ``fastdb.fetch_one_by`` adds the WHERE on ``label_key(label)``."""
    columns = (
        label.id,
        label.lot,
        label.serial,
        label.status,
        label.superseded_by,
        label.copied,
        label.version,
        label.quantity,
        label.issued_on,
        label.issued_in,
    )
    picks = ", ".join(picked("l", c) for c in columns)
    return f"SELECT {picks} FROM {table(label)} l"  # noqa: S608 (names from the table classes)


def label_key(label: type[Label] = Label) -> str:
    """The column a look-up by serial filters on."""
    return f"l.{name(label.serial)}"


def issue_sql(
    issue: type[LabelIssue] = LabelIssue,
    lot: type[Lot] = Lot,
    licence: type[Licence] = Licence,
    quality: type[QualityCertificate] = QualityCertificate,
    site: type[SiteQuarantineCertificate] = SiteQuarantineCertificate,
    consignment: type[QuarantineCertificate] = QuarantineCertificate,
) -> str:
    """What a label was issued under: its lot, licence and certificates (shared by the issue's
    labels, so ``verification.IssueFacts`` keeps them a moment), by the issue's id (``?``)."""
    columns = ", ".join(
        (
            picked("lt", lot.status, "lot_status"),
            picked("lt", lot.material),
            picked("lt", lot.recall_reason),
            picked("lt", lot.recalled_on),
            picked("lic", licence.status, "licence_status"),
            picked("lic", licence.valid_to, "licence_valid_to"),
            picked("qc", quality.status, "quality_status"),
            picked("qc", quality.valid_to, "quality_valid_to"),
            picked("sq", site.status, "site_status"),
            picked("sq", site.valid_to, "site_valid_to"),
            picked("qt", consignment.status, "consignment_status"),
            picked("qt", consignment.valid_to, "consignment_valid_to"),
            picked("i", issue.content),
            picked("i", issue.issued_on, "issue_issued_on"),
        )
    )
    return (
        f"SELECT {columns} FROM {table(issue)} i "  # noqa: S608 (names from the table classes)
        f"JOIN {table(lot)} lt ON lt.{name(lot.id)} = i.{name(issue.lot)} "
        f"JOIN {table(licence)} lic ON lic.{name(licence.id)} = lt.{name(lot.licence)} "
        f"JOIN {table(quality)} qc ON qc.{name(quality.id)} = i.{name(issue.quality_certificate)} "
        f"LEFT JOIN {table(site)} sq ON sq.{name(site.id)} = i.{name(issue.site_quarantine)} "
        f"LEFT JOIN {table(consignment)} qt "
        f"ON qt.{name(consignment.id)} = i.{name(issue.quarantine)} "
        f"WHERE i.{name(issue.id)} = ?"
    )


def scan_columns(scan: type[LabelScan] = LabelScan) -> tuple[str, tuple[str, ...]]:
    """The scan log's table and the columns a batch appends, in ``scans._write``'s order."""
    columns = (
        scan.serial,
        scan.label,
        scan.lot,
        scan.scanned_at,
        scan.client,
        scan.network,
        scan.latitude,
        scan.longitude,
        scan.outcome,
    )
    return table(scan), tuple(name(c) for c in columns)


LABEL_SELECT = label_select()
LABEL_KEY = label_key()
ISSUE_SQL = issue_sql()
SCAN_TABLE, SCAN_COLUMNS = scan_columns()
