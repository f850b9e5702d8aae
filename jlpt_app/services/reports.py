"""Aggregates for coordinators: counts only, never an individual's answers or name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jlpt_app.models import Classroom, School, StudentProfile, User
from jlpt_app.programme import Role


@dataclass(frozen=True)
class SchoolRow:
    school: str
    district: str
    province: str
    classes: int
    students: int


@dataclass(frozen=True)
class ProgrammeOverview:
    students: int
    schools: int
    by_school: list[SchoolRow]
    by_track: dict[str, int]
    by_country: dict[str | None, int]
    by_sector: dict[str | None, int]
    by_district: dict[str, int]


def programme_overview(db: Session) -> ProgrammeOverview:
    """A fixed handful of GROUP BY queries, whatever the number of students."""
    students = select(User.id).where(User.role == Role.STUDENT, User.active.is_(True)).subquery()

    class_counts = (
        select(Classroom.school_id, func.count().label("n"))
        .group_by(Classroom.school_id)
        .subquery()
    )
    student_counts = (
        select(User.school_id, func.count().label("n"))
        .where(User.id.in_(select(students.c.id)))
        .group_by(User.school_id)
        .subquery()
    )
    school_rows = db.execute(
        select(
            School.name,
            School.district,
            School.province,
            func.coalesce(class_counts.c.n, 0),
            func.coalesce(student_counts.c.n, 0),
        )
        .outerjoin(class_counts, class_counts.c.school_id == School.id)
        .outerjoin(student_counts, student_counts.c.school_id == School.id)
        .order_by(School.province, School.district, School.name)
    ).all()

    def count_by(column) -> dict:
        rows = db.execute(
            select(column, func.count())
            .where(StudentProfile.user_id.in_(select(students.c.id)))
            .group_by(column)
        )
        return {key: n for key, n in rows}

    by_track = {getattr(k, "value", k): n for k, n in count_by(StudentProfile.track).items()}
    by_district: dict[str, int] = {}
    for row in school_rows:
        by_district[row[1]] = by_district.get(row[1], 0) + row[4]
    return ProgrammeOverview(
        students=sum(r[4] for r in school_rows),
        schools=len(school_rows),
        by_school=[SchoolRow(*r) for r in school_rows],
        by_track=by_track,
        by_country=count_by(StudentProfile.destination_country),
        by_sector=count_by(StudentProfile.job_sector),
        by_district=by_district,
    )
