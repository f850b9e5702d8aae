"""What the grader returns."""

from __future__ import annotations

from dataclasses import dataclass, field

ISSUE_KINDS = (
    "particle",
    "conjugation",
    "tense",
    "polarity",
    "politeness",
    "word",
    "missing",
    "extra",
    "order",
    "script",
    "typo",
)

# How much of the credit each kind of mistake costs.
PENALTY = {
    "typo": 0.15,
    "script": 0.1,
    "politeness": 0.2,
    "extra": 0.2,
    "order": 0.25,
    "particle": 0.3,
    "conjugation": 0.3,
    "tense": 0.35,
    "polarity": 0.4,
    "word": 0.45,
    "missing": 0.45,
}


@dataclass(frozen=True, slots=True)
class Issue:
    kind: str  # one of ISSUE_KINDS
    expected: str | None
    got: str | None
    message_id: str
    message_en: str
    detail: str = ""  # a finer label, e.g. "long_vowel" for a typo


@dataclass(frozen=True)
class Grade:
    correct: bool
    score: float
    issues: list[Issue] = field(default_factory=list)
    matched: str = ""  # the accepted answer this was judged against
    needs_review: bool = False
    reading: str = ""  # the answer's comparison key (hiragana), for teachers and debugging

    def to_dict(self) -> dict:
        return {
            "correct": self.correct,
            "score": self.score,
            "matched": self.matched,
            "needs_review": self.needs_review,
            "issues": [
                {
                    "kind": i.kind,
                    "expected": i.expected,
                    "got": i.got,
                    "message_id": i.message_id,
                    "message_en": i.message_en,
                }
                for i in self.issues
            ],
        }
