"""One xlsx importer for every domain (issue 14 item 12): a domain declares its columns (Chinese
header, field, required, parser) and how a row becomes its input model and is saved; the importer
reads an upload (bounded, xlsx only), shows a preview with each row's errors naming the row and
the column, and commits all rows or only the valid ones in one transaction, audited. The same
declaration writes the downloadable template."""

from seedreg.core.importer.declaration import (
    Column,
    Importer,
    Mode,
    ParsedRow,
    Preview,
    RowError,
    integer,
    number,
    text,
)
from seedreg.core.importer.services import commit, load_preview, preview, template_xlsx

__all__ = [
    "Column",
    "Importer",
    "Mode",
    "ParsedRow",
    "Preview",
    "RowError",
    "commit",
    "integer",
    "load_preview",
    "number",
    "preview",
    "template_xlsx",
    "text",
]
