"""Demo data: a school, one account per role and a class of 30 generated students.

Idempotent: running it again finds what exists, resets the demo passwords and
adds nothing twice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from jlpt_app import passwords
from jlpt_app.models import Classroom, School, User
from jlpt_app.programme import DESTINATION_COUNTRIES, Role, Sector, Track
from jlpt_app.services.accounts import new_student

SCHOOL = {"name": "SMK Negeri Demo Vokasi", "district": "Lampung Timur", "province": "Lampung"}
CLASS_NAME = "XII TKJ 1"

STAFF = [
    ("admin", "Admin Program", Role.ADMIN),
    ("koordinator", "Rina Wulandari", Role.COORDINATOR),
    ("guru", "Bapak Hendra Saputra", Role.TEACHER),
    ("penguji", "Ibu Dewi Anggraini", Role.ASSESSOR),
]

# Common given names and family names in Lampung and across Java/Sumatra.
FIRST_NAMES = [
    "Agus",
    "Ahmad",
    "Andi",
    "Anisa",
    "Ayu",
    "Bagus",
    "Bayu",
    "Budi",
    "Citra",
    "Dani",
    "Dewi",
    "Dimas",
    "Eka",
    "Fajar",
    "Fitri",
    "Galih",
    "Hendra",
    "Indah",
    "Intan",
    "Joko",
    "Lestari",
    "Nur",
    "Putri",
    "Rahmat",
    "Rina",
    "Rizki",
    "Sari",
    "Siti",
    "Tri",
    "Wahyu",
    "Yoga",
    "Yuni",
]
LAST_NAMES = [
    "Saputra",
    "Pratama",
    "Wijaya",
    "Lestari",
    "Hidayat",
    "Kurniawan",
    "Rahmawati",
    "Setiawan",
    "Nugroho",
    "Anggraini",
    "Permata",
    "Ramadhan",
    "Susanti",
    "Firmansyah",
    "Maharani",
    "Utami",
    "Gunawan",
    "Puspita",
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: Role
    display_name: str


def _student_names(count: int) -> list[str]:
    rng = random.Random(2025)  # fixed: the same names on every machine
    names: list[str] = []
    while len(names) < count:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name not in names:
            names.append(name)
    return names


def _username_for(name: str, taken: set[str]) -> str:
    base = ".".join(name.lower().split())
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}{n}", n + 1
    taken.add(candidate)
    return candidate


def seed_demo(db: Session, password: str, hash_profile: str, today: date) -> list[DemoLogin]:
    password_hash = passwords.hash_password(password, hash_profile)
    school = db.scalar(
        select(School).where(School.name == SCHOOL["name"], School.district == SCHOOL["district"])
    )
    if school is None:
        school = School(**SCHOOL)
        db.add(school)
        db.flush()

    users: dict[str, User] = {
        u.username: u for u in db.scalars(select(User).where(User.school_id == school.id))
    }
    for username, display_name, role in STAFF:
        user = users.get(username) or db.scalar(select(User).where(User.username == username))
        if user is None:
            user = User(username=username, display_name=display_name, role=role)
            db.add(user)
        user.school_id = None if role in (Role.ADMIN, Role.COORDINATOR) else school.id
        user.password_hash = password_hash
        user.must_change_password = False
        user.active = True
        users[username] = user

    classroom = db.scalar(
        select(Classroom).where(Classroom.school_id == school.id, Classroom.name == CLASS_NAME)
    )
    if classroom is None:
        classroom = Classroom(school_id=school.id, name=CLASS_NAME, track=Track.XII_12M)
        db.add(classroom)
    if users["guru"] not in classroom.teachers:
        classroom.teachers.append(users["guru"])

    rng = random.Random(7)
    sectors = list(Sector)
    taken = {username for username, _name, _role in STAFF} | {"siswa"}
    roster = [("siswa", "Siti Nurhaliza")] + [
        (_username_for(n, taken), n) for n in _student_names(30)
    ]
    logins = [DemoLogin(u, r, n) for u, n, r in STAFF]
    for index, (username, name) in enumerate(roster):
        student = users.get(username)
        if student is None:
            born = date(today.year - 18, 1, 1) + timedelta(days=rng.randrange(0, 540))
            student = new_student(
                username=username,
                display_name=name,
                password_hash=password_hash,
                school_id=school.id,
                date_of_birth=born,
                track=Track.XII_12M,
                nisn=None,
                start_date=today - timedelta(weeks=6),
                must_change_password=False,
            )
            assert student.profile is not None
            # Most want Japan (the programme's focus); some keep other doors open.
            student.profile.destination_country = (
                "JP" if index % 5 else rng.choice(DESTINATION_COUNTRIES[1:4])
            )
            student.profile.job_sector = sectors[index % len(sectors)].value
            db.add(student)
        student.password_hash = password_hash
        student.must_change_password = False
        student.active = True
        if student not in classroom.students:
            classroom.students.append(student)
        if username == "siswa":
            logins.append(DemoLogin(username, Role.STUDENT, name))
    db.commit()
    return logins
