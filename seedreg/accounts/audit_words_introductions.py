"""The introductions' audit words (引种批准 and its draw-down), kept apart so audit_words stays
short; merged into its tables on import. Pure."""

SUBJECTS = {"introduction_approval": "引种批准"}
ACTIONS = {
    "introduction_approval:create": "登记引种批准",
    "introduction_approval:draw": "使用引种批准数量",
}
FIELDS = {
    "route": "引种来源类别",
    "league_step": "盟林草局办理方式",
    "quantity": "数量",
    "source": "用途来源",
}
VALUES: dict[str, dict[str, str]] = {}
