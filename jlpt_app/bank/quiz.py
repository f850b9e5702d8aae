"""The short check quiz at the end of a lesson (pure: data in, data out).

Questions come from the lesson's own words (meaning, 4 choices) and from the bank
questions the unit lists. The answer key is rebuilt on the server when the answers
come back, so it never has to travel to the browser."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from jlpt_app.grading import grade

WORD_QUESTIONS = 5


@dataclass(frozen=True)
class QuizQuestion:
    key: str  # form field name
    prompt_id: str  # what to do, in Indonesian
    ja: str  # Japanese shown (furigana notation), may be empty
    choices: tuple[str, ...] = ()
    answer: int = 0  # index into choices, for multiple choice
    accepted: tuple[str, ...] = ()  # for typed questions
    explanation_id: str = ""

    @property
    def typed(self) -> bool:
        return bool(self.accepted)


@dataclass(frozen=True)
class QuizResult:
    question: QuizQuestion
    given: str
    correct: bool
    score: float
    feedback: list[str] = field(default_factory=list)


def build_quiz(lesson_id: str, words: list[dict], questions: list[dict]) -> list[QuizQuestion]:
    rng = random.Random(lesson_id)  # the same quiz for the same lesson, every time
    quiz: list[QuizQuestion] = []
    meanings = [w["meaning_id"] for w in words]
    for n, word in enumerate(rng.sample(words, min(WORD_QUESTIONS, len(words)))):
        others = [m for m in meanings if m != word["meaning_id"]]
        choices = [word["meaning_id"], *rng.sample(others, min(3, len(others)))]
        rng.shuffle(choices)
        quiz.append(
            QuizQuestion(
                key=f"w{n}",
                prompt_id="Apa arti kata ini?",
                ja=word["word"]
                if word["word"] == word["reading"]
                else f"{word['word']}[{word['reading']}]",
                choices=tuple(choices),
                answer=choices.index(word["meaning_id"]),
                explanation_id=f"{word['word']} ({word['reading']}) = {word['meaning_id']}.",
            )
        )
    for n, q in enumerate(questions):
        quiz.append(
            QuizQuestion(
                key=f"q{n}",
                prompt_id=q.get("prompt_id", "Pilih jawaban yang paling tepat."),
                ja=q.get("ja", ""),
                choices=tuple(q.get("choices", ())),
                answer=int(q.get("answer", 1)) - 1,
                accepted=tuple(q.get("accepted", ())),
                explanation_id=q["explanation_id"],
            )
        )
    return quiz


def mark(quiz: list[QuizQuestion], answers: dict[str, str]) -> tuple[list[QuizResult], float]:
    """Mark the submitted answers; returns the results and the score 0..1."""
    results = []
    for q in quiz:
        given = (answers.get(q.key) or "").strip()
        if q.typed:
            if not given:
                results.append(QuizResult(q, given, False, 0.0))
                continue
            verdict = grade(given[:500], list(q.accepted))
            results.append(
                QuizResult(
                    q, given, verdict.correct, verdict.score, [i.message_id for i in verdict.issues]
                )
            )
        else:
            chosen = int(given) if given.isdigit() else -1
            right = chosen == q.answer
            shown = q.choices[chosen] if 0 <= chosen < len(q.choices) else ""
            results.append(QuizResult(q, shown, right, 1.0 if right else 0.0))
    score = sum(r.score for r in results) / len(results) if results else 0.0
    return results, round(score, 2)
