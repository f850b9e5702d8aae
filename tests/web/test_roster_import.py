"""Roster upload: preview names every bad row and writes nothing; confirm writes all or nothing."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from sqlalchemy import func, select

from jlpt_app import db as dbmod
from jlpt_app.models import Classroom, User
from jlpt_app.passwords import hash_password
from tests.conftest import PASSWORD, get_user, login

HEADER = "nama,username,nisn,tanggal_lahir,jalur,kelas\n"
GOOD = [
    "Putri Maharani,putri.m,0081000001,2008-01-20,xii-12m,XII TKJ 1",
    "Bayu Nugroho,bayu.n,0081000002,2007-12-02,xii-12m,XII TKJ 1",
    "Yuni Utami,,0081000003,2008-07-09,xii-12m,XII TKJ 2",
]


def _counts(app) -> tuple[int, int]:
    with app.app_context():
        s = dbmod.session()
        return (
            s.scalar(select(func.count()).select_from(User)),
            s.scalar(select(func.count()).select_from(Classroom)),
        )


def _upload(client, filename: str, data: bytes, **extra):
    return client.post(
        "/teacher/roster/import",
        data={"roster": (io.BytesIO(data), filename), **extra},
        content_type="multipart/form-data",
    )


def _payload(html: str) -> str:
    return re.search(r'name="payload" type="hidden" value="([^"]+)"', html).group(1)


def test_bad_row_is_named_and_nothing_is_written(app, as_role, world):
    before = _counts(app)
    rows = [GOOD[0], "Bayu Nugroho,bayu.n,,31/02/2008,xii-12m,XII TKJ 1", GOOD[2]]
    response = _upload(as_role("guru"), "kelas.csv", (HEADER + "\n".join(rows)).encode())
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "baris 3: tanggal lahir tidak valid" in html
    assert 'name="payload"' not in html  # no way to save
    assert _counts(app) == before


def test_valid_file_previews_then_imports_with_printable_passwords(app, as_role, world):
    teacher = as_role("guru")
    before_users, before_classes = _counts(app)
    preview = _upload(teacher, "kelas.csv", (HEADER + "\n".join(GOOD)).encode())
    assert preview.status_code == 200
    html = preview.get_data(as_text=True)
    assert "3 baris siap diimpor" in html
    assert "Kelas baru yang akan dibuat: XII TKJ 2" in html
    assert _counts(app) == (before_users, before_classes)  # preview writes nothing

    done = teacher.post("/teacher/roster/import/confirm", data={"payload": _payload(html)})
    assert done.status_code == 200
    sheet = done.get_data(as_text=True)
    found = dict(re.findall(r"<td><code>([\w.]+)</code></td><td><code>(\w+)</code>", sheet))
    assert set(found) == {"putri.m", "bayu.n", "0081000003"}
    assert _counts(app) == (before_users + 3, before_classes + 1)
    assert "data-print" in sheet

    # The new class belongs to the importing teacher; the students must change the password.
    assert "XII TKJ 2" in teacher.get("/teacher/").get_data(as_text=True)
    student = app.test_client()
    login(student, "putri.m", found["putri.m"])
    assert student.get("/student/").headers["Location"] == "/account/password"
    assert get_user(app, "putri.m").profile.nisn == "0081000001"


def test_xlsx_upload_with_a_bad_row(app, as_role, world):
    wb = Workbook()
    wb.active.append(["Nama", "Username", "Tanggal lahir", "Jalur", "Kelas"])
    wb.active.append(["Dimas Pratama", "dimas.p", "2008-02-02", "xii-12m", "XII TKJ 1"])
    wb.active.append(["Citra Permata", "citra.p", "2008-02-02", "bulanan", "XII TKJ 1"])
    buf = io.BytesIO()
    wb.save(buf)
    before = _counts(app)
    response = _upload(as_role("guru"), "kelas.xlsx", buf.getvalue())
    assert response.status_code == 422
    assert "baris 3: jalur &#39;bulanan&#39; tidak dikenal" in response.get_data(as_text=True)
    assert _counts(app) == before


def test_database_conflicts_are_named_in_the_preview(app, as_role, world):
    rows = [
        "Siswa Lama,siswa,,2008-01-01,xii-12m,XII TKJ 1",
        "Anak Baru,anak.baru,,2008-01-01,xii-12m,XII TKR 2",
    ]
    # guru2's class in school B is not guru's, but class names are per school:
    # for guru (school A) "XII TKR 2" is simply a new class.
    response = _upload(as_role("guru"), "k.csv", (HEADER + "\n".join(rows)).encode())
    html = response.get_data(as_text=True)
    assert "baris 2: username &#39;siswa&#39; sudah dipakai akun lain" in html
    assert "Kelas baru yang akan dibuat: XII TKR 2" in html


def test_importing_into_a_colleagues_class_is_refused(app, as_role, world):
    row = (HEADER + "Anak Baru,anak.baru,,2008-01-01,xii-12m,XII TKR 2").encode()
    assert _upload(as_role("guru2"), "k.csv", row).status_code == 200  # guru2 teaches it
    with app.app_context():
        s = dbmod.session()
        s.add(
            User(
                username="guru3",
                display_name="Guru Tiga",
                role="teacher",
                password_hash=hash_password(PASSWORD, "fast"),
                school_id=world.school_b,
            )
        )
        s.commit()
    refused = _upload(as_role("guru3"), "k.csv", row)  # same school, not their class
    assert refused.status_code == 422
    assert "diajar guru lain" in refused.get_data(as_text=True)


def test_a_username_taken_between_preview_and_confirm_aborts_everything(app, as_role, world):
    teacher = as_role("guru")
    html = _upload(teacher, "kelas.csv", (HEADER + "\n".join(GOOD)).encode()).get_data(as_text=True)
    # Someone registers "bayu.n" before the teacher presses save.
    with app.app_context():
        s = dbmod.session()
        s.add(User(username="bayu.n", display_name="Bayu", role="student", password_hash="x"))
        s.commit()
    before = _counts(app)
    response = teacher.post("/teacher/roster/import/confirm", data={"payload": _payload(html)})
    assert response.status_code == 409
    assert "baris 3: username &#39;bayu.n&#39; sudah dipakai akun lain" in response.get_data(
        as_text=True
    )
    assert _counts(app) == before


def test_forged_or_foreign_payloads_are_refused(app, as_role, world):
    html = _upload(as_role("guru"), "kelas.csv", (HEADER + "\n".join(GOOD)).encode()).get_data(
        as_text=True
    )
    payload = _payload(html)
    before = _counts(app)
    tampered = as_role("guru").post(
        "/teacher/roster/import/confirm", data={"payload": payload[:-3] + "abc"}
    )
    assert tampered.status_code == 302
    stolen = as_role("guru2").post("/teacher/roster/import/confirm", data={"payload": payload})
    assert stolen.status_code == 302
    assert _counts(app) == before


def test_upload_form_problems(app, as_role, world):
    teacher = as_role("guru")
    missing = teacher.post("/teacher/roster/import", data={}, content_type="multipart/form-data")
    assert missing.status_code == 400
    assert "Pilih berkas terlebih dahulu." in missing.get_data(as_text=True)
    wrong_type = _upload(teacher, "kelas.pdf", b"%PDF")
    assert wrong_type.status_code == 400
    assert "Hanya berkas .csv atau .xlsx." in wrong_type.get_data(as_text=True)
    too_big = _upload(teacher, "kelas.csv", b"x" * (3 * 1024 * 1024))
    assert too_big.status_code == 413
    assert "Berkas terlalu besar" in too_big.get_data(as_text=True)


def test_template_download_is_itself_a_valid_roster(app, as_role, world):
    teacher = as_role("guru")
    template = teacher.get("/teacher/roster/template.csv")
    assert template.mimetype == "text/csv"
    response = _upload(teacher, "contoh.csv", template.data)
    assert response.status_code == 200, response.get_data(as_text=True)[-2000:]
