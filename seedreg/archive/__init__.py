"""The production-and-trade archive (生产经营档案, 种子法第三十六条) each operator keeps:
production records per lot, stock in and out, sales (with the serials of the labels sold),
attached contracts and invoices, and links to the lot's certificates.

- ``rules``: pure: entry kinds, serial specs, corrections, who may see what;
- ``completeness``: pure: what is missing per lot and year (the 档案不齐全 finding);
- ``services``: recording, corrections (appended, never overwritten), documents, trace;
- ``findings``: what the inspection module reads (``archive_gaps``);
- ``exports``: the official's xlsx and PDF of an operator's archive for a date range.
"""
