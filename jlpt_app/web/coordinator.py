"""Programme coordinators see aggregates only."""

from __future__ import annotations

from flask import Blueprint, render_template

from jlpt_app import db
from jlpt_app.programme import Role
from jlpt_app.services.reports import programme_overview
from jlpt_app.web.access import allow

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator")


@bp.route("/")
@allow(Role.COORDINATOR, Role.ADMIN)
def home():
    return render_template("coordinator/home.html", overview=programme_overview(db.session()))
