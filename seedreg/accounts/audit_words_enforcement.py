"""Law-enforcement inspections' audit words (违法行为目录、检查计划、双随机抽取、回避), kept apart
so audit_words stays short; merged into its tables on import. Pure."""

SUBJECTS = {
    "violation_item": "违法行为目录",
    "inspection_plan": "检查计划",
    "random_draw": "双随机抽取",
    "inspector_conflict": "执法人员回避关系",
    "field_check": "现场检查",
}
ACTIONS = {
    "violation:load": "载入违法行为目录",
    "violation:update": "修改违法行为目录",
    "inspection_plan:create": "制定检查计划",
    "inspection_plan:update": "修改检查计划",
    "inspection_plan:approve": "批准检查计划",
    "random_draw:draw": "双随机抽取",
    "inspector_conflict:declare": "登记回避关系",
    "field_check:record": "记录现场检查",
    "check_photo:upload": "上传现场检查照片",
}
FIELDS: dict[str, str] = {
    "target": "检查对象",
    "finding_codes": "发现的问题（目录编号）",
    "inspectors": "执法人员",
    "photo_key": "照片编号",
    "sha256": "SHA-256校验值",
    "size": "大小（字节）",
}
VALUES: dict[str, dict[str, str]] = {}
