"""Product labels: signed, offline-verifiable QR payloads (Seed Law Art. 40, product.md §3)."""
