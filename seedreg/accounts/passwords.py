"""Password hashing (Argon2id) and the password policy."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verifying against this keeps the timing of "unknown user" close to "wrong password".
_DUMMY_HASH = _hasher.hash("seedreg-dummy-password")
MIN_LENGTH = 10


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str, *, username: str = "") -> str | None:
    """Why a new password is not acceptable, in Chinese; None when it is."""
    if len(password) < MIN_LENGTH:
        return f"密码至少{MIN_LENGTH}位"
    if len(password) > 128:
        return "密码不能超过128位"
    kinds = sum(
        (
            any(c.isdigit() for c in password),
            any(c.isalpha() and c.islower() for c in password),
            any(c.isalpha() and c.isupper() for c in password),
            any(not c.isalnum() for c in password),
        )
    )
    if kinds < 3:
        return "密码须包含大写字母、小写字母、数字、符号中的至少三类"
    if username and username.lower() in password.lower():
        return "密码不能包含用户名"
    return None
