"""Audit words of issue 25 (reports): an admin's refresh of the summary figures. Pure."""

SUBJECTS = {
    "report": "统计报表",
}
ACTIONS = {
    "report:refresh": "立即更新统计数据",
}
FIELDS: dict[str, str] = {
    "seq": "审计事件位置",
}
VALUES: dict[str, dict[str, str]] = {}
SUBJECTS["report_print"] = "统计报表打印记录"
ACTIONS["report:print"] = "打印统计报表"
FIELDS.update({"period": "统计期", "division_code": "统计范围", "digest": "数字校验码"})
