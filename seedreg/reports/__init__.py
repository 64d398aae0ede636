"""Reports and dashboards (issue 25): the one owner of summary figures.

tables        report_figure (metric, banner, month, key → value) and report_state (the cursor)
rules         PURE: which metrics exist, which audited subjects feed them, months, links
metrics       the grouped read-only queries the refresh runs over other domains' tables
services      refresh (incremental, by the audit cursor) and the dashboard read
jobs          the refresh every ``reports.refresh_minutes`` inside the server
charts        PURE: server-drawn SVG charts (bars, stacked bars, monthly columns)
api, views    /api/reports/… and /reports
"""
