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
