"""Nihongo Vokasi: JLPT N5/N4 training for Indonesian vocational students."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    # Imported here so that the pure packages (grading, roster, ...) can be
    # imported without pulling in Flask.
    from flask import Flask

    from jlpt_app import cli, db, security
    from jlpt_app.config import build_config
    from jlpt_app.web import register_web

    app = Flask(
        __name__,
        instance_relative_config=True,
        static_folder="web/static",
        template_folder="web/templates",
    )
    app.config.from_mapping(build_config(Path(app.instance_path), test_config))
    db.init_app(app)
    security.init_app(app)
    register_web(app)
    cli.register(app)
    return app
