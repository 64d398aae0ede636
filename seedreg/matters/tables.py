from piccolo.columns import JSON, Boolean, Integer, Timestamptz, Varchar
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.matters.rules import LeagueStep


class Matter(
    Table,
    help_text="事项目录: one administrative matter and what its 办事指南 says. Fields the law "
    "fixes come from fixtures/matters; the admin edits promised_days and active only.",
):
    id: Serial  # added by Piccolo; declared for the type checker
    code = Varchar(length=32, unique=True, help_text="Also the key of its transitions table.")
    name = Varchar(length=120)
    legal_basis = Varchar(length=300, help_text="设定依据, shown on the guide; never empty.")
    applicants = JSON(default="[]", help_text="Who may apply: [{code, name}].")
    sub_items = JSON(default="[]", help_text="子项 [{code, name}]; materials name them in kinds.")
    deciding_level = Varchar(length=200, help_text="实施主体: which level decides.")
    statutory_days = Integer(
        null=True, default=None, help_text="法定办结时限 in working days; None: no law sets one."
    )
    extension_days = Integer(null=True, default=None, help_text="One extension allowed by law.")
    promised_days = Integer(null=True, default=None, help_text="承诺办结时限 (admin-edited).")
    promised_setting = Varchar(
        length=64,
        default="",
        help_text="A local setting that holds the promised days instead (licensing keeps "
        "licensing.promised_decision_workdays until its clocks move here).",
    )
    forwarding = Boolean(default=False, help_text="Forwarded to the region, which decides.")
    league_step = Varchar(length=16, choices=LeagueStep, help_text="approval or filing (备案).")
    result_documents = JSON(default="[]", help_text="办理结果: the documents issued.")
    active = Boolean(default=True)
    updated_at = Timestamptz()


class MatterMaterial(
    Table,
    help_text="A matter's 办事指南 material; each needs a legal basis (兴署发〔2021〕5号 Art. 10).",
):
    id: Serial  # added by Piccolo; declared for the type checker
    key = Varchar(length=70, unique=True, help_text="matter:code")
    matter = Varchar(length=32, index=True, help_text="The matter's code.")
    code = Varchar(length=32)
    name = Varchar(length=120)
    legal_basis = Varchar(length=200)
    kinds = Varchar(length=120, help_text="Comma-separated sub-items it applies to.")
    form = Varchar(length=32, default="复印件", help_text="原件 / 复印件 / 电子")
    copies = Integer(default=1)
    electronic = Boolean(default=True, help_text="An electronic copy is required.")
    required = Boolean(default=True)
    note = Varchar(length=200, default="", help_text="Sample, spec or issuing body.")
    sort_order = Integer(default=0)
    active = Boolean(default=True)
