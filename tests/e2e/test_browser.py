"""The main journeys in a real browser, at the 360 px width of the students' phones.

Run with: pytest -q tests/e2e  (needs Debian's /usr/bin/chromium; see conftest.py).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import DASHBOARDS, PASSWORD

pytestmark = pytest.mark.e2e

WRONG_LOGIN = "Nama pengguna atau kata sandi salah."


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def submit(page: Page, button):
    """Click a form's submit button and return the response of the page it leads to."""
    with page.expect_navigation() as navigation:
        button.click()
    return navigation.value


def log_in(page: Page, live_server, username: str, password: str = PASSWORD):
    page.goto(live_server("/login"))
    form = page.locator("main form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(password)
    return submit(page, form.get_by_role("button", name="Masuk"))


def footer_user(page: Page):
    return page.locator("footer.foot > span")


@pytest.mark.parametrize("username", list(DASHBOARDS))
def test_each_role_signs_in_to_its_dashboard_and_out_again(page, live_server, username):
    response = log_in(page, live_server, username)

    assert response.status == 200
    assert path_of(page) == DASHBOARDS[username]
    expect(footer_user(page)).to_have_text(re.compile(rf"^{username.title()} · "))

    response = submit(page, page.locator("footer").get_by_role("button", name="Keluar"))

    assert response.status == 200
    assert path_of(page) == "/login"
    expect(page.get_by_text("Kamu sudah keluar.")).to_be_visible()
    expect(page.get_by_role("button", name="Keluar")).to_have_count(0)
    # Signed out for real: the dashboard sends us back to the login page.
    page.goto(live_server(DASHBOARDS[username]))
    assert path_of(page) == "/login"


def test_wrong_password_keeps_the_user_signed_out(page, live_server):
    response = log_in(page, live_server, "guru", "bukan-kata-sandinya")

    assert response.status == 401
    assert path_of(page) == "/login"
    expect(page.locator(".flash-error")).to_have_text(WRONG_LOGIN)
    expect(footer_user(page)).to_have_count(0)

    page.goto(live_server("/teacher/"))
    assert path_of(page) == "/login"
    assert urlsplit(page.url).query == "next=%2Fteacher%2F"
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()


ROSTER_HEADER = "nama,username,nisn,tanggal_lahir,jalur,kelas\n"
NEW_STUDENTS = [
    ("Rina Lestari", "rina.lestari", "2008-05-17"),
    ("Budi Santoso", "budi.santoso", "31/02/2008"),  # row 3: 31 February does not exist
    ("Dewi Anggraini", "dewi.anggraini", "2007-11-02"),
]


def roster_csv(path, rows) -> str:
    body = "".join(f"{name},{user},,{born},xii-12m,XII TKJ 1\n" for name, user, born in rows)
    path.write_text(ROSTER_HEADER + body, encoding="utf-8")
    return str(path)


def upload_roster(page: Page, live_server, csv_path: str):
    page.goto(live_server("/teacher/roster/import"))
    page.set_input_files("input[name=roster]", csv_path)
    return submit(page, page.get_by_role("button", name="Periksa berkas"))


def test_roster_import_refuses_a_bad_row_then_saves_the_fixed_file(
    page, new_context, live_server, tmp_path
):
    class_page = live_server(f"/teacher/classes/{live_server.world.class_a}")
    assert log_in(page, live_server, "guru").status == 200

    # 1. One impossible date: every problem is listed and nothing can be saved.
    response = upload_roster(page, live_server, roster_csv(tmp_path / "bad.csv", NEW_STUDENTS))

    assert response.status == 422
    problems = page.locator(".problems li")
    expect(problems).to_have_count(1)
    expect(problems.first).to_contain_text("baris 3: tanggal lahir tidak valid ('31/02/2008'")
    expect(page.get_by_text("tidak ada yang disimpan")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Simpan"))).to_have_count(0)

    page.goto(class_page)
    expect(page.get_by_role("heading", name="XII TKJ 1")).to_be_visible()
    students = page.locator("main table tbody")
    expect(students).to_contain_text("siswa")  # the class page does list its students
    for name, username, _born in NEW_STUDENTS:
        expect(students).not_to_contain_text(name)
        expect(students).not_to_contain_text(username)

    # 2. The fixed file: preview, save, and the sheet of initial passwords.
    fixed = [*NEW_STUDENTS]
    fixed[1] = ("Budi Santoso", "budi.santoso", "28/02/2008")
    response = upload_roster(page, live_server, roster_csv(tmp_path / "fixed.csv", fixed))

    assert response.status == 200
    expect(page.locator(".problems")).to_have_count(0)
    response = submit(page, page.get_by_role("button", name="Simpan 3 siswa"))

    assert response.status == 200
    expect(page.get_by_role("heading", name="Kata sandi awal")).to_be_visible()
    rows = page.locator("table.print-sheet tbody tr")
    expect(rows).to_have_count(3)
    passwords = {}
    for i in range(3):
        cells = rows.nth(i).locator("td")
        passwords[cells.nth(1).inner_text().strip()] = cells.nth(2).inner_text().strip()
    assert set(passwords) == {username for _name, username, _born in fixed}
    assert all(len(p) >= 8 for p in passwords.values()), passwords

    page.goto(class_page)
    for name, username, _born in fixed:
        expect(page.locator("main table tbody")).to_contain_text(name)
        expect(page.locator("main table tbody")).to_contain_text(username)

    # 3. A new student signs in with the printed password and must replace it first.
    student = new_context().new_page()
    response = log_in(student, live_server, "dewi.anggraini", passwords["dewi.anggraini"])

    assert response.status == 200
    assert path_of(student) == "/account/password"
    expect(student.get_by_text("Ini login pertamamu.")).to_be_visible()
    student.goto(live_server("/student/"))  # nothing else opens before the change
    assert path_of(student) == "/account/password"

    student.fill("input[name=current_password]", passwords["dewi.anggraini"])
    student.fill("input[name=new_password]", "sakura-musim-semi-26")
    student.fill("input[name=confirm]", "sakura-musim-semi-26")
    response = submit(student, student.get_by_role("button", name="Simpan kata sandi"))

    assert response.status == 200
    assert path_of(student) == "/student/"
    expect(student.get_by_text("Kata sandi sudah diganti.")).to_be_visible()
    expect(footer_user(student)).to_have_text(re.compile(r"^Dewi Anggraini · "))


def test_login_page_fits_a_360px_phone_without_sideways_scrolling(page, live_server):
    page.goto(live_server("/login"))

    assert page.evaluate("window.innerWidth") == 360
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"login page is {scroll_width}px wide at 360px"


@pytest.mark.parametrize(
    ("username", "path"),
    [("admin", "/admin/users"), ("guru", "/teacher/"), ("koordinator", "/coordinator/")],
)
def test_wide_tables_scroll_inside_the_page_not_the_page_itself(page, live_server, username, path):
    log_in(page, live_server, username)
    page.goto(live_server(path))

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"{path} is {scroll_width}px wide at 360px"


def test_student_signs_in_with_javascript_disabled(new_context, live_server):
    page = new_context(java_script_enabled=False).new_page()

    response = log_in(page, live_server, "siswa")

    assert response.status == 200
    assert path_of(page) == "/student/"
    expect(footer_user(page)).to_have_text(re.compile(r"^Siswa · "))


def test_student_takes_a_lesson_and_its_quiz(page, live_server):
    log_in(page, live_server, "siswa")
    page.get_by_role("link", name="Belajar").first.click()
    page.get_by_role("link", name=re.compile("Level N5")).click()
    page.get_by_role("link", name="Kata kerja makan").click()
    assert path_of(page) == "/learn/n5/n5-u01-l01"
    expect(page.locator("ruby", has_text="食べる")).to_have_count(1)
    expect(page.locator("audio").first).to_have_attribute(
        "src", "/learn/media/vocab/n5-v-taberu.ogg"
    )

    page.get_by_role("link", name="Sembunyikan furigana").click()
    expect(page.locator(".words rt")).to_have_count(0)

    # Answer every word question with its first choice and type the sentence in romaji.
    for fieldset in page.locator("fieldset.question").all():
        radios = fieldset.locator("input[type=radio]")
        if radios.count():
            radios.first.check()
        else:
            fieldset.locator("input").fill("pan wo tabemasu")
    submit(page, page.get_by_role("button", name="Periksa jawaban"))
    expect(page.get_by_role("heading", name=re.compile(r"Hasil: \d+%"))).to_be_visible()
    expect(page.locator(".results li")).to_have_count(5)
    # The typed romaji answer is right: the grader accepts it.
    expect(page.locator(".results li").last.locator("strong")).to_have_text("Benar")
