"""Introductions (引种, issue 16): routing by origin, the reviewer's automatic checks and the
scope of an approval, as pure rules; the application and decision run on the shared matter
workflow (seedreg.matters)."""
