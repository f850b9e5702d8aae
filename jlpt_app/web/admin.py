"""Admin: schools and accounts."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from jlpt_app import db, passwords
from jlpt_app.models import Classroom, School, User
from jlpt_app.programme import Role
from jlpt_app.services import accounts, admin
from jlpt_app.services.accounts import AccountError
from jlpt_app.web.access import allow
from jlpt_app.web.forms import EmptyForm, SchoolForm, UserForm
from jlpt_app.web.messages import show_problem

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/")
@allow(Role.ADMIN)
def home():
    session = db.session()
    counts = dict(session.execute(select(User.role, func.count()).group_by(User.role)).all())
    return render_template(
        "admin/home.html",
        counts={getattr(k, "value", k): v for k, v in counts.items()},
        schools=session.scalar(select(func.count()).select_from(School)),
        classes=session.scalar(select(func.count()).select_from(Classroom)),
    )


@bp.route("/schools", methods=["GET", "POST"])
@allow(Role.ADMIN)
def schools():
    form = SchoolForm()
    status = 200
    if form.validate_on_submit():
        try:
            school = admin.create_school(
                db.session(),
                name=form.name.data,
                district=form.district.data,
                province=form.province.data,
            )
        except AccountError:
            form.name.errors.append(_("Sekolah ini sudah terdaftar di kabupaten/kota itu."))
            status = 400
        else:
            flash(_("Sekolah %(name)s ditambahkan.", name=school.name), "success")
            return redirect(url_for("admin.schools"))
    elif request.method == "POST":
        status = 400
    all_schools = db.session().scalars(select(School).order_by(School.province, School.name))
    return render_template("admin/schools.html", form=form, schools=list(all_schools)), status


def _user_form() -> UserForm:
    form = UserForm()
    form.school_id.choices = [(0, _("Tanpa sekolah"))] + [
        (s.id, s.name) for s in db.session().scalars(select(School).order_by(School.name))
    ]
    return form


def _users_page(form: UserForm, *, role_arg: str = "", text: str = "", page: int = 1) -> str:
    role = Role(role_arg) if role_arg in {r.value for r in Role} else None
    found, total = admin.list_users(db.session(), role=role, text=text, page=page)
    return render_template(
        "admin/users.html",
        users=found,
        total=total,
        page=page,
        page_size=admin.PAGE_SIZE,
        role=role_arg,
        q=text,
        roles=list(Role),
        form=form,
        button_form=EmptyForm(),
    )


@bp.route("/users")
@allow(Role.ADMIN)
def users():
    return _users_page(
        _user_form(),
        role_arg=request.args.get("role", ""),
        text=request.args.get("q", "").strip()[:60],
        page=request.args.get("page", 1, type=int) or 1,
    )


@bp.route("/users/new", methods=["POST"])
@allow(Role.ADMIN)
def create_user():
    form = _user_form()
    if form.validate_on_submit():
        password = passwords.initial_password()
        try:
            user = accounts.create_staff(
                db.session(),
                username=form.username.data,
                display_name=form.display_name.data,
                role=Role(form.role.data),
                password=password,
                hash_profile=current_app.config["PASSWORD_HASH_PROFILE"],
                school_id=form.school_id.data or None,
            )
            db.session().commit()
        except AccountError as exc:
            show_problem(form, exc)
        else:
            return render_template(
                "teacher/passwords.html",
                room=None,
                created=[(user.display_name, user.username, password)],
            )
    return _users_page(form), 400


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@allow(Role.ADMIN)
def set_active(user_id: int):
    user = db.session().get(User, user_id)
    if user is None:
        abort(404)
    if EmptyForm().validate_on_submit():
        want_active = request.form.get("active") == "1"
        try:
            admin.set_active(db.session(), current_user._get_current_object(), user, want_active)
        except AccountError:
            flash(_("Kamu tidak bisa menonaktifkan akunmu sendiri."), "error")
        else:
            message = _("Akun diaktifkan.") if want_active else _("Akun dinonaktifkan.")
            flash(message, "success")
    return redirect(url_for("admin.users"))
