"""Append-only, hash-chained audit trail: every state change writes one event."""
