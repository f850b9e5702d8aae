"""Weigh the login page and every role's dashboard as a phone on slow data receives them.

    .venv/bin/python benchmarks/page_weight.py

Seeds the demo data (30-student class) and loads the question bank into a temporary
SQLite database, signs in as
each demo account and adds up the HTML plus every stylesheet, script and image it
links (fonts excluded; there are none). Prints a table, writes
docs/benchmarks/page-weight.json, and prints that JSON as its last line.
The budget from issue 2 is 60 KB uncompressed per page.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src|img[^>]+src)="([^"]+)"')
BUDGET = 60 * 1024


def page_weight(client, url: str) -> tuple[int, int]:
    """(uncompressed, gzip) bytes of the page and the assets it links."""
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    bodies = [response.data]
    for asset in ASSET.findall(response.get_data(as_text=True)):
        bodies.append(client.get(asset).data)
    return sum(map(len, bodies)), sum(len(gzip.compress(b)) for b in bodies)


def main() -> None:
    from jlpt_app import create_app
    from jlpt_app import db as dbmod
    from jlpt_app.bank import load_bank
    from jlpt_app.db import Base
    from jlpt_app.services.bank import load_into_db
    from jlpt_app.services.demo import seed_demo

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{tmp}/weight.sqlite3",
                "SECRET_KEY": "benchmark",
                "PASSWORD_HASH_PROFILE": "fast",
            }
        )
        Base.metadata.create_all(app.extensions["db_engine"])
        with app.app_context():
            seed_demo(dbmod.session(), "demo12345", "fast", date.today())
            # The real course, so that lesson pages are weighed with their content.
            load_into_db(dbmod.session(), load_bank(ROOT / "question_bank"))

        pages = {"login": (None, "/login")}
        pages.update(
            {
                "student dashboard": ("siswa", "/student/"),
                "teacher dashboard": ("guru", "/teacher/"),
                "teacher class page (31 students)": ("guru", "/teacher/classes/1"),
                "assessor dashboard": ("penguji", "/assessor/"),
                "coordinator dashboard": ("koordinator", "/coordinator/"),
                "admin dashboard": ("admin", "/admin/"),
                "N5 lesson (12 words, grammar, quiz)": ("siswa", "/learn/n5/n5-l001"),
                "N4 lesson": ("siswa", "/learn/n4/n4-l001"),
            }
        )
        results = {}
        for name, (username, url) in pages.items():
            client = app.test_client()
            if username:
                token = re.search(
                    r'name="csrf_token" type="hidden" value="([^"]+)"',
                    client.get("/login").get_data(as_text=True),
                ).group(1)
                client.post(
                    "/login",
                    data={"username": username, "password": "demo12345", "csrf_token": token},
                )
            raw, packed = page_weight(client, url)
            results[name] = {"url": url, "bytes": raw, "gzip_bytes": packed}
        app.extensions["db_engine"].dispose()

    print(f"{'page':<38} {'KB':>6} {'gzip KB':>8}  budget 60 KB")
    for name, r in results.items():
        flag = "ok" if r["bytes"] < BUDGET else "OVER"
        print(f"{name:<38} {r['bytes'] / 1024:6.1f} {r['gzip_bytes'] / 1024:8.1f}  {flag}")
    out = {"budget_bytes": BUDGET, "pages": results}
    target = ROOT / "docs" / "benchmarks" / "page-weight.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(out, indent=2) + "\n")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
