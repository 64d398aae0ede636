from piccolo.columns import Date, Integer, Timestamptz, Varchar
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
