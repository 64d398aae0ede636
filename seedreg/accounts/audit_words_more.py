"""The audit words of each domain kept in side modules, so ``audit_words`` stays short."""

from seedreg.accounts import (
    audit_words_archive,
    audit_words_calendar,
    audit_words_cases,
    audit_words_desk,
    audit_words_enforcement,
    audit_words_followups,
    audit_words_introductions,
    audit_words_ledgers,
    audit_words_matters,
    audit_words_reports,
    audit_words_requests,
)

EXTRA = (
    audit_words_archive,
    audit_words_calendar,
    audit_words_cases,
    audit_words_desk,
    audit_words_enforcement,
    audit_words_followups,
    audit_words_introductions,
    audit_words_ledgers,
    audit_words_matters,
    audit_words_reports,
    audit_words_requests,
)
