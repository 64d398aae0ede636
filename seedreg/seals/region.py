"""The adapter to the region's unified electronic-seal system (兴署发〔2021〕5号 Art. 26:
使用全区统一电子印章制章系统). Never called in tests against a real address.

What it sends (one signed JSON POST to ``seal_endpoint``, see core.regionhttp)::

    {"agency_code": "<用印单位统一社会信用代码>", "document_kind": "licence",
     "document_kind_name": "林木种子生产经营许可证", "sha256": "<hex of the PDF>",
     "pdf": "<base64 of the PDF>"}

and what it expects back: ``{"pdf": "<base64 of the sealed PDF>"}``. The system applies the
agency's seal (PAdES signature and seal image) with keys that never leave the region.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

import httpx

from seedreg.core.regionhttp import PermanentRegionError, TemporaryRegionError, signed_post
from seedreg.seals.rules import DocumentKind


class RegionSealSystem:
    def __init__(
        self,
        endpoint: str,
        agency_code: str,
        *,
        key: str,
        secret: str,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.endpoint, self.agency_code = endpoint, agency_code
        self._key, self._secret, self._transport = key, secret, transport

    def payload(self, pdf_bytes: bytes, document_kind: DocumentKind) -> dict[str, str]:
        return {
            "agency_code": self.agency_code,
            "document_kind": document_kind.value,
            "document_kind_name": document_kind.label,
            "sha256": hashlib.sha256(pdf_bytes).hexdigest(),
            "pdf": base64.b64encode(pdf_bytes).decode(),
        }

    def seal(self, pdf_bytes: bytes, document_kind: DocumentKind) -> bytes:
        if not self.endpoint:
            raise PermanentRegionError("未配置自治区统一电子印章系统的接口地址")
        answer = signed_post(
            self.endpoint,
            self.payload(pdf_bytes, document_kind),
            key=self._key,
            secret=self._secret,
            transport=self._transport,
        )
        try:
            sealed = base64.b64decode(str(answer["pdf"]), validate=True)
        except (KeyError, binascii.Error) as exc:
            raise TemporaryRegionError("电子印章系统的答复中没有盖章后的文书") from exc
        if not sealed.startswith(b"%PDF"):
            raise TemporaryRegionError("电子印章系统返回的不是 PDF")
        return sealed
