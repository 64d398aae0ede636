"""Accounts, roles, jurisdictions, sessions and the access policy."""
