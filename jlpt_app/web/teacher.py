"""Teacher (and admin) pages: classes, students, roster import."""

from __future__ import annotations

from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from jlpt_app import db
from jlpt_app.programme import MINOR_AGE, Role, Track, age_on
from jlpt_app.roster import parse_roster
from jlpt_app.services import accounts, classrooms, roster_import
from jlpt_app.services.accounts import AccountError
from jlpt_app.services.classrooms import NotFound
from jlpt_app.web.access import allow
from jlpt_app.web.forms import (
    ClassroomForm,
    EmptyForm,
    RosterConfirmForm,
    RosterUploadForm,
    StudentForm,
)
from jlpt_app.web.messages import roster_problem, show_problem

bp = Blueprint("teacher", __name__, url_prefix="/teacher")

STAFF = (Role.TEACHER, Role.ADMIN)


def _me():
    return current_user._get_current_object()


def _hash_profile() -> str:
    return current_app.config["PASSWORD_HASH_PROFILE"]


def _owned_class(class_id: int):
    try:
        return classrooms.class_for(db.session(), _me(), class_id)
    except NotFound:
        abort(404)


def _owned_student(student_id: int):
    try:
        return classrooms.student_for(db.session(), _me(), student_id)
    except NotFound:
        abort(404)


def _school_choices(form_field) -> None:
    """Offer the schools the user may use; a teacher's only school needs no choosing."""
    form_field.choices = [
        (s.id, f"{s.name} — {s.district}") for s in classrooms.schools_for(db.session(), _me())
    ]
    if len(form_field.choices) == 1 and form_field.name not in request.form:
        form_field.data = form_field.choices[0][0]


@bp.route("/")
@allow(*STAFF)
def home():
    classes = classrooms.classes_for(db.session(), _me())
    counts = classrooms.student_counts(db.session(), [c.id for c in classes])
    return render_template("teacher/home.html", classes=classes, counts=counts)


@bp.route("/classes/new", methods=["GET", "POST"])
@allow(*STAFF)
def new_class():
    form = ClassroomForm()
    _school_choices(form.school_id)
    if not form.school_id.choices:
        flash(_("Akunmu belum terhubung ke sekolah. Hubungi admin."), "error")
        return redirect(url_for("teacher.home"))
    status = 200
    if form.validate_on_submit():
        try:
            classroom = classrooms.create_class(
                db.session(),
                _me(),
                school_id=form.school_id.data,
                name=form.name.data,
                track=Track(form.track.data),
            )
        except AccountError as exc:
            status = show_problem(form, exc)
        else:
            flash(_("Kelas %(name)s dibuat.", name=classroom.name), "success")
            return redirect(url_for("teacher.classroom", class_id=classroom.id))
    elif request.method == "POST":
        status = 400
    return render_template("teacher/new_class.html", form=form), status


@bp.route("/classes/<int:class_id>")
@allow(*STAFF)
def classroom(class_id: int):
    room = _owned_class(class_id)
    today = date.today()
    needs_consent = {
        s.id
        for s in room.students
        if s.profile
        and age_on(s.profile.date_of_birth, today) < MINOR_AGE
        and s.profile.guardian_consent_by_id is None
    }
    return render_template(
        "teacher/classroom.html",
        room=room,
        needs_consent=needs_consent,
        student_form=StudentForm(),
        button_form=EmptyForm(),
    )


@bp.route("/classes/<int:class_id>/students", methods=["POST"])
@allow(*STAFF)
def add_student(class_id: int):
    room = _owned_class(class_id)
    form = StudentForm()
    if form.validate_on_submit():
        try:
            student, password = classrooms.add_student(
                db.session(),
                room,
                display_name=form.display_name.data,
                username=form.username.data,
                nisn=form.nisn.data,
                date_of_birth=form.date_of_birth.data,
                hash_profile=_hash_profile(),
                today=date.today(),
            )
        except AccountError as exc:
            show_problem(form, exc)
        else:
            return render_template(
                "teacher/passwords.html",
                room=room,
                created=[(student.display_name, student.username, password)],
            )
    return (
        render_template(
            "teacher/classroom.html",
            room=room,
            needs_consent=set(),
            student_form=form,
            button_form=EmptyForm(),
        ),
        400,
    )


@bp.route("/classes/<int:class_id>/join-code", methods=["POST"])
@allow(*STAFF)
def new_join_code(class_id: int):
    room = _owned_class(class_id)
    if EmptyForm().validate_on_submit():
        classrooms.regenerate_join_code(db.session(), room)
        flash(_("Kode kelas baru: %(code)s", code=room.join_code), "success")
    return redirect(url_for("teacher.classroom", class_id=room.id))


@bp.route("/students/<int:student_id>")
@allow(*STAFF)
def student(student_id: int):
    pupil = _owned_student(student_id)
    return render_template("teacher/student.html", pupil=pupil, button_form=EmptyForm())


@bp.route("/students/<int:student_id>/reset-password", methods=["POST"])
@allow(*STAFF)
def reset_password(student_id: int):
    pupil = _owned_student(student_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    password = accounts.reset_to_initial_password(db.session(), pupil, _hash_profile())
    return render_template(
        "teacher/passwords.html",
        room=None,
        created=[(pupil.display_name, pupil.username, password)],
    )


@bp.route("/students/<int:student_id>/guardian-consent", methods=["POST"])
@allow(*STAFF)
def guardian_consent(student_id: int):
    pupil = _owned_student(student_id)
    if EmptyForm().validate_on_submit():
        classrooms.record_guardian_consent(db.session(), _me(), pupil, date.today())
        flash(_("Persetujuan wali untuk %(name)s dicatat.", name=pupil.display_name), "success")
    return redirect(url_for("teacher.student", student_id=pupil.id))


@bp.route("/roster/template.csv")
@allow(*STAFF)
def roster_template():
    body = (
        "nama,username,nisn,tanggal_lahir,jalur,kelas\n"
        "Siti Rahmawati,siti.r,0081234567,2008-03-14,xii-12m,XII TKJ 1\n"
        "Agus Prasetyo,,0079876543,2007-11-02,alumni-3m,Alumni Batch 1\n"
    )
    return Response(
        "\ufeff" + body,  # BOM: Excel then reads the file as UTF-8
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=contoh-daftar-siswa.csv"},
    )


@bp.route("/roster/import", methods=["GET", "POST"])
@allow(*STAFF)
def roster_import_upload():
    form = RosterUploadForm()
    _school_choices(form.school_id)
    if not form.school_id.choices:
        flash(_("Akunmu belum terhubung ke sekolah. Hubungi admin."), "error")
        return redirect(url_for("teacher.home"))
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("teacher/roster_upload.html", form=form), status
    upload = form.roster.data
    parsed = parse_roster(upload.filename or "", upload.read(), date.today())
    preview = roster_import.check_against_database(db.session(), _me(), form.school_id.data, parsed)
    confirm = None
    if preview.ok:
        confirm = RosterConfirmForm(
            payload=roster_import.encode_rows(
                current_app.config["SECRET_KEY"], _me().id, form.school_id.data, preview.rows
            )
        )
    return (
        render_template(
            "teacher/roster_preview.html",
            preview=preview,
            problems=[roster_problem(e) for e in preview.errors],
            confirm=confirm,
            filename=upload.filename,
        ),
        200 if preview.ok else 422,
    )


@bp.route("/roster/import/confirm", methods=["POST"])
@allow(*STAFF)
def roster_import_confirm():
    form = RosterConfirmForm()
    decoded = None
    if form.validate_on_submit():
        decoded = roster_import.decode_rows(
            current_app.config["SECRET_KEY"], _me().id, form.payload.data
        )
    if decoded is None:
        flash(_("Pratinjau sudah kedaluwarsa atau rusak. Unggah berkasnya lagi."), "error")
        return redirect(url_for("teacher.roster_import_upload"))
    school_id, rows = decoded
    if school_id not in {s.id for s in classrooms.schools_for(db.session(), _me())}:
        abort(403)
    preview, created = roster_import.commit_import(
        db.session(), _me(), school_id, rows, _hash_profile(), date.today()
    )
    if not created:
        return (
            render_template(
                "teacher/roster_preview.html",
                preview=preview,
                problems=[roster_problem(e) for e in preview.errors],
                confirm=None,
                filename=None,
            ),
            409,
        )
    return render_template(
        "teacher/passwords.html",
        room=None,
        created=[(c.row.name, c.row.username, c.password) for c in created],
        classes=sorted({c.row.class_name for c in created}),
    )
