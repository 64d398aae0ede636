"""Administrative matters (事项): what every matter shares — the catalogue and the transitions
engine so far — so that licensing, 备案 filings and the matters to come are data plus their own
hooks. The shared application tables are here (licensing runs on them, writing through
``applications``), with the clocks, intake, review, forwarding, notices, ratings, uploads and
the inbox across matters. A matter's own effect of a decision (licensing: the licence) is a hook
in ``decisions``.

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
    intake          受理, 容缺受理, one-time 补正, 不予受理, deemed acceptance (Art. 32)
    review          site check (Art. 34), pauses (Art. 45), one extension (Art. 42), grant/refuse
    forwarding      审核 and forwarding to the region, its clock, its decision recorded
    decisions       the decision hook registry: each matter's effect in the decision's transaction
    workflow        one guarded, audited step of any flow
    records         loading an application with the access check; its outward shape

Web: views (/matters, /admin/matters), inbox_views (/matters/inbox), api (/api/matters).
Data: tables (Matter, MatterMaterial, Application, ApplicationMaterial, Notice, Rating),
schemas, piccolo_migrations.
"""
