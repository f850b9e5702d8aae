"""CLI commands, migrations against the real backend, and configuration."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select

from jlpt_app import create_app, migrate
from jlpt_app import db as dbmod
from jlpt_app.db import Base, make_engine
from jlpt_app.models import Classroom, User
from jlpt_app.passwords import verify_password
from jlpt_app.programme import Role
from tests.conftest import scratch_database


def test_migrations_build_exactly_the_models_schema_and_downgrade_cleanly(tmp_path):
    with scratch_database(tmp_path) as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
            assert diff == [], diff
        migrate.downgrade(url, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        engine.dispose()


def _cli_app(url, tmp_path):
    return create_app(
        {"DATABASE_URL": url, "SECRET_KEY": "cli-test", "PASSWORD_HASH_PROFILE": "fast"}
    )


def test_init_db_then_seed_demo_is_idempotent(tmp_path):
    with scratch_database(tmp_path) as url:
        app = _cli_app(url, tmp_path)
        runner = app.test_cli_runner()
        result = runner.invoke(args=["init-db"])
        assert result.exit_code == 0, result.output
        first = runner.invoke(args=["seed-demo", "--password", "demo-pass-1"])
        assert first.exit_code == 0, first.output
        for login in ["admin", "koordinator", "guru", "penguji", "siswa"]:
            assert f" {login} " in first.output
        second = runner.invoke(args=["seed-demo", "--password", "demo-pass-2"])
        assert second.exit_code == 0, second.output
        with app.app_context():
            s = dbmod.session()
            assert s.scalar(select(func.count()).select_from(User)) == 4 + 31
            room = s.scalar(select(Classroom).where(Classroom.name == "XII TKJ 1"))
            assert len(room.students) == 31  # "siswa" and 30 generated students
            assert [t.username for t in room.teachers] == ["guru"]
            names = {u.display_name for u in room.students}
            assert len(names) == 31
            siswa = s.scalar(select(User).where(User.username == "siswa"))
            assert verify_password(siswa.password_hash, "demo-pass-2")
            roles = set(s.scalars(select(User.role)))
            assert roles == set(Role)
        app.extensions["db_engine"].dispose()


def test_create_user_command(tmp_path):
    with scratch_database(tmp_path) as url:
        app = _cli_app(url, tmp_path)
        runner = app.test_cli_runner()
        runner.invoke(args=["init-db"])
        ok = runner.invoke(
            args=["create-user", "--username", "Bu.Ani", "--name", "Ibu Ani", "--role", "teacher"],
            input="rahasia-guru-1\nrahasia-guru-1\n",
        )
        assert ok.exit_code == 0, ok.output
        again = runner.invoke(
            args=["create-user", "--username", "bu.ani", "--name", "X", "--role", "admin"],
            input="rahasia-guru-1\nrahasia-guru-1\n",
        )
        assert again.exit_code != 0 and "username taken" in again.output
        weak = runner.invoke(
            args=["create-user", "--username", "x.y", "--name", "X", "--password", "123"]
        )
        assert weak.exit_code != 0 and "too short" in weak.output
        with app.app_context():
            user = dbmod.session().scalar(select(User).where(User.username == "bu.ani"))
            assert user.role is Role.TEACHER and verify_password(
                user.password_hash, "rahasia-guru-1"
            )
        app.extensions["db_engine"].dispose()


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    from jlpt_app.config import build_config

    first = build_config(tmp_path, {"DATABASE_URL": "sqlite://"})
    second = build_config(tmp_path, {"DATABASE_URL": "sqlite://"})
    key_file = tmp_path / "secret_key"
    assert first["SECRET_KEY"] == second["SECRET_KEY"] == key_file.read_text()
    assert len(first["SECRET_KEY"]) >= 64
    assert key_file.stat().st_mode & 0o077 == 0  # readable by the owner only
    other = build_config(tmp_path / "elsewhere", {})
    assert other["SECRET_KEY"] != first["SECRET_KEY"]


def test_configuration_comes_from_the_environment(tmp_path, monkeypatch):
    from jlpt_app.config import build_config

    monkeypatch.delenv("DATABASE_URL", raising=False)
    default = build_config(tmp_path, {})
    assert default["DATABASE_URL"] == f"sqlite:///{tmp_path / 'nihongo_vokasi.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u:p@db/nv")
    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://cache:6379")
    env = build_config(tmp_path, {})
    assert env["DATABASE_URL"] == "postgresql+psycopg://u:p@db/nv"
    assert env["SECRET_KEY"] == "from-env"
    assert env["RATELIMIT_STORAGE_URI"] == "redis://cache:6379"


def test_a_view_without_an_access_rule_stops_the_app(app):
    import pytest
    from flask import Flask

    from jlpt_app.web.access import assert_every_view_declared

    bare = Flask(__name__)
    bare.add_url_rule("/x", "x", lambda: "x")
    with pytest.raises(RuntimeError, match="views without an access rule: x"):
        assert_every_view_declared(bare)
