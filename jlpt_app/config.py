"""Configuration: safe defaults, then the environment, then the caller's overrides."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _secret_key(instance_path: Path) -> str:
    """Read the instance secret, creating it once: never a constant in the code."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # O_EXCL: if two workers start at once, exactly one writes and both read its key.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip()
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def build_config(instance_path: Path, test_config: dict[str, Any] | None) -> dict[str, Any]:
    env = os.environ
    test_config = test_config or {}
    config: dict[str, Any] = {
        "DATABASE_URL": env.get("DATABASE_URL")
        or f"sqlite:///{instance_path / 'nihongo_vokasi.sqlite3'}",
        # Several gunicorn workers or servers need shared counters: redis://host:6379
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": False,
        # Wrong passwords allowed before HTTP 429. A whole school often shares one
        # public address, so the per-address budget is far larger than per-account.
        "LOGIN_LIMIT_PER_ACCOUNT": env.get("LOGIN_LIMIT_PER_ACCOUNT", "5 per 10 minutes"),
        "LOGIN_LIMIT_PER_ADDRESS": env.get("LOGIN_LIMIT_PER_ADDRESS", "100 per 10 minutes"),
        "REGISTER_LIMIT_PER_ADDRESS": env.get("REGISTER_LIMIT_PER_ADDRESS", "60 per hour"),
        # Number of reverse proxies in front of the app whose X-Forwarded-* we trust.
        "TRUSTED_PROXY_COUNT": int(env.get("TRUSTED_PROXY_COUNT", "0")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env.get("SESSION_COOKIE_SECURE", "") == "1",
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        # Longer than the longest mock exam (N4: 115 minutes plus breaks) so that
        # a candidate's final submit is never refused for an expired token.
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "BABEL_DEFAULT_LOCALE": "id",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Jakarta",
        "LANGUAGES": ("id", "en"),
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,  # roster files are small
        # "fast" is for the test suite only: argon2id with minimal cost.
        "PASSWORD_HASH_PROFILE": "standard",
        # The content folders, beside the package in a checkout.
        "QUESTION_BANK": env.get("QUESTION_BANK", str(PROJECT_ROOT / "question_bank")),
        "MEDIA_ROOT": env.get("MEDIA_ROOT", str(PROJECT_ROOT / "media")),
    }
    config.update(test_config)
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = env.get("SECRET_KEY") or _secret_key(instance_path)
    return config
