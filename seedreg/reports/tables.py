from piccolo.columns import JSON, Date, Integer, Timestamptz, Varchar
from piccolo.columns.column_types import Serial
from piccolo.table import Table


class ReportFigure(
    Table,
    help_text="One summary figure: a metric's count for a banner, a month ('' for a snapshot) "
    "and a key (status, species, matter…). Written only by the reports refresh.",
):
    id: Serial  # added by Piccolo; declared for the type checker
    metric = Varchar(length=40, index=True)
    division_code = Varchar(length=6, index=True, help_text="The banner counted.")
    period = Varchar(length=7, default="", help_text="YYYY-MM, or '' for a count as of today.")
    key = Varchar(length=80, default="")
    value = Integer(default=0)


class ReportState(
    Table, help_text="Single row: the audit position and scan mark the figures were counted to."
):
    id: Serial  # added by Piccolo; declared for the type checker
    seq = Integer(default=0, help_text="The last audit_event.seq the figures include.")
    scan_mark = Integer(default=0, help_text="The last label_scan.id counted.")
    counted_on = Date(null=True, default=None, help_text="The day date-bound figures were counted.")
    refreshed_at = Timestamptz(null=True, default=None)


class ReportPrint(
    Table,
    help_text="One printed period report as it was printed: its figures (counts only) and their "
    "SHA-256, found by the public id in the paper's QR code. Written only by reports.prints.",
):
    id: Serial  # added by Piccolo; declared for the type checker
    public_id = Varchar(length=32, unique=True, help_text="In the printed report's QR code.")
    period = Varchar(length=7, help_text="YYYY-MM or YYYY.")
    division_code = Varchar(
        length=6, help_text="The jurisdiction reported (a banner or the league)."
    )
    authority = Varchar(length=120, help_text="The office named on the paper.")
    printed_at = Timestamptz()
    printed_by = Integer(null=True, default=None, help_text="The user who printed (not published).")
    figures = JSON(default="{}", help_text="{fields, lines, total} as printed: counts only.")
    digest = Varchar(length=64, help_text="SHA-256 of the figures' canonical JSON.")
