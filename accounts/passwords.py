"""Password hashing with argon2id, and random passwords: there is never a default one."""

from __future__ import annotations

import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

#: Longer inputs are refused before hashing: argon2 would accept them, at a cost to the server.
MAX_PASSWORD_LENGTH = 256
#: A password a user chooses is at least this long (the random ones are 16 characters).
MIN_PASSWORD_LENGTH = 12


def hash_password(password: str) -> str:
    """An argon2id hash (PHC string with its own salt and parameters)."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True if the password matches the hash; a missing hash spends the same time and says False."""
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True if the hash was made with weaker parameters than the current ones."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


def random_password() -> str:
    """A fresh random password (about 96 bits), shown once to whoever creates or resets the account."""
    return secrets.token_urlsafe(12)


@cache
def _dummy_hash() -> str:
    """Verified against when the user does not exist, so an unknown name costs as long as a wrong password."""
    return _hasher.hash(secrets.token_urlsafe(16))
