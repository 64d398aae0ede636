"""Responses every domain sends the same way."""

from __future__ import annotations

from litestar import Response


def pdf_response(content: bytes, filename: str) -> Response[bytes]:
    """A rendered PDF, shown in the browser (inline) under ``filename`` when saved."""
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content: bytes, filename: str) -> Response[bytes]:
    """An Excel workbook to download (an import template) under an ASCII ``filename``."""
    return Response(
        content,
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
