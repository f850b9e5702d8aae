"""The student's home: what to do next, classes, and the interests that shape placement."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jlpt_app import db
from jlpt_app.programme import Level, Role, Track
from jlpt_app.services import classrooms
from jlpt_app.services.accounts import AccountError
from jlpt_app.web.access import allow
from jlpt_app.web.forms import JoinClassForm, ProfileForm
from jlpt_app.web.messages import account_problem

bp = Blueprint("student", __name__, url_prefix="/student")


def track_progress(track: Track, start: date, today: date) -> tuple[int, int]:
    """(current week, total weeks) of the student's track, clamped to the track."""
    total = 52 if track is Track.XII_12M else 13
    week = (today - start).days // 7 + 1
    return max(1, min(week, total)), total


@bp.route("/")
@allow(Role.STUDENT)
def home():
    profile = current_user.profile
    week = total = None
    if profile is not None:
        week, total = track_progress(profile.track, profile.start_date, date.today())
    return render_template(
        "student/home.html",
        profile=profile,
        week=week,
        total_weeks=total,
        classes=current_user.classes_attended,
        join_form=JoinClassForm(),
    )


@bp.route("/join", methods=["POST"])
@allow(Role.STUDENT)
def join():
    form = JoinClassForm()
    if form.validate_on_submit():
        try:
            classroom = classrooms.join_class(
                db.session(), current_user._get_current_object(), form.join_code.data
            )
        except AccountError as exc:
            flash(account_problem(exc.key), "error")
        else:
            flash(_("Kamu sudah bergabung dengan kelas %(name)s.", name=classroom.name), "success")
    else:
        flash(_("Isi kode kelas terlebih dahulu."), "error")
    return redirect(url_for("student.home"))


@bp.route("/profile", methods=["GET", "POST"])
@allow(Role.STUDENT)
def profile():
    student_profile = current_user.profile
    form = ProfileForm(obj=student_profile)
    if request.method == "GET" and student_profile is not None:
        form.target_level.data = student_profile.target_level.value
        form.destination_country.data = student_profile.destination_country or ""
        form.job_sector.data = student_profile.job_sector or ""
    if form.validate_on_submit() and student_profile is not None:
        student_profile.target_level = Level(form.target_level.data)
        student_profile.destination_country = form.destination_country.data or None
        student_profile.job_sector = form.job_sector.data or None
        db.session().commit()
        flash(_("Profil tersimpan."), "success")
        return redirect(url_for("student.home"))
    status = 400 if request.method == "POST" else 200
    return render_template("student/profile.html", form=form), status
