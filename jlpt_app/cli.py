"""flask --app jlpt_app <command>: init-db, seed-demo, create-user."""

from __future__ import annotations

from datetime import date

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

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


def register(app: Flask) -> None:
    for command in (init_db, seed_demo, create_user):
        app.cli.add_command(command)
