"""Argon2id password hashing and the password rules (pure: no Flask, no DB)."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_STANDARD = PasswordHasher()  # argon2-cffi defaults: Argon2id, RFC 9106 low-memory profile
# Minimal cost, for the test suite only, so hundreds of generated accounts stay quick.
_FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

MIN_LENGTH = 8
MAX_LENGTH = 128

# No look-alike characters: initial passwords are read from a printed sheet.
_INITIAL_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def hasher(profile: str = "standard") -> PasswordHasher:
    return _FAST if profile == "fast" else _STANDARD


def hash_password(password: str, profile: str = "standard") -> str:
    return hasher(profile).hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _STANDARD.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str, profile: str = "standard") -> bool:
    return hasher(profile).check_needs_rehash(stored_hash)


# Verifying against this when the username is unknown keeps the response time
# the same, so timing does not reveal which usernames exist.
_DUMMY_HASH = _STANDARD.hash(secrets.token_hex(8))


def burn_time(password: str) -> None:
    verify_password(_DUMMY_HASH, password)


def initial_password() -> str:
    """A 10-character password a student can type from a printed list."""
    return "".join(secrets.choice(_INITIAL_ALPHABET) for _ in range(10))


def password_problem(password: str, username: str) -> str | None:
    """Return a key naming what is wrong with a new password, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    if len(password) > MAX_LENGTH:
        return "too_long"
    if password.strip().lower() == username.strip().lower():
        return "same_as_username"
    return None
