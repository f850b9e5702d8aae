"""The grader against the corpus in tests/grading/corpus/*.toml (real fugashi + unidic-lite).

Each case: answer, accepted answers, verdict ("correct" | "mistake" | "unrelated")
and, for a mistake, the issue kind the grader must name.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from jlpt_app.grading import ISSUE_KINDS, grade

CORPUS = Path(__file__).parent / "corpus"

# Known limits, documented in docs/grading.md. strict: when one starts to pass,
# the run fails until it is taken off this list.
KNOWN_LIMITS = {
    "n4_grammar-87": "時 for a word the accepted answer writes in kana (とき): read じ",
    "n5_grammar-238": "irregular いい/よい: いかった is not recognised as a form of よい",
    "n5_grammar-267": "irregular 来る: くりました is not recognised as a form of 来る",
    "sectors_agriculture-87": "kana-only verb in the accepted answer: まかない read as a noun",
    "sectors_manufacturing-85": "okurigana variant 終りました (for 終わりました) not accepted",
}


def load_cases() -> list[pytest.param]:
    cases = []
    for path in sorted(CORPUS.glob("*.toml")):
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for index, case in enumerate(data.get("case", []), start=1):
            case_id = f"{path.stem}-{index}"
            marks = []
            if case_id in KNOWN_LIMITS:
                marks = [pytest.mark.xfail(reason=KNOWN_LIMITS[case_id], strict=True)]
            cases.append(pytest.param(case, id=case_id, marks=marks))
    return cases


CASES = load_cases()


def test_corpus_is_large_and_covers_every_kind():
    assert len(CASES) >= 400
    assert len(KNOWN_LIMITS) <= len(CASES) // 100  # at least 99% must pass
    kinds = {c.values[0]["kind"] for c in CASES if c.values[0]["verdict"] == "mistake"}
    assert kinds == set(ISSUE_KINDS)


@pytest.mark.parametrize("case", CASES)
def test_case(case):
    g = grade(case["answer"], case["accepted"])
    found = [(i.kind, i.expected, i.got) for i in g.issues]
    if case["verdict"] == "correct":
        assert g.correct and g.score == 1.0 and not g.issues, found
        assert g.matched in case["accepted"]
    elif case["verdict"] == "mistake":
        assert not g.correct and 0.0 < g.score < 1.0, (g.score, found)
        assert case["kind"] in {i.kind for i in g.issues}, found
        for i in g.issues:
            assert i.message_id and i.message_en
    else:
        assert not g.correct and g.score <= 0.25, (g.score, found)
