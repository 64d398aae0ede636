"""Administrative matters (事项): what every matter shares — the catalogue and the transitions
engine so far — so that licensing, 备案 filings and the matters to come are data plus their own
hooks. The shared application tables are here (licensing runs on them, writing through
``applications``), with the clocks and the inbox across matters; intake, review, forwarding,
notices, ratings and uploads are still licensing's services over these tables (next to move).

Pure rules (no I/O):
    transitions     each matter's table as data: states, (state, action) → next state, who may
                    act, what the action needs, its notice and basis
    rules           the one engine: next_state, allowed_actions, flow_problems; the catalogue's
                    checks (legal basis, promised limit, material wording)
    clocks          working-day clocks: intake, decision (Art. 42), Art. 45 pauses, extension,
                    issuing, bands, the one-time supplement notice

Use cases:
    catalogue       the 事项目录: loading fixtures/matters, reading it, the admin's edits
    applications    the one writer of the shared application tables
    inbox           the officials' inbox across matters; assigning to one officer

Web: views (/matters, /admin/matters), inbox_views (/matters/inbox), api (/api/matters).
Data: tables (Matter, MatterMaterial, Application, ApplicationMaterial, Notice, Rating),
schemas, piccolo_migrations.
"""
