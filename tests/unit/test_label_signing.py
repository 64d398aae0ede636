"""Signed label QR payloads (seedreg.labels.signing) and the offline checker (verify_cli).

No network, no database: keys are generated per test module; the CLI reads a temporary PEM.
Format 1 (base64url token, labels printed before issue 12) is tested through ``qr_text_v1``:
those labels keep verifying exactly as before. Format 2 (what labels print now) follows.
"""

from __future__ import annotations

import base64
from datetime import date

import pytest

from seedreg.core.qr import qr_image
from seedreg.labels import verify_cli
from seedreg.labels.signing import (
    FORMAT_DOC,
    REASON_BAD_SIGNATURE,
    REASON_FORMAT,
    REASON_OK,
    REASON_OTHER_SITE,
    REASON_SERIAL_MISMATCH,
    LabelPayload,
    decode,
    decode_v2,
    encode,
    encode_v2,
    fits_format_2,
    generate_private_key,
    load_private_key,
    load_public_key,
    private_key_pem,
    public_key_fingerprint,
    public_key_pem,
    qr_text,
    qr_text_v1,
    sign,
    verify,
)

BASE = "https://lcj.xam.gov.cn"
KEY = generate_private_key()
PUB = KEY.public_key()
OTHER_KEY = generate_private_key()

PAYLOAD = LabelPayload(
    serial="XA2026000123",
    lot="152201-2026-042",
    licence_number="15220120260017",
    species="红皮云杉",
    quantity=250_000,
    unit="株",
    issued_on=date(2026, 4, 15),
)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64(token: str) -> bytes:
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))


def split(text: str) -> tuple[str, str]:
    prefix, token = text.rsplit("#", 1)
    return prefix, token


# ---------------------------------------------------------------------------------------------
# Encoding
# ---------------------------------------------------------------------------------------------


def test_encoding_is_the_documented_layout():
    data = encode(PAYLOAD)
    serial, lot = b"XA2026000123", b"152201-2026-042"
    licence, species = b"15220120260017", "红皮云杉".encode()
    assert data == (
        b"\x01"
        + bytes([len(serial)])
        + serial
        + bytes([len(lot)])
        + lot
        + bytes([len(licence)])
        + licence
        + bytes([len(species)])
        + species
        + bytes([0x90, 0xA1, 0x0F])  # 250000 as LEB128
        + b"\x02"  # 株
        + (date(2026, 4, 15) - date(2000, 1, 1)).days.to_bytes(2, "big")
        + b"\x01"
    )
    assert decode(data) == PAYLOAD


@pytest.mark.parametrize(
    "payload",
    [
        PAYLOAD,
        LabelPayload("S1", "L", "1", "樟子松", 1, "kg", date(2000, 1, 1), 255),
        LabelPayload("A" * 24, "B" * 24, "1" * 14, "兴" * 30, 2**32 - 1, "kg", date(2179, 6, 6)),
        LabelPayload(
            "序列-１", "批", "15220120260017", "Picea koraiensis", 127, "株", date(2026, 1, 1)
        ),
        LabelPayload("s", "l", "x", "y", 128, "kg", date(2026, 12, 31), 2),
        LabelPayload("s", "l", "x", "y", 500, "g", date(2026, 12, 31)),  # 0.5 kg of seed
    ],
)
def test_encode_decode_round_trip(payload):
    assert decode(encode(payload)) == payload


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"serial": "S" * 25}, "标签序列号最多 24 个字符"),
        ({"lot": "L" * 25}, "批次号最多 24 个字符"),
        ({"licence_number": "1" * 15}, "许可证编号最多 14 个字符"),
        ({"species": "种" * 31}, "树种最多 30 个字符"),
        ({"serial": ""}, "标签序列号不能为空"),
        ({"species": "  "}, "树种不能为空"),
        ({"lot": "a\nb"}, "不可打印"),
        ({"quantity": 0}, "数量"),
        ({"quantity": 2**32}, "数量"),
        ({"quantity": 1.5}, "数量应为整数"),
        ({"quantity": True}, "数量应为整数"),
        ({"unit": "t"}, "单位"),
        ({"issued_on": date(1999, 12, 31)}, "签发日期"),
        ({"issued_on": date(2179, 6, 7)}, "签发日期"),
        ({"version": 0}, "标签版本"),
        ({"version": 256}, "标签版本"),
    ],
)
def test_oversize_or_invalid_fields_are_refused(change, message):
    fields = {**PAYLOAD.__dict__, **change}
    with pytest.raises(ValueError, match=message):
        LabelPayload(**fields)


MINIMAL = b"\x01\x01S\x01L\x011\x01Y"  # format + four one-character fields


def test_a_two_byte_varint_decodes():
    assert decode(MINIMAL + b"\x80\x01" + b"\x01\x00\x00\x01").quantity == 128


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x02" + encode(PAYLOAD)[1:],  # unknown format
        encode(PAYLOAD)[:-1],  # truncated
        encode(PAYLOAD) + b"\x00",  # trailing byte
        MINIMAL + b"\x81\x00" + b"\x01\x00\x00\x01",  # quantity 1 written in two bytes
        MINIMAL + b"\xff\xff\xff\xff\xff\x01" + b"\x01\x00\x00\x01",  # varint too long
        MINIMAL + b"\x01" + b"\x04\x00\x00\x01",  # unit 0x04
        b"\x01\x01\xff\x01L\x011\x01Y" + b"\x01\x01\x00\x00\x01",  # invalid UTF-8
        b"\x01\x05S",  # length prefix beyond the data
    ],
)
def test_malformed_bytes_do_not_decode(data):
    with pytest.raises(ValueError, match=REASON_FORMAT):
        decode(data)


# ---------------------------------------------------------------------------------------------
# Signing and verification
# ---------------------------------------------------------------------------------------------


def test_round_trip_through_the_qr_text():
    text = qr_text_v1(BASE, PAYLOAD, KEY)
    prefix, token = split(text)
    assert prefix == f"{BASE}/v/XA2026000123"
    assert token == sign(PAYLOAD, KEY)
    assert "=" not in token
    raw = unb64(token)
    assert raw[:-64] == encode(PAYLOAD)
    assert len(raw) == len(encode(PAYLOAD)) + 64
    result = verify(text, PUB)
    assert result.ok
    assert result.payload == PAYLOAD
    assert result.reason == REASON_OK == "签名有效"


def test_a_trailing_slash_in_the_base_url_is_dropped():
    assert qr_text_v1(BASE + "/", PAYLOAD, KEY) == qr_text_v1(BASE, PAYLOAD, KEY)


def test_the_bare_token_verifies_too():
    result = verify(sign(PAYLOAD, KEY), PUB)
    assert (result.ok, result.payload, result.reason) == (True, PAYLOAD, REASON_OK)
    assert verify(f"  {sign(PAYLOAD, KEY)}\n", PUB).ok


def test_every_single_byte_change_fails_verification():
    prefix, token = split(qr_text_v1(BASE, PAYLOAD, KEY))
    raw = unb64(token)
    failures = 0
    for position in range(len(raw)):
        for delta in (0x01, 0x80, 0xFF):
            changed = bytearray(raw)
            changed[position] ^= delta
            for text in (f"{prefix}#{b64(bytes(changed))}", b64(bytes(changed))):
                result = verify(text, PUB)
                assert not result.ok, (position, delta)
                assert result.reason != REASON_OK
                failures += 1
    assert failures == len(raw) * 3 * 2


def test_a_changed_payload_byte_is_reported_as_tampering():
    prefix, token = split(qr_text_v1(BASE, PAYLOAD, KEY))
    raw = bytearray(unb64(token))
    quantity_at = len(encode(PAYLOAD)) - 7  # first byte of the varint
    raw[quantity_at] ^= 0x01
    result = verify(f"{prefix}#{b64(bytes(raw))}", PUB)
    assert (result.ok, result.payload, result.reason) == (False, None, REASON_BAD_SIGNATURE)
    assert REASON_BAD_SIGNATURE == "签名无效（标签内容被篡改或伪造）"


def test_a_payload_signed_by_another_key_fails():
    result = verify(qr_text_v1(BASE, PAYLOAD, OTHER_KEY), PUB)
    assert (result.ok, result.payload, result.reason) == (False, None, REASON_BAD_SIGNATURE)


def test_a_forged_payload_with_a_reused_signature_fails():
    forged = LabelPayload(**{**PAYLOAD.__dict__, "quantity": 2_500_000})
    signature = unb64(sign(PAYLOAD, KEY))[-64:]
    text = f"{BASE}/v/{forged.serial}#{b64(encode(forged) + signature)}"
    assert verify(text, PUB).reason == REASON_BAD_SIGNATURE


@pytest.mark.parametrize("keep", [0, 1, 10, 50, 86, 87, -1, -2, -3])
def test_a_truncated_token_fails(keep):
    prefix, token = split(qr_text_v1(BASE, PAYLOAD, KEY))
    result = verify(f"{prefix}#{token[:keep]}", PUB)
    assert not result.ok
    assert result.payload is None
    assert result.reason in (REASON_BAD_SIGNATURE,) or result.reason.startswith(REASON_FORMAT)


def test_a_url_whose_serial_does_not_match_the_signature_fails():
    _, token = split(qr_text_v1(BASE, PAYLOAD, KEY))
    result = verify(f"{BASE}/v/XA2026000124#{token}", PUB)
    assert not result.ok
    assert result.reason == REASON_SERIAL_MISMATCH == "序列号与签名内容不一致"
    assert result.payload == PAYLOAD  # what the genuine label says


def test_serials_are_percent_encoded_in_the_url():
    payload = LabelPayload(**{**PAYLOAD.__dict__, "serial": "XA/2026 #1"})
    text = qr_text_v1(BASE, payload, KEY)
    assert text.startswith(f"{BASE}/v/XA%2F2026%20%231#")
    assert verify(text, PUB).ok


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        f"{BASE}/v/XA2026000123",  # URL without a fragment
        f"{BASE}/x/XA2026000123#AAAA",  # not a /v/ URL
        f"{BASE}/v/#AAAA",
        "not a token!",
        "abc=def",
        "A",  # impossible base64 length
    ],
)
def test_malformed_qr_texts_are_format_errors(text):
    result = verify(text, PUB)
    assert not result.ok
    assert result.reason.startswith(REASON_FORMAT)
    assert REASON_FORMAT == "二维码格式不正确"


def test_non_canonical_base64_is_refused():
    payload = next(
        p
        for lot in ("L", "LL", "LLL")
        if (len(encode(p := LabelPayload(**{**PAYLOAD.__dict__, "lot": lot}))) + 64) % 3
    )
    token = sign(payload, KEY)
    assert verify(token, PUB).ok
    # The last character carries unused low bits: flip one, same bytes, different text.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = alphabet.index(token[-1])
    twin = token[:-1] + alphabet[last ^ 1]
    assert unb64(twin) == unb64(token)
    assert verify(twin, PUB).reason.startswith(REASON_FORMAT)


def test_the_expected_site_can_be_required():
    text = qr_text_v1(BASE, PAYLOAD, KEY)
    assert verify(text, PUB, base_url=BASE).ok
    assert verify(text, PUB, base_url=BASE + "/").ok
    elsewhere = text.replace(BASE, "https://lcj.xam.gov.cn.example.com")
    assert verify(elsewhere, PUB).ok  # the signature does not cover the host …
    result = verify(elsewhere, PUB, base_url=BASE)  # … so a caller that knows it checks it
    assert (result.ok, result.reason) == (False, REASON_OTHER_SITE)


@pytest.mark.parametrize(
    ("base", "serial", "lot", "species"),
    [
        (BASE, "XA2026000123", "152201-2026-042", "红皮云杉"),
        (BASE, "XA2026000123", "152201-2026-042", "沙地云杉"),
        ("http://127.0.0.1:8000", "L2026000001", "B2026-0001", "樟子松"),
        (BASE, "XA26000001", "2026-0042", "兴安落叶松"),
    ],
)
def test_a_realistic_qr_text_fits_a_version_10_code_at_level_m(base, serial, lot, species):
    # Budget: version 10-M holds 213 bytes. Signature alone is 86 base64 characters.
    payload = LabelPayload(serial, lot, "15220120260017", species, 250_000, "株", date(2026, 4, 15))
    text = qr_text_v1(base, payload, KEY)
    assert qr_image(text, border=0).width <= 57  # version 10: 17 + 4 × 10 modules a side
    assert verify(text, PUB).ok


# ---------------------------------------------------------------------------------------------
# Format 2: what labels print since issue 12
# ---------------------------------------------------------------------------------------------

PAYLOAD_2 = LabelPayload(
    serial="7KQ3M9XW2HD",
    lot="P260000042",
    licence_number="15220120260017",
    species="兴安落叶松",
    quantity=250_000,
    unit="株",
    issued_on=date(2026, 4, 15),
    version=2,
)


def digits_bytes(token: str) -> bytes:
    number = int(token)
    return number.to_bytes((number.bit_length() + 7) // 8, "big")


def test_labels_print_format_2_a_decimal_token_that_round_trips():
    text = qr_text(BASE, PAYLOAD_2, KEY)
    prefix, token = split(text)
    assert prefix == f"{BASE}/v/7KQ3M9XW2HD"
    assert token.isdigit()
    assert token[0] != "0"
    raw = digits_bytes(token)
    assert raw[:-64] == encode_v2(PAYLOAD_2)
    # what is signed is the content with the URL's serial after the format byte
    KEY.public_key().verify(raw[-64:], b"\x02\x0b7KQ3M9XW2HD" + encode_v2(PAYLOAD_2)[1:])
    result = verify(text, PUB)
    assert (result.ok, result.payload, result.reason) == (True, PAYLOAD_2, REASON_OK)
    assert verify(text, PUB, base_url=BASE).ok


def test_format_2_encoding_is_the_documented_layout():
    assert encode_v2(PAYLOAD_2) == (
        b"\x02"
        + b"\x0aP260000042"
        + (15220120260017).to_bytes(6, "big")
        + b"\x0f"
        + "兴安落叶松".encode()
        + bytes([0xC2, 0x84, 0x3D])  # LEB128 of 250000 × 4 + 2 (株) = 1000002
        + (date(2026, 4, 15) - date(2000, 1, 1)).days.to_bytes(2, "big")
        + b"\x02"
    )
    assert decode_v2(encode_v2(PAYLOAD_2), PAYLOAD_2.serial) == PAYLOAD_2
    for unit in ("kg", "g"):
        payload = LabelPayload(**{**PAYLOAD_2.__dict__, "unit": unit, "quantity": 2**32 - 1})
        assert decode_v2(encode_v2(payload), payload.serial) == payload


def test_format_2_makes_a_smaller_code_than_format_1():
    # More characters, fewer bits: digits cost 3⅓ bits each, base64url characters 8.
    v1 = qr_image(qr_text_v1(BASE, PAYLOAD_2, KEY), border=0).width
    v2 = qr_image(qr_text(BASE, PAYLOAD_2, KEY), border=0).width
    assert (v1, v2) == (57, 49)  # version 10 → version 8


@pytest.mark.parametrize(
    ("base", "lot", "species"),
    [
        ("http://127.0.0.1:8000", "P260000042", "兴安落叶松"),
        (BASE, "P260000042", "兴安落叶松"),
        ("https://zmzs.xam.gov.cn:8443", "P269999999", "华北落叶松"),
        (BASE, "P260000001", "山杏"),
    ],
)
def test_a_realistic_format_2_text_fits_a_version_8_code_at_level_m(base, lot, species):
    # Version 8 (49 modules + 2 × 2 quiet) at 3 dots of 203 dpi is 19.9 mm: the 80×50 square.
    serial = "Z" * 11
    payload = LabelPayload(
        serial, lot, "15220120260017", species, 4_000_000, "g", date(2026, 4, 15), 9
    )
    text = qr_text(base, payload, KEY)
    assert qr_image(text, border=0).width <= 49
    assert verify(text, PUB).ok


def test_every_single_digit_change_of_a_format_2_token_fails():
    prefix, token = split(qr_text(BASE, PAYLOAD_2, KEY))
    for position in range(len(token)):
        for digit in "0123456789":
            if digit != token[position]:
                result = verify(f"{prefix}#{token[:position]}{digit}{token[position + 1 :]}", PUB)
                assert not result.ok, (position, digit)
                assert result.payload is None


def test_format_2_signs_the_serial_in_the_url():
    _, token = split(qr_text(BASE, PAYLOAD_2, KEY))
    result = verify(f"{BASE}/v/7KQ3M9XW2HE#{token}", PUB)
    assert (result.ok, result.payload, result.reason) == (False, None, REASON_BAD_SIGNATURE)


def test_a_format_2_token_needs_its_url_and_canonical_digits():
    prefix, token = split(qr_text(BASE, PAYLOAD_2, KEY))
    alone = verify(token, PUB)
    assert not alone.ok
    assert alone.reason == f"{REASON_FORMAT}：第 2 版二维码需要完整网址（含序列号）"
    for bad in ("0" + token, token + "9" * 900, "1" * 5000):
        result = verify(f"{prefix}#{bad}", PUB)
        assert (result.ok, result.payload) == (False, None)
        assert result.reason.startswith(REASON_FORMAT)


def test_a_format_1_token_is_never_read_as_format_2():
    # Format 1's first byte 0x01 makes its base64url start with "AQ": never all digits.
    assert sign(PAYLOAD_2, KEY).startswith("AQ")
    assert verify(qr_text_v1(BASE, PAYLOAD_2, KEY), PUB).ok


def test_a_licence_number_that_is_not_14_digits_prints_in_format_1():
    odd = LabelPayload(**{**PAYLOAD_2.__dict__, "licence_number": "（2019）0001"})
    assert not fits_format_2(odd)
    text = qr_text(BASE, odd, KEY)
    assert split(text)[1] == sign(odd, KEY)
    assert verify(text, PUB).payload == odd
    with pytest.raises(ValueError, match="不是 14 位数字"):
        encode_v2(odd)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x01",
        b"\x02",
        b"\x02\x0aP260000042",
        encode_v2(PAYLOAD_2) + b"\x00",  # trailing byte
        encode_v2(PAYLOAD_2)[:-4] + b"\x00\x00" + encode_v2(PAYLOAD_2)[-3:],  # unit 0
        b"\x02\x00" + (10**14).to_bytes(6, "big") + b"\x01A\x05\x00\x00\x01",  # 15 digits
    ],
)
def test_malformed_format_2_content_does_not_decode(content):
    with pytest.raises(ValueError, match=REASON_FORMAT):
        decode_v2(content, "7KQ3M9XW2HD")


def test_cli_accepts_a_format_2_label(public_pem, capsys):
    code = verify_cli.main(["--public-key", str(public_pem), qr_text(BASE, PAYLOAD_2, KEY)])
    out = capsys.readouterr().out
    assert code == 0
    assert out.rstrip().splitlines()[-1] == "签名有效"
    for needle in ("7KQ3M9XW2HD", "P260000042", "15220120260017", "兴安落叶松", "250000 株"):
        assert needle in out
    assert "补发标签 1" in out


# ---------------------------------------------------------------------------------------------
# Keys and format description
# ---------------------------------------------------------------------------------------------


def test_keys_round_trip_through_pem(tmp_path):
    pem = private_key_pem(KEY)
    assert pem.startswith(b"-----BEGIN PRIVATE KEY-----")
    loaded = load_private_key(pem)
    assert public_key_pem(loaded) == public_key_pem(KEY) == public_key_pem(PUB)
    assert verify(qr_text_v1(BASE, PAYLOAD, loaded), load_public_key(public_key_pem(PUB))).ok
    encrypted = private_key_pem(KEY, password=b"s3cret")
    assert b"ENCRYPTED" in encrypted
    assert public_key_pem(load_private_key(encrypted, password=b"s3cret")) == public_key_pem(PUB)


def test_non_ed25519_keys_are_refused():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    ec_key = ec.generate_private_key(ec.SECP256R1())
    ec_private = ec_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    ec_public = ec_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    with pytest.raises(ValueError, match="Ed25519"):
        load_private_key(ec_private)
    with pytest.raises(ValueError, match="Ed25519"):
        load_public_key(ec_public)


def test_fingerprint_is_16_hex_of_sha256_of_the_raw_public_key():
    import hashlib

    from cryptography.hazmat.primitives import serialization

    raw = PUB.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert public_key_fingerprint(PUB) == hashlib.sha256(raw).hexdigest()[:16]
    assert public_key_fingerprint(KEY) == public_key_fingerprint(PUB)
    assert public_key_fingerprint(OTHER_KEY) != public_key_fingerprint(PUB)


def test_format_doc_is_bilingual_and_names_the_layout():
    for needle in ("0x01", "Ed25519", "base64url", "varint", "2000-01-01", "株", "签名", "serial"):
        assert needle in FORMAT_DOC
    for needle in (
        "0x02",
        "第 2 版",
        "version 2",
        "× 4",
        "Luhn mod 32",
        "0123456789ABCDEFGHJKMNPQRSTVWXYZ",
    ):
        assert needle in FORMAT_DOC


# ---------------------------------------------------------------------------------------------
# Offline CLI
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def public_pem(tmp_path):
    path = tmp_path / "league-public.pem"
    path.write_bytes(public_key_pem(PUB))
    return path


def test_cli_accepts_a_genuine_label(public_pem, capsys):
    code = verify_cli.main(["--public-key", str(public_pem), qr_text_v1(BASE, PAYLOAD, KEY)])
    out = capsys.readouterr().out
    assert code == 0
    assert out.rstrip().splitlines()[-1] == "签名有效"
    for needle in (
        "XA2026000123",
        "152201-2026-042",
        "15220120260017",
        "红皮云杉",
        "250000 株",
        "2026-04-15",
        "原标签",  # 正本 is a licence word, not a label's
        public_key_fingerprint(PUB),
    ):
        assert needle in out


def test_cli_rejects_a_tampered_label(public_pem, capsys):
    prefix, token = split(qr_text_v1(BASE, PAYLOAD, KEY))
    raw = bytearray(unb64(token))
    raw[5] ^= 0x01
    code = verify_cli.main(["--public-key", str(public_pem), f"{prefix}#{b64(bytes(raw))}"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.rstrip().splitlines()[-1] == REASON_BAD_SIGNATURE
    assert "XA2026000123" not in out.split("\n", 1)[1]  # nothing from an unsigned payload


def test_cli_rejects_a_label_signed_with_another_key(public_pem, capsys):
    code = verify_cli.main(["--public-key", str(public_pem), qr_text_v1(BASE, PAYLOAD, OTHER_KEY)])
    assert code == 1
    assert capsys.readouterr().out.rstrip().endswith(REASON_BAD_SIGNATURE)


def test_cli_reports_a_serial_mismatch(public_pem, capsys):
    _, token = split(qr_text_v1(BASE, PAYLOAD, KEY))
    code = verify_cli.main(["--public-key", str(public_pem), f"{BASE}/v/OTHER#{token}"])
    assert code == 1
    assert capsys.readouterr().out.rstrip().endswith(REASON_SERIAL_MISMATCH)


def test_cli_with_an_unreadable_key_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.pem"
    bad.write_bytes(b"not a key")
    assert verify_cli.main(["--public-key", str(bad), sign(PAYLOAD, KEY)]) == 2
    assert verify_cli.main(["--public-key", str(tmp_path / "missing.pem"), "x"]) == 2
    assert "无法读取公钥" in capsys.readouterr().err
