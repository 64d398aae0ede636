"""The audit trail in words (issue 14 item 10): what each event, record type and field is called
in Chinese, so the admin reads "受理 · 许可申请 #12 · 状态：已提交 → 已受理" instead of
``application:accept · licence_application``. Codes and raw JSON stay behind "详细". Pure."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from seedreg.accounts.audit_words_more import EXTRA
from seedreg.accounts.rules import ROLE_LABELS
from seedreg.core import rulesettings
from seedreg.matters.notice_names import NOTICE_NAMES

# Record types (audit_event.subject_type) a person may filter by.
SUBJECTS = {
    "organisation": "生产经营者",
    "user": "账号",
    "sign_up": "网上注册",
    "licence_application": "许可申请",
    "matter_application": "事项申请",
    "licence": "许可证",
    "notice": "文书",
    "material_item": "申请材料清单",
    "lot": "批次",
    "nursery_base": "苗圃基地",
    "label_issue": "标签签发",
    "label": "标签",
    "clone_flag": "疑似仿冒标签",
    "field_scan": "现场扫码核验",
    "quality_inspection": "质量检验",
    "quality_certificate": "质量检验合格证",
    "quality_tester": "检验员",
    "seedling_grading_row": "苗木分级标准数据",
    "seed_grading_row": "种子分级标准数据",
    "site_quarantine_certificate": "产地检疫合格证",
    "quarantine_certificate": "植物检疫证书",
    "species": "树种",
    "authority": "机关信息",
    "rule_setting": "时限与设定",
    "calendar_day": "工作日历",
    "calendar_year": "工作日历年度",
    "reference": "基础数据",
    "fixtures": "基础数据",
    "quality": "质量检验",
    "session": "登录",
    "import": "表格导入",
    "matter": "办理事项",
    "matter_material": "办理事项申请材料",
    "improved_variety": "林木良种",
}

# Whole event names that read better as a phrase than as their parts.
ACTIONS = {
    "session:open": "登录",
    "session:close": "退出登录",
    "user:create": "创建账号",
    "user:update": "更正账号信息",
    "user:enable": "重新启用账号",
    "user:disable": "停用账号",
    "user:change_password": "修改密码",
    "user:admin_reset_password": "管理员重置密码",
    "user:reset_password": "找回密码",
    "user:reset_code": "发送找回密码验证码",
    "user:signup": "网上注册开通账号",
    "signup:start": "开始网上注册",
    "signup:claim": "申请认领生产经营者",
    "signup:approve_claim": "同意认领",
    "signup:refuse_claim": "拒绝认领",
    "organisation:register": "登记生产经营者",
    "organisation:signup": "网上注册登记生产经营者",
    "organisation:update": "更正生产经营者信息",
    "organisation:verify_identity": "核验证照",
    "licence:issue": "核发许可证",
    "licence:renewal": "延续许可证",
    "licence:change": "变更许可证",
    "licence:cancellation": "注销许可证",
    "licence:annulled": "撤销许可证",
    "licence:revoked": "吊销许可证",
    "licence:record_region": "登记自治区核发的许可证",
    "licence:site": "变更生产地点",
    "licence:expiry_reminder": "提醒许可证到期",
    "lot:register": "登记批次",
    "lot:use": "使用批次",
    "lot:recall": "召回批次",
    "lot:link_base": "批次关联登记的苗圃基地",
    "nursery_base:register": "登记苗圃基地",
    "nursery_base:update": "修改苗圃基地",
    "nursery_base:confirm": "确认苗圃基地",
    "label:issue": "签发标签",
    "label:void": "作废标签",
    "label:reissue": "补发标签",
    "field_scan:record": "现场扫码核验",
    "clone_flag:raise": "发出疑似仿冒预警",
    "clone_flag:confirm": "确认仿冒",
    "clone_flag:dismiss": "排除仿冒预警",
    "quality:inspect": "记录质量检验",
    "quality:certificate_issue": "签发质量检验合格证",
    "quality:certificate_revoke": "撤销质量检验合格证",
    "quality:certificate_overrule": "抽检推翻自检合格证",
    "quality:tester_register": "登记检验员",
    "quality:tester_verify": "核验检验员",
    "quality:tester_withdraw": "撤回检验员",
    "quarantine:site:issue": "签发产地检疫合格证",
    "quarantine:site:revoke": "撤销产地检疫合格证",
    "quarantine:consignment:issue": "签发植物检疫证书",
    "quarantine:consignment:exchange": "凭产地检疫合格证换发植物检疫证书",
    "quarantine:consignment:revoke": "撤销植物检疫证书",
    "grading:load_samples": "载入分级样例数据",
    "grading:seedling:save": "保存苗木分级标准数据",
    "grading:seed:save": "保存种子分级标准数据",
    "grading:seedling:active": "启用或停用苗木分级标准数据",
    "grading:seed:active": "启用或停用种子分级标准数据",
    "grading:seedling:confirm": "确认苗木分级标准数据",
    "grading:seed:confirm": "确认种子分级标准数据",
    "grading:load_public_rows": "载入公开的分级标准数据（待确认）",
    "import:grading_seedling": "从表格导入苗木分级标准数据",
    "import:improved_variety": "从表格导入林木良种",
    "variety:create": "登记林木良种",
    "variety:update": "更正林木良种",
    "variety:stop": "登记良种停止推广",
    "species:add_unlisted": "增补名录外树种",
    "matter:load": "载入办理事项目录",
    "matter:save": "修改办理事项",
    "matter_material:save": "修改办理事项的申请材料",
    "application:assign": "分派申请",
    "species:save": "保存树种",
    "species:confirm_latin": "确认拉丁学名",
    "authority:save": "更正机关信息",
    "setting:set": "修改设定",
    "setting:reset": "恢复默认设定",
    "calendar:set_day": "调整工作日历",
    "calendar:reminder": "提醒录入下一年工作日历",
    "reference:load": "载入基础数据",
    "material:upload": "上传申请材料",
    "material:delete": "删除申请材料",
    "material_item:save": "保存申请材料清单",
    "material_item:load": "载入申请材料清单",
    "rating:create": "评价办件",
    "rating:answer": "回复评价",
    "application:create": "创建许可申请",
    "application:update": "修改许可申请",
    "application:pause_annulled": "撤销审查期限中止",
    "filing:update": "修改备案",
}
# The parts of names made at run time: application:{action}, notice:{kind}.
APPLICATION_STEPS = {
    "submit": "提交申请",
    "request_supplement": "告知补正",
    "resubmit": "补正后重新提交",
    "accept": "受理",
    "deem_accepted": "逾期视为受理",
    "reject_intake": "不予受理",
    "grant": "准予许可",
    "refuse": "不予许可",
    "withdraw": "撤回申请",
    "forward": "审核后报送自治区",
    "extend_issuing": "自治区延长核发期限",
    "region_grant": "自治区核发",
    "region_refuse": "自治区不予核发",
    "pause": "中止审查期限",
    "resume": "恢复审查期限",
    "due_on": "确定办结期限",
    "statutory_due": "确定法定期限",
    "pauses": "记录审查期限中止",
    "site_check": "记录实地核查",
    "assign": "指定承办人",
    "record": "予以备案",
}
NOTICES = NOTICE_NAMES

# Field names in before/after; a field not named here is shown only in "详细".
FIELDS = {
    "number": "编号",
    "status": "状态",
    "reason": "理由",
    "reasons": "理由",
    "note": "备注",
    "name": "名称",
    "display_name": "姓名",
    "real_name": "真实姓名",
    "qualification_number": "森林植物检疫员证号",
    "username": "用户名",
    "role": "角色",
    "phone": "手机",
    "email": "电子邮箱",
    "jurisdiction": "管辖区域",
    "enforcement_id": "执法证号",
    "full_time_quarantine": "专职检疫员",
    "active": "启用",
    "organisation": "生产经营者",
    "organisation_id": "生产经营者",
    "legal_representative": "法定代表人",
    "contact_person": "联系人",
    "address": "地址",
    "registered_address": "住所",
    "division_code": "所在旗县市",
    "uscc": "统一社会信用代码",
    "id_number": "身份证号",
    "kind": "类别",
    "lot": "批次",
    "lots": "批次",
    "lot_id": "批次",
    "licence": "许可证",
    "licence_id": "许可证",
    "species": "树种",
    "material": "种类",
    "quantity": "数量",
    "count": "张数",
    "quantity_each": "每张数量",
    "serial": "序列号",
    "serials": "序列号",
    "verdict": "核验结论",
    "hints": "发现的问题",
    "labels": "标签",
    "basis": "检验方式",
    "grade": "等级",
    "passed": "是否合格",
    "inspection": "检验",
    "findings": "检疫结果",
    "valid_from": "有效期起",
    "valid_to": "有效期至",
    "issued_on": "签发日期",
    "status_reason": "原因",
    "penalty_decision_number": "行政处罚决定书文号",
    "penalty_decided_on": "行政处罚决定日期",
    "doc_abbreviation": "机关代字",
    "value": "设定值",
    "key": "设定项",
    "day": "日期",
    "workday": "是否工作日",
    "due_on": "承诺办结日",
    "statutory_due": "法定办结日",
    "version": "版本",
    "title": "标题",
    "file": "文件",
    "original_name": "文件名",
    "qualification": "资格证书",
    "nursery_base": "苗圃基地",
    "base": "苗圃基地",
    "facilities": "设施",
    "stock": "在圃苗木",
    "annual_output": "年出圃量",
    "duties": "承担的任务",
    "total_area_cmu": "总面积（0.01亩）",
    "production_area_cmu": "生产面积（0.01亩）",
    "outline_area_cmu": "边界面积（0.01亩）",
    "lat": "纬度",
    "lon": "经度",
    "variety_name": "品种名称",
    "species_name": "树种",
    "year": "审定（认定）年份",
    "zone_text": "适宜种植区域",
    "valid_until": "认定有效期至",
    "stopped_on": "停止推广日期",
    "stop_document": "停止推广文号",
    "stop_reason": "停止推广理由",
}


# Coded values of a few fields, in words; any other code-like value is left to "详细".
VALUES: dict[str, dict[str, str]] = {
    "role": {role.value: label for role, label in ROLE_LABELS.items()},
    "kind": {
        "enterprise": "企业（单位）",
        "individual": "个人",
        "revoked": "吊销",
        "annulled": "撤销",
        "issue": "核发",
        "renewal": "延续",
        "change": "变更",
        "cancellation": "注销",
        "seed": "林木种子",
        "seedling": "苗木",
        "state": "国有林场苗圃/基地",
        "collective": "集体",
        "private": "民营",
        "approval": "审定",
        "recognition": "认定",
    },
    "material": {"seed": "林木种子", "seedling": "苗木"},
    "basis": {"station": "站检", "self": "自检"},
    "status": {
        "valid": "有效",
        "expired": "已过期",
        "cancelled": "已注销",
        "annulled": "已撤销",
        "revoked": "已撤销",
        "recalled": "已召回",
        "active": "正常",
        "void": "已作废",
        "superseded": "已补发",
        "open": "待处理",
        "confirmed": "已确认",
        "dismissed": "已排除",
        "pending": "待核验",
        "verified": "已核验",
        "withdrawn": "已撤回",
        "draft": "草稿",
        "submitted": "已提交",
        "accepted": "已受理",
        "granted": "已准予",
        "refused": "不予许可",
        "stopped": "已停止推广",
    },
}
for _more in EXTRA:  # kept apart so this stays short
    for _ours, _theirs in (
        (SUBJECTS, _more.SUBJECTS),
        (ACTIONS, _more.ACTIONS),
        (FIELDS, _more.FIELDS),
        (APPLICATION_STEPS, getattr(_more, "APPLICATION_STEPS", {})),
    ):
        _ours.update({k: v for k, v in _theirs.items() if k not in _ours})  # never renames ours
    for _key, _words in _more.VALUES.items():
        VALUES[_key] = {**_words, **VALUES.get(_key, {})}
CODE_LIKE = re.compile(r"^[a-z][a-z0-9_:\-]*$")


def subject_label(subject_type: str) -> str:
    return SUBJECTS.get(subject_type, "其他记录")


def action_label(action: str) -> str:
    """An event's name in words; a name not known yet reads "其他操作" (its code is in 详细)."""
    if action in ACTIONS:
        return ACTIONS[action]
    head, _, rest = action.partition(":")
    if head == "application" and rest in APPLICATION_STEPS:
        return APPLICATION_STEPS[rest]
    if head == "notice" and rest in NOTICES:
        return f"出具{NOTICES[rest]}"
    return "其他操作"


def _value(value: Any, key: str = "") -> str:
    if isinstance(value, str) and value in VALUES.get(key, {}):
        return VALUES[key][value]
    if isinstance(value, str) and CODE_LIKE.match(value) and key not in ("username", "email"):
        return "（见详细）"
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime | date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            return _value(date.fromisoformat(value[:10]))
        except ValueError:
            return value
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return "、".join(_value(v) for v in value) or "—"
    if isinstance(value, dict | list):
        return "（见详细）"
    return str(value)


def changes(before: Any, after: Any) -> list[dict[str, str]]:
    """The named fields an event changed or set: [{field, before, after}], in words."""
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    out = []
    for key in [*new, *(k for k in old if k not in new)]:
        if key not in FIELDS or old.get(key) == new.get(key):
            continue
        out.append(
            {
                "field": FIELDS[key],
                "before": _value(old.get(key), key) if key in old else "",
                "after": _value(new.get(key), key) if key in new else "—",
            }
        )
    return out


def subject_name(subject_type: str, subject_id: str) -> str:
    """Which record, in words: a number as "#12", a setting by its label; other codes only
    under "详细"."""
    if subject_type == "rule_setting" and subject_id in setting_keys():
        return f"“{rulesettings.definition(subject_id).label}”"
    if subject_id.isdigit():
        return f"#{subject_id}"
    return ""


def setting_keys() -> set[str]:
    return {d.key for d in rulesettings.definitions()}


def describe(event: dict[str, Any]) -> dict[str, Any]:
    """An audit event as the page shows it; the raw event is kept for "详细"."""
    return {
        **event,
        "action_label": action_label(event["action"]),
        "subject_label": subject_label(event["subject_type"]),
        "subject_name": subject_name(event["subject_type"], str(event["subject_id"])),
        "changes": changes(event.get("before"), event.get("after")),
    }
