"""Pages stay light for slow mobile data, load nothing from elsewhere and need no JavaScript."""

from __future__ import annotations

import re
from datetime import date

from benchmarks.page_weight import BUDGET, page_weight
from jlpt_app import db as dbmod
from jlpt_app.models import Classroom
from jlpt_app.passwords import hash_password
from jlpt_app.programme import Track
from jlpt_app.services.accounts import new_student
from tests.conftest import DASHBOARDS, login


def _fill_class(app, world, n: int = 40) -> None:
    """A realistic class size, so the teacher's pages are weighed full."""
    with app.app_context():
        s = dbmod.session()
        room = s.get(Classroom, world.class_a)
        pw = hash_password("x" * 10, "fast")
        for i in range(n):
            room.students.append(
                new_student(
                    username=f"murid{i:02d}",
                    display_name=f"Murid Nomor {i:02d}",
                    password_hash=pw,
                    school_id=world.school_a,
                    date_of_birth=date(2008, 1, 1),
                    track=Track.XII_12M,
                    nisn=None,
                    start_date=date(2026, 7, 13),
                )
            )
        s.commit()


def test_login_and_every_dashboard_weigh_under_60_kb(app, world):
    _fill_class(app, world)
    weights = {"/login": page_weight(app.test_client(), "/login")[0]}  # (bytes, gzip bytes)
    for username, url in DASHBOARDS.items():
        c = app.test_client()
        login(c, username)
        weights[url] = page_weight(c, url)[0]
    c = app.test_client()
    login(c, "guru")
    weights["class page"] = page_weight(c, f"/teacher/classes/{world.class_a}")[0]
    print({k: f"{v / 1024:.1f} KB" for k, v in weights.items()})
    assert all(w < BUDGET for w in weights.values()), weights


def test_pages_use_no_cdn_no_inline_script_and_fit_phones(app, world):
    urls = ["/login", "/register"]
    for username, home in DASHBOARDS.items():
        c = app.test_client()
        login(c, username)
        html = c.get(home).get_data(as_text=True)
        urls.append(home)
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
        assert not re.search(r'(?:src|href)="(?:https?:)?//', html), home
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), home  # no inline script
        assert not re.search(r"\son[a-z]+=", html), home  # no inline handlers
        assert "style=" not in html, home  # CSP forbids inline styles
    assert len(urls) == 7


def test_navigation_is_plain_links_and_forms(app, world):
    """Every action is an <a href> or a <form>: the app works with JavaScript off."""
    c = app.test_client()
    login(c, "guru")
    html = c.get(f"/teacher/classes/{world.class_a}").get_data(as_text=True)
    assert 'href="/teacher/students/' in html
    assert f'action="/teacher/classes/{world.class_a}/students"' in html
    assert "<script" not in html
