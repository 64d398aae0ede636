"""Audit words of issue 23 in inspections (复查, 检查码 and its rating) and of the leads
(线索); kept apart so audit_words stays short; merged into its tables on import. Pure."""

SUBJECTS = {
    "follow_up": "复查任务",
    "lead": "线索",
}
ACTIONS = {
    "follow_up:rectified": "复查：已整改",
    "follow_up:escalated": "复查：未整改，移送立案",
    "check_rating:rate": "被检查单位匿名评价检查",
    "lead:receive": "收到线索",
    "lead:refresh": "线索内容随来源更新",
    "lead:dispatch": "线索派查",
    "lead:dismiss": "线索不予立查",
}
FIELDS: dict[str, str] = {
    "state": "状态",
    "finding": "发现的问题",
    "evidence_ref": "证据编号",
    "rating": "评价",
    "lead_kind": "线索类别",
    "source_key": "线索来源",
    "detail": "线索内容",
}
VALUES: dict[str, dict[str, str]] = {
    "state": {
        "pending": "待复查",
        "rectified": "已整改",
        "escalated": "未整改，移送立案",
        "new": "待处理",
        "dispatched": "已派查",
        "dismissed": "不予立查",
    },
    "rating": {"satisfied": "满意", "fair": "基本满意", "dissatisfied": "不满意"},
}
