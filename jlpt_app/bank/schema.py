"""What each kind of entry must hold. Small hand-written checks: the rules are few,
and the messages must name the field in words a content writer understands."""

from __future__ import annotations

import re
from typing import Any

ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}$")
LEVELS = ("N5", "N4")
SECTORS = (
    "caregiving",
    "hospitality",
    "agriculture",
    "manufacturing",
    "construction",
    "food-service",
)
POS = (
    "noun",
    "pronoun",
    "verb-godan",
    "verb-ichidan",
    "verb-irregular",
    "i-adjective",
    "na-adjective",
    "adverb",
    "particle",
    "conjunction",
    "counter",
    "number",
    "expression",
    "prefix",
    "suffix",
    "interjection",
)
SECTIONS = ("vocabulary", "grammar", "reading", "listening", "migration")
MONDAI = {
    "vocabulary": (
        "kanji_reading",
        "orthography",
        "contextual",
        "paraphrase",
        "usage",
        "translation",
        "completion",
    ),
    "grammar": ("grammar_form", "composition", "text_grammar", "translation", "completion"),
    "reading": ("short", "mid", "info"),
    "listening": ("task", "point", "expression", "quick_response"),
    "migration": ("quiz",),  # safe-migration quiz, in Indonesian (prompt_id is the question)
}
LISTENING_MONDAI = MONDAI["listening"]
READING_KINDS = ("short", "mid", "info")

# kind -> (required fields, optional fields)
FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "vocab": (
        ("id", "word", "reading", "meaning_id", "meaning_en", "pos", "examples"),
        ("level", "sectors", "unit", "audio"),
    ),
    "kanji": (
        ("id", "level", "kanji", "onyomi", "kunyomi", "meaning_id", "meaning_en", "examples"),
        ("unit",),
    ),
    "grammar": (
        ("id", "level", "pattern", "formation", "explanation_id", "examples", "mistakes_id"),
        ("explanation_en", "unit"),
    ),
    "question": (
        ("id", "section", "mondai", "explanation_id"),
        (
            "level",
            "type",
            "ja",
            "choices",
            "answer",
            "accepted",
            "prompt_id",
            "skill",
            "grammar",
            "vocab",
            "sector",
            "unit",
            "passage",
            "listening",
        ),
    ),
    "reading": (("id", "level", "kind", "title_id", "ja"), ("unit",)),
    "listening": (("id", "level", "mondai", "ja", "audio"), ("voices", "unit", "title_id")),
    "phrase": (("id", "sector", "ja", "translation_id", "translation_en", "situation_id"), ()),
    "lesson": (("id", "order", "title_id", "body_id"), ("title_en",)),
    "unit": (("id", "order", "title_id", "title_en", "lessons"), ()),
}
KINDS = tuple(FIELDS)


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _text_list(value: Any, minimum: int = 0) -> bool:
    return isinstance(value, list) and len(value) >= minimum and all(_text(v) for v in value)


def _examples(value: Any, keys: tuple[str, ...], minimum: int) -> str | None:
    if not isinstance(value, list) or len(value) < minimum:
        return f"needs at least {minimum} example{'s' if minimum > 1 else ''}"
    for n, example in enumerate(value, start=1):
        if not isinstance(example, dict):
            return f"example {n} must be a table {{{', '.join(keys)}}}"
        for key in keys:
            if not _text(example.get(key)):
                return f"example {n}: missing {key}"
    return None


def check_entry(kind: str, data: dict[str, Any]) -> list[tuple[str, str]]:
    """Problems as (field, message); an empty list means the entry is well formed."""
    required, optional = FIELDS[kind]
    problems: list[tuple[str, str]] = []
    may_be_empty = {"onyomi", "kunyomi"}  # many kanji have no kun (or no on) reading
    for name in required:
        if name not in data or (data[name] in ("", [], None) and name not in may_be_empty):
            problems.append((name, f"missing field {name}"))
    for name in data:
        if name not in required and name not in optional:
            problems.append((name, f"unknown field {name}"))
    if problems:
        return problems

    def bad(field: str, message: str) -> None:
        problems.append((field, message))

    if not (isinstance(data["id"], str) and ID.match(data["id"])):
        bad("id", "id must be lower-case letters, digits and '-' (2-80 characters)")
    if "level" in data and data["level"] not in LEVELS:
        bad("level", f"level must be one of {', '.join(LEVELS)}")
    for name in (
        "meaning_id",
        "meaning_en",
        "explanation_id",
        "title_id",
        "body_id",
        "translation_id",
        "translation_en",
        "situation_id",
        "prompt_id",
        "pattern",
        "formation",
        "word",
        "reading",
        "ja",
    ):
        if name in data and not _text(data[name]):
            bad(name, f"{name} must be non-empty text")

    if kind == "vocab":
        if data["pos"] not in POS:
            bad("pos", f"pos must be one of {', '.join(POS)}")
        if "level" not in data and "sectors" not in data:
            bad("level", "a word needs a level (or sectors, for sector vocabulary)")
        for sector in data.get("sectors", []):
            if sector not in SECTORS:
                bad("sectors", f"unknown sector {sector!r}")
        msg = _examples(data["examples"], ("ja", "translation_id", "translation_en"), 1)
        if msg:
            bad("examples", msg)
    elif kind == "kanji":
        if not (isinstance(data["kanji"], str) and len(data["kanji"]) == 1):
            bad("kanji", "kanji must be a single character")
        if not _text_list(data["onyomi"]) or not _text_list(data["kunyomi"]):
            bad("onyomi", "onyomi and kunyomi must be lists of text")
        if not (data["onyomi"] or data["kunyomi"]):
            bad("onyomi", "a kanji needs at least one reading")
        msg = _examples(data["examples"], ("word", "reading", "meaning_id"), 1)
        if msg:
            bad("examples", msg)
    elif kind == "grammar":
        msg = _examples(data["examples"], ("ja", "translation_id", "translation_en"), 3)
        if msg:
            bad("examples", msg)
        if not _text_list(data["mistakes_id"], 1):
            bad("mistakes_id", "mistakes_id must list at least one typical mistake")
    elif kind == "question":
        _check_question(data, bad)
    elif kind == "reading":
        if data["kind"] not in READING_KINDS:
            bad("kind", f"kind must be one of {', '.join(READING_KINDS)}")
    elif kind == "listening":
        if data["mondai"] not in LISTENING_MONDAI:
            bad("mondai", f"mondai must be one of {', '.join(LISTENING_MONDAI)}")
        if not (isinstance(data["audio"], str) and data["audio"].endswith(".ogg")):
            bad("audio", "audio must be a path to an .ogg file under media/")
    elif kind == "phrase":
        if data["sector"] not in SECTORS:
            bad("sector", f"unknown sector {data['sector']!r}")
    elif kind == "lesson":
        if not isinstance(data["order"], int):
            bad("order", "order must be a whole number")
    elif kind == "unit":
        if not isinstance(data["order"], int):
            bad("order", "order must be a whole number")
        if not isinstance(data["lessons"], list) or not data["lessons"]:
            bad("lessons", "a unit needs at least one lesson")
        else:
            for n, lesson in enumerate(data["lessons"], start=1):
                if (
                    not isinstance(lesson, dict)
                    or not _text(lesson.get("id"))
                    or not _text(lesson.get("title_id"))
                ):
                    bad("lessons", f"lesson {n} needs an id and a title_id")
    return problems


def _check_question(data: dict[str, Any], bad) -> None:
    section = data["section"]
    if section not in SECTIONS:
        bad("section", f"section must be one of {', '.join(SECTIONS)}")
        return
    if data["mondai"] not in MONDAI[section]:
        bad("mondai", f"mondai for {section} must be one of {', '.join(MONDAI[section])}")
    if data.get("type", "choice") == "typed":
        if not _text_list(data.get("accepted"), 1):
            bad("accepted", "a typed question needs accepted = [at least one answer]")
        if not _text(data.get("prompt_id")):
            bad("prompt_id", "a typed question needs prompt_id (what to write, in Indonesian)")
        if "choices" in data or "answer" in data:
            bad("choices", "a typed question has accepted answers, not choices")
    elif data.get("type", "choice") == "choice":
        choices = data.get("choices")
        if not _text_list(choices) or not 2 <= len(choices) <= 4:
            bad("choices", "choices must list 2 to 4 answers")
        elif len(set(choices)) != len(choices):
            bad("choices", "two choices are the same")
        answer = data.get("answer")
        if not isinstance(answer, int) or not (choices and 1 <= answer <= len(choices)):
            bad("answer", "answer must be the number (1-based) of the right choice")
        if section in ("vocabulary", "grammar") and not _text(data.get("ja")):
            bad("ja", "a vocabulary or grammar question needs its sentence in ja")
    else:
        bad("type", 'type must be "choice" (the default) or "typed"')
    if section == "migration" and not _text(data.get("prompt_id")):
        bad("prompt_id", "a migration quiz question is written in prompt_id (Indonesian)")
    if section == "reading" and not data.get("passage"):
        bad("passage", "a reading question names its passage")
    if section == "listening" and not data.get("listening"):
        bad("listening", "a listening question names its listening script")
