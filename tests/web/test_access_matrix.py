"""Walk EVERY registered route for anonymous and every role against a declared table.

A new route fails test_table_covers_every_route until its rule is written here,
and the walk then proves the app enforces exactly that rule.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from flask import url_for

from jlpt_app.programme import Role
from jlpt_app.web.access import PUBLIC, SIGNED_IN, rule_of
from tests.conftest import add_course, login

ANON = "anonymous"
ROLES = [ANON, *[r.value for r in Role]]
EVERYONE = frozenset(ROLES)
SIGNED = frozenset(r.value for r in Role)
STAFF = frozenset({"teacher", "admin"})
LEARNERS = frozenset({"student", "teacher", "admin"})

# endpoint -> who may use it (every method the route accepts)
EXPECTED: dict[str, frozenset[str]] = {
    "static": EVERYONE,
    "auth.index": EVERYONE,
    "auth.login": EVERYONE,
    "auth.register": EVERYONE,
    "auth.set_language": EVERYONE,
    "auth.logout": SIGNED,
    "auth.change_password": SIGNED,
    "student.home": frozenset({"student"}),
    "student.join": frozenset({"student"}),
    "student.profile": frozenset({"student"}),
    "teacher.home": STAFF,
    "teacher.new_class": STAFF,
    "teacher.classroom": STAFF,
    "teacher.add_student": STAFF,
    "teacher.new_join_code": STAFF,
    "teacher.student": STAFF,
    "teacher.reset_password": STAFF,
    "teacher.guardian_consent": STAFF,
    "teacher.roster_template": STAFF,
    "teacher.roster_import_upload": STAFF,
    "teacher.roster_import_confirm": STAFF,
    "assessor.home": frozenset({"assessor", "admin"}),
    "coordinator.home": frozenset({"coordinator", "admin"}),
    "admin.home": frozenset({"admin"}),
    "admin.schools": frozenset({"admin"}),
    "admin.users": frozenset({"admin"}),
    "admin.create_user": frozenset({"admin"}),
    "admin.set_active": frozenset({"admin"}),
    "learn.index": LEARNERS,
    "learn.area": LEARNERS,
    "learn.lesson": LEARNERS,
    "learn.quiz": LEARNERS,
    "learn.migration": LEARNERS,
    "learn.migration_lesson": LEARNERS,
    "learn.migration_quiz": LEARNERS,
    "learn.media": SIGNED,
}

LOGIN_OF = {
    "student": "siswa",
    "teacher": "guru",
    "assessor": "penguji",
    "coordinator": "koordinator",
    "admin": "admin",
}


def test_table_covers_every_route(app):
    assert set(app.view_functions) == set(EXPECTED)


def test_declared_rules_match_the_table(app):
    for endpoint, allowed in EXPECTED.items():
        rule = rule_of(app, endpoint)
        if rule == PUBLIC:
            assert allowed == EVERYONE, endpoint
        elif rule == SIGNED_IN:
            assert allowed == SIGNED, endpoint
        else:
            assert allowed == frozenset(r.value for r in rule), endpoint


def _is_denied(role: str, response) -> bool:
    if response.status_code == 403:
        return True
    if role == ANON and response.status_code == 302:
        location = urlsplit(response.headers["Location"])
        return location.path == "/login" and "next=" in location.query
    return False


# Where an endpoint needs other arguments than the shared ones.
ARGS_FOR = {
    "learn.migration_lesson": {"lesson_id": "mig-l-01"},
    "learn.media": {"filename": "vocab/n5-v-taberu.ogg"},
}


def _requests(app, world) -> list[tuple[str, str, str]]:
    args = {
        "class_id": world.class_a,
        "student_id": world.victim_a,
        "user_id": world.victim_a,
        "filename": "app.css",
        "area": "n5",
        "lesson_id": "n5-u01-l01",
    }
    found = []
    # Build every URL first: requests made inside this context would share its `g`.
    with app.test_request_context():
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.endpoint):
            own = {**args, **ARGS_FOR.get(rule.endpoint, {})}
            url = url_for(rule.endpoint, **{k: own[k] for k in rule.arguments})
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                found.append((rule.endpoint, method, url))
    return found


def test_every_route_for_every_role(app, world, tmp_path):
    add_course(app, tmp_path)
    checked = 0
    failures = []
    for endpoint, method, url in _requests(app, world):
        for role in ROLES:
            client = app.test_client()
            if role != ANON:
                assert login(client, LOGIN_OF[role]).status_code == 302, role
            response = client.open(url, method=method, data={})
            assert response.status_code < 500, (endpoint, method, role, response.status_code)
            allowed = role in EXPECTED[endpoint]
            denied = _is_denied(role, response)
            if allowed == denied or (allowed and response.status_code in (404, 405)):
                failures.append((endpoint, method, role, response.status_code))
            checked += 1
    assert not failures, failures
    assert checked >= 6 * len(EXPECTED)


@pytest.mark.parametrize(
    "path",
    [
        "/teacher/classes/{class_b}",
        "/teacher/students/{student_b}",
    ],
)
def test_teacher_cannot_open_another_teachers_class_or_student(as_role, world, path):
    url = path.format(class_b=world.class_b, student_b=world.student_b)
    assert as_role("guru").get(url).status_code == 404
    assert as_role("guru2").get(url).status_code == 200
    assert as_role("admin").get(url).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/teacher/classes/{class_b}/students",
        "/teacher/classes/{class_b}/join-code",
        "/teacher/students/{student_b}/reset-password",
        "/teacher/students/{student_b}/guardian-consent",
    ],
)
def test_teacher_cannot_change_another_teachers_class_or_student(app, as_role, world, path):
    from tests.conftest import get_user

    before = get_user(app, "siswa2").password_hash
    url = path.format(class_b=world.class_b, student_b=world.student_b)
    response = as_role("guru").post(
        url,
        data={"display_name": "Penyusup", "username": "penyusup", "date_of_birth": "2008-01-01"},
    )
    assert response.status_code == 404
    assert get_user(app, "siswa2").password_hash == before
    assert as_role("guru2").get(f"/teacher/classes/{world.class_b}").status_code == 200
    assert b"Penyusup" not in as_role("guru2").get(f"/teacher/classes/{world.class_b}").data


def test_coordinator_sees_counts_but_no_names(as_role, world):
    page = as_role("koordinator").get("/coordinator/").get_data(as_text=True)
    assert "SMK Negeri 1 Uji" in page
    assert "<strong>3</strong>" in page  # active students across both schools
    for individual in ["korban", "siswa2", "2008-"]:  # usernames, birth dates
        assert individual not in page.lower()
