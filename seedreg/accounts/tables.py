from piccolo.columns import Boolean, ForeignKey, Integer, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.accounts.rules import Role
from seedreg.organisations.tables import Organisation


class User(Table, tablename="account", help_text="A person who signs in."):
    id: Serial  # added by Piccolo; declared for the type checker
    username = Varchar(length=40, unique=True)
    display_name = Varchar(length=60)
    password_hash = Varchar(length=255, secret=True)
    role = Varchar(length=24, choices=Role)
    organisation = ForeignKey(Organisation, null=True, on_delete=OnDelete.restrict)
    jurisdiction = Varchar(
        length=6, null=True, default=None, help_text="Division code (officials)."
    )
    enforcement_id = Varchar(length=40, default="", help_text="执法证号 (inspectors).")
    full_time_quarantine = Boolean(default=False, help_text="专职检疫员: may sign certificates.")
    real_name = Varchar(
        length=40, default="", help_text="真实姓名: printed on what they sign, not the role."
    )
    qualification_number = Varchar(
        length=40, default="", help_text="森林植物检疫员证号: printed on certificates."
    )
    phone = Varchar(length=20, default="")
    email = Varchar(length=120, default="")
    active = Boolean(default=True)
    created_at = Timestamptz()
    password_changed_at = Timestamptz()
    phone_confirmed_at = Timestamptz(
        null=True, default=None, help_text="By a one-time code, or entered by the admin."
    )
    email_confirmed_at = Timestamptz(null=True, default=None)


class Session(Table, tablename="user_session", help_text="Server-side login session."):
    id: Serial  # added by Piccolo; declared for the type checker
    token_hash = Varchar(length=64, unique=True, help_text="sha256 of the bearer/cookie token.")
    user = ForeignKey(User, on_delete=OnDelete.cascade)
    kind = Varchar(length=8, default="web", help_text="web (cookie) or api (bearer).")
    created_at = Timestamptz()
    last_seen_at = Timestamptz()
    expires_at = Timestamptz(index=True)
    client = Varchar(length=120, default="")


class LoginFailure(Table, help_text="Failed sign-ins, for rate limiting across processes."):
    id: Serial  # added by Piccolo; declared for the type checker
    username = Varchar(length=40, index=True)
    client = Varchar(length=64, index=True)
    at = Timestamptz(index=True)


class OneTimeCode(Table, help_text="A confirmation code sent by SMS or e-mail; only its hash."):
    id: Serial  # added by Piccolo; declared for the type checker
    purpose = Varchar(length=16, help_text="signup or reset.")
    channel = Varchar(length=8, help_text="sms or email.")
    destination = Varchar(length=120, index=True, help_text="The phone number or address.")
    reference = Varchar(length=40, default="", help_text="Sign-up token or user id it is for.")
    code_hash = Varchar(length=64, secret=True)
    client = Varchar(length=64, index=True)
    created_at = Timestamptz(index=True)
    expires_at = Timestamptz()
    attempts = Integer(default=0)
    used_at = Timestamptz(null=True, default=None)


class SignUp(Table, tablename="sign_up", help_text="An online sign-up, form to account."):
    id: Serial  # added by Piccolo; declared for the type checker
    token = Varchar(length=40, unique=True, help_text="Unguessable handle in the sign-up's URLs.")
    status = Varchar(length=12, index=True, help_text="rules.SignUpStatus")
    kind = Varchar(length=16)
    identifier = Varchar(length=18, index=True, help_text="Normalised USCC or ID number.")
    uscc_override_reason = Varchar(length=200, default="")
    name = Varchar(length=120)
    legal_representative = Varchar(length=60)
    division_code = Varchar(length=6)
    address = Varchar(length=200)
    display_name = Varchar(length=60)
    phone = Varchar(length=20)
    email = Varchar(length=120, default="")
    username = Varchar(length=40)
    password_hash = Varchar(length=255, secret=True, help_text="Cleared once the account exists.")
    consent_version = Varchar(length=20, help_text="The personal-information notice agreed to.")
    consent_at = Timestamptz()
    client = Varchar(length=64, index=True)
    created_at = Timestamptz(index=True)
    confirmed_at = Timestamptz(null=True, default=None, help_text="Codes entered.")
    completed_key = Varchar(
        length=40,
        null=True,
        default=None,
        unique=True,
        help_text="kind:identifier once it registered a new organisation: one per code.",
    )
    organisation = ForeignKey(Organisation, null=True, on_delete=OnDelete.set_null)
    user = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    decided_at = Timestamptz(null=True, default=None)
    decided_by = Varchar(length=80, default="")
    decision_reason = Varchar(length=200, default="")
