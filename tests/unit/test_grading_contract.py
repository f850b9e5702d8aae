"""The grader's contract, normalisation, and robustness on arbitrary input."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jlpt_app.grading import ISSUE_KINDS, AnswerTooLong, Grade, grade
from jlpt_app.grading.analyse import tagger
from jlpt_app.grading.normalize import (
    fold,
    number_to_kanji,
    romaji_to_kana,
    romaji_variants,
    widths,
)
from jlpt_app.grading.target import build_target, parse_furigana

GAKUSEI = ["私[わたし]は学生[がくせい]です。"]
ASA = ["毎朝[まいあさ]ご飯[ごはん]を食[た]べます。"]


def test_grade_has_the_documented_shape():
    g = grade("わたしは がくせいです", GAKUSEI)
    assert isinstance(g, Grade)
    assert (g.correct, g.score, g.issues, g.matched, g.needs_review) == (
        True,
        1.0,
        [],
        GAKUSEI[0],
        False,
    )


def test_issue_fields_name_the_mistake_in_both_languages():
    g = grade("まいあさ ごはんに たべます", ASA)
    assert not g.correct and 0 < g.score < 1
    (found,) = g.issues
    assert found.kind == "particle" and found.kind in ISSUE_KINDS
    assert (found.expected, found.got) == ("を", "に")
    assert found.message_id == "Partikel salah: gunakan を, bukan に."
    assert found.message_en == "Wrong particle: use を, not に."


def test_best_of_several_accepted_answers_is_matched():
    accepted = ["学校[がっこう]へ行[い]きます。", "学校[がっこう]に行[い]きます。"]
    g = grade("gakkou ni ikimasu", accepted)
    assert g.correct and g.matched == accepted[1]


def test_score_is_one_only_when_correct():
    for answer in ["まいあさごはんをたべました", "ごはんをたべます", "まいあさごはんおたべます"]:
        g = grade(answer, ASA)
        assert not g.correct and g.score < 1.0


def test_answers_over_500_characters_are_refused_with_a_clear_message():
    with pytest.raises(AnswerTooLong) as info:
        grade("あ" * 501, GAKUSEI)
    assert "500" in info.value.message_id and "500" in info.value.message_en
    assert grade("あ" * 500, GAKUSEI).score < 0.25


def test_markup_is_just_text():
    g = grade("<script>alert('x')</script>", GAKUSEI)
    assert not g.correct and g.score <= 0.25


def test_no_accepted_answer_is_a_programming_error():
    with pytest.raises(ValueError):
        grade("はい", [])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_never_crashes_on_arbitrary_unicode(answer):
    g = grade(answer, ASA)
    assert 0.0 <= g.score <= 1.0
    assert g.correct == (g.score == 1.0)
    assert all(i.kind in ISSUE_KINDS for i in g.issues)


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet="あいうえおかきくけこさしすせそたちつてとなにぬねのんっゃゅょー食毎朝ご飯をまいあさ ",
        max_size=30,
    )
)
def test_never_crashes_on_japanese_looking_noise(answer):
    g = grade(answer, ASA)
    assert 0.0 <= g.score <= 1.0


def test_one_tagger_per_process():
    assert tagger() is tagger()


def test_accepted_answers_are_analysed_once():
    build_target.cache_clear()
    grade("わたしはがくせいです", GAKUSEI)
    grade("わたしはがくせいでした", GAKUSEI)
    info = build_target.cache_info()
    assert info.misses == 1 and info.hits >= 1


def test_grading_is_pure():
    code = (
        "import sys, jlpt_app.grading\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.parametrize(
    ("accepted", "plain", "spans"),
    [
        ("食[た]べます", "食べます", [(0, 1, "た")]),
        ("学生[がくせい]です", "学生です", [(0, 2, "がくせい")]),
        ("ご飯[ごはん]を", "ご飯を", [(0, 2, "ごはん")]),
        ("お茶[ちゃ]を", "お茶を", [(1, 2, "ちゃ")]),
        ("車[くるま]いす", "車いす", [(0, 1, "くるま")]),
        ("コーヒー", "コーヒー", []),
    ],
)
def test_furigana_notation(accepted, plain, spans):
    assert parse_furigana(accepted) == (plain, spans)


@pytest.mark.parametrize(
    ("typed", "kana"),
    [
        ("watashi wa", "わたし わ"),
        ("shinbun", "しんぶん"),
        ("shinnbunn", "しんぶん"),
        ("sempai", "せんぱい"),
        ("kitte", "きって"),
        ("tyotto", "ちょっと"),
        ("kon'nichiwa", "こんにちわ"),
    ],
)
def test_romaji_variants(typed, kana):
    assert romaji_to_kana(typed) == kana


def test_widths_numbers_and_folding():
    assert widths("ｗａｔａｓｈｉ　３ｼﾞ") == "watashi 3ジ"
    assert [number_to_kanji(n) for n in (3, 10, 12, 25, 100, 2026)] == [
        "三",
        "十",
        "十二",
        "二十五",
        "百",
        "二千二十六",
    ]
    assert fold("こーひー") == "こおひい"
    # Romaji typists may mean おう or おお, えい or ええ, ず or づ: inside one word only.
    assert "とおきょお" in romaji_variants("とうきょう")
    assert "かたずけ" in romaji_variants("かたづけ")
    assert romaji_variants("うえ") == ["うえ"]


@pytest.mark.parametrize(
    "answer",
    ["3時に起きます", "３時に起きます", "三時に起きます", "さんじにおきます", "sanji ni okimasu"],
)
def test_numbers_in_every_width_and_script(answer):
    assert grade(answer, ["三時[さんじ]に起[お]きます。"]).correct


@pytest.mark.parametrize(
    ("answer", "accepted", "review"),
    [
        ("わたしはがくせいです", GAKUSEI, False),  # correct: never reviewed
        ("まいあさごはんにたべます", ASA, False),  # a clear particle mistake
        ("まいあさごはんをたべました", ASA, False),  # a clear tense mistake
        ("まいあさパンをたべます", ASA, True),  # another word: maybe another right answer
        ("ごはんをたべます", ASA, True),  # a phrase left out
        ("まいあさごはんをたべます。とてもおいしい", ASA, True),  # something added
        ("毎朝ご飯を召し上がります", ASA, True),  # kanji the target does not know
        ("asdf", ASA, False),  # clearly unrelated: no need for a person
    ],
)
def test_needs_review_marks_the_answers_a_person_should_check(answer, accepted, review):
    assert grade(answer, accepted).needs_review is review


@pytest.mark.parametrize(
    ("answer", "accepted", "kind", "message_id"),
    [
        (
            "まいあさごはんをたべるます",
            ASA,
            "conjugation",
            "Bentuk kata salah: たべるます tidak tepat; seharusnya 食べます.",
        ),
        (
            "わたしはがくせです",
            GAKUSEI,
            "typo",
            "Ejaan: 学生, bukan がくせ (perhatikan bunyi panjang).",
        ),
        (
            "こーひーをのみます",
            ["コーヒーを飲[の]みます。"],
            "script",
            "Kata serapan ditulis dengan katakana: コーヒー, bukan こおひい.",
        ),
        ("ごはんをたべます", ASA, "missing", "Ada yang terlewat: 毎朝."),
        (
            "たべます、まいあさごはんを",
            ASA,
            "order",
            "Urutan salah: predikat 食べます harus di akhir kalimat.",
        ),
    ],
)
def test_worked_examples_of_docs_grading_md(answer, accepted, kind, message_id):
    g = grade(answer, accepted)
    assert [i.kind for i in g.issues] == [kind]
    assert g.issues[0].message_id == message_id
