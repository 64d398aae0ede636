"""The consignment ledger's audit words (调入登记、复检; issue 17), kept apart so audit_words
stays short; merged into its tables on import. Pure."""

SUBJECTS: dict[str, str] = {}
ACTIONS = {
    "quarantine:consignment:inbound": "登记调入苗木及其植物检疫证书",
    "quarantine:consignment:arrival": "调入苗木复检",
}
FIELDS = {
    "arrival_result": "复检结果",
    "introduction_ref": "引种审批编号",
    "carrier": "承运单位",
}
VALUES: dict[str, dict[str, str]] = {}
# The request matters' own steps (application:{step}).
APPLICATION_STEPS = {"plan_visit": "安排现场检验", "certify": "检验合格并签发证书"}
