"""Organisations: seed producers, traders and other regulated entities."""
