"""Schools and accounts, for admins."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from jlpt_app.models import School, User
from jlpt_app.programme import Role
from jlpt_app.services.accounts import AccountError

PAGE_SIZE = 50


def create_school(db: Session, *, name: str, district: str, province: str) -> School:
    name, district, province = (" ".join(v.split()) for v in (name, district, province))
    exists = db.scalar(select(School).where(School.name == name, School.district == district))
    if exists:
        raise AccountError("school_exists", "name")
    school = School(name=name, district=district, province=province)
    db.add(school)
    db.commit()
    return school


def list_users(db: Session, *, role: Role | None, text: str, page: int) -> tuple[list[User], int]:
    query = select(User)
    if role is not None:
        query = query.where(User.role == role)
    if text:
        like = f"%{text.lower()}%"
        query = query.where(or_(User.username.like(like), func.lower(User.display_name).like(like)))
    total = db.scalar(select(func.count()).select_from(query.subquery()))
    users = db.scalars(
        query.options(selectinload(User.school))
        .order_by(User.role, User.username)
        .limit(PAGE_SIZE)
        .offset(max(page - 1, 0) * PAGE_SIZE)
    )
    return list(users), total


def set_active(db: Session, actor: User, user: User, active: bool) -> None:
    if user.id == actor.id and not active:
        raise AccountError("cannot_deactivate_self", "active")
    user.active = active
    if not active:
        user.end_all_sessions()
    db.commit()
