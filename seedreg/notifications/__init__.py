"""Progress notices to applicants: in the app, and by e-mail through a database outbox."""
