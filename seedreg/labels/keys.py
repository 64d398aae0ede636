"""The league's Ed25519 label-signing key: created once, loaded lazily, never overwritten.

Losing or replacing the key makes every printed label fail the offline check, so ``keygen``
keeps an existing file and creates a new one only with O_EXCL (two processes cannot both win).
"""

from __future__ import annotations

import base64
import os
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from seedreg.core.errors import DomainError
from seedreg.labels import signing
from seedreg.settings import get_settings


class SigningKeyMissing(DomainError):
    """The server has no usable signing key: labels cannot be issued or printed."""

    status_code = 503
    code = "signing_key_missing"


def ensure_key(path: Path) -> tuple[bool, str]:
    """Create the key file unless it exists; returns (created, fingerprint)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = signing.generate_private_key()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False, signing.public_key_fingerprint(_read(path))
    with os.fdopen(fd, "wb") as out:
        out.write(signing.private_key_pem(key))
    return True, signing.public_key_fingerprint(key)


def _read(path: Path) -> Ed25519PrivateKey:
    try:
        return signing.load_private_key(path.read_bytes())
    except FileNotFoundError:
        raise SigningKeyMissing(
            f"标签签名私钥文件不存在：{path}。请由管理员运行 python -m seedreg keygen 生成"
        ) from None
    except (OSError, ValueError) as exc:
        raise SigningKeyMissing(f"标签签名私钥文件无法读取：{path}（{exc}）") from None


@cache
def _load(path: Path) -> Ed25519PrivateKey:
    return _read(path)


def private_key() -> Ed25519PrivateKey:
    """The configured signing key (read once per process); SigningKeyMissing otherwise."""
    return _load(get_settings().label_key_path)


def public_key() -> Ed25519PublicKey:
    return private_key().public_key()


def public_pem() -> str:
    return signing.public_key_pem(private_key()).decode("ascii")


def fingerprint() -> str:
    return signing.public_key_fingerprint(private_key())


def public_spki_b64() -> str:
    """The public key as base64 of its DER SubjectPublicKeyInfo: what WebCrypto imports
    (the offline verifier and the officials' scan page check signatures with it)."""
    from cryptography.hazmat.primitives import serialization

    der = public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(der).decode("ascii")


# The browser's signature checker (one file: the scan page loads it, the offline verifier
# inlines it so that the downloaded page stays a single file).
LABELSIG_JS = Path(__file__).resolve().parent.parent / "static" / "labels" / "labelsig.js"


@cache
def labelsig_source() -> str:
    return LABELSIG_JS.read_text(encoding="utf-8")
