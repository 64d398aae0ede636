"""Administrative matters (事项): what every matter shares — the catalogue and the transitions
engine so far — so that licensing, 备案 filings and the matters to come are data plus their own
hooks. Applications, clocks, materials, notices, ratings and the inbox move here next.

Pure rules (no I/O):
    transitions     each matter's table as data: states, (state, action) → next state, who may
                    act, what the action needs, its notice and basis
    rules           the one engine: next_state, allowed_actions, flow_problems; the catalogue's
                    checks (legal basis, promised limit, material wording)

Use cases:
    catalogue       the 事项目录: loading fixtures/matters, reading it, the admin's edits

Web: views (/matters, /admin/matters), api (/api/matters).
Data: tables (Matter, MatterMaterial), schemas, piccolo_migrations.
"""
