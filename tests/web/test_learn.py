"""Students browse level -> unit -> lesson, hear words, take the check quiz; progress is kept."""

from __future__ import annotations

import re

from sqlalchemy import select

from jlpt_app import db as dbmod
from jlpt_app.bank.quiz import build_quiz
from jlpt_app.models import LessonProgress
from tests.conftest import add_course


def _progress(app, username):
    from tests.conftest import get_user

    user = get_user(app, username)
    with app.app_context():
        return {
            p.lesson_id: p
            for p in dbmod.session().scalars(
                select(LessonProgress).where(LessonProgress.user_id == user.id)
            )
        }


def test_browse_levels_units_and_a_lesson(app, as_role, world, tmp_path):
    add_course(app, tmp_path)
    c = as_role("siswa")
    index = c.get("/learn/").get_data(as_text=True)
    assert "Level N5" in index and "Migrasi aman" in index
    area = c.get("/learn/n5/").get_data(as_text=True)
    assert "Makan dan minum" in area and "/learn/n5/n5-u01-l01" in area
    lesson = c.get("/learn/n5/n5-u01-l01").get_data(as_text=True)
    assert "<ruby>食べる<rt>たべる</rt></ruby>" in lesson
    assert "<ruby>食<rt>た</rt></ruby>べます" in lesson  # example sentence furigana
    assert 'src="/learn/media/vocab/n5-v-taberu.ogg"' in lesson
    assert "n5-u01-l01" in _progress(app, "siswa")


def test_furigana_can_be_switched_off_without_javascript(app, as_role, world, tmp_path):
    add_course(app, tmp_path)
    page = as_role("siswa").get("/learn/n5/n5-u01-l01?furigana=0").get_data(as_text=True)
    assert "<rt>" not in page.split("Cek pemahaman")[0]
    assert "Tampilkan furigana" in page


def test_the_answer_key_never_reaches_the_browser(app, as_role, world, tmp_path):
    add_course(app, tmp_path)
    page = as_role("siswa").get("/learn/n5/n5-u01-l01").get_data(as_text=True)
    form = page.split("Cek pemahaman")[1]
    assert "パンを食[た]べます" not in form and "<ruby>食<rt>た</rt></ruby>べます" not in form
    assert not re.search(r"data-(answer|correct)", page)


def _right_answers(lesson_words, questions):
    quiz = build_quiz("n5-u01-l01", lesson_words, questions)
    answers = {}
    for q in quiz:
        answers[q.key] = "パンをたべます" if q.typed else str(q.answer)
    return answers


def test_quiz_marks_answers_and_records_progress(app, as_role, world, tmp_path):
    add_course(app, tmp_path)
    c = as_role("siswa")
    from jlpt_app.services import lessons

    with app.app_context():
        found = lessons.lesson(dbmod.session(), "n5", "n5-u01-l01")
        answers = _right_answers(found.vocab, found.quiz)
    wrong = c.post("/learn/n5/n5-u01-l01/quiz", data={}).get_data(as_text=True)
    assert "Hasil: 0%" in wrong
    assert _progress(app, "siswa")["n5-u01-l01"].completed_at is None
    right = c.post("/learn/n5/n5-u01-l01/quiz", data=answers).get_data(as_text=True)
    assert "Hasil: 100%" in right and "Pelajaran ini selesai" in right
    done = _progress(app, "siswa")["n5-u01-l01"]
    assert done.attempts == 2 and done.best_score == 1.0 and done.completed_at is not None
    assert "selesai" in c.get("/learn/n5/").get_data(as_text=True)


def test_typed_quiz_answer_gets_the_graders_feedback(app, as_role, world, tmp_path):
    add_course(app, tmp_path)
    c = as_role("siswa")
    page = c.post("/learn/n5/n5-u01-l01/quiz", data={"q0": "ぱんにたべます"}).get_data(as_text=True)
    assert "Partikel salah: gunakan を, bukan に." in page


def test_migration_lessons_and_quiz(app, as_role, world, tmp_path):
    add_course(app, tmp_path)
    c = as_role("siswa")
    assert "Jalur penempatan resmi" in c.get("/learn/migration/").get_data(as_text=True)
    page = c.get("/learn/migration/mig-l-01").get_data(as_text=True)
    assert "<p>Paragraf dua.</p>" in page and "Kuis migrasi aman" in page
    result = c.post("/learn/migration/quiz", data={"q0": "0"}).get_data(as_text=True)
    assert "Hasil: 100%" in result


def test_unknown_lessons_and_areas_are_404(app, as_role, world, tmp_path):
    add_course(app, tmp_path)
    c = as_role("siswa")
    assert c.get("/learn/n3/").status_code == 404
    assert c.get("/learn/n5/nope").status_code == 404
    assert c.get("/learn/migration/nope").status_code == 404


def test_media_is_served_to_signed_in_users_only(app, client, as_role, world, tmp_path):
    add_course(app, tmp_path)
    assert client.get("/learn/media/vocab/n5-v-taberu.ogg").status_code == 302
    response = as_role("siswa").get("/learn/media/vocab/n5-v-taberu.ogg")
    assert response.status_code == 200 and response.data == b"OggS-test"
    assert as_role("siswa").get("/learn/media/../secret").status_code == 404


def test_teachers_preview_without_progress(app, as_role, world, tmp_path):
    add_course(app, tmp_path)
    assert as_role("guru").get("/learn/n5/n5-u01-l01").status_code == 200
    assert _progress(app, "guru") == {}


def test_lesson_page_is_light(app, as_role, world, tmp_path):
    from benchmarks.page_weight import BUDGET, page_weight

    add_course(app, tmp_path)
    weight, _gzip = page_weight(as_role("siswa"), "/learn/n5/n5-u01-l01")
    assert weight < BUDGET


def test_the_projects_own_bank_loads_and_its_first_lesson_renders(app, as_role, world):
    """The committed content, loaded as `flask bank load` does, in a real lesson page."""
    from pathlib import Path

    from jlpt_app.bank import load_bank
    from jlpt_app.services import lessons
    from jlpt_app.services.bank import load_into_db

    bank = load_bank(Path(app.config["QUESTION_BANK"]))
    with app.app_context():
        report = load_into_db(dbmod.session(), bank)
        assert report.added == len(bank.entries)
        units = lessons.units(dbmod.session(), "n5")
    assert units, "question_bank/n5/units.toml is missing"
    first = units[0]["lessons"][0]["id"]
    page = as_role("siswa").get(f"/learn/n5/{first}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert html.count('class="word"') >= 10 and "Cek pemahaman" in html


def test_ruby_reads_the_notation_as_the_grader_does():
    from jlpt_app.web.learn import ruby

    assert ruby("ご飯[ごはん]を食[た]べます") == (
        "<ruby>ご飯<rt>ごはん</rt></ruby>を<ruby>食<rt>た</rt></ruby>べます"
    )
    assert ruby("お茶[ちゃ]", show=False) == "お茶"
    assert ruby("<b>漢[かん]") == "&lt;b&gt;<ruby>漢<rt>かん</rt></ruby>"
