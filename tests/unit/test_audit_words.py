"""Every audit event the code writes has a name in Chinese, and the record types, fields and
coded values the audit page shows read as words (issue 14 item 10)."""

from __future__ import annotations

import re
from pathlib import Path

from seedreg.accounts import audit_words
from seedreg.licensing.common import NOTICE_LABELS
from seedreg.licensing.states import Action

SOURCE = Path(__file__).resolve().parents[2] / "seedreg"
# audit.record(actor, "event:name", "subject_type", ...) with literal names
LITERAL = re.compile(r"""record\(\s*[\w.]+,\s*"([a-z_:]+)",\s*"([a-z_]+)",""", re.S)


def _literal_events() -> set[tuple[str, str]]:
    found = set()
    for path in SOURCE.rglob("*.py"):
        found |= set(LITERAL.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_literal_event_and_record_type_has_a_chinese_name():
    events = _literal_events()
    assert len(events) > 30  # the pattern still finds the calls
    unnamed = sorted(a for a, _ in events if audit_words.action_label(a) == "其他操作")
    assert unnamed == []
    untyped = sorted(s for _, s in events if s not in audit_words.SUBJECTS)
    assert untyped == []


def test_events_named_at_run_time_have_names_too():
    for action in Action:
        assert audit_words.action_label(f"application:{action.value}") != "其他操作", action
    for kind in NOTICE_LABELS:
        assert audit_words.action_label(f"notice:{kind}") == f"出具{NOTICE_LABELS[kind]}"


def test_changes_are_shown_in_words_and_codes_are_left_to_the_details():
    rows = audit_words.changes(
        {"status": "valid", "role": "operator", "extra_code": 1},
        {
            "status": "revoked",
            "role": "seed_station",
            "full_time_quarantine": True,
            "kind": "unheard_of_kind",
        },
    )
    assert rows == [
        {"field": "状态", "before": "有效", "after": "已撤销"},
        {"field": "角色", "before": "生产经营者", "after": "种苗站"},
        {"field": "专职检疫员", "before": "", "after": "是"},
        {"field": "类别", "before": "", "after": "（见详细）"},
    ]


def test_a_setting_is_named_by_its_label_and_other_codes_stay_under_details():
    from seedreg.app import RULE_SETTINGS  # noqa: F401  (registers every domain's settings)
    from seedreg.core import rulesettings

    setting = rulesettings.definitions()[0]
    assert audit_words.subject_name("rule_setting", setting.key) == f"“{setting.label}”"
    assert audit_words.subject_name("licence", "12") == "#12"
    assert audit_words.subject_name("matter", "licensing") == ""
