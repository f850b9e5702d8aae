"""Every visible string is translatable, and English really is available."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import jlpt_app
from tests.conftest import login

PACKAGE = Path(jlpt_app.__file__).parent
TEMPLATES = PACKAGE / "web" / "templates"
EN_CATALOG = PACKAGE / "translations" / "en" / "LC_MESSAGES" / "messages.po"
# Attributes whose values people read.
READABLE_ATTRIBUTES = {"placeholder", "title", "alt", "aria-label"}
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
# Text that needs no translation: the brand name, numbers and punctuation.
BRAND = ("Nihongo Vokasi", "日本語", "Vokasi")
NOT_WORDS = re.compile(r"^[\s\d.,:;·—–()/%+\-|]*$")


def _needs_translation(text: str) -> bool:
    for name in BRAND:
        text = text.replace(name, "")
    return not NOT_WORDS.match(text)


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in READABLE_ATTRIBUTES and value and value.strip():
                self.found.append(value.strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.found.append(data.strip())


def untranslated_text(template_source: str) -> list[str]:
    parser = _Visible()
    # Replace Jinja with a space: what is left is literal text that reaches the page.
    parser.feed(JINJA.sub(" ", template_source))
    return [t for t in parser.found if _needs_translation(t)]


def test_the_check_catches_literal_text():
    assert untranslated_text("<p>Halo {{ name }}</p>") == ["Halo"]
    assert untranslated_text('<input placeholder="Cari nama">') == ["Cari nama"]
    assert untranslated_text("<p>{{ _('Halo') }}</p><script>var x = 1;</script>") == []


def test_templates_hold_no_untranslated_text():
    offenders = {}
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = untranslated_text(path.read_text(encoding="utf-8"))
        if text:
            offenders[str(path.relative_to(TEMPLATES))] = text
    assert not offenders, offenders


def test_every_message_has_an_english_translation():
    with EN_CATALOG.open("rb") as fh:
        catalog = read_po(fh)
    extracted = set()
    method_map = [("jlpt_app/**.py", "python"), ("jlpt_app/web/templates/**.html", "jinja2")]
    root = PACKAGE.parent
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(root),
        method_map=method_map,
        keywords={"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)},
    ):
        extracted.add(message if isinstance(message, str) else message[0])
    missing = sorted(m for m in extracted if not (catalog.get(m) and catalog.get(m).string))
    assert not missing, f"add these to {EN_CATALOG} and run pybabel compile: {missing}"


def test_compiled_catalogue_matches_the_po_file(app):
    """The .mo the app loads must be compiled from the current .po."""
    from flask_babel import force_locale, gettext

    with EN_CATALOG.open("rb") as fh:
        catalog = read_po(fh)
    with app.test_request_context(), force_locale("en"):
        for message in catalog:
            if message.id and isinstance(message.id, str) and "%(" not in message.id:
                assert gettext(message.id) == message.string, message.id


def test_indonesian_by_default_and_english_on_request(client, world):
    assert "Masuk" in client.get("/login").get_data(as_text=True)
    client.post("/language", data={"locale": "en"})
    page = client.get("/login").get_data(as_text=True)
    assert "Sign in" in page and '<html lang="en">' in page


def test_language_is_remembered_per_user(app, world):
    c = app.test_client()
    login(c, "guru")
    c.post("/language", data={"locale": "en"})
    assert '<html lang="en">' in c.get("/teacher/").get_data(as_text=True)
    other = app.test_client()  # a new device: the choice follows the account
    login(other, "guru")
    assert '<html lang="en">' in other.get("/teacher/").get_data(as_text=True)
    assert '<html lang="id">' in _student_page(app)


def _student_page(app) -> str:
    c = app.test_client()
    login(c, "siswa")
    return c.get("/student/").get_data(as_text=True)


def test_unknown_language_is_ignored(client, world):
    client.post("/language", data={"locale": "xx"})
    assert '<html lang="id">' in client.get("/login").get_data(as_text=True)
