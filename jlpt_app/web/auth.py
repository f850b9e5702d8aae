"""Signing in and out, passwords, language, and self-enrolment with a join code."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user

from jlpt_app import db
from jlpt_app.extensions import limiter
from jlpt_app.services import accounts, classrooms
from jlpt_app.services.accounts import AccountError
from jlpt_app.web.access import public, signed_in
from jlpt_app.web.forms import ChangePasswordForm, EmptyForm, LanguageForm, LoginForm, RegisterForm
from jlpt_app.web.labels import home_url
from jlpt_app.web.messages import show_problem

bp = Blueprint("auth", __name__)


def _hash_profile() -> str:
    return current_app.config["PASSWORD_HASH_PROFILE"]


def _safe_next(target: str | None) -> str | None:
    """Only same-site paths, so a crafted link cannot send a student elsewhere after login."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _failed_sign_in(response) -> bool:
    return response.status_code == 401


def _account_key() -> str:
    return "account:" + accounts.normalise_username(request.form.get("username", ""))[:40]


@bp.route("/")
@public
def index():
    return redirect(home_url())


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"],
    key_func=get_remote_address,
    methods=["POST"],
    deduct_when=_failed_sign_in,
    scope="login-address",
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    key_func=_account_key,
    methods=["POST"],
    deduct_when=_failed_sign_in,
    scope="login-account",
)
def login():
    if current_user.is_authenticated:
        return redirect(home_url())
    form = LoginForm(next=request.args.get("next", ""))
    status = 200
    if form.validate_on_submit():
        result = accounts.check_sign_in(
            db.session(), form.username.data, form.password.data, _hash_profile()
        )
        if result.outcome == "ok":
            session.clear()
            login_user(result.user)
            return redirect(_safe_next(form.next.data) or home_url())
        if result.outcome == "inactive":
            flash(_("Akun ini dinonaktifkan. Hubungi guru atau admin sekolahmu."), "error")
            status = 403
        else:
            flash(_("Nama pengguna atau kata sandi salah."), "error")
            status = 401
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@signed_in
def logout():
    form = EmptyForm()
    if form.validate_on_submit():
        locale = current_user.locale
        accounts.sign_out_everywhere(db.session(), current_user._get_current_object())
        logout_user()
        session.clear()
        session["locale"] = locale  # the login page keeps speaking their language
        flash(_("Kamu sudah keluar."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@signed_in
def change_password():
    form = ChangePasswordForm()
    status = 200
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            accounts.change_password(
                db.session(),
                user,
                form.current_password.data,
                form.new_password.data,
                _hash_profile(),
            )
        except AccountError as exc:
            status = show_problem(form, exc)
        else:
            # Every other session has ended; this one continues with the new token.
            login_user(user)
            flash(_("Kata sandi sudah diganti."), "success")
            return redirect(home_url())
    elif request.method == "POST":
        status = 400
    return render_template("auth/change_password.html", form=form), status


@bp.route("/language", methods=["POST"])
@public
def set_language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["locale"] = form.locale.data
        if current_user.is_authenticated:
            current_user.locale = form.locale.data
            db.session().commit()
    return redirect(_safe_next(request.form.get("next")) or home_url())


@bp.route("/register", methods=["GET", "POST"])
@public
@limiter.limit(
    lambda: current_app.config["REGISTER_LIMIT_PER_ADDRESS"],
    key_func=get_remote_address,
    methods=["POST"],
    scope="register",
)
def register():
    if current_user.is_authenticated:
        return redirect(home_url())
    form = RegisterForm(join_code=request.args.get("code", ""))
    status = 200
    if form.validate_on_submit():
        try:
            student = classrooms.register_with_code(
                db.session(),
                code=form.join_code.data,
                display_name=form.display_name.data,
                username=form.username.data,
                date_of_birth=form.date_of_birth.data,
                password=form.password.data,
                guardian_consent=form.guardian_consent.data,
                hash_profile=_hash_profile(),
                today=date.today(),
            )
        except AccountError as exc:
            status = show_problem(form, exc)
        else:
            session.clear()
            login_user(student)
            flash(_("Akunmu sudah dibuat. Selamat belajar!"), "success")
            return redirect(home_url())
    elif request.method == "POST":
        status = 400
    return render_template("auth/register.html", form=form), status
