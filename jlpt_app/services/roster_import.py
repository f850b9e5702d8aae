"""Roster import: preview with every problem named, then an all-or-nothing commit.

Between preview and commit the checked rows travel in a signed form field rather
than a server-side store, so any worker of any server can finish the import and
nothing is written until the teacher confirms.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from jlpt_app import passwords
from jlpt_app.models import Classroom, StudentProfile, User
from jlpt_app.programme import Role, Track
from jlpt_app.roster import ParsedRoster, RosterRow, RowError
from jlpt_app.services.accounts import new_student
from jlpt_app.services.classrooms import find_class

PAYLOAD_MAX_AGE = 3600  # a preview older than an hour must be uploaded again


@dataclass
class Preview:
    rows: list[RosterRow]
    errors: list[RowError]
    new_classes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


@dataclass(frozen=True)
class Created:
    row: RosterRow
    password: str


def check_against_database(
    db: Session, actor: User, school_id: int, parsed: ParsedRoster
) -> Preview:
    """Add the problems only the database can see: taken usernames and NISN, foreign classes."""
    preview = Preview(rows=parsed.rows, errors=list(parsed.errors))
    if not parsed.rows:
        return preview
    usernames = {r.username for r in parsed.rows}
    taken = set(db.scalars(select(User.username).where(User.username.in_(usernames))))
    nisns = {r.nisn for r in parsed.rows if r.nisn}
    taken_nisn = set(db.scalars(select(StudentProfile.nisn).where(StudentProfile.nisn.in_(nisns))))
    classes: dict[str, Classroom | None] = {}
    for row in parsed.rows:
        if row.class_name not in classes:
            classes[row.class_name] = find_class(db, school_id, row.class_name)
        classroom = classes[row.class_name]
        if row.username in taken:
            preview.errors.append(RowError(row.line, "username", "username_taken", row.username))
        if row.nisn in taken_nisn:
            preview.errors.append(RowError(row.line, "nisn", "nisn_taken", row.nisn or ""))
        if classroom is not None:
            if actor.role is not Role.ADMIN and actor not in classroom.teachers:
                preview.errors.append(
                    RowError(row.line, "class", "class_of_other_teacher", row.class_name)
                )
            elif classroom.track is not row.track:
                preview.errors.append(
                    RowError(row.line, "track", "track_differs_from_class", row.class_name)
                )
    preview.errors.sort(key=lambda e: (e.line, e.column))
    preview.new_classes = sorted(name for name, c in classes.items() if c is None)
    return preview


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt="roster-import")


def encode_rows(secret_key: str, actor_id: int, school_id: int, rows: list[RosterRow]) -> str:
    data = [
        {**asdict(r), "date_of_birth": r.date_of_birth.isoformat(), "track": r.track.value}
        for r in rows
    ]
    return _serializer(secret_key).dumps({"actor": actor_id, "school": school_id, "rows": data})


def decode_rows(secret_key: str, actor_id: int, token: str) -> tuple[int, list[RosterRow]] | None:
    """Return (school_id, rows), or None when the token is forged, expired or someone else's."""
    try:
        data = _serializer(secret_key).loads(token, max_age=PAYLOAD_MAX_AGE)
    except BadSignature:
        return None
    if data.get("actor") != actor_id:
        return None
    rows = [
        RosterRow(
            line=r["line"],
            name=r["name"],
            username=r["username"],
            nisn=r["nisn"],
            date_of_birth=date.fromisoformat(r["date_of_birth"]),
            track=Track(r["track"]),
            class_name=r["class_name"],
        )
        for r in data["rows"]
    ]
    return data["school"], rows


def commit_import(
    db: Session,
    actor: User,
    school_id: int,
    rows: list[RosterRow],
    hash_profile: str,
    today: date,
) -> tuple[Preview, list[Created]]:
    """Check again (time has passed since the preview) and write everything or nothing."""
    preview = check_against_database(db, actor, school_id, ParsedRoster(rows=rows))
    if not preview.ok:
        return preview, []
    classes: dict[str, Classroom] = {}
    created: list[Created] = []
    try:
        for row in rows:
            classroom = classes.get(row.class_name) or find_class(db, school_id, row.class_name)
            if classroom is None:
                classroom = Classroom(school_id=school_id, name=row.class_name, track=row.track)
                if actor.role is Role.TEACHER:
                    classroom.teachers.append(actor)
                db.add(classroom)
            classes[row.class_name] = classroom
            password = passwords.initial_password()
            student = new_student(
                username=row.username,
                display_name=row.name,
                password_hash=passwords.hash_password(password, hash_profile),
                school_id=school_id,
                date_of_birth=row.date_of_birth,
                track=row.track,
                nisn=row.nisn,
                start_date=today,
            )
            classroom.students.append(student)
            db.add(student)
            created.append(Created(row, password))
        db.commit()
    except Exception:
        db.rollback()
        raise
    return preview, created
