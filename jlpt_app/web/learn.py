"""Lessons: level -> unit -> lesson pages, the check quiz, and the media files."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request, send_from_directory
from flask_login import current_user
from markupsafe import Markup, escape

from jlpt_app import db
from jlpt_app.bank.quiz import build_quiz, mark
from jlpt_app.grading.target import furigana_pieces
from jlpt_app.programme import Role
from jlpt_app.services import lessons
from jlpt_app.web.access import allow, signed_in
from jlpt_app.web.forms import EmptyForm

bp = Blueprint("learn", __name__, url_prefix="/learn")

LEARNERS = (Role.STUDENT, Role.TEACHER, Role.ADMIN)  # teachers and admins preview lessons
AREA_TITLES = {"n5": "N5", "n4": "N4", "sec": "sectors"}


def ruby(text: str, show: bool = True) -> Markup:
    """Furigana notation -> <ruby> (or the plain kanji when furigana is switched off)."""
    out = []
    for written, reading in furigana_pieces(text or ""):
        if reading is None or not show:
            out.append(escape(written))
        else:
            out.append(Markup("<ruby>{}<rt>{}</rt></ruby>").format(written, reading))
    return Markup("").join(out)


def _furigana_on() -> bool:
    return request.args.get("furigana", "1") != "0"


def _lesson_or_404(area: str, lesson_id: str) -> lessons.Lesson:
    found = lessons.lesson(db.session(), area, lesson_id) if area in lessons.AREAS else None
    if found is None:
        abort(404)
    return found


def _is_student() -> bool:
    return current_user.role is Role.STUDENT


@bp.app_template_filter("ruby")
def _ruby_filter(text: str, show: bool = True) -> Markup:
    return ruby(text, show)


@bp.route("/")
@allow(*LEARNERS)
def index():
    session = db.session()
    done = lessons.progress_of(session, current_user.id)
    areas = []
    for area in lessons.AREAS:
        all_lessons = [
            lesson["id"] for unit in lessons.units(session, area) for lesson in unit["lessons"]
        ]
        finished = sum(1 for i in all_lessons if i in done and done[i].completed_at)
        areas.append((area, len(all_lessons), finished))
    return render_template(
        "learn/index.html",
        areas=areas,
        migration=len(lessons.migration_lessons(session)),
    )


@bp.route("/<area>/")
@allow(*LEARNERS)
def area(area: str):
    if area not in lessons.AREAS:
        abort(404)
    session = db.session()
    return render_template(
        "learn/area.html",
        area=area,
        units=lessons.units(session, area),
        progress=lessons.progress_of(session, current_user.id),
    )


@bp.route("/<area>/<lesson_id>")
@allow(*LEARNERS)
def lesson(area: str, lesson_id: str):
    found = _lesson_or_404(area, lesson_id)
    if _is_student():
        lessons.mark_opened(db.session(), current_user.id, lesson_id)
    return render_template(
        "learn/lesson.html",
        area=area,
        lesson=found,
        quiz=build_quiz(lesson_id, found.vocab, found.quiz),
        furigana=_furigana_on(),
        form=EmptyForm(),
        media_url=current_app.config.get("MEDIA_URL", "/learn/media/"),
    )


@bp.route("/<area>/<lesson_id>/quiz", methods=["POST"])
@allow(*LEARNERS)
def quiz(area: str, lesson_id: str):
    found = _lesson_or_404(area, lesson_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    return _marked(build_quiz(lesson_id, found.vocab, found.quiz), lesson_id, area, found)


def _marked(questions, progress_id: str, area: str, found):
    """Mark the posted answers, keep a student's progress, show the results."""
    results, score = mark(questions, request.form.to_dict())
    progress = None
    if _is_student():
        progress = lessons.record_quiz(db.session(), current_user.id, progress_id, score)
    return render_template(
        "learn/result.html",
        area=area,
        lesson=found,
        results=results,
        score=score,
        passed=score >= lessons.PASS_SCORE,
        progress=progress,
    )


@bp.route("/migration/")
@allow(*LEARNERS)
def migration():
    session = db.session()
    return render_template("learn/migration.html", lessons=lessons.migration_lessons(session))


@bp.route("/migration/<lesson_id>")
@allow(*LEARNERS)
def migration_lesson(lesson_id: str):
    session = db.session()
    all_lessons = lessons.migration_lessons(session)
    found = next((item for item in all_lessons if item["id"] == lesson_id), None)
    if found is None:
        abort(404)
    if _is_student():
        lessons.mark_opened(session, current_user.id, lesson_id)
    paragraphs = [p.strip() for p in found["body_id"].split("\n\n") if p.strip()]
    later = [item for item in all_lessons if item["order"] > found["order"]]
    return render_template(
        "learn/migration_lesson.html",
        lesson=found,
        paragraphs=paragraphs,
        next_lesson=later[0] if later else None,
        quiz=build_quiz("migration", [], lessons.migration_quiz(session)) if not later else [],
        form=EmptyForm(),
    )


@bp.route("/migration/quiz", methods=["POST"])
@allow(*LEARNERS)
def migration_quiz():
    session = db.session()
    if not EmptyForm().validate_on_submit():
        abort(400)
    questions = build_quiz("migration", [], lessons.migration_quiz(session))
    return _marked(questions, "mig-quiz", "migration", None)


@bp.route("/media/<path:filename>")
@signed_in
def media(filename: str):
    response = send_from_directory(current_app.config["MEDIA_ROOT"], filename, max_age=86400)
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response
