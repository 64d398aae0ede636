"""The local test signer: a PAdES signature with a certificate made on this machine, and a
visible 测试 mark on the first page. It proves the signing path end to end; it is never a lawful
seal (the mark, the certificate's name and the verification page all say so).

The key is generated at first use into ``var_dir/keys`` and never committed: a key in the
repository would let anyone produce "sealed" documents.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from seedreg.core.pdfmarks import overlay
from seedreg.seals.rules import DocumentKind

COMMON_NAME = "seedreg 本地测试签章（非法定电子印章）"
REASON = "测试签章，非法定电子印章，不具法律效力"
VALID_YEARS = 10


def key_path(var_dir: Path) -> Path:
    return var_dir / "keys" / "test-seal.pem"


def _new_key_and_certificate() -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, COMMON_NAME),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "测试"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        ]
    )
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * VALID_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return key_pem + certificate.public_bytes(serialization.Encoding.PEM)


def ensure_key(var_dir: Path) -> Path:
    """The key-and-certificate file, created once. Written to a temporary file and linked into
    place, so two processes starting together both end up with the same single pair."""
    path = key_path(var_dir)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".test-seal-")
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, _new_key_and_certificate())
        os.close(fd)
        with contextlib.suppress(FileExistsError):  # another process won: use its pair
            os.link(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path


def load(var_dir: Path) -> tuple[asn1_x509.Certificate, asn1_keys.PrivateKeyInfo]:
    """The test certificate and key (asn1crypto objects, as pyHanko wants them)."""
    pem = ensure_key(var_dir).read_bytes()
    key = serialization.load_pem_private_key(pem, password=None)
    certificate = x509.load_pem_x509_certificate(pem)
    key_der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return (
        asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)),
        asn1_keys.PrivateKeyInfo.load(key_der),
    )


def certificate_fingerprint(var_dir: Path) -> str:
    """SHA-256 of the test certificate, as the verification page shows it."""
    certificate, _ = load(var_dir)
    return str(certificate.sha256_fingerprint)


def with_test_mark(pdf_bytes: bytes) -> bytes:
    """``pdf_bytes`` with the 测试 mark drawn into the first page's content."""
    return overlay(pdf_bytes, "seal_test_mark.html")


class TestSigner:
    """Signs with the machine's test certificate (PAdES baseline B), after adding the mark."""

    __test__ = False  # a class named Test* is not a pytest test case

    def __init__(self, var_dir: Path) -> None:
        self._var_dir = var_dir

    def seal(self, pdf_bytes: bytes, document_kind: DocumentKind) -> bytes:
        certificate, key = load(self._var_dir)
        signer = signers.SimpleSigner(
            signing_cert=certificate,
            signing_key=key,
            cert_registry=SimpleCertificateStore.from_certs([certificate]),
        )
        metadata = signers.PdfSignatureMetadata(
            field_name="测试签章",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=f"{REASON}（{document_kind.label}）",
            location="兴安盟",
        )
        writer = IncrementalPdfFileWriter(io.BytesIO(with_test_mark(pdf_bytes)))
        out = signers.PdfSigner(metadata, signer).sign_pdf(writer)
        return bytes(out.getvalue())
