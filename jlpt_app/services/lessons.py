"""The course a student browses: areas -> units -> lessons, and lesson progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from jlpt_app.models import BankItem, LessonProgress

AREAS = ("n5", "n4", "sec")  # unit ids start with their area: n5-u01, sec-caregiving
PASS_SCORE = 0.6


@dataclass(frozen=True)
class Lesson:
    id: str
    title_id: str
    unit_id: str
    unit_title: str
    vocab: list[dict]
    kanji: list[dict]
    grammar: list[dict]
    phrases: list[dict]
    quiz: list[dict]


def units(db: Session, area: str) -> list[dict]:
    rows = db.scalars(
        select(BankItem).where(
            BankItem.kind == "unit", BankItem.retired.is_(False), BankItem.id.like(f"{area}-%")
        )
    )
    return sorted((r.data for r in rows), key=lambda d: d["order"])


def _items(db: Session, ids: list[str]) -> list[dict]:
    if not ids:
        return []
    found = {
        r.id: r.data
        for r in db.scalars(
            select(BankItem).where(BankItem.id.in_(ids), BankItem.retired.is_(False))
        )
    }
    return [found[i] for i in ids if i in found]


def lesson(db: Session, area: str, lesson_id: str) -> Lesson | None:
    for unit in units(db, area):
        for item in unit["lessons"]:
            if item["id"] == lesson_id:
                return Lesson(
                    id=lesson_id,
                    title_id=item["title_id"],
                    unit_id=unit["id"],
                    unit_title=unit["title_id"],
                    vocab=_items(db, item.get("vocab", [])),
                    kanji=_items(db, item.get("kanji", [])),
                    grammar=_items(db, item.get("grammar", [])),
                    phrases=_items(db, item.get("phrases", [])),
                    quiz=_items(db, item.get("quiz", [])),
                )
    return None


def progress_of(db: Session, user_id: int) -> dict[str, LessonProgress]:
    rows = db.scalars(select(LessonProgress).where(LessonProgress.user_id == user_id))
    return {r.lesson_id: r for r in rows}


def mark_opened(db: Session, user_id: int, lesson_id: str) -> None:
    if db.get(LessonProgress, (user_id, lesson_id)) is None:
        db.add(LessonProgress(user_id=user_id, lesson_id=lesson_id))
        db.commit()


def record_quiz(db: Session, user_id: int, lesson_id: str, score: float) -> LessonProgress:
    row = db.get(LessonProgress, (user_id, lesson_id))
    if row is None:
        row = LessonProgress(user_id=user_id, lesson_id=lesson_id)
        db.add(row)
    row.attempts = (row.attempts or 0) + 1
    row.best_score = max(row.best_score or 0.0, score)
    if score >= PASS_SCORE and row.completed_at is None:
        row.completed_at = datetime.now(UTC)
    db.commit()
    return row


def migration_lessons(db: Session) -> list[dict]:
    rows = db.scalars(
        select(BankItem).where(BankItem.kind == "lesson", BankItem.retired.is_(False))
    )
    return sorted((r.data for r in rows), key=lambda d: d["order"])


def migration_quiz(db: Session) -> list[dict]:
    rows = db.scalars(
        select(BankItem).where(BankItem.kind == "question", BankItem.retired.is_(False))
    )
    return sorted(
        (r.data for r in rows if r.data.get("section") == "migration"), key=lambda d: d["id"]
    )
