"""Grade typed Japanese short answers (pure: no Flask, no database).

    from jlpt_app.grading import grade
    g = grade("わたしは がくせいです", ["私[わたし]は学生[がくせい]です。"])
    g.correct, g.score, g.issues, g.matched, g.needs_review

See docs/grading.md for the algorithm and its limits.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from jlpt_app.grading.compare import diagnose, exact_match, phrase_order, plan, script_issues
from jlpt_app.grading.normalize import MAX_ANSWER_LENGTH
from jlpt_app.grading.reading import AnswerReading, read_answers
from jlpt_app.grading.target import build_target
from jlpt_app.grading.verdict import ISSUE_KINDS, PENALTY, Grade, Issue

__all__ = ["ISSUE_KINDS", "Grade", "Issue", "grade", "AnswerTooLong"]


class AnswerTooLong(ValueError):
    """Answers are short; anything longer than MAX_ANSWER_LENGTH is refused, not graded."""

    message_id = f"Jawaban terlalu panjang (maksimal {MAX_ANSWER_LENGTH} karakter)."
    message_en = f"The answer is too long (at most {MAX_ANSWER_LENGTH} characters)."

    def __init__(self) -> None:
        super().__init__(self.message_en)


def _score(issues: list[Issue], similarity: float) -> float:
    if similarity < 0.35:
        return round(similarity * 0.25, 2)  # unrelated: near zero
    credit = 1.0
    for found in issues:
        credit -= PENALTY[found.kind]
    # Never full credit for a wrong answer; a near miss keeps some credit.
    return round(min(0.95, max(0.05, credit * min(1.0, similarity + 0.2))), 2)


def _needs_review(issues: list[Issue], similarity: float, guessed: bool, unknown: bool) -> bool:
    """Not sure enough to let a machine decide an exam mark alone."""
    kinds = {i.kind for i in issues}
    if similarity < 0.35:
        return False  # clearly unrelated
    return (
        guessed
        or unknown
        or len(issues) >= 3
        or bool(kinds & {"word", "extra", "missing"})  # may be another right wording
        or similarity < 0.6
    )


@lru_cache(maxsize=65536)
def judge(source: str, romaji: bool, key: str, origin: str) -> tuple[tuple[Issue, ...], float]:
    """(issues, similarity) of one answer reading against one accepted answer.

    Cached: many spellings share a reading (kana, spaced, romaji in any width), and in
    a class or an exam hall many students type the very same wrong answer."""
    p = plan(source, romaji)
    reading = AnswerReading("", key, origin, romaji, False, False)
    order = phrase_order(key, p)
    if key and exact_match(key, p, order):
        return tuple(script_issues(reading, p, order)), 1.0
    issues, similarity = diagnose(reading, p, order)
    return tuple(issues), similarity


def grade(answer: str, accepted: Sequence[str]) -> Grade:
    """Judge `answer` against every accepted answer; the best judgement wins."""
    if not accepted:
        raise ValueError("at least one accepted answer is needed")
    if len(answer) > MAX_ANSWER_LENGTH:
        raise AnswerTooLong
    best: Grade | None = None
    for source in accepted:
        target = build_target(source)
        for reading in read_answers(answer, target):
            issues, similarity = judge(source, reading.romaji, reading.key, reading.origin)
            if not issues:
                return Grade(True, 1.0, [], source, False, reading.key)
            review = similarity < 1.0 and _needs_review(
                list(issues), similarity, reading.guessed, reading.unknown
            )
            candidate = Grade(
                False, _score(list(issues), similarity), list(issues), source, review, reading.key
            )
            if best is None or candidate.score > best.score:
                best = candidate
    assert best is not None
    return best
