"""Blueprints, extensions and the request hooks shared by every page."""

from __future__ import annotations

from flask import Flask, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from jlpt_app import db
from jlpt_app.extensions import babel, csrf, limiter, login_manager
from jlpt_app.models import User
from jlpt_app.web.access import assert_every_view_declared

# Pages a user who must still change the initial password may open.
_ALLOWED_BEFORE_PASSWORD_CHANGE = {
    "auth.change_password",
    "auth.logout",
    "auth.set_language",
    "static",
}


def _select_locale() -> str:
    if current_user.is_authenticated:
        return current_user.locale
    return session.get("locale", "id")


@login_manager.user_loader
def _load_user(cookie_id: str) -> User | None:
    user_id, _, token = cookie_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session().get(User, int(user_id))
    if user is None or not user.active or user.session_token != token:
        return None
    return user


def _force_password_change():
    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in _ALLOWED_BEFORE_PASSWORD_CHANGE
    ):
        return redirect(url_for("auth.change_password"))
    return None


def _error_page(error: HTTPException):
    messages = {
        400: _l("Permintaan tidak dapat diproses. Muat ulang halaman lalu coba lagi."),
        403: _l("Kamu tidak punya akses ke halaman ini."),
        404: _l("Halaman tidak ditemukan."),
        405: _l("Cara membuka halaman ini tidak didukung."),
        413: _l("Berkas terlalu besar. Batasnya 2 MB."),
        429: _l("Terlalu banyak percobaan yang gagal. Tunggu beberapa menit, lalu coba lagi."),
    }
    code = error.code or 500
    message = messages.get(code, _l("Terjadi kesalahan. Coba lagi nanti."))
    return render_template("error.html", code=code, message=message), code


def _csrf_error(error: CSRFError):
    message = _l(
        "Formulir ini sudah kedaluwarsa atau tidak lengkap. Muat ulang halaman, lalu kirim lagi."
    )
    return render_template("error.html", code=400, message=message), 400


def register_web(app: Flask) -> None:
    from jlpt_app.web import admin, assessor, auth, coordinator, labels, learn, student, teacher

    csrf.init_app(app)
    babel.init_app(app, locale_selector=_select_locale)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Silakan masuk terlebih dahulu.")
    login_manager.login_message_category = "info"
    limiter.init_app(app)

    for bp in (
        auth.bp,
        student.bp,
        teacher.bp,
        assessor.bp,
        coordinator.bp,
        admin.bp,
        learn.bp,
    ):
        app.register_blueprint(bp)

    app.before_request(_force_password_change)
    app.register_error_handler(HTTPException, _error_page)
    app.register_error_handler(CSRFError, _csrf_error)
    app.context_processor(labels.template_helpers)
    assert_every_view_declared(app)
