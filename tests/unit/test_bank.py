"""The question bank's loader and linter: each problem class is caught and located."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from jlpt_app.bank import load_bank
from jlpt_app.bank.check import check
from jlpt_app.bank.export import export_anki, export_json
from jlpt_app.bank.stats import bank_stats

VOCAB = """
[[vocab]]
id = "n5-v-taberu"
word = "食べる"
reading = "たべる"
meaning_id = "makan"
meaning_en = "to eat"
pos = "verb-ichidan"
examples = [
  { ja = "毎朝[まいあさ]パンを食[た]べます。", translation_id = "Setiap pagi saya makan roti.", translation_en = "I eat bread every morning." },
]
"""

GRAMMAR = """
[[grammar]]
id = "n5-g-wo"
pattern = "N を V"
formation = "kata benda + を + kata kerja"
explanation_id = "を menandai objek."
examples = [
  { ja = "パンを食[た]べます。", translation_id = "Saya makan roti.", translation_en = "I eat bread." },
  { ja = "水[みず]を飲[の]みます。", translation_id = "Saya minum air.", translation_en = "I drink water." },
  { ja = "本[ほん]を読[よ]みます。", translation_id = "Saya membaca buku.", translation_en = "I read a book." },
]
mistakes_id = ["Lupa を: パン食べます."]
"""

TYPED = """
[[question]]
id = "n5-q-0001"
section = "grammar"
mondai = "translation"
type = "typed"
prompt_id = "Tulis dalam bahasa Jepang: Setiap pagi saya makan roti."
accepted = ["毎朝[まいあさ]パンを食[た]べます。"]
explanation_id = "を menandai objek: パン."
grammar = ["n5-g-wo"]
"""


def make_bank(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "question_bank"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    words = root / "wordlists"
    words.mkdir(parents=True, exist_ok=True)
    (words / "n5.tsv").write_text(
        "word\treading\n毎朝\tまいあさ\n食べる\tたべる\n水\tみず\n飲む\tのむ\n本\tほん\n読む\tよむ\n"
        "パン\tパン\n",
        encoding="utf-8",
    )
    return root


def messages(bank) -> list[str]:
    return [str(p) for p in bank.problems]


def test_a_clean_bank_has_no_problems(tmp_path):
    root = make_bank(
        tmp_path,
        {"n5/vocab/a.toml": VOCAB, "n5/grammar/g.toml": GRAMMAR, "n5/questions/q.toml": TYPED},
    )
    bank = check(root)
    assert messages(bank) == []
    assert set(bank.entries) == {"n5-v-taberu", "n5-g-wo", "n5-q-0001"}
    assert bank.entries["n5-v-taberu"].level == "N5"  # from the folder


def test_schema_errors_name_file_line_and_field(tmp_path):
    broken = VOCAB.replace('meaning_en = "to eat"\n', "").replace(
        'pos = "verb-ichidan"', 'pos = "verbo"'
    )
    root = make_bank(tmp_path, {"n5/vocab/a.toml": "\n\n" + broken})
    found = messages(load_bank(root))
    assert "question_bank/n5/vocab/a.toml:4: vocab n5-v-taberu: missing field meaning_en" in found


def test_unknown_field_and_bad_values(tmp_path):
    text = VOCAB.replace('pos = "verb-ichidan"', 'pos = "verbo"\ncolour = "red"')
    found = messages(load_bank(make_bank(tmp_path, {"n5/vocab/a.toml": text})))
    assert any(m.endswith("unknown field colour") for m in found)


def test_toml_syntax_error_names_the_line(tmp_path):
    root = make_bank(tmp_path, {"n5/vocab/a.toml": VOCAB + '\n[[vocab]]\nid = "x\n'})
    (problem,) = load_bank(root).problems
    assert problem.file.endswith("n5/vocab/a.toml") and problem.line == 14
    assert "TOML syntax" in problem.message


def test_duplicate_ids_point_to_the_first(tmp_path):
    root = make_bank(tmp_path, {"n5/vocab/a.toml": VOCAB, "n5/vocab/b.toml": VOCAB})
    found = messages(load_bank(root))
    assert found == [
        "question_bank/n5/vocab/b.toml:2: vocab n5-v-taberu: duplicate id "
        "(first at question_bank/n5/vocab/a.toml:2)"
    ]


def test_references_must_exist(tmp_path):
    root = make_bank(tmp_path, {"n5/questions/q.toml": TYPED})
    assert any("grammar 'n5-g-wo' does not exist" in m for m in messages(load_bank(root)))


def test_level_mismatch_with_folder(tmp_path):
    root = make_bank(
        tmp_path,
        {
            "n5/vocab/a.toml": VOCAB.replace(
                'id = "n5-v-taberu"', 'id = "n5-v-taberu"\nlevel = "N4"'
            )
        },
    )
    assert any("level N4 in the N5 folder" in m for m in messages(load_bank(root)))


def test_linter_catches_unknown_words(tmp_path):
    text = VOCAB.replace("パンを食[た]べます", "ぱぴぷぺぽゔゃを食[た]べます")
    found = messages(check(make_bank(tmp_path, {"n5/vocab/a.toml": text})))
    assert any("does not know" in m for m in found), found


def test_linter_catches_wrong_furigana(tmp_path):
    text = VOCAB.replace("毎朝[まいあさ]", "毎朝[まいにち]")
    found = messages(check(make_bank(tmp_path, {"n5/vocab/a.toml": text})))
    assert any("furigana 毎朝[まいにち] disagrees with the analyser" in m for m in found), found


def test_readings_toml_allows_a_reading_the_analyser_misses(tmp_path):
    text = VOCAB.replace("毎朝[まいあさ]パン", "四時[よじ]にパン")
    root = make_bank(tmp_path, {"n5/vocab/a.toml": text})
    (root / "readings.toml").write_text('[ok]\n四時 = "よじ"\n', encoding="utf-8")
    assert not any("四時" in m for m in messages(check(root)))


def test_linter_catches_words_above_the_level(tmp_path):
    text = VOCAB.replace("パンを", "野菜[やさい]を")
    found = messages(check(make_bank(tmp_path, {"n5/vocab/a.toml": text})))
    assert any("野菜 (野菜) is not a word of level N5" in m for m in found), found


def test_linter_requires_an_indonesian_explanation(tmp_path):
    text = TYPED.replace('explanation_id = "を menandai objek: パン."\n', "")
    root = make_bank(tmp_path, {"n5/questions/q.toml": text, "n5/grammar/g.toml": GRAMMAR})
    assert any("missing field explanation_id" in m for m in messages(check(root)))


def test_linter_requires_listening_audio(tmp_path):
    listening = """
[[listening]]
id = "n5-l-01"
mondai = "task"
ja = "男：おはようございます。"
audio = "n5/listening/n5-l-01.ogg"
"""
    root = make_bank(tmp_path, {"n5/listening/l.toml": listening})
    assert any(
        "audio file media/n5/listening/n5-l-01.ogg is missing" in m for m in messages(check(root))
    )
    audio = tmp_path / "media" / "n5" / "listening" / "n5-l-01.ogg"
    audio.parent.mkdir(parents=True)
    audio.write_bytes(b"OggS")
    assert not any("audio" in m for m in messages(check(root)))


def test_linter_checks_typed_answers_with_the_grader(tmp_path):
    text = TYPED.replace(
        'accepted = ["毎朝[まいあさ]パンを食[た]べます。"]',
        'accepted = ["毎朝[まいあさ]パンを食[た]べます。", "。。"]',
    )
    root = make_bank(tmp_path, {"n5/questions/q.toml": text, "n5/grammar/g.toml": GRAMMAR})
    assert any("accepted[2] '。。' cannot be graded" in m for m in messages(check(root)))


def test_stats_shape(tmp_path):
    root = make_bank(
        tmp_path,
        {"n5/vocab/a.toml": VOCAB, "n5/grammar/g.toml": GRAMMAR, "n5/questions/q.toml": TYPED},
    )
    stats = bank_stats(load_bank(root))
    assert set(stats) == {"N5", "N4", "sectors", "migration"}
    assert stats["N5"] == {
        "vocab": 1,
        "kanji": 0,
        "grammar": 1,
        "questions": 1,
        "typed_questions": 1,
        "reading": 0,
        "listening": 0,
    }
    assert set(stats["sectors"]["caregiving"]) == {"vocab", "phrases", "questions"}
    assert stats["migration"] == {"lessons": 0, "questions": 0}


def test_json_export_shape(tmp_path):
    root = make_bank(tmp_path, {"n5/vocab/a.toml": VOCAB, "n5/grammar/g.toml": GRAMMAR})
    out = export_json(load_bank(root))
    assert set(out) == {"vocab", "kanji", "grammar", "questions", "reading", "listening"}
    (word,) = out["vocab"]
    assert list(word) == [
        "id",
        "level",
        "word",
        "reading",
        "meaning_id",
        "meaning_en",
        "pos",
        "sectors",
        "examples",
    ]
    assert word["examples"][0]["ja"] == "毎朝[まいあさ]パンを食[た]べます。"
    assert json.loads(json.dumps(out, ensure_ascii=False)) == out


def test_anki_export_writes_a_deck_per_level(tmp_path):
    root = make_bank(tmp_path, {"n5/vocab/a.toml": VOCAB})
    paths = export_anki(load_bank(root), tmp_path / "anki")
    assert [p.name for p in paths] == ["nihongo-vokasi-n5.apkg", "nihongo-vokasi-n4.apkg"]
    with zipfile.ZipFile(paths[0]) as apkg:
        assert "collection.anki2" in apkg.namelist()


@pytest.mark.parametrize("name", ["n5/vocab/a.toml"])
def test_not_utf8_is_a_problem_not_a_crash(tmp_path, name):
    root = make_bank(tmp_path, {})
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("id = 'x'".encode("utf-16"))
    assert any("not UTF-8" in m for m in messages(load_bank(root)))


def test_okurigana_variants_of_listed_words_pass_the_level_check(tmp_path):
    root = make_bank(
        tmp_path, {"n5/vocab/a.toml": VOCAB.replace("パンを", "しごとが終[お]わってパンを")}
    )
    assert any("終わっ" in m for m in messages(check(root)))  # 終わる is not listed yet
    listing = root / "wordlists" / "n5.tsv"
    listing.write_text(listing.read_text(encoding="utf-8") + "終る\tおわる\n", encoding="utf-8")
    assert messages(check(root)) == []  # the list's 終る covers 終わる (same kanji, same reading)
