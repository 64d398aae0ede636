"""The byte formats of a label's signed QR payload (``FORMAT_DOC``): the content, its
format-1 and format-2 encodings and their strict decoding. Pure: no keys, no I/O; signing and
verifying are in ``signing``, which re-exports all of this."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

# Size budget: a version-10 QR code at level M holds 213 bytes. The text is
# len(base_url) + 4 + len(serial in URL) + ceil(4/3 × (encoded bytes + 64)), and the encoded
# bytes are 9 + UTF-8 bytes of serial, lot, licence number and species + varint (1–5). With a
# 22-character base URL, a 12-character serial, a 15-character lot, a 14-digit licence and a
# 4-character Chinese species name the text is ≈ 211 characters: keep serials and lots short.
FORMAT = 0x01
# Format 2's size: the token is ≈ 40 content bytes (a 10-character lot, a 5-character species)
# + 64 signature bytes = 104 bytes = 251 digits; with an 11-character serial and a base URL of
# up to ~25 characters the text fits a version-8 code at level M (49 modules a side, 53 with
# the quiet zone: 19.9 mm at 3 dots of 203 dpi, inside the 80×50 label's 20 mm square).
FORMAT_2 = 0x02
SIGNATURE_LENGTH = 64
EPOCH = date(2000, 1, 1)
MAX_DAYS = 0xFFFF
MAX_QUANTITY = 2**32 - 1
# g: seed labels whose quantity is not a whole number of kilograms (e.g. 0.5 kg = 500 g).
UNITS = {"kg": 0x01, "株": 0x02, "g": 0x03}
_UNIT_BY_CODE = {code: unit for unit, code in UNITS.items()}
# Field limits in characters (the length prefix counts UTF-8 bytes, ≤ 4 × these, < 256).
MAX_CHARS = {"serial": 24, "lot": 24, "licence_number": 14, "species": 30}
FIELD_NAMES = {
    "serial": "标签序列号",
    "lot": "批次号",
    "licence_number": "许可证编号",
    "species": "树种",
}
_TEXT_FIELDS = ("serial", "lot", "licence_number", "species")
LICENCE_DIGITS = 14  # licensing.rules.LICENCE_NUMBER: packed into 6 bytes in format 2
_LICENCE = re.compile(r"^[0-9]{14}$")

REASON_OK = "签名有效"
REASON_BAD_SIGNATURE = "签名无效（标签内容被篡改或伪造）"
REASON_FORMAT = "二维码格式不正确"
REASON_SERIAL_MISMATCH = "序列号与签名内容不一致"
REASON_OTHER_SITE = "二维码网址不是本系统的核验地址"

FORMAT_DOC = """\
标签二维码格式（第 2 版，现行）
二维码内容是一个网址：{核验网址}/v/{序列号}#{签名数字串}。“#”之后是一串十进制数字：把它当作一个
大整数，按大端序写成字节（首字节不为 0），即「内容字节 + 64 字节 Ed25519 签名」。
内容字节依次为（序列号不在其中，只在网址里，但签名覆盖它）：
  1. 格式版本：1 字节，0x02；
  2. 批次号：1 字节长度（UTF-8 字节数）+ UTF-8 文本，最多 24 个字符；
  3. 许可证编号：6 字节大端序整数，即 14 位编号（前面补 0）；
  4. 树种：1 字节长度 + UTF-8 文本，最多 30 个字符；
  5. 数量与单位：无符号 varint（LEB128），值 = 数量 × 4 + 单位代码（0x01 kg、0x02 株、0x03 g）；
  6. 签发日期：2 字节大端序，自 2000-01-01 起的天数；
  7. 标签版本：1 字节（1 = 原标签，补发依次加 1）。
签名针对：0x02、1 字节序列号长度、序列号（UTF-8）、再接内容字节第 2 字节起的全部字节。
新序列号为 11 位：10 位随机字符 + 1 位校验字符，字符表 0123456789ABCDEFGHJKMNPQRSTVWXYZ
（不用 I、L、O、U；手工输入时 O 按 0、I 和 L 按 1 读），校验为 Luhn mod 32。

标签二维码格式（第 1 版，已印制的标签仍然有效）
二维码内容是一个网址：{核验网址}/v/{序列号}#{签名串}。用普通手机扫码会打开公开核验页面；
“#”之后的签名串不会发送到服务器，可以用盟林草局公布的公钥离线核验。
签名串 = base64url（不补“=”）编码的「内容字节 + 64 字节 Ed25519 签名」，签名针对全部内容字节。
内容字节依次为：
  1. 格式版本：1 字节，0x01；
  2. 标签序列号、批次号、许可证编号、树种：各为 1 字节长度（UTF-8 字节数）+ UTF-8 文本，
     最多 24、24、14、30 个字符；
  3. 数量：无符号 varint（LEB128，每字节低 7 位，最高位为 1 表示后面还有字节），1 至 4294967295；
  4. 单位：1 字节，0x01 = kg，0x02 = 株，0x03 = g（不足整公斤的种子）；
  5. 签发日期：2 字节大端序，自 2000-01-01 起的天数；
  6. 标签版本：1 字节（1 = 原标签，补发依次加 1）。
网址中的序列号必须与内容中的序列号一致；任何一个字节被改动，签名核验都会失败。
签名只覆盖“#”之后的内容，请同时确认网址属于盟林草局的核验系统。

Label QR format, version 1
The QR text is a URL: {base_url}/v/{serial}#{token}. A phone camera opens the public verification
page; the fragment after "#" is never sent to the server and can be checked offline with the
league's published Ed25519 public key.
token = base64url without padding of (payload bytes || 64-byte Ed25519 signature over the payload).
Payload bytes, in order:
  1. format: 1 byte, 0x01;
  2. serial, lot, licence number, species: each a 1-byte length (UTF-8 bytes) followed by UTF-8
     text, at most 24, 24, 14 and 30 characters;
  3. quantity: unsigned LEB128 varint (low 7 bits per byte, high bit = more bytes follow),
     1 to 4294967295;
  4. unit: 1 byte, 0x01 = kg, 0x02 = 株 (plants), 0x03 = g (seed not in whole kg);
  5. issue date: 2 bytes big-endian, days since 2000-01-01;
  6. label version: 1 byte (1 = original, +1 per reissue).
The serial in the URL must equal the signed serial; changing any byte makes verification fail.
The signature covers the fragment only: also check that the URL belongs to the league's system.

Label QR format, version 2 (current)
The QR text is {base_url}/v/{serial}#{digits}. The digits are one decimal integer (no leading
zero); written as big-endian bytes (first byte non-zero) they are payload || 64-byte Ed25519
signature. Payload bytes: 0x02; lot (1-byte length + UTF-8, ≤ 24 characters); licence number
as a 6-byte big-endian integer (14 digits, zero-padded); species (1-byte length + UTF-8, ≤ 30
characters); LEB128 varint of quantity × 4 + unit code (0x01 kg, 0x02 株, 0x03 g); issue date
(2 bytes, days since 2000-01-01); label version (1 byte). The serial is only in the URL but is
signed: the signature covers 0x02 || serial length (1 byte) || serial (UTF-8) || the payload
from its second byte on. New serials have 11 characters from 0123456789ABCDEFGHJKMNPQRSTVWXYZ
(no I, L, O, U; typed O is read as 0, I and L as 1), the last a Luhn mod 32 check character.
"""


@dataclass(frozen=True)
class LabelPayload:
    """The signed content of one label's QR code."""

    serial: str
    lot: str
    licence_number: str
    species: str
    quantity: int
    unit: str
    issued_on: date
    version: int = 1

    def __post_init__(self) -> None:
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            what = FIELD_NAMES[name]
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"{what}不能为空")
            if len(value) > MAX_CHARS[name]:
                raise ValueError(f"{what}最多 {MAX_CHARS[name]} 个字符，现为 {len(value)} 个")
            if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in value):
                raise ValueError(f"{what}含有不可打印的字符")
        if isinstance(self.quantity, bool) or not isinstance(self.quantity, int):
            raise ValueError("数量应为整数")
        if not 1 <= self.quantity <= MAX_QUANTITY:
            raise ValueError(f"数量应在 1 至 {MAX_QUANTITY} 之间")
        if self.unit not in UNITS:
            raise ValueError("单位只能是“kg”“g”或“株”")
        if isinstance(self.issued_on, datetime) or not isinstance(self.issued_on, date):
            raise ValueError("签发日期应为日期")
        if not 0 <= (self.issued_on - EPOCH).days <= MAX_DAYS:
            last = EPOCH + timedelta(days=MAX_DAYS)
            raise ValueError(f"签发日期应在 {EPOCH} 至 {last} 之间")
        if isinstance(self.version, bool) or not isinstance(self.version, int):
            raise ValueError("标签版本应为整数")
        if not 1 <= self.version <= 255:
            raise ValueError("标签版本应在 1 至 255 之间")


# ---------------------------------------------------------------------------------------------
# Encoding
# ---------------------------------------------------------------------------------------------


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def encode(payload: LabelPayload) -> bytes:
    """The payload's version-1 bytes (layout in ``FORMAT_DOC``)."""
    out = bytearray([FORMAT])
    for name in _TEXT_FIELDS:
        raw = getattr(payload, name).encode("utf-8")
        out.append(len(raw))
        out += raw
    out += _varint(payload.quantity)
    out.append(UNITS[payload.unit])
    out += (payload.issued_on - EPOCH).days.to_bytes(2, "big")
    out.append(payload.version)
    return bytes(out)


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise ValueError(f"{REASON_FORMAT}：内容不完整")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def byte(self) -> int:
        return self.take(1)[0]

    def varint(self) -> int:
        value = shift = 0
        for _ in range(5):  # 5 × 7 bits ≥ 32 bits
            byte = self.byte()
            value |= (byte & 0x7F) << shift
            if not byte & 0x80:
                return value
            shift += 7
        raise ValueError(f"{REASON_FORMAT}：数量字段过长")


def decode(data: bytes) -> LabelPayload:
    """Parse version-1 payload bytes; ValueError (Chinese) on anything malformed or
    non-canonical (the bytes must re-encode to exactly themselves)."""
    reader = _Reader(bytes(data))
    if not data or reader.byte() != FORMAT:
        raise ValueError(f"{REASON_FORMAT}：不支持的格式版本")
    texts: dict[str, str] = {}
    for name in _TEXT_FIELDS:
        raw = reader.take(reader.byte())
        try:
            texts[name] = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError(f"{REASON_FORMAT}：{FIELD_NAMES[name]}不是有效的 UTF-8") from None
    quantity = reader.varint()
    unit = _UNIT_BY_CODE.get(reader.byte())
    if unit is None:
        raise ValueError(f"{REASON_FORMAT}：未知的单位")
    days = int.from_bytes(reader.take(2), "big")
    version = reader.byte()
    if reader.pos != len(data):
        raise ValueError(f"{REASON_FORMAT}：末尾有多余的字节")
    payload = LabelPayload(
        quantity=quantity,
        unit=unit,
        issued_on=EPOCH + timedelta(days=days),
        version=version,
        **texts,
    )
    if encode(payload) != data:
        raise ValueError(f"{REASON_FORMAT}：编码不规范")
    return payload


def fits_format_2(payload: LabelPayload) -> bool:
    """Whether format 2 can carry the payload (its licence number is 14 digits)."""
    return bool(_LICENCE.match(payload.licence_number))


def _short_text(out: bytearray, text: str) -> None:
    raw = text.encode("utf-8")
    out.append(len(raw))
    out += raw


def encode_v2(payload: LabelPayload) -> bytes:
    """The payload's format-2 token content (without the serial; layout in ``FORMAT_DOC``)."""
    if not fits_format_2(payload):
        raise ValueError(f"{FIELD_NAMES['licence_number']}不是 14 位数字，不能用第 2 版格式")
    out = bytearray([FORMAT_2])
    _short_text(out, payload.lot)
    out += int(payload.licence_number).to_bytes(6, "big")
    _short_text(out, payload.species)
    out += _varint(payload.quantity * 4 + UNITS[payload.unit])
    out += (payload.issued_on - EPOCH).days.to_bytes(2, "big")
    out.append(payload.version)
    return bytes(out)


def signed_v2(content: bytes, serial: str) -> bytes:
    """What a format-2 signature covers: the content with the serial put back after its
    format byte (1-byte length + UTF-8), so that the serial in the URL is signed."""
    raw = serial.encode("utf-8")
    if not raw or len(raw) > 4 * MAX_CHARS["serial"]:
        raise ValueError(f"{REASON_FORMAT}：序列号长度不正确")
    return content[:1] + bytes([len(raw)]) + raw + content[1:]


def decode_v2(content: bytes, serial: str) -> LabelPayload:
    """Parse format-2 token content for ``serial``; ValueError (Chinese) on anything
    malformed or non-canonical."""
    reader = _Reader(bytes(content))
    if not content or reader.byte() != FORMAT_2:
        raise ValueError(f"{REASON_FORMAT}：不支持的格式版本")
    texts = {"serial": serial}
    for name in ("lot", "licence_number", "species"):
        if name == "licence_number":
            number = int.from_bytes(reader.take(6), "big")
            if number >= 10**LICENCE_DIGITS:
                raise ValueError(f"{REASON_FORMAT}：许可证编号超过 14 位")
            texts[name] = f"{number:0{LICENCE_DIGITS}d}"
            continue
        try:
            texts[name] = reader.take(reader.byte()).decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError(f"{REASON_FORMAT}：{FIELD_NAMES[name]}不是有效的 UTF-8") from None
    packed = reader.varint()
    unit = _UNIT_BY_CODE.get(packed & 3)
    if unit is None:
        raise ValueError(f"{REASON_FORMAT}：未知的单位")
    days = int.from_bytes(reader.take(2), "big")
    version = reader.byte()
    if reader.pos != len(content):
        raise ValueError(f"{REASON_FORMAT}：末尾有多余的字节")
    payload = LabelPayload(
        quantity=packed >> 2,
        unit=unit,
        issued_on=EPOCH + timedelta(days=days),
        version=version,
        **texts,
    )
    if encode_v2(payload) != content:
        raise ValueError(f"{REASON_FORMAT}：编码不规范")
    return payload
