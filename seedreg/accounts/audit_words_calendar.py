"""Audit words of the working-day calendar's changes and the deadlines they recount (session 12),
kept apart so audit_words stays short; merged into its tables on import. Pure."""

SUBJECTS: dict[str, str] = {}
ACTIONS = {
    "calendar:remove_day": "删除工作日历录入的日期",
    "application:deadline_recounted": "按新工作日历重新计算期限",
}
FIELDS = {
    "promised_due": "承诺办结期限",
    "issuing_due": "核发机关办结期限",
    "supplement_deadline": "补正期限",
    "pending_due": "容缺材料补齐期限",
    "calendar_years": "工作日历调整的年度",
    "recount_basis": "重新计算依据",
}
VALUES: dict[str, dict[str, str]] = {}
