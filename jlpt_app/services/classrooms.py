"""Classes, enrolment and the ownership rules that guard them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from jlpt_app import passwords
from jlpt_app.models import Classroom, School, User, classroom_students, classroom_teachers
from jlpt_app.models.classroom import new_join_code
from jlpt_app.programme import Role, Track
from jlpt_app.services.accounts import AccountError, new_student, nisn_taken, username_taken


class NotFound(LookupError):
    """The thing does not exist, or this user may not see it (we do not say which)."""


def schools_for(db: Session, actor: User) -> list[School]:
    """Schools in which the actor may create classes."""
    if actor.role is Role.ADMIN:
        return list(db.scalars(select(School).order_by(School.name)))
    return [actor.school] if actor.school else []


def classes_for(db: Session, actor: User) -> list[Classroom]:
    query = select(Classroom).options(selectinload(Classroom.school)).order_by(Classroom.name)
    if actor.role is not Role.ADMIN:
        query = query.join(classroom_teachers).where(classroom_teachers.c.user_id == actor.id)
    return list(db.scalars(query))


def student_counts(db: Session, class_ids: list[int]) -> dict[int, int]:
    if not class_ids:
        return {}
    rows = db.execute(
        select(classroom_students.c.classroom_id, func.count())
        .where(classroom_students.c.classroom_id.in_(class_ids))
        .group_by(classroom_students.c.classroom_id)
    )
    return {class_id: count for class_id, count in rows}


def class_for(db: Session, actor: User, class_id: int) -> Classroom:
    classroom = db.get(Classroom, class_id)
    if classroom is None:
        raise NotFound
    if actor.role is Role.ADMIN or actor in classroom.teachers:
        return classroom
    raise NotFound


def student_for(db: Session, actor: User, student_id: int) -> User:
    """A student the actor teaches (any student for an admin)."""
    student = db.get(User, student_id)
    if student is None or student.role is not Role.STUDENT:
        raise NotFound
    if actor.role is Role.ADMIN:
        return student
    taught = db.scalar(
        select(func.count())
        .select_from(classroom_students)
        .join(
            classroom_teachers,
            classroom_teachers.c.classroom_id == classroom_students.c.classroom_id,
        )
        .where(
            classroom_students.c.user_id == student_id,
            classroom_teachers.c.user_id == actor.id,
        )
    )
    if not taught:
        raise NotFound
    return student


def find_class(db: Session, school_id: int, name: str) -> Classroom | None:
    return db.scalar(
        select(Classroom).where(Classroom.school_id == school_id, Classroom.name == name)
    )


def create_class(db: Session, actor: User, *, school_id: int, name: str, track: Track) -> Classroom:
    if school_id not in {s.id for s in schools_for(db, actor)}:
        raise AccountError("school_not_allowed", "school_id")
    name = " ".join(name.split())
    if find_class(db, school_id, name):
        raise AccountError("class_exists", "name")
    classroom = Classroom(school_id=school_id, name=name, track=track)
    if actor.role is Role.TEACHER:
        classroom.teachers.append(actor)
    db.add(classroom)
    db.commit()
    return classroom


def add_student(
    db: Session,
    classroom: Classroom,
    *,
    display_name: str,
    username: str | None,
    nisn: str | None,
    date_of_birth: date,
    hash_profile: str,
    today: date,
) -> tuple[User, str]:
    """Create a student in the class; returns the student and the initial password."""
    login = (username or nisn or "").strip().lower()
    if not login:
        raise AccountError("username_or_nisn_required", "username")
    if username_taken(db, login):
        raise AccountError("username_taken", "username" if username else "nisn")
    if nisn and nisn_taken(db, nisn):
        raise AccountError("nisn_taken", "nisn")
    password = passwords.initial_password()
    student = new_student(
        username=login,
        display_name=display_name,
        password_hash=passwords.hash_password(password, hash_profile),
        school_id=classroom.school_id,
        date_of_birth=date_of_birth,
        track=classroom.track,
        nisn=nisn,
        start_date=today,
    )
    classroom.students.append(student)
    db.add(student)
    db.commit()
    return student, password


def regenerate_join_code(db: Session, classroom: Classroom) -> str:
    classroom.join_code = new_join_code()
    db.commit()
    return classroom.join_code


def class_by_join_code(db: Session, code: str) -> Classroom | None:
    code = "".join(code.split()).upper()
    if not code:
        return None
    return db.scalar(
        select(Classroom).where(Classroom.join_code == code, Classroom.join_open.is_(True))
    )


def join_class(db: Session, student: User, code: str) -> Classroom:
    classroom = class_by_join_code(db, code)
    if classroom is None:
        raise AccountError("unknown_join_code", "join_code")
    if student.school_id not in (None, classroom.school_id):
        raise AccountError("other_school", "join_code")
    if student in classroom.students:
        raise AccountError("already_member", "join_code")
    classroom.students.append(student)
    db.commit()
    return classroom


def register_with_code(
    db: Session,
    *,
    code: str,
    display_name: str,
    username: str,
    date_of_birth: date,
    password: str,
    guardian_consent: bool,
    hash_profile: str,
    today: date,
) -> User:
    """Self-enrolment: a new student account straight into the class of the join code."""
    from jlpt_app.programme import MINOR_AGE, age_on

    classroom = class_by_join_code(db, code)
    if classroom is None:
        raise AccountError("unknown_join_code", "join_code")
    if date_of_birth > today or not 14 <= age_on(date_of_birth, today) <= 45:
        raise AccountError("implausible_age", "date_of_birth")
    minor = age_on(date_of_birth, today) < MINOR_AGE
    if minor and not guardian_consent:
        raise AccountError("guardian_consent_required", "guardian_consent")
    problem = passwords.password_problem(password, username)
    if problem:
        raise AccountError(problem, "password")
    if username_taken(db, username):
        raise AccountError("username_taken", "username")
    student = new_student(
        username=username,
        display_name=display_name,
        password_hash=passwords.hash_password(password, hash_profile),
        school_id=classroom.school_id,
        date_of_birth=date_of_birth,
        track=classroom.track,
        nisn=None,
        start_date=today,
        must_change_password=False,
    )
    # A minor's own tick is recorded as a declaration; the teacher confirms it
    # (guardian_consent_by_id stays empty until then).
    assert student.profile is not None
    if minor:
        student.profile.guardian_consent_on = today
    classroom.students.append(student)
    db.add(student)
    try:
        db.commit()
    except IntegrityError as exc:  # the same username taken a moment earlier
        db.rollback()
        raise AccountError("username_taken", "username") from exc
    return student


def record_guardian_consent(db: Session, actor: User, student: User, today: date) -> None:
    assert student.profile is not None
    student.profile.guardian_consent_on = today
    student.profile.guardian_consent_by_id = actor.id
    db.commit()
