"""Programme vocabulary shared by models, forms and reports (pure: no Flask, no DB).

The values are stored in the database, so they are stable English slugs; the
labels people read are translated in the web layer.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class Role(StrEnum):
    STUDENT = "student"
    TEACHER = "teacher"
    ASSESSOR = "assessor"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class Track(StrEnum):
    """The two Kelas Migran Vokasi segments."""

    XII_12M = "xii-12m"  # year-XII SMK students, 12 months of training
    ALUMNI_3M = "alumni-3m"  # SMK alumni, 3-month intensive

    @property
    def months(self) -> int:
        return 12 if self is Track.XII_12M else 3


class Level(StrEnum):
    N5 = "N5"
    N4 = "N4"


class Sector(StrEnum):
    """Job sectors of the Specified Skilled Worker route that the programme teaches."""

    CAREGIVING = "caregiving"
    HOSPITALITY = "hospitality"
    AGRICULTURE = "agriculture"
    MANUFACTURING = "manufacturing"
    CONSTRUCTION = "construction"
    FOOD_SERVICE = "food-service"


# ISO 3166 alpha-2 codes of the destinations the ministry names as its focus.
DESTINATION_COUNTRIES = ("JP", "KR", "TW", "DE", "NL", "CO", "CA", "US")

MINOR_AGE = 18


def age_on(date_of_birth: date, today: date) -> int:
    """Whole years of age on `today`."""
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - before_birthday


def parse_track(text: str) -> Track | None:
    """Read a track the way teachers write it in a spreadsheet."""
    key = " ".join(text.strip().lower().replace("_", "-").split())
    aliases = {
        "xii-12m": Track.XII_12M,
        "xii": Track.XII_12M,
        "kelas xii": Track.XII_12M,
        "12m": Track.XII_12M,
        "12 bulan": Track.XII_12M,
        "alumni-3m": Track.ALUMNI_3M,
        "alumni": Track.ALUMNI_3M,
        "3m": Track.ALUMNI_3M,
        "3 bulan": Track.ALUMNI_3M,
    }
    return aliases.get(key)
