"""Accounts: sign-in checks, passwords, creating users."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jlpt_app import passwords
from jlpt_app.models import StudentProfile, User
from jlpt_app.programme import Level, Role, Track


class AccountError(ValueError):
    """A problem a person caused; `field` names the form field and `key` the reason."""

    def __init__(self, key: str, field: str | None = None) -> None:
        super().__init__(key)
        self.key = key
        self.field = field


def normalise_username(username: str) -> str:
    return username.strip().lower()


def find_user(db: Session, username: str) -> User | None:
    return db.scalar(select(User).where(User.username == normalise_username(username)))


def username_taken(db: Session, username: str) -> bool:
    return find_user(db, username) is not None


@dataclass(frozen=True)
class SignIn:
    user: User | None
    outcome: str  # "ok" | "wrong" | "inactive"


def check_sign_in(db: Session, username: str, password: str, hash_profile: str) -> SignIn:
    user = find_user(db, username)
    if user is None:
        passwords.burn_time(password)
        return SignIn(None, "wrong")
    if not passwords.verify_password(user.password_hash, password):
        return SignIn(None, "wrong")
    # Only say "inactive" to someone who knows the password.
    if not user.active:
        return SignIn(user, "inactive")
    if passwords.needs_rehash(user.password_hash, hash_profile):
        user.password_hash = passwords.hash_password(password, hash_profile)
    user.last_login_at = datetime.now(UTC)
    db.commit()
    return SignIn(user, "ok")


def change_password(db: Session, user: User, current: str, new: str, hash_profile: str) -> None:
    if not passwords.verify_password(user.password_hash, current):
        raise AccountError("wrong_current", "current_password")
    problem = passwords.password_problem(new, user.username)
    if problem is None and current == new:
        problem = "same_as_old"
    if problem:
        raise AccountError(problem, "new_password")
    user.password_hash = passwords.hash_password(new, hash_profile)
    user.must_change_password = False
    user.end_all_sessions()
    db.commit()


def sign_out_everywhere(db: Session, user: User) -> None:
    user.end_all_sessions()
    db.commit()


def reset_to_initial_password(db: Session, user: User, hash_profile: str) -> str:
    """Give the user a new printed password; they must change it, other sessions end."""
    password = passwords.initial_password()
    user.password_hash = passwords.hash_password(password, hash_profile)
    user.must_change_password = True
    user.end_all_sessions()
    db.commit()
    return password


def create_staff(
    db: Session,
    *,
    username: str,
    display_name: str,
    role: Role,
    password: str,
    hash_profile: str,
    school_id: int | None = None,
    must_change_password: bool = True,
) -> User:
    username = normalise_username(username)
    if username_taken(db, username):
        raise AccountError("username_taken", "username")
    user = User(
        username=username,
        display_name=display_name.strip(),
        role=role,
        password_hash=passwords.hash_password(password, hash_profile),
        must_change_password=must_change_password,
        school_id=school_id,
    )
    db.add(user)
    db.flush()
    return user


def new_student(
    *,
    username: str,
    display_name: str,
    password_hash: str,
    school_id: int,
    date_of_birth: date,
    track: Track,
    nisn: str | None,
    start_date: date,
    must_change_password: bool = True,
) -> User:
    """Build (not add) a student and profile; callers validate and add in their transaction."""
    user = User(
        username=normalise_username(username),
        display_name=" ".join(display_name.split()),
        role=Role.STUDENT,
        password_hash=password_hash,
        must_change_password=must_change_password,
        school_id=school_id,
    )
    user.profile = StudentProfile(
        nisn=nisn or None,
        date_of_birth=date_of_birth,
        track=track,
        start_date=start_date,
        target_level=Level.N4,
    )
    return user


def nisn_taken(db: Session, nisn: str) -> bool:
    return db.scalar(select(func.count()).where(StudentProfile.nisn == nisn)) > 0
