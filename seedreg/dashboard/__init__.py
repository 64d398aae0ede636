"""The home page: a public landing page, or a dashboard with real counts per role."""
