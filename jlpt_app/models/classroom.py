from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jlpt_app.db import Base
from jlpt_app.models._types import Timestamp, str_enum, utcnow
from jlpt_app.programme import Track

if TYPE_CHECKING:
    from jlpt_app.models.school import School
    from jlpt_app.models.user import User

# No 0/O, 1/I/L: join codes are read aloud and copied from a whiteboard.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(8))


classroom_teachers = Table(
    "classroom_teacher",
    Base.metadata,
    Column("classroom_id", ForeignKey("classroom.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True),
)

classroom_students = Table(
    "classroom_student",
    Base.metadata,
    Column("classroom_id", ForeignKey("classroom.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "user_id", ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class Classroom(Base):
    __tablename__ = "classroom"
    __table_args__ = (UniqueConstraint("school_id", "name", name="school_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))  # e.g. "XII TKJ 1"
    track: Mapped[Track] = mapped_column(str_enum(Track, "track"))
    join_code: Mapped[str] = mapped_column(String(12), unique=True, default=new_join_code)
    join_open: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)

    school: Mapped[School] = relationship()
    teachers: Mapped[list[User]] = relationship(
        secondary=classroom_teachers, back_populates="classes_taught"
    )
    students: Mapped[list[User]] = relationship(
        secondary=classroom_students,
        back_populates="classes_attended",
        order_by="User.display_name",
    )
