"""Offline label check: ``python -m seedreg.labels.verify_cli --public-key key.pem "<qr text>"``.

Needs no network and no database: only the league's published public key (PEM). Prints the
signed label fields and "签名有效" (exit 0), or the reason the label fails (exit 1). A key file
that cannot be read exits 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from seedreg.labels.content import version_caption
from seedreg.labels.signing import (
    LabelPayload,
    load_public_key,
    public_key_fingerprint,
    verify,
)


def _fields(payload: LabelPayload) -> list[tuple[str, str]]:
    return [
        ("标签序列号", payload.serial),
        ("批次号", payload.lot),
        ("许可证编号", payload.licence_number),
        ("树种", payload.species),
        ("数量", f"{payload.quantity} {payload.unit}"),
        ("签发日期", payload.issued_on.isoformat()),
        ("标签版本", version_caption(payload.version)),
    ]


def report(qr_text: str, public_key: Ed25519PublicKey) -> int:
    """Print the fingerprint, the signed fields and the verdict; 0 = genuine, 1 = not."""
    result = verify(qr_text, public_key)
    print(f"公钥指纹：{public_key_fingerprint(public_key)}")
    if result.payload is not None:
        for label, value in _fields(result.payload):
            print(f"{label}：{value}")
    print(result.reason)
    return 0 if result.ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Verify one QR text; 0 = genuine, 1 = not genuine, 2 = unusable key file."""
    parser = argparse.ArgumentParser(
        prog="python -m seedreg.labels.verify_cli",
        description="离线核验林木种苗标签二维码（Ed25519 签名）",
    )
    parser.add_argument(
        "--public-key", required=True, type=Path, help="盟林草局公布的公钥 PEM 文件"
    )
    parser.add_argument("qr_text", help="扫码得到的完整内容（网址或签名串）")
    args = parser.parse_args(argv)
    try:
        public_key = load_public_key(args.public_key.read_bytes())
    except (OSError, ValueError) as exc:
        print(f"无法读取公钥：{exc}", file=sys.stderr)
        return 2
    return report(args.qr_text, public_key)


if __name__ == "__main__":
    sys.exit(main())
