"""A portable search index in the database (same tables and SQL on SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from seedreg.core.search import bigrams
from seedreg.core.tables import SearchTerm


async def reindex(subject_type: str, subject_id: int, field: str, terms: Iterable[str]) -> None:
    """Replace a record's terms for one field; call inside the change's transaction."""
    await SearchTerm.delete().where(
        (SearchTerm.subject_type == subject_type)
        & (SearchTerm.subject_id == subject_id)
        & (SearchTerm.field == field)
    )
    rows = [
        SearchTerm(subject_type=subject_type, subject_id=subject_id, field=field, term=t[:40])
        for t in dict.fromkeys(terms)
        if t
    ]
    if rows:
        await SearchTerm.insert(*rows)


def name_terms(name: str) -> list[str]:
    return bigrams(name)


def having_terms(id_column: Any, subject_type: str, field: str, terms: Iterable[str]) -> list[Any]:
    """One condition per term: the record's id must be indexed under every term."""
    return [
        id_column.is_in(
            SearchTerm.select(SearchTerm.subject_id).where(
                (SearchTerm.subject_type == subject_type)
                & (SearchTerm.field == field)
                & (SearchTerm.term == term)
            )
        )
        for term in dict.fromkeys(terms)
    ]
