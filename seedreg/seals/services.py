"""Sealing issued documents with the adapter the local setting chooses."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import anyio.to_thread

from seedreg.core import rulesettings as rs
from seedreg.core.errors import DomainError
from seedreg.core.regionhttp import RegionError
from seedreg.seals import rule_settings
from seedreg.seals.region import RegionSealSystem
from seedreg.seals.rules import VERIFICATION_LINES, Adapter, DocumentKind, kind_of_template
from seedreg.settings import Settings, get_settings


class Sealer(Protocol):
    def seal(self, pdf_bytes: bytes, document_kind: DocumentKind) -> bytes: ...


class NoSeal:
    """The document goes out as rendered (paper is sealed by hand at the window)."""

    def seal(self, pdf_bytes: bytes, document_kind: DocumentKind) -> bytes:
        return pdf_bytes


class SealUnavailable(DomainError):
    status_code = 503


def sealer_for(adapter: Adapter, *, agency_code: str, settings: Settings | None = None) -> Sealer:
    """The adapter object for ``adapter`` (deployment settings give the region's address)."""
    settings = settings or get_settings()
    if adapter is Adapter.TEST:
        # imported when used: pyHanko adds seconds to every server start that never signs
        from seedreg.seals.testsigner import TestSigner

        return TestSigner(Path(settings.var_dir))
    if adapter is Adapter.REGION:
        return RegionSealSystem(
            settings.seal_endpoint,
            agency_code,
            key=settings.seal_api_key,
            secret=settings.seal_api_secret,
        )
    return NoSeal()


async def current_adapter() -> Adapter:
    return Adapter(await rs.value(rule_settings.ADAPTER))


async def seal(pdf_bytes: bytes, document_kind: DocumentKind) -> bytes:
    """Seal ``pdf_bytes`` with the adapter in force (in a worker thread: signing is CPU work and
    the region's system is a network call).

    Raises:
        SealUnavailable: the region's seal system failed; nothing unsealed goes out instead.
    """
    values = await rs.current()
    adapter = Adapter(values.of(rule_settings.ADAPTER))
    sealer = sealer_for(adapter, agency_code=str(values.of(rule_settings.AGENCY_CODE)))
    try:
        return await anyio.to_thread.run_sync(sealer.seal, pdf_bytes, document_kind)
    except RegionError as exc:
        msg = f"电子印章系统暂时无法加盖印章，请稍后再试（{exc}）"
        raise SealUnavailable(msg) from exc


async def finish_document(template_name: str, pdf_bytes: bytes) -> bytes:
    """core.pdf's finisher: issued documents are sealed, everything else passes unchanged."""
    kind = kind_of_template(template_name)
    if kind is None:
        return pdf_bytes
    return await seal(pdf_bytes, kind)


async def verification_line() -> str:
    """The seal sentence for a document's public verification page (Art. 26)."""
    return VERIFICATION_LINES[await current_adapter()]


async def seal_shown(_record: object) -> dict[str, str]:
    """The seal sentence as a found verification page's context (core.web.pages.verification)."""
    return {"seal": await verification_line()}  # 兴署发〔2021〕5号 Art. 26


async def status() -> dict[str, str]:
    """What the public verification page says about the seal on documents."""
    adapter = await current_adapter()
    fingerprint = ""
    if adapter is Adapter.TEST:
        from seedreg.seals.testsigner import certificate_fingerprint

        fingerprint = await anyio.to_thread.run_sync(
            certificate_fingerprint, Path(get_settings().var_dir)
        )
    return {"adapter": adapter.value, "label": adapter.label, "fingerprint": fingerprint}
