"""Translated labels for stored programme values, and helpers every template gets."""

from __future__ import annotations

from flask import url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from jlpt_app.programme import Role, Sector, Track

ROLE_LABELS = {
    Role.STUDENT: _l("Siswa"),
    Role.TEACHER: _l("Guru"),
    Role.ASSESSOR: _l("Penguji"),
    Role.COORDINATOR: _l("Koordinator"),
    Role.ADMIN: _l("Admin"),
}

TRACK_LABELS = {
    Track.XII_12M: _l("Kelas XII (12 bulan)"),
    Track.ALUMNI_3M: _l("Alumni (3 bulan)"),
}

SECTOR_LABELS = {
    Sector.CAREGIVING: _l("Perawatan lansia (kaigo)"),
    Sector.HOSPITALITY: _l("Perhotelan"),
    Sector.AGRICULTURE: _l("Pertanian dan perkebunan"),
    Sector.MANUFACTURING: _l("Manufaktur"),
    Sector.CONSTRUCTION: _l("Konstruksi"),
    Sector.FOOD_SERVICE: _l("Jasa makanan"),
}

COUNTRY_LABELS = {
    "JP": _l("Jepang"),
    "KR": _l("Korea Selatan"),
    "TW": _l("Taiwan"),
    "DE": _l("Jerman"),
    "NL": _l("Belanda"),
    "CO": _l("Kolombia"),
    "CA": _l("Kanada"),
    "US": _l("Amerika Serikat"),
}

LANGUAGE_LABELS = {"id": "Bahasa Indonesia", "en": "English"}

HOME_ENDPOINT = {
    Role.STUDENT: "student.home",
    Role.TEACHER: "teacher.home",
    Role.ASSESSOR: "assessor.home",
    Role.COORDINATOR: "coordinator.home",
    Role.ADMIN: "admin.home",
}


def home_url() -> str:
    if current_user.is_authenticated:
        return url_for(HOME_ENDPOINT[current_user.role])
    return url_for("auth.login")


def _label(table, value, fallback):
    if value is None:
        return fallback
    return table.get(value, value)


def template_helpers() -> dict:
    not_set = _l("Belum diisi")
    return {
        "role_label": lambda v: _label(ROLE_LABELS, v, not_set),
        "track_label": lambda v: _label(TRACK_LABELS, v, not_set),
        "sector_label": lambda v: _label(SECTOR_LABELS, v, not_set),
        "country_label": lambda v: _label(COUNTRY_LABELS, v, not_set),
        "language_labels": LANGUAGE_LABELS,
        "home_url": home_url,
        "get_locale": get_locale,
    }
