"""The shared matter workflow's audit words added for issue 24 (nothing asked twice, mailed
results), kept apart so audit_words stays short; merged into its tables on import. Pure."""

SUBJECTS: dict[str, str] = {}
ACTIONS = {
    "material:confirm_held": "确认使用系统已有材料（系统调取）",
}
FIELDS = {
    "item": "材料",
    "ref": "引用记录编号",
    "held_record": "系统已有材料类别",
    "sms_to": "短信通知号码",
}
VALUES = {
    "held_record": {
        "registration": "登记的营业执照信息",
        "licence": "本单位的许可证",
        "upload": "以前上传的同一材料",
    },
}
