"""Label serials: new (format 2, Crockford base 32 with a Luhn mod 32 check) and legacy
(format 1, base 36 with ISO 7064 MOD 37,36), and what a typed serial normalises to. Pure."""

from __future__ import annotations

import secrets

from stdnum import luhn
from stdnum.iso7064 import mod_37_36

# Serials issued since payload format 2 (issue 12 item 8): 10 random characters of Crockford's
# base-32 alphabet, digits and capitals without I, L, O (read as 1, 1, 0) and U, then one check
# character: 11 characters, 32^10 ≈ 1.1e15 (a million labels leave 1 in 1e9 per guess). The
# check is Luhn mod 32 (python-stdnum ``luhn`` with this alphabet): it catches every single
# substitution and every adjacent swap but one pair (0 and Z, the alphabet's ends: Luhn mod N
# misses only the swap of its first and last character). ISO 7064's hybrid MOD 33,32 missed 64
# swap pairs in our exhaustive check and a pure system needs a prime number of characters.
SERIAL_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SERIAL_LENGTH = 11
_RANDOM_LENGTH = SERIAL_LENGTH - 1
# Read as the character they look like, in new serials only: an old serial may hold O, I or L.
LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})

# Serials issued before (format 1, still on printed labels and still looked up exactly as
# typed): 11 base-36 characters plus an ISO 7064 MOD 37,36 check character, 12 characters.
LEGACY_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LEGACY_LENGTH = 12  # Label.serial is Varchar(12): both kinds fit

# The answer to a serial typed with a wrong check character (pages, the API, the field scan).
TYPO = "序列号校验位不符，多半是输错了一个字符，请对照标签重新输入"


def serial_from_number(number: int) -> str:
    """The serial for a number (below 32^10; higher digits are dropped): 10 base-32 characters
    plus the Luhn mod 32 check."""
    digits = []
    for _ in range(_RANDOM_LENGTH):
        number, rest = divmod(number, 32)
        digits.append(SERIAL_ALPHABET[rest])
    body = "".join(reversed(digits))
    return body + luhn.calc_check_digit(body, alphabet=SERIAL_ALPHABET)


def legacy_serial_from_number(number: int) -> str:
    """A format-1 serial (below 36^11): 11 base-36 characters plus the MOD 37,36 check."""
    digits = []
    for _ in range(LEGACY_LENGTH - 1):
        number, rest = divmod(number, 36)
        digits.append(LEGACY_ALPHABET[rest])
    body = "".join(reversed(digits))
    return body + mod_37_36.calc_check_digit(body)


def new_serial() -> str:
    """A fresh unguessable serial (``secrets``); uniqueness is the database's job."""
    return serial_from_number(secrets.randbelow(32**_RANDOM_LENGTH))


def normalise_serial(text: str) -> str:
    """What a person typed or a URL carried: trimmed, upper-case, without spaces or dashes;
    a new serial's length with O read as 0 and I, L as 1 (a legacy serial stays as typed)."""
    typed = text.strip().upper().replace(" ", "").replace("-", "")[:24]
    return typed.translate(LOOK_ALIKES) if len(typed) == SERIAL_LENGTH else typed


def serial_has_shape(serial: str) -> bool:
    """A new serial's or a legacy serial's length and characters (what is worth looking up;
    a wrong check character can only be not found, as no issued serial has one)."""
    if len(serial) == SERIAL_LENGTH:
        return all(ch in SERIAL_ALPHABET for ch in serial)
    return len(serial) == LEGACY_LENGTH and all(ch in LEGACY_ALPHABET for ch in serial)


def serial_is_well_formed(serial: str) -> bool:
    """A serial of either kind with a correct check character."""
    if not serial_has_shape(serial):
        return False
    if len(serial) == SERIAL_LENGTH:
        return luhn.is_valid(serial, alphabet=SERIAL_ALPHABET)
    return mod_37_36.is_valid(serial)
