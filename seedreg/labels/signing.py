"""Offline-verifiable label QR payloads signed with the league's Ed25519 key.

A label's QR code holds ``{base_url}/v/{serial}#{token}``. A normal phone opens the public
verification page for the serial; the fragment after "#" is never sent to the server. Anyone
with the published public key can check the token without a network (product.md §3; the label
items themselves come from Seed Law Art. 40 ¶2, facts §1.3). The byte formats are in
``FORMAT_DOC``; ``python -m seedreg.labels.verify_cli`` is the offline checker.

Labels are printed in format 2 (``qr_text``): a compact token written in decimal digits, which
a QR code stores at 3⅓ bits a digit (base64url costs 8 bits per 6), so that the code is small
enough for a module of 3 printer dots at 203 dpi on an 80×50 label (issue 12). Format 1
(``qr_text_v1``) labels already printed keep verifying exactly as before: the first byte says
which format a token is.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from seedreg.labels.payload import (
    EPOCH,
    FIELD_NAMES,
    FORMAT,
    FORMAT_2,
    FORMAT_DOC,
    LICENCE_DIGITS,
    MAX_CHARS,
    MAX_DAYS,
    MAX_QUANTITY,
    REASON_BAD_SIGNATURE,
    REASON_FORMAT,
    REASON_OK,
    REASON_OTHER_SITE,
    REASON_SERIAL_MISMATCH,
    SIGNATURE_LENGTH,
    UNITS,
    LabelPayload,
    decode,
    decode_v2,
    encode,
    encode_v2,
    fits_format_2,
    signed_v2,
)

__all__ = [
    "EPOCH",
    "FIELD_NAMES",
    "FORMAT",
    "FORMAT_2",
    "FORMAT_DOC",
    "LICENCE_DIGITS",
    "MAX_CHARS",
    "MAX_DAYS",
    "MAX_QUANTITY",
    "REASON_BAD_SIGNATURE",
    "REASON_FORMAT",
    "REASON_OK",
    "REASON_OTHER_SITE",
    "REASON_SERIAL_MISMATCH",
    "SIGNATURE_LENGTH",
    "UNITS",
    "LabelPayload",
    "VerifyResult",
    "decode",
    "decode_v2",
    "encode",
    "encode_v2",
    "fits_format_2",
    "generate_private_key",
    "load_private_key",
    "load_public_key",
    "private_key_pem",
    "public_key_fingerprint",
    "public_key_pem",
    "qr_text",
    "qr_text_v1",
    "sign",
    "sign_v2",
    "signed_v2",
    "verification_url",
    "verify",
]

_TOKEN = re.compile(r"^[A-Za-z0-9_-]+$")
# A format-2 token: no leading zero (canonical), and no longer than the longest payload
# (≈ 300 bytes, 723 digits; Python refuses to parse integers of over 4,300 digits).
_DIGITS = re.compile(r"^[1-9][0-9]{0,799}$")
_PATH = re.compile(r"/v/([^/?#]+)$")


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of :func:`verify`. ``payload`` is set whenever the signature is genuine (also on a
    URL serial mismatch, to show what the label really says); ``ok`` is the verdict."""

    ok: bool
    payload: LabelPayload | None
    reason: str


# ---------------------------------------------------------------------------------------------
# Signing and verification
# ---------------------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(token: str) -> bytes:
    if not _TOKEN.match(token) or len(token) % 4 == 1:
        raise ValueError(REASON_FORMAT)
    try:
        data = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        raise ValueError(REASON_FORMAT) from None
    if _b64(data) != token:  # unused trailing bits set: not the token we would have made
        raise ValueError(REASON_FORMAT)
    return data


def sign(payload: LabelPayload, private_key: Ed25519PrivateKey) -> str:
    """The signed token: base64url (no padding) of ``encode(payload) || signature`` (64 bytes).
    Put it after "#" with :func:`qr_text`; :func:`verify` also accepts it alone."""
    data = encode(payload)
    return _b64(data + private_key.sign(data))


def verification_url(base_url: str, serial: str) -> str:
    """``{base_url}/v/{serial}``: the public page a phone opens (no fragment)."""
    return f"{base_url.rstrip('/')}/v/{quote(serial, safe='')}"


def sign_v2(payload: LabelPayload, private_key: Ed25519PrivateKey) -> str:
    """The format-2 token: the decimal digits of ``encode_v2(payload) || signature``."""
    content = encode_v2(payload)
    signature = private_key.sign(signed_v2(content, payload.serial))
    return str(int.from_bytes(content + signature, "big"))


def qr_text(base_url: str, payload: LabelPayload, private_key: Ed25519PrivateKey) -> str:
    """The QR text a label is printed with: ``{base_url}/v/{serial}#{token}`` in format 2,
    or in format 1 for a payload format 2 cannot carry (``fits_format_2``)."""
    if not fits_format_2(payload):
        return qr_text_v1(base_url, payload, private_key)
    return f"{verification_url(base_url, payload.serial)}#{sign_v2(payload, private_key)}"


def qr_text_v1(base_url: str, payload: LabelPayload, private_key: Ed25519PrivateKey) -> str:
    """The format-1 QR text ``{base_url}/v/{serial}#{base64url token}`` (labels printed
    before format 2 carry it; they verify as they always did)."""
    return f"{verification_url(base_url, payload.serial)}#{sign(payload, private_key)}"


def verify(
    qr_text: str, public_key: Ed25519PublicKey, *, base_url: str | None = None
) -> VerifyResult:
    """Check a scanned QR text, or a bare token, against the league's public key.

    Order: shape of the text and token → Ed25519 signature over the payload bytes → payload
    format → serial in the URL equals the signed serial. With ``base_url`` given, a URL text
    must also start with ``{base_url}/v/`` (the signature does not cover the URL).
    """
    text = (qr_text or "").strip()
    url_serial: str | None = None
    if "#" in text:
        prefix, token = text.rsplit("#", 1)
        match = _PATH.search(prefix)
        if not match:
            return VerifyResult(False, None, f"{REASON_FORMAT}：网址中没有 /v/序列号")
        url_serial = unquote(match.group(1))
        if base_url is not None and prefix != verification_url(base_url, url_serial):
            return VerifyResult(False, None, REASON_OTHER_SITE)
    elif "/" in text or ":" in text:
        return VerifyResult(False, None, f"{REASON_FORMAT}：缺少“#”之后的签名")
    else:
        token = text
    if token.isascii() and token.isdigit():
        return _verify_v2(token, url_serial, public_key)
    try:
        data = _unb64(token)
    except ValueError:
        return VerifyResult(False, None, f"{REASON_FORMAT}：签名串不是有效的 base64url")
    if len(data) <= SIGNATURE_LENGTH:
        return VerifyResult(False, None, f"{REASON_FORMAT}：签名串过短")
    body, signature = data[:-SIGNATURE_LENGTH], data[-SIGNATURE_LENGTH:]
    if body[0] != FORMAT:
        return VerifyResult(False, None, f"{REASON_FORMAT}：不支持的格式版本")
    try:
        public_key.verify(signature, body)
    except InvalidSignature:
        return VerifyResult(False, None, REASON_BAD_SIGNATURE)
    try:
        payload = decode(body)
    except ValueError as exc:
        return VerifyResult(False, None, str(exc))
    if url_serial is not None and url_serial != payload.serial:
        return VerifyResult(False, payload, REASON_SERIAL_MISMATCH)
    return VerifyResult(True, payload, REASON_OK)


def claimed_serial(qr_text: str) -> str | None:
    """The serial a QR text's URL names (``…/v/{serial}#…``), whether or not the signature
    holds: a tampered code is still recorded under the serial it claims. None without one."""
    prefix = (qr_text or "").strip().rsplit("#", 1)[0]
    match = _PATH.search(prefix)
    return unquote(match.group(1)) if match else None


def _verify_v2(token: str, url_serial: str | None, public_key: Ed25519PublicKey) -> VerifyResult:
    """A format-2 token (decimal digits): the serial comes from the URL and is signed."""
    if not _DIGITS.match(token):
        return VerifyResult(False, None, f"{REASON_FORMAT}：签名数字串不规范")
    if url_serial is None:
        return VerifyResult(False, None, f"{REASON_FORMAT}：第 2 版二维码需要完整网址（含序列号）")
    number = int(token)
    data = number.to_bytes((number.bit_length() + 7) // 8, "big")
    if len(data) <= SIGNATURE_LENGTH:
        return VerifyResult(False, None, f"{REASON_FORMAT}：签名串过短")
    content, signature = data[:-SIGNATURE_LENGTH], data[-SIGNATURE_LENGTH:]
    if content[0] != FORMAT_2:
        return VerifyResult(False, None, f"{REASON_FORMAT}：不支持的格式版本")
    try:
        public_key.verify(signature, signed_v2(content, url_serial))
    except InvalidSignature:
        return VerifyResult(False, None, REASON_BAD_SIGNATURE)
    except ValueError as exc:
        return VerifyResult(False, None, str(exc))
    try:
        payload = decode_v2(content, url_serial)
    except ValueError as exc:
        return VerifyResult(False, None, str(exc))
    return VerifyResult(True, payload, REASON_OK)


# ---------------------------------------------------------------------------------------------
# Keys
# ---------------------------------------------------------------------------------------------


def generate_private_key() -> Ed25519PrivateKey:
    """A new Ed25519 signing key for the league."""
    return Ed25519PrivateKey.generate()


def private_key_pem(key: Ed25519PrivateKey, password: bytes | None = None) -> bytes:
    """PKCS#8 PEM of the signing key, encrypted when ``password`` is given."""
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(password)
        if password
        else serialization.NoEncryption()
    )
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )


def load_private_key(pem: bytes, password: bytes | None = None) -> Ed25519PrivateKey:
    """Load a PEM signing key; ValueError unless it is Ed25519."""
    key = serialization.load_pem_private_key(pem, password=password)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("私钥不是 Ed25519 密钥")
    return key


def _public(key: Ed25519PublicKey | Ed25519PrivateKey) -> Ed25519PublicKey:
    return key.public_key() if isinstance(key, Ed25519PrivateKey) else key


def public_key_pem(key: Ed25519PublicKey | Ed25519PrivateKey) -> bytes:
    """SubjectPublicKeyInfo PEM of the public key (of a private key, its public half)."""
    return _public(key).public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    """Load a PEM public key; ValueError unless it is Ed25519."""
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("公钥不是 Ed25519 密钥")
    return key


def public_key_fingerprint(pub: Ed25519PublicKey | Ed25519PrivateKey) -> str:
    """First 16 hex digits of SHA-256 over the raw 32-byte public key, for display."""
    raw = _public(pub).public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]
