"""flask --app jlpt_app <command>: init-db, seed-demo, create-user."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from jlpt_app import db, migrate
from jlpt_app.programme import Role
from jlpt_app.services import accounts
from jlpt_app.services.accounts import AccountError


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or upgrade the database schema (Alembic migrations to head)."""
    migrate.upgrade(current_app.config["DATABASE_URL"])
    click.echo("Database is at the latest migration.")


@click.command("seed-demo")
@with_appcontext
@click.option("--password", required=True, help="Password for every demo account.")
def seed_demo(password: str) -> None:
    """Add (or refresh) the demo school, one account per role and a class of 30 students."""
    from jlpt_app.services.demo import seed_demo as seed

    if len(password) < 4:
        raise click.BadParameter("use at least 4 characters", param_hint="--password")
    logins = seed(db.session(), password, current_app.config["PASSWORD_HASH_PROFILE"], date.today())
    click.echo("Demo accounts (password: the one you gave):")
    for login in logins:
        click.echo(f"  {login.role.value:<12} {login.username:<14} {login.display_name}")
    click.echo("  + 30 students in class XII TKJ 1 (see the teacher 'guru').")


@click.command("create-user")
@with_appcontext
@click.option("--username", required=True)
@click.option("--name", "display_name", required=True, help="Display name.")
@click.option("--role", type=click.Choice([r.value for r in Role if r is not Role.STUDENT]))
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--school-id", type=int, default=None)
def create_user(
    username: str, display_name: str, role: str, password: str, school_id: int | None
) -> None:
    """Create a staff account (students come from rosters or join codes)."""
    from jlpt_app.passwords import password_problem

    problem = password_problem(password, username)
    if problem:
        raise click.BadParameter(problem.replace("_", " "), param_hint="--password")
    try:
        user = accounts.create_staff(
            db.session(),
            username=username,
            display_name=display_name,
            role=Role(role or Role.ADMIN),
            password=password,
            hash_profile=current_app.config["PASSWORD_HASH_PROFILE"],
            school_id=school_id,
            must_change_password=False,
        )
        db.session().commit()
    except AccountError as exc:
        raise click.ClickException(f"{exc.field}: {exc.key.replace('_', ' ')}") from exc
    click.echo(f"Created {user.role.value} '{user.username}'.")


bank = AppGroup("bank", help="Question bank: check, load, stats, export.")


def _bank_root() -> Path:
    return Path(current_app.config["QUESTION_BANK"])


@bank.command("check")
def bank_check() -> None:
    """Lint the question bank; exits non-zero and names every problem."""
    from jlpt_app.bank.check import check

    result = check(_bank_root())
    for problem in result.problems:
        click.echo(str(problem))
    count = len(result.problems)
    click.echo(f"{len(result.entries)} entries, {count} problem{'s' if count != 1 else ''}")
    if count:
        raise SystemExit(1)


@bank.command("load")
def bank_load() -> None:
    """Import the bank into the database (idempotent: only changes are written)."""
    from jlpt_app.bank import load_bank
    from jlpt_app.services.bank import load_into_db

    loaded = load_bank(_bank_root())
    if loaded.problems:
        for problem in loaded.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"{len(loaded.problems)} problems: nothing was loaded (run `bank check`)"
        )
    report = load_into_db(db.session(), loaded)
    click.echo(
        f"added {report.added}, updated {report.updated}, unchanged {report.unchanged}, "
        f"retired {report.retired}"
    )


@bank.command("stats")
@click.option("--json", "as_json", is_flag=True, help="One JSON object on stdout.")
def bank_stats_command(as_json: bool) -> None:
    """Count entries per level, sector and the migration unit."""
    from jlpt_app.bank import load_bank
    from jlpt_app.bank.stats import bank_stats

    stats = bank_stats(load_bank(_bank_root()))
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False))
        return
    for key, value in stats.items():
        click.echo(f"{key}: {value}")


@bank.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "anki"]), default="json")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="JSON file, or a folder for the .apkg decks.",
)
def bank_export(fmt: str, output: Path) -> None:
    """Export the bank as one JSON document or as Anki decks (one per level)."""
    from jlpt_app.bank import load_bank
    from jlpt_app.bank.export import export_anki, export_json

    loaded = load_bank(_bank_root())
    if fmt == "json":
        output.write_text(
            json.dumps(export_json(loaded), ensure_ascii=False, indent=1), encoding="utf-8"
        )
        click.echo(f"wrote {output}")
    else:
        for path in export_anki(loaded, output):
            click.echo(f"wrote {path}")


media = AppGroup("media", help="Audio for listening scripts and words.")


@media.command("build")
def media_build() -> None:
    """Synthesise the audio that is missing or whose text changed (needs the audio extra)."""
    from jlpt_app.bank import load_bank
    from jlpt_app.bank.audio import build

    try:
        import pyopenjtalk  # noqa: F401
        import soundfile  # noqa: F401
    except ImportError as exc:
        raise click.ClickException(
            f"{exc.name} is not installed: pip install -e '.[audio]'"
        ) from exc
    loaded = load_bank(_bank_root())

    def progress(items):
        items = list(items)
        with click.progressbar(items, label=f"Building {len(items)} audio files") as bar:
            yield from bar

    built, unchanged = build(loaded, Path(current_app.config["MEDIA_ROOT"]), progress)
    click.echo(f"built {built}, unchanged {unchanged}")


def register(app: Flask) -> None:
    for command in (init_db, seed_demo, create_user, bank, media):
        app.cli.add_command(command)
