"""Typed SQLAlchemy models, one module per domain. Import them from here."""

from jlpt_app.models.bank import BankItem
from jlpt_app.models.classroom import Classroom, classroom_students, classroom_teachers
from jlpt_app.models.progress import LessonProgress
from jlpt_app.models.school import School
from jlpt_app.models.user import StudentProfile, User

__all__ = [
    "BankItem",
    "Classroom",
    "LessonProgress",
    "School",
    "StudentProfile",
    "User",
    "classroom_students",
    "classroom_teachers",
]
