"""Signing in, throttling, session revocation, first-login password change, headers."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import update

from jlpt_app import db as dbmod
from jlpt_app.models import User
from jlpt_app.passwords import verify_password
from tests.conftest import DASHBOARDS, PASSWORD, get_user, login, make_test_app


def test_login_sends_each_role_to_its_dashboard(app, world):
    for username, home in DASHBOARDS.items():
        c = app.test_client()
        response = login(c, username)
        assert response.status_code == 302
        assert response.headers["Location"] == home
        page = c.get(home)
        assert page.status_code == 200
        assert username.title().encode() in page.data


def test_username_is_case_insensitive(client, world):
    assert login(client, "  GURU ").headers["Location"] == "/teacher/"


def test_wrong_password_is_refused_with_a_clear_message(client, world):
    response = login(client, "guru", "salah-sekali")
    assert response.status_code == 401
    assert "Nama pengguna atau kata sandi salah." in response.get_data(as_text=True)
    assert client.get("/teacher/").status_code == 302  # still signed out


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(client, world):
    response = login(client, "tidak-ada", "apa-saja-123")
    assert response.status_code == 401
    assert "Nama pengguna atau kata sandi salah." in response.get_data(as_text=True)


def test_inactive_account_cannot_sign_in(app, client, world):
    with app.app_context():
        dbmod.session().execute(update(User).where(User.username == "guru").values(active=False))
        dbmod.session().commit()
    response = login(client, "guru")
    assert response.status_code == 403
    assert "dinonaktifkan" in response.get_data(as_text=True)
    assert client.get("/teacher/").status_code == 302


def test_deactivating_an_account_ends_its_open_session(app, as_role, world):
    teacher = as_role("guru")
    admin = as_role("admin")
    assert teacher.get("/teacher/").status_code == 200
    admin.post(f"/admin/users/{world.teacher_a}/active", data={"active": "0"})
    assert teacher.get("/teacher/").status_code == 302


def test_empty_login_form_names_the_missing_fields(client, world):
    response = client.post("/login", data={"username": "", "password": ""})
    assert response.status_code == 400
    assert response.get_data(as_text=True).count("Wajib diisi.") == 2


def test_wrong_passwords_are_throttled_per_account(tmp_path, external_schema):
    from tests.conftest import add_world

    app = make_test_app(tmp_path, LOGIN_LIMIT_PER_ACCOUNT="3 per 10 minutes")
    add_world(app)
    for _ in range(3):
        assert login(app.test_client(), "guru", "keliru-123").status_code == 401
    blocked = login(app.test_client(), "guru", PASSWORD)  # even the right password waits
    assert blocked.status_code == 429
    assert "Terlalu banyak percobaan yang gagal" in blocked.get_data(as_text=True)
    # Another account from the same address is not affected.
    assert login(app.test_client(), "siswa").status_code == 302
    app.extensions["db_engine"].dispose()


def test_successful_logins_do_not_count_towards_the_limit(tmp_path, external_schema):
    from tests.conftest import add_world

    app = make_test_app(tmp_path, LOGIN_LIMIT_PER_ACCOUNT="2 per 10 minutes")
    add_world(app)
    for _ in range(5):
        assert login(app.test_client(), "guru").status_code == 302
    app.extensions["db_engine"].dispose()


def test_wrong_passwords_are_throttled_per_address(tmp_path, external_schema):
    from tests.conftest import add_world

    app = make_test_app(
        tmp_path, LOGIN_LIMIT_PER_ADDRESS="4 per 10 minutes", LOGIN_LIMIT_PER_ACCOUNT="100/hour"
    )
    add_world(app)
    for name in ["a1", "a2", "a3", "a4"]:
        assert login(app.test_client(), name, "x-y-z-123").status_code == 401
    assert login(app.test_client(), "siswa").status_code == 429
    # A different address is still served.
    other = app.test_client()
    response = other.post(
        "/login",
        data={"username": "siswa", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.9.8.7"},
    )
    assert response.status_code == 302
    app.extensions["db_engine"].dispose()


def test_429_message_is_in_english_for_english_users(tmp_path, external_schema):
    from tests.conftest import add_world

    app = make_test_app(tmp_path, LOGIN_LIMIT_PER_ACCOUNT="1 per 10 minutes")
    add_world(app)
    c = app.test_client()
    c.post("/language", data={"locale": "en"})
    login(c, "guru", "wrong-wrong")
    response = login(c, "guru", "wrong-wrong")
    assert response.status_code == 429
    assert "Too many failed attempts" in response.get_data(as_text=True)
    app.extensions["db_engine"].dispose()


def test_logout_ends_the_session_and_a_replayed_cookie_is_refused(app, world):
    c = app.test_client()
    login(c, "guru")
    stolen = c.get_cookie("session").value
    assert c.post("/logout").status_code == 302
    assert c.get("/teacher/").status_code == 302

    replay = app.test_client()
    replay.set_cookie("session", stolen)
    response = replay.get("/teacher/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_logout_ends_every_session_of_that_user(app, world):
    phone, laptop = app.test_client(), app.test_client()
    login(phone, "siswa")
    login(laptop, "siswa")
    assert laptop.get("/student/").status_code == 200
    phone.post("/logout")
    assert laptop.get("/student/").status_code == 302


def test_logout_requires_post(as_role):
    c = as_role("guru")
    assert c.get("/logout").status_code == 405
    assert c.get("/teacher/").status_code == 200


def test_password_change_ends_other_sessions_but_keeps_this_one(app, world):
    here, elsewhere = app.test_client(), app.test_client()
    login(here, "siswa")
    login(elsewhere, "siswa")
    response = here.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "baru-sekali-9",
            "confirm": "baru-sekali-9",
        },
    )
    assert response.status_code == 302
    assert here.get("/student/").status_code == 200
    assert elsewhere.get("/student/").status_code == 302
    assert verify_password(get_user(app, "siswa").password_hash, "baru-sekali-9")


@pytest.mark.parametrize(
    ("current", "new", "confirm", "message"),
    [
        ("salah-123", "baru-sekali-9", "baru-sekali-9", "Kata sandi sekarang salah."),
        (PASSWORD, "pendek", "pendek", "Kata sandi harus 8–128 karakter."),
        (PASSWORD, "baru-sekali-9", "lain-sekali-9", "Kedua kata sandi tidak sama."),
        (PASSWORD, PASSWORD, PASSWORD, "Kata sandi baru harus berbeda dari yang lama."),
    ],
)
def test_bad_password_changes_are_refused_and_change_nothing(
    app, world, current, new, confirm, message
):
    c = app.test_client()
    login(c, "siswa")
    before = get_user(app, "siswa").password_hash
    response = c.post(
        "/account/password",
        data={"current_password": current, "new_password": new, "confirm": confirm},
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert get_user(app, "siswa").password_hash == before


def test_first_login_forces_a_password_change(app, world):
    with app.app_context():
        dbmod.session().execute(
            update(User).where(User.username == "siswa").values(must_change_password=True)
        )
        dbmod.session().commit()
    c = app.test_client()
    login(c, "siswa")
    for page in ["/student/", "/student/profile", "/teacher/"]:
        response = c.get(page)
        assert response.status_code == 302
        assert response.headers["Location"] == "/account/password"
    assert "Ini login pertamamu" in c.get("/account/password").get_data(as_text=True)
    c.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "milikku-777",
            "confirm": "milikku-777",
        },
    )
    assert c.get("/student/").status_code == 200
    assert not get_user(app, "siswa").must_change_password


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_login_never_redirects_off_site(client, world, target):
    response = client.post(
        "/login", data={"username": "guru", "password": PASSWORD, "next": target}
    )
    assert response.headers["Location"] == "/teacher/"


def test_login_returns_to_the_page_asked_for(client, world):
    response = client.post(
        "/login", data={"username": "guru", "password": PASSWORD, "next": "/teacher/classes/new"}
    )
    assert response.headers["Location"] == "/teacher/classes/new"


def test_security_headers_on_every_response(client, world):
    for url in ["/login", "/does-not-exist", "/static/app.css"]:
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"]


def test_cookies_are_secure_over_https_only(app, world):
    plain = login(app.test_client(), "guru")
    assert "Secure" not in plain.headers["Set-Cookie"]
    assert "HttpOnly" in plain.headers["Set-Cookie"]
    response = app.test_client().post(
        "/login",
        data={"username": "siswa", "password": PASSWORD},
        base_url="https://localhost",
    )
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Strict-Transport-Security" in response.headers


def _csrf_from(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def test_login_needs_the_csrf_token(csrf_app):
    from tests.conftest import add_world

    add_world(csrf_app)
    c = csrf_app.test_client()
    refused = c.post("/login", data={"username": "guru", "password": PASSWORD})
    assert refused.status_code == 400
    assert "Formulir ini sudah kedaluwarsa" in refused.get_data(as_text=True)
    token = _csrf_from(c.get("/login").get_data(as_text=True))
    accepted = c.post(
        "/login", data={"username": "guru", "password": PASSWORD, "csrf_token": token}
    )
    assert accepted.status_code == 302


def test_every_post_route_refuses_a_request_without_csrf_token(csrf_app):
    from tests.conftest import add_world

    world = add_world(csrf_app)
    c = csrf_app.test_client()
    token = _csrf_from(c.get("/login").get_data(as_text=True))
    c.post("/login", data={"username": "admin", "password": PASSWORD, "csrf_token": token})
    args = {
        "class_id": world.class_a,
        "student_id": world.victim_a,
        "user_id": world.victim_a,
        "area": "n5",
        "lesson_id": "n5-u01-l01",
    }
    posts = [r for r in csrf_app.url_map.iter_rules() if "POST" in r.methods]
    assert len(posts) >= 10
    with csrf_app.test_request_context():
        from flask import url_for

        urls = [url_for(r.endpoint, **{k: args[k] for k in r.arguments}) for r in posts]
    for url in urls:
        response = c.post(url, data={})
        assert response.status_code == 400, (url, response.status_code)
    # The admin is still signed in: nothing was done by those requests.
    assert c.get("/admin/").status_code == 200
    assert get_user(csrf_app, "korban").active


def test_csrf_token_outlives_the_longest_exam(app):
    assert app.config["WTF_CSRF_TIME_LIMIT"] >= 3 * 3600
