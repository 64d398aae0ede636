"""The service desk (兴署发〔2021〕5号 Arts. 14, 15, 37, 38): consultations, windows and
appointment slots, bookings, complaints and the 一次一评 ratings of visits and consultations.

A matter is named by its catalogue code (``matters.tables.Matter.code``), not a foreign key:
the catalogue belongs to matters, and a general question names none ("")."""

from piccolo.columns import Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.accounts.tables import User


class Question(Table, help_text="咨询: asked online, or a phone/window consultation logged."):
    id: Serial  # added by Piccolo; declared for the type checker
    token = Varchar(length=32, unique=True, help_text="The asker's unguessable link.")
    channel = Varchar(length=12, help_text="online / phone / window / letter")
    asker = ForeignKey(User, null=True, on_delete=OnDelete.set_null, help_text="Signed in.")
    asker_name = Varchar(length=60)
    phone = Varchar(length=20, default="")
    client = Varchar(length=64, default="", help_text="Anonymous rate limit key.")
    matter_code = Varchar(length=32, default="", help_text="'' = a general question.")
    division_code = Varchar(length=6, index=True, help_text="Where it is handled.")
    text = Text()
    asked_on = Date()
    due_on = Date(index=True, help_text="Answer deadline in working days (a local setting).")
    status = Varchar(length=12, default="open", index=True, help_text="open/taken/answered")
    responder = ForeignKey(User, null=True, on_delete=OnDelete.set_null, help_text="首问负责人")
    taken_at = Timestamptz(null=True, default=None)
    answer = Text(default="")
    answered_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz()


class ServiceWindow(Table, help_text="办事窗口: where people are served in person."):
    id: Serial  # added by Piccolo; declared for the type checker
    name = Varchar(length=60)
    place = Varchar(length=200)
    hours = Varchar(length=120, help_text="Opening hours as shown.")
    division_code = Varchar(length=6, index=True)
    active = Boolean(default=True)


class Slot(Table, help_text="One bookable time of a window for a matter, with its capacity."):
    id: Serial  # added by Piccolo; declared for the type checker
    key = Varchar(length=80, unique=True, help_text="window:matter:day:starts (no repeats)")
    window = ForeignKey(ServiceWindow, on_delete=OnDelete.cascade)
    matter_code = Varchar(length=32)
    day = Date(index=True)
    starts = Varchar(length=5, help_text="HH:MM")
    ends = Varchar(length=5, help_text="HH:MM")
    capacity = Integer()


class Booking(Table, help_text="预约: a seat of a slot; seat_key is unique while it holds one."):
    id: Serial  # added by Piccolo; declared for the type checker
    code = Varchar(length=12, unique=True, help_text="预约码 shown to the booker.")
    slot = ForeignKey(Slot, on_delete=OnDelete.restrict, index=True)
    seat = Integer()
    seat_key = Varchar(
        length=32, null=True, unique=True, help_text="slot:seat; NULL once cancelled."
    )
    name = Varchar(length=60)
    phone = Varchar(length=20)
    booker = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    client = Varchar(length=64, default="")
    status = Varchar(length=12, default="booked", help_text="booked/cancelled/arrived/no_show")
    created_at = Timestamptz()
    reminded_at = Timestamptz(null=True, default=None, help_text="The one SMS reminder.")


class Complaint(Table, help_text="投诉 (5号 Art. 37), recorded online or by staff."):
    id: Serial  # added by Piccolo; declared for the type checker
    token = Varchar(length=32, unique=True)
    complainant = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    complainant_name = Varchar(length=60)
    phone = Varchar(length=20)
    client = Varchar(length=64, default="")
    recorded_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null, help_text="Staff.")
    about = Varchar(length=12, help_text="matter / office / person")
    matter_code = Varchar(length=32, default="")
    about_text = Varchar(length=200, default="", help_text="The office or person named.")
    division_code = Varchar(length=6, index=True)
    text = Text()
    alleged_violation = Boolean(default=False, help_text="涉嫌违法: a lead for inspections.")
    allegation = Text(default="")
    received_on = Date()
    due_on = Date(index=True)
    status = Varchar(length=12, default="open", index=True)
    handler = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    reply = Text(default="")
    replied_at = Timestamptz(null=True, default=None)
    closed_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz()


class VisitRating(Table, help_text="好差评 一次一评: one per window visit or consultation."):
    id: Serial  # added by Piccolo; declared for the type checker
    booking = ForeignKey(Booking, null=True, unique=True, on_delete=OnDelete.cascade)
    question = ForeignKey(Question, null=True, unique=True, on_delete=OnDelete.cascade)
    division_code = Varchar(length=6, index=True)
    score = Integer(help_text="1 非常不满意 … 5 非常满意; 1–2 are 差评")
    comment = Text(default="")
    rated_at = Timestamptz()
    follow_up_due = Date(null=True, default=None)
    follow_up_answer = Text(default="")
    answered_at = Timestamptz(null=True, default=None)
    answered_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)


class Delivery(
    Table,
    help_text="送达: how an application's result reaches the applicant (兴署发〔2021〕5号 "
    "Arts. 17(三), 19), one per application of any matter, and the record of its delivery.",
):
    id: Serial  # added by Piccolo; declared for the type checker
    application_id = Integer(unique=True, help_text="matters' matter_application id.")
    electronic = Boolean(default=True, help_text="电子证照（文书）")
    paper = Boolean(default=False, help_text="纸质证照（文书）")
    method = Varchar(length=8, help_text="window / online / mail")
    recipient = Varchar(length=60, default="")
    phone = Varchar(length=20, default="")
    address = Varchar(length=200, default="")
    status = Varchar(length=12, default="chosen", index=True)
    carrier = Varchar(length=40, default="", help_text="邮寄: the postal or courier company.")
    tracking_number = Varchar(length=40, default="", help_text="邮寄: 邮件号.")
    mailed_at = Timestamptz(null=True, default=None)
    collected_by = Varchar(length=60, default="", help_text="领取: who collected.")
    collected_at = Timestamptz(null=True, default=None)
    sent_online_at = Timestamptz(null=True, default=None)
    recorded_by = ForeignKey(User, null=True, default=None, on_delete=OnDelete.set_null)
    created_at = Timestamptz()
    updated_at = Timestamptz()
