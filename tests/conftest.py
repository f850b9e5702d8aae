"""Fixtures: a fresh database per test, on SQLite by default or on DATABASE_URL when set.

With DATABASE_URL (CI sets it to a real PostgreSQL), the schema is created once
per run and every table is emptied before each test, which is as fresh as a new
database and much faster than creating one.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import selectinload

from jlpt_app import create_app
from jlpt_app import db as dbmod
from jlpt_app.db import Base, make_engine
from jlpt_app.models import Classroom, School, User
from jlpt_app.passwords import hash_password
from jlpt_app.programme import Role, Track
from jlpt_app.services.accounts import new_student

EXTERNAL_DB = os.environ.get("DATABASE_URL")
PASSWORD = "kata-sandi-uji"
# Each test account's home page after signing in.
DASHBOARDS = {
    "siswa": "/student/",
    "guru": "/teacher/",
    "penguji": "/assessor/",
    "koordinator": "/coordinator/",
    "admin": "/admin/",
}


def backend_name() -> str:
    return make_url(EXTERNAL_DB).get_backend_name() if EXTERNAL_DB else "sqlite"


@contextmanager
def scratch_database(tmp_path) -> Iterator[str]:
    """An empty database URL of the suite's backend, for migration and CLI tests."""
    if not EXTERNAL_DB:
        yield f"sqlite:///{tmp_path / f'scratch-{uuid.uuid4().hex}.sqlite3'}"
        return
    url = make_url(EXTERNAL_DB)
    if url.get_backend_name() != "postgresql":
        pytest.skip("scratch databases are implemented for SQLite and PostgreSQL")
    schema = f"scratch_{uuid.uuid4().hex[:12]}"
    admin = make_engine(EXTERNAL_DB)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    # psycopg passes "options" to the server: this connection sees only the new schema.
    scratch = url.update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield scratch.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def external_schema() -> Iterator[None]:
    if EXTERNAL_DB:
        engine = make_engine(EXTERNAL_DB)
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        Base.metadata.drop_all(engine)
        Base.metadata.create_all(engine)
        engine.dispose()
    yield


def _empty_all_tables(engine) -> None:
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


def make_test_app(tmp_path, **overrides):
    url = EXTERNAL_DB or f"sqlite:///{tmp_path / 'test.sqlite3'}"
    config = {
        "TESTING": True,
        "DATABASE_URL": url,
        "SECRET_KEY": "test-secret-key",
        "PASSWORD_HASH_PROFILE": "fast",
        "WTF_CSRF_ENABLED": False,
    }
    config.update(overrides)
    app = create_app(config)
    engine = app.extensions["db_engine"]
    if EXTERNAL_DB:
        _empty_all_tables(engine)
    else:
        Base.metadata.create_all(engine)
    return app


@pytest.fixture
def app(tmp_path, external_schema):
    app = make_test_app(tmp_path)
    yield app
    app.extensions["db_engine"].dispose()


@pytest.fixture
def csrf_app(tmp_path, external_schema):
    """The app with CSRF checks on, as in production."""
    app = make_test_app(tmp_path, WTF_CSRF_ENABLED=True)
    yield app
    app.extensions["db_engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@dataclass
class World:
    """Two schools, each with a teacher, a class and students; one account per other role."""

    school_a: int
    school_b: int
    class_a: int
    class_b: int
    student_a: int  # in class_a (taught by guru)
    victim_a: int  # also in class_a; the access walk may reset or deactivate it
    student_b: int  # in class_b (taught by guru2)
    teacher_a: int
    teacher_b: int


def add_world(app) -> World:
    with app.app_context():
        s = dbmod.session()
        pw = hash_password(PASSWORD, "fast")
        school_a = School(name="SMK Negeri 1 Uji", district="Lampung Timur", province="Lampung")
        school_b = School(name="SMK Negeri 2 Uji", district="Lampung Tengah", province="Lampung")
        s.add_all([school_a, school_b])
        s.flush()

        def staff(username: str, role: Role, school: School | None) -> User:
            user = User(
                username=username,
                display_name=username.title(),
                role=role,
                password_hash=pw,
                school_id=school.id if school else None,
            )
            s.add(user)
            return user

        staff("admin", Role.ADMIN, None)
        staff("koordinator", Role.COORDINATOR, None)
        staff("penguji", Role.ASSESSOR, school_a)
        guru = staff("guru", Role.TEACHER, school_a)
        guru2 = staff("guru2", Role.TEACHER, school_b)

        def student(username: str, school: School, born: date) -> User:
            user = new_student(
                username=username,
                display_name=username.title(),
                password_hash=pw,
                school_id=school.id,
                date_of_birth=born,
                track=Track.XII_12M,
                nisn=None,
                start_date=date(2026, 7, 13),
                must_change_password=False,
            )
            s.add(user)
            return user

        siswa = student("siswa", school_a, date(2008, 4, 2))
        victim = student("korban", school_a, date(2008, 9, 30))
        siswa2 = student("siswa2", school_b, date(2008, 1, 15))
        class_a = Classroom(school_id=school_a.id, name="XII TKJ 1", track=Track.XII_12M)
        class_a.teachers.append(guru)
        class_a.students.extend([siswa, victim])
        class_b = Classroom(school_id=school_b.id, name="XII TKR 2", track=Track.XII_12M)
        class_b.teachers.append(guru2)
        class_b.students.append(siswa2)
        s.add_all([class_a, class_b])
        s.commit()
        return World(
            school_a=school_a.id,
            school_b=school_b.id,
            class_a=class_a.id,
            class_b=class_b.id,
            student_a=siswa.id,
            victim_a=victim.id,
            student_b=siswa2.id,
            teacher_a=guru.id,
            teacher_b=guru2.id,
        )


@pytest.fixture
def world(app) -> World:
    return add_world(app)


def login(client, username: str, password: str = PASSWORD):
    return client.post("/login", data={"username": username, "password": password})


@pytest.fixture
def as_role(app, world):
    """as_role('guru') -> a test client signed in as that user."""

    def make(username: str):
        c = app.test_client()
        response = login(c, username)
        assert response.status_code == 302, response.data[:500]
        return c

    return make


def get_user(app, username: str) -> User:
    with app.app_context():
        query = select(User).options(selectinload(User.profile)).where(User.username == username)
        return dbmod.session().scalars(query).one()


COURSE_FILES = {
    "n5/vocab/a.toml": """
[[vocab]]
id = "n5-v-taberu"
word = "食べる"
reading = "たべる"
meaning_id = "makan"
meaning_en = "to eat"
pos = "verb-ichidan"
examples = [{ ja = "パンを食[た]べます。", translation_id = "Saya makan roti.", translation_en = "I eat bread." }]

[[vocab]]
id = "n5-v-nomu"
word = "飲む"
reading = "のむ"
meaning_id = "minum"
meaning_en = "to drink"
pos = "verb-godan"
examples = [{ ja = "水[みず]を飲[の]みます。", translation_id = "Saya minum air.", translation_en = "I drink water." }]

[[vocab]]
id = "n5-v-mizu"
word = "水"
reading = "みず"
meaning_id = "air"
meaning_en = "water"
pos = "noun"
examples = [{ ja = "水[みず]をください。", translation_id = "Minta air.", translation_en = "Water, please." }]

[[vocab]]
id = "n5-v-pan"
word = "パン"
reading = "パン"
meaning_id = "roti"
meaning_en = "bread"
pos = "noun"
examples = [{ ja = "パンを買[か]います。", translation_id = "Saya membeli roti.", translation_en = "I buy bread." }]
""",
    "n5/questions/q.toml": """
[[question]]
id = "n5-q-0001"
section = "grammar"
mondai = "translation"
type = "typed"
prompt_id = "Tulis dalam bahasa Jepang: Saya makan roti."
accepted = ["パンを食[た]べます。"]
explanation_id = "を menandai objek: パン."
""",
    "n5/units.toml": """
[[unit]]
id = "n5-u01"
order = 1
title_id = "Makan dan minum"
title_en = "Eating and drinking"
lessons = [
  { id = "n5-u01-l01", title_id = "Kata kerja makan", vocab = ["n5-v-taberu", "n5-v-nomu", "n5-v-mizu", "n5-v-pan"], quiz = ["n5-q-0001"] },
]
""",
    "migration/lessons.toml": '''
[[lesson]]
id = "mig-l-01"
order = 1
title_id = "Jalur penempatan resmi"
body_id = """
Paragraf satu.

Paragraf dua.
"""

[[question]]
id = "mig-q-01"
section = "migration"
mondai = "quiz"
prompt_id = "Jalur mana yang resmi?"
choices = ["G2G", "Visa turis"]
answer = 1
explanation_id = "G2G adalah jalur resmi; visa turis tidak boleh untuk bekerja."
''',
}


def add_course(app, tmp_path) -> None:
    """A tiny course (one unit, one lesson, a migration lesson) loaded into the database."""
    from jlpt_app.bank import load_bank
    from jlpt_app.services.bank import load_into_db

    root = tmp_path / "course" / "question_bank"
    for name, content in COURSE_FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    bank = load_bank(root)
    assert not bank.problems, bank.problems
    media = tmp_path / "course" / "media"
    (media / "vocab").mkdir(parents=True)
    (media / "vocab" / "n5-v-taberu.ogg").write_bytes(b"OggS-test")
    app.config["MEDIA_ROOT"] = str(media)
    with app.app_context():
        load_into_db(dbmod.session(), bank)
