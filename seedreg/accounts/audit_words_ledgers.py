"""The xlsx ledgers' audit words (imports of 台账), kept apart so audit_words stays short;
merged into its tables on import. Pure."""

SUBJECTS: dict[str, str] = {}
ACTIONS = {
    "import:nursery_stock": "从表格导入存苗台账",
    "import:nursery_base": "从表格导入苗圃基地",
    "import:organisation": "从表格导入生产经营者",
    "import:archive_entry": "从表格导入生产经营档案",
    "import:licence": "从表格导入系统启用前核发的许可证",
    "licence:record_earlier": "登记系统启用前核发的许可证",
    "nursery_base:stock_import": "从存苗台账导入在圃苗木",
}
FIELDS = {
    "stock_lines": "在圃苗木行数",
    "stock_total": "在圃苗木合计（株）",
    "importer": "导入类别",
    "mode": "导入方式",
    "rows": "行数",
    "imported": "导入行数",
    "skipped": "跳过行数",
    "skipped_rows": "跳过的行",
}
VALUES: dict[str, dict[str, str]] = {}
