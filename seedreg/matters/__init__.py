"""Administrative matters (事项): what every matter shares — the catalogue, the transitions
engine — so that licensing, 备案 filings and the matters to come are data plus their own hooks.

Pure rules (no I/O):
    transitions     each matter's table as data: states, (state, action) → next state, who may
                    act, what the action needs
    rules           the one engine: next_state, allowed_actions, flow_problems
"""
