"""The local test signer on a real issued document: the PAdES signature verifies with pyHanko's
validator, fails after one byte changes, and the page shows 测试 and keeps its QR code."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import httpx
import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from seedreg import pdf_samples
from seedreg.core.pdf import render_pdf
from seedreg.core.regionhttp import PermanentRegionError, TemporaryRegionError, signature
from seedreg.seals import testsigner
from seedreg.seals.region import RegionSealSystem
from seedreg.seals.rules import DocumentKind, kind_of_template
from tests.pdfread import pdf_text, qr_texts, squash


@pytest.fixture(scope="module")
def licence_pdf() -> bytes:
    template, context = pdf_samples.samples()["licence_original.pdf"]
    return render_pdf(template, context)


@pytest.fixture(scope="module")
def sealed(licence_pdf: bytes, tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Path]:
    var_dir = tmp_path_factory.mktemp("var")
    return testsigner.TestSigner(var_dir).seal(licence_pdf, DocumentKind.LICENCE), var_dir


def _status(data: bytes, var_dir: Path):  # type: ignore[no-untyped-def]
    certificate, _ = testsigner.load(var_dir)
    reader = PdfFileReader(io.BytesIO(data))
    (signature_,) = reader.embedded_signatures
    return validate_pdf_signature(signature_, ValidationContext(trust_roots=[certificate]))


def test_a_test_signed_pdf_verifies(sealed: tuple[bytes, Path]) -> None:
    data, var_dir = sealed
    status = _status(data, var_dir)
    assert status.intact
    assert status.valid
    assert status.trusted
    assert status.bottom_line
    assert "测试" in str(status.signing_cert.subject.human_friendly)


def test_one_changed_byte_breaks_the_signature(sealed: tuple[bytes, Path]) -> None:
    data, var_dir = sealed
    reader = PdfFileReader(io.BytesIO(data))
    (embedded,) = reader.embedded_signatures
    start, length = embedded.byte_range[0], embedded.byte_range[1]
    tampered = bytearray(data)
    position = start + length // 2  # inside the signed bytes, in the document's body
    tampered[position] ^= 0x01
    status = _status(bytes(tampered), var_dir)
    assert not status.intact
    assert not status.bottom_line


def test_the_page_says_test_and_keeps_its_qr(sealed: tuple[bytes, Path], licence_pdf: bytes):
    data, _ = sealed
    text = squash(pdf_text(data))
    assert "测试签章" in text
    assert "非法定电子印章不具法律效力" in text
    assert "测试签章" not in squash(pdf_text(licence_pdf))
    assert "林木种子生产经营许可证" in text
    assert qr_texts(data) == qr_texts(licence_pdf)
    assert qr_texts(data)[0].startswith(pdf_samples.DEMO_BASE_URL)


def test_the_key_is_made_once_per_data_folder(tmp_path: Path) -> None:
    first = testsigner.certificate_fingerprint(tmp_path)
    assert testsigner.key_path(tmp_path).stat().st_mode & 0o777 == 0o600
    assert testsigner.certificate_fingerprint(tmp_path) == first
    assert testsigner.certificate_fingerprint(tmp_path / "other") != first


def test_issued_documents_are_sealed_and_others_are_not() -> None:
    assert kind_of_template("licence_duplicate.html") is DocumentKind.LICENCE
    assert kind_of_template("notice_grant.html") is DocumentKind.NOTICE
    assert kind_of_template("quarantine_certificate.html") is DocumentKind.QUARANTINE_CERTIFICATE
    assert kind_of_template("labels.html") is None
    assert kind_of_template("organisation_record.html") is None


def test_the_region_adapter_sends_the_document_signed_and_takes_back_the_sealed_one() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = json.loads(request.content)
        return httpx.Response(200, json={"pdf": body["pdf"]})

    adapter = RegionSealSystem(
        "https://seal.example.invalid/api/seal",
        "11152200MB0000000X",
        key="k1",
        secret="s3cret",
        transport=httpx.MockTransport(answer),
    )
    assert adapter.seal(b"%PDF-1.7 x", DocumentKind.NOTICE) == b"%PDF-1.7 x"
    (request,) = seen
    body = json.loads(request.content)
    assert body["agency_code"] == "11152200MB0000000X"
    assert body["document_kind"] == "notice"
    assert base64.b64decode(body["pdf"]) == b"%PDF-1.7 x"
    timestamp = request.headers["X-Timestamp"]
    assert request.headers["X-Signature"] == signature("s3cret", timestamp, request.content)


@pytest.mark.parametrize(
    ("status", "error"), [(503, TemporaryRegionError), (400, PermanentRegionError)]
)
def test_the_region_adapter_reports_failures(status: int, error: type[Exception]) -> None:
    adapter = RegionSealSystem(
        "https://seal.example.invalid/api/seal",
        "x",
        key="k",
        secret="s",
        transport=httpx.MockTransport(lambda _: httpx.Response(status, text="no")),
    )
    with pytest.raises(error):
        adapter.seal(b"%PDF-1.7", DocumentKind.LICENCE)
