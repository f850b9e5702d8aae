"""Pure packages stay free of Flask and the database; password rules."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from jlpt_app import passwords
from jlpt_app.programme import Track, age_on, parse_track

PURE_MODULES = ["jlpt_app.programme", "jlpt_app.passwords", "jlpt_app.roster"]


def test_pure_modules_import_neither_flask_nor_sqlalchemy():
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in PURE_MODULES)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('flask', 'sqlalchemy', 'flask_login', 'jlpt_app.db'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_hashes_are_argon2id_and_verify():
    stored = passwords.hash_password("sakura-mekar-7")
    assert stored.startswith("$argon2id$")
    assert passwords.verify_password(stored, "sakura-mekar-7")
    assert not passwords.verify_password(stored, "sakura-mekar-8")
    assert not passwords.verify_password("not-a-hash", "x")


def test_fast_profile_hashes_are_upgraded_on_next_login():
    fast = passwords.hash_password("abc-def-ghi", "fast")
    assert passwords.needs_rehash(fast, "standard")
    assert not passwords.needs_rehash(fast, "fast")


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("pendek", "too_short"),
        ("x" * 129, "too_long"),
        ("Budi.Santoso", "same_as_username"),
        ("gunung-fuji-3776", None),
    ],
)
def test_password_rules(password, problem):
    assert passwords.password_problem(password, "budi.santoso") == problem


def test_initial_passwords_avoid_look_alike_characters():
    for _ in range(200):
        pw = passwords.initial_password()
        assert len(pw) == 10 and not set(pw) & set("0O1lI")


def test_age_and_track_parsing():
    assert age_on(date(2008, 11, 23), date(2026, 11, 22)) == 17
    assert age_on(date(2008, 11, 22), date(2026, 11, 22)) == 18
    assert parse_track(" Alumni ") is Track.ALUMNI_3M
    assert parse_track("XII_12M") is Track.XII_12M
    assert parse_track("kelas 11") is None
