"""Platform tables: number sequences, the working-day calendar's administrator overrides, the
admin-edited local settings and the search index."""

from piccolo.columns import Boolean, Date, Integer, Text, Timestamptz, Varchar
from piccolo.columns.column_types import Serial
from piccolo.table import Table


class NumberSequence(Table, help_text="Gap-free counters (licence numbers…), shared by workers."):
    id: Serial  # added by Piccolo; declared for the type checker
    name = Varchar(length=64, unique=True, help_text="e.g. licence:152201:2026")
    value = Integer(default=0)


class CalendarDay(Table, help_text="A day an administrator declares workday or rest day."):
    id: Serial  # added by Piccolo; declared for the type checker
    day = Date(unique=True)
    is_workday = Boolean(default=False)
    note = Varchar(length=64, default="", help_text="e.g. 春节、春节调休上班")
    created_at = Timestamptz()


class SearchTerm(Table, help_text="Search index: terms (name bigrams, species…) of a record."):
    id: Serial  # added by Piccolo; declared for the type checker
    subject_type = Varchar(length=24)
    subject_id = Integer()
    field = Varchar(length=16)
    term = Varchar(length=40)


class RuleSetting(Table, help_text="A local setting the league admin changed from its default."):
    id: Serial  # added by Piccolo; declared for the type checker
    key = Varchar(length=64, unique=True, help_text="e.g. licensing.renewal_lead_days")
    value = Text(help_text='JSON: {"v": value}')
    updated_at = Timestamptz()
