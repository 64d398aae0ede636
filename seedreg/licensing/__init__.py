"""林木种子生产经营许可证: application, acceptance, review, decision, licence, register.

Index of the package (every module imports what it uses directly; nothing is re-exported here).

Pure rules (no I/O):
    rules           each decision's basis, the material checklist, who decides (bureau or region);
                    re-exports the three below, so ``rules.X`` is the one name callers use
    states          kinds, states, actions and the transitions table (the state machine)
    deadlines       statutory clocks: intake, decision and issuing deadlines, pauses, bands
    licence_terms   licence numbers, validity, renewal and change deadlines, a licence's states

Use cases (services; raise seedreg.core.errors, import no web module):
    applications    the applicant's side: drafts, submission, resubmission, withdrawal, lists
    intake          受理: accept, one-time 补正, 容缺受理, 不予受理, deemed acceptance
    review          thin: matters.review on licensing's rows; deemed renewal (Art. 50)
    forwarding      thin: matters.forwarding on licensing's rows (林木良种: the region issues)
    decisions       licensing's decision hooks: grant → the licence on the register
    corrections     corrected deadlines for pauses that were never lawful
    licences        the licence: issue, renewal, change, cancellation, annulment, revocation
    licence_register  reading licences: by scope, terms' history, public register, verification
    materials       the material checklist and the applicant's uploads
    notices         written notices and decisions, numbered
    ratings         好差评 and their follow-up; compliance per bureau
    documents       PDFs: the licence (正本/副本) and every notice
    guide           the public service guide (办事指南)
    jobs            the daily duties (registered by the app with core.scheduler)
    common          shared steps: loading with access checks, guarded transitions

Web (Litestar handlers; call the use cases):
    views, application_views, licence_views, public_views, oversight_views, forms   pages
    api, licence_api                                                              JSON under /api

Data: tables (Piccolo), schemas (pydantic), rule_settings (local settings), piccolo_migrations.
"""
