"""Classes, adding students, join codes and self-enrolment, guardian consent, resets."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import func, select

from jlpt_app import db as dbmod
from jlpt_app.models import Classroom, User
from tests.conftest import PASSWORD, get_user, login


def _count(app, model) -> int:
    with app.app_context():
        return dbmod.session().scalar(select(func.count()).select_from(model))


def _join_code(app, class_id: int) -> str:
    with app.app_context():
        return dbmod.session().get(Classroom, class_id).join_code


def test_teacher_creates_a_class_in_their_school(app, as_role, world):
    c = as_role("guru")
    response = c.post("/teacher/classes/new", data={"name": " XII  AKL 2 ", "track": "xii-12m"})
    assert response.status_code == 302
    page = c.get(response.headers["Location"]).get_data(as_text=True)
    assert "XII AKL 2" in page
    assert "XII AKL 2" in c.get("/teacher/").get_data(as_text=True)


def test_teacher_cannot_create_a_class_in_another_school(app, as_role, world):
    before = _count(app, Classroom)
    response = as_role("guru").post(
        "/teacher/classes/new",
        data={"name": "Curang", "track": "xii-12m", "school_id": world.school_b},
    )
    assert response.status_code == 400
    assert _count(app, Classroom) == before


def test_duplicate_class_name_is_refused(app, as_role, world):
    response = as_role("guru").post(
        "/teacher/classes/new", data={"name": "XII TKJ 1", "track": "xii-12m"}
    )
    assert response.status_code == 400
    assert "Kelas dengan nama ini sudah ada" in response.get_data(as_text=True)


def test_admin_creates_a_class_in_any_school(app, as_role, world):
    response = as_role("admin").post(
        "/teacher/classes/new",
        data={"name": "Alumni 2026", "track": "alumni-3m", "school_id": world.school_b},
    )
    assert response.status_code == 302


def test_teacher_adds_one_student_and_gets_the_initial_password(app, as_role, world):
    c = as_role("guru")
    response = c.post(
        f"/teacher/classes/{world.class_a}/students",
        data={"display_name": "Dewi Lestari", "nisn": "0081112223", "date_of_birth": "2008-02-29"},
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "0081112223" in html  # the NISN becomes the username
    password = re.search(r"<td><code>0081112223</code></td><td><code>(\w+)</code>", html).group(1)
    student = app.test_client()
    assert login(student, "0081112223", password).headers["Location"] == "/student/"
    assert student.get("/student/").headers["Location"] == "/account/password"


def test_adding_a_student_with_bad_fields_names_them_and_writes_nothing(app, as_role, world):
    before = _count(app, User)
    response = as_role("guru").post(
        f"/teacher/classes/{world.class_a}/students",
        data={"display_name": "", "nisn": "12345", "date_of_birth": "kemarin"},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Wajib diisi." in html
    assert "NISN terdiri dari 10 angka." in html
    assert "Tanggal tidak valid" in html
    assert _count(app, User) == before


def test_taken_username_is_refused(app, as_role, world):
    response = as_role("guru").post(
        f"/teacher/classes/{world.class_a}/students",
        data={"display_name": "Siswa Lain", "username": "siswa2", "date_of_birth": "2008-01-01"},
    )
    assert response.status_code == 400
    assert "Nama pengguna ini sudah dipakai." in response.get_data(as_text=True)


def test_student_joins_a_class_with_its_code(app, as_role, world):
    with app.app_context():
        s = dbmod.session()
        s.add(Classroom(school_id=world.school_a, name="Klub Jepang", track="xii-12m"))
        s.commit()
        room = s.scalar(select(Classroom).where(Classroom.name == "Klub Jepang"))
        code = room.join_code
    c = as_role("siswa")
    response = c.post("/student/join", data={"join_code": code.lower()})
    assert response.status_code == 302
    assert "Klub Jepang" in c.get("/student/").get_data(as_text=True)


def test_join_code_of_another_school_or_unknown_is_refused(app, as_role, world):
    c = as_role("siswa")
    c.post("/student/join", data={"join_code": _join_code(app, world.class_b)})
    page = c.get("/student/").get_data(as_text=True)
    assert "Kelas ini milik sekolah lain." in page
    c.post("/student/join", data={"join_code": "ZZZZZZZZ"})
    assert "Kode kelas tidak ditemukan" in c.get("/student/").get_data(as_text=True)


def test_new_join_code_invalidates_the_old_one(app, as_role, world):
    old = _join_code(app, world.class_a)
    as_role("guru").post(f"/teacher/classes/{world.class_a}/join-code")
    new = _join_code(app, world.class_a)
    assert new != old and len(new) == 8


def _register(client, **overrides):
    data = {
        "join_code": "",
        "display_name": "Rizki Ramadhan",
        "username": "rizki.r",
        "date_of_birth": "2004-06-01",
        "password": "sakura-2026",
        "confirm": "sakura-2026",
    }
    data.update(overrides)
    return client.post("/register", data=data)


def test_alumnus_self_enrols_with_a_join_code(app, world):
    c = app.test_client()
    response = _register(c, join_code=_join_code(app, world.class_a))
    assert response.status_code == 302
    assert c.get("/student/").status_code == 200  # signed in, no forced change
    user = get_user(app, "rizki.r")
    assert user.school_id == world.school_a
    assert "Rizki Ramadhan" in as_student_list(app, world)


def as_student_list(app, world) -> str:
    c = app.test_client()
    login(c, "guru")
    return c.get(f"/teacher/classes/{world.class_a}").get_data(as_text=True)


def test_registration_problems_are_named_and_nothing_is_created(app, world):
    before = _count(app, User)
    c = app.test_client()
    cases = [
        ({"join_code": "SALAH123"}, "Kode kelas tidak ditemukan"),
        ({"username": "siswa"}, "Nama pengguna ini sudah dipakai."),
        ({"username": "a b"}, "3–40 karakter"),
        ({"confirm": "lain-lain-1"}, "Kedua kata sandi tidak sama."),
        ({"date_of_birth": "2020-01-01"}, "Tanggal lahir tidak masuk akal"),
    ]
    code = _join_code(app, world.class_a)
    for overrides, message in cases:
        response = _register(c, **{"join_code": code, **overrides})
        assert response.status_code == 400, overrides
        assert message in response.get_data(as_text=True), overrides
    assert _count(app, User) == before


def test_minor_must_tick_guardian_consent_and_teacher_confirms_it(app, world):
    c = app.test_client()
    code = _join_code(app, world.class_a)
    born = date(date.today().year - 16, 1, 1).isoformat()
    refused = _register(c, join_code=code, date_of_birth=born)
    assert refused.status_code == 400
    assert "persetujuan orang tua/wali" in refused.get_data(as_text=True)
    assert _register(c, join_code=code, date_of_birth=born, guardian_consent="y").status_code == 302

    teacher = app.test_client()
    login(teacher, "guru")
    assert "perlu persetujuan wali" in teacher.get(f"/teacher/classes/{world.class_a}").get_data(
        as_text=True
    )
    student_id = get_user(app, "rizki.r").id
    assert "dinyatakan siswa" in teacher.get(f"/teacher/students/{student_id}").get_data(
        as_text=True
    )
    teacher.post(f"/teacher/students/{student_id}/guardian-consent")
    assert get_user(app, "rizki.r").profile.guardian_consent_by_id == world.teacher_a


def test_password_reset_gives_a_new_initial_password_and_ends_sessions(app, as_role, world):
    student = as_role("korban")
    response = as_role("guru").post(f"/teacher/students/{world.victim_a}/reset-password")
    html = response.get_data(as_text=True)
    password = re.search(r"<td><code>korban</code></td><td><code>(\w+)</code>", html).group(1)
    assert student.get("/student/").status_code == 302  # old session ended
    assert login(app.test_client(), "korban", PASSWORD).status_code == 401
    fresh = app.test_client()
    login(fresh, "korban", password)
    assert fresh.get("/student/").headers["Location"] == "/account/password"


def test_student_records_destination_and_sector(app, as_role, world):
    c = as_role("siswa")
    response = c.post(
        "/student/profile",
        data={"target_level": "N4", "destination_country": "JP", "job_sector": "caregiving"},
    )
    assert response.status_code == 302
    profile = get_user(app, "siswa").profile
    assert (profile.destination_country, profile.job_sector) == ("JP", "caregiving")
    bad = c.post(
        "/student/profile",
        data={"target_level": "N1", "destination_country": "XX", "job_sector": "pilot"},
    )
    assert bad.status_code == 400
    assert get_user(app, "siswa").profile.destination_country == "JP"


def test_admin_creates_schools_and_staff_and_deactivates_accounts(app, as_role, world):
    admin = as_role("admin")
    response = admin.post(
        "/admin/schools",
        data={"name": "SMK Negeri 3 Uji", "district": "Pringsewu", "province": "Lampung"},
    )
    assert response.status_code == 302
    again = admin.post(
        "/admin/schools",
        data={"name": "SMK Negeri 3 Uji", "district": "Pringsewu", "province": "Lampung"},
    )
    assert again.status_code == 400
    created = admin.post(
        "/admin/users/new",
        data={"display_name": "Ibu Sari", "username": "sari", "role": "teacher", "school_id": "0"},
    )
    assert created.status_code == 200
    assert get_user(app, "sari").must_change_password
    admin.post(f"/admin/users/{world.victim_a}/active", data={"active": "0"})
    assert not get_user(app, "korban").active
    admin.post(f"/admin/users/{world.victim_a}/active", data={"active": "1"})
    assert get_user(app, "korban").active
    listing = admin.get("/admin/users?role=teacher&q=sar").get_data(as_text=True)
    assert "sari" in listing and "guru2" not in listing
