"""Password hashing with argon2id, and random passwords: there is never a default one.

Each hash takes 64 MiB for a moment, so at most `concurrency` of them run at once in a process (see
`limit_hashing`); one that cannot start within `wait_s` is refused with `Busy` (503), which keeps a
flood of logins from taking the server's memory.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from graph.errors import Busy

_hasher = PasswordHasher()
DEFAULT_HASH_CONCURRENCY = 2
DEFAULT_HASH_WAIT_S = 5.0


class _HashGate:
    """How many argon2 hashes may run at once, and how long one waits for its turn."""

    def __init__(self, concurrency: int, wait_s: float) -> None:
        self.slots = threading.BoundedSemaphore(concurrency)
        self.wait_s = wait_s

    @contextmanager
    def slot(self) -> Iterator[None]:
        if not self.slots.acquire(timeout=self.wait_s):
            raise Busy("服务器繁忙，请稍后再试 / the server is busy; try again shortly", retry_after=5)
        try:
            yield
        finally:
            self.slots.release()


_gate = _HashGate(DEFAULT_HASH_CONCURRENCY, DEFAULT_HASH_WAIT_S)


def limit_hashing(concurrency: int, wait_s: float) -> None:
    """Let at most `concurrency` hashes run at once in this process; others wait up to `wait_s`."""
    global _gate  # one bound per process, set from the settings when the app starts
    _gate = _HashGate(concurrency, wait_s)


def hashing_gate() -> _HashGate:
    """The process's bound on concurrent hashes (tests hold its slots to fill it)."""
    return _gate


#: Longer inputs are refused before hashing: argon2 would accept them, at a cost to the server.
MAX_PASSWORD_LENGTH = 256
#: A password a user chooses is at least this long (the random ones are 16 characters).
MIN_PASSWORD_LENGTH = 12


def hash_password(password: str) -> str:
    """An argon2id hash (PHC string with its own salt and parameters)."""
    with _gate.slot():
        return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True if the password matches the hash; a missing hash spends the same time and says False."""
    against = password_hash or _dummy_hash()
    with _gate.slot():
        try:
            return _hasher.verify(against, password) and password_hash is not None
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
    return hash_password(secrets.token_urlsafe(16))
