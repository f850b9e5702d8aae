"""Assessors run mock exams; until that capability lands the home page says what is coming."""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import func, select

from jlpt_app import db
from jlpt_app.models import Classroom, User
from jlpt_app.programme import Role
from jlpt_app.web.access import allow

bp = Blueprint("assessor", __name__, url_prefix="/assessor")


@bp.route("/")
@allow(Role.ASSESSOR, Role.ADMIN)
def home():
    session = db.session()
    candidates = session.scalar(
        select(func.count()).where(User.role == Role.STUDENT, User.active.is_(True))
    )
    classes = session.scalar(select(func.count()).select_from(Classroom))
    return render_template("assessor/home.html", candidates=candidates, classes=classes)
