"""Audit words of the production-and-trade archive (生产经营档案) and of afforestation projects
(重点工程造林), kept apart so audit_words stays short; merged into its tables on import. Pure."""

SUBJECTS = {
    "archive_entry": "生产经营档案记录",
    "archive_document": "档案材料",
    "archive_export": "档案导出",
    "afforestation_project": "重点工程造林项目",
    "afforestation_delivery": "造林供苗",
    "afforestation_lead": "违法线索",
}
ACTIONS = {
    "archive_entry:record": "登记档案记录",
    "archive_entry:correct": "更正档案记录",
    "archive_document:attach": "上传档案材料",
    "archive:export": "导出生产经营档案",
    "afforestation_project:create": "登记重点工程造林项目",
    "afforestation_delivery:record": "登记造林供苗（按标签核对）",
    "afforestation_lead:raise": "提出“应当使用良种而未使用良种”线索",
}
FIELDS = {
    "kind": "类别",
    "lot": "批次",
    "quantity": "数量",
    "reason": "更正原因",
    "occurred_on": "日期",
    "responsible": "责任人",
    "counterparty": "购买方/供货方",
    "destination": "销售去向",
    "original_name": "文件名",
    "entry": "档案记录",
    "from": "起始日期",
    "to": "截止日期",
    "entries": "记录条数",
    "serial": "标签序列号",
    "passed": "核对通过",
    "share": "良种比例",
    "required": "计划良种比例",
}
VALUES: dict[str, dict[str, str]] = {}
