"""Platform services with no domain knowledge: errors, clock, database, audit, web, PDFs."""
