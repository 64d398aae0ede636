"""The one name of each written notice and decision the matters' flows issue, by the kind a
step names: pages, PDFs and the audit page all print it. Pure."""

# The written notices and decisions the flows issue, by the kind a Step names (行政许可法 Arts.
# 32, 34, 38, 42, 45; 兴署发〔2021〕5号 Art. 16): the one name pages, PDFs and the audit page use.
NOTICE_NAMES = {
    "acceptance": "受理通知书",
    "supplement": "补正材料通知书",
    "rejection": "不予受理决定书",
    "grant": "准予行政许可决定书",
    "refusal": "不予行政许可决定书",
    "extension": "延长审查期限告知书",
    "pause": "审查期限中止告知书",
    "pause_correction": "审查期限更正告知书",
    "forward": "报送核发告知书",
    "filing_receipt": "林木种子生产经营备案回执",
    "introduction_grant": "准予引种决定书",
    "introduction_refusal": "不予批准引种决定书",
    "introduction_forward": "引种申请报送告知书",
    "introduction_filing": "引种备案回执",
}
