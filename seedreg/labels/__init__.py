"""Product labels (标签): issued for a lot whose 两证一签 is complete, printed with a signed,
offline-verifiable QR code, checked by the public (Seed Law Art. 40, product.md §3).

Use cases (services; pages in ``views``/``public_views`` and JSON in ``api`` call them):

- ``readiness``: 两证一签 of a lot, what is missing before labels may be issued;
- ``issuance``: issuing labels, 补发 (reprints) and voiding;
- ``records``: reading issues and labels (with the public verdict on each);
- ``standing``: the public check's verdict on a label or a lot, for the signed-in pages;
- ``verification``: the public check by serial (``fastdb``/``fastsql``: its fast path);
- ``scans``: the scan log and clone detection; ``flags``: the 种苗站's clone flags;
- ``printable``: what printing prints, the preview and single-label PDFs;
- ``keys``: the league's signing key; ``verify_cli``: the offline checker.

Pure rules: ``rules`` (两证一签 readiness, and the index of the rest): ``states``,
``verdicts``, ``serials``, ``boxes``, ``clones``; the QR payload in ``payload`` and ``signing``;
what a label prints in ``content``.
"""
