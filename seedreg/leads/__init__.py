"""Leads (线索, issue 23): suspected violations the other modules raise — 档案不齐全 from the
archive, 良种不足 from afforestation, clone flags from label scans, consignments without a
needed introduction approval, 差评 and complaints alleging a violation — gathered into one
queue for the banner's inspectors, who dispatch a check (已派查) or decline (不予立查)."""
