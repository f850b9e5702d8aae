from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jlpt_app.db import Base
from jlpt_app.models._types import Timestamp, str_enum, utcnow
from jlpt_app.programme import Level, Role, Track

if TYPE_CHECKING:
    from jlpt_app.models.classroom import Classroom
    from jlpt_app.models.school import School


def new_session_token() -> str:
    return secrets.token_urlsafe(16)


class User(Base):
    __tablename__ = "user_account"  # "user" is reserved in PostgreSQL

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)  # stored lower-case
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str] = mapped_column(String(5), default="id")
    must_change_password: Mapped[bool] = mapped_column(default=False)
    # Part of the login cookie; replacing it ends every session of this user.
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(Timestamp)

    school: Mapped[School | None] = relationship()
    profile: Mapped[StudentProfile | None] = relationship(
        back_populates="user", cascade="all, delete-orphan", foreign_keys="StudentProfile.user_id"
    )
    classes_taught: Mapped[list[Classroom]] = relationship(
        secondary="classroom_teacher", back_populates="teachers"
    )
    classes_attended: Mapped[list[Classroom]] = relationship(
        secondary="classroom_student", back_populates="students"
    )

    # Flask-Login protocol. The id carries the session token so that a cookie
    # issued before logout or a password change no longer loads the user.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def end_all_sessions(self) -> None:
        self.session_token = new_session_token()


class StudentProfile(Base):
    __tablename__ = "student_profile"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    nisn: Mapped[str | None] = mapped_column(String(10), unique=True)  # national student number
    date_of_birth: Mapped[date] = mapped_column(Date)
    track: Mapped[Track] = mapped_column(str_enum(Track, "track"))
    start_date: Mapped[date] = mapped_column(Date)
    target_level: Mapped[Level] = mapped_column(str_enum(Level, "level"), default=Level.N4)
    destination_country: Mapped[str | None] = mapped_column(String(2))  # ISO 3166 alpha-2
    job_sector: Mapped[str | None] = mapped_column(String(20))  # programme.Sector value
    # Students under 18 need a guardian's consent before placement-related activity.
    guardian_consent_on: Mapped[date | None] = mapped_column(Date)
    guardian_consent_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    user: Mapped[User] = relationship(back_populates="profile", foreign_keys=[user_id])
