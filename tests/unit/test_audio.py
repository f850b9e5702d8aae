"""Listening and word audio: real pyopenjtalk-plus synthesis, small Ogg/Opus files, rebuilt only when changed."""

from __future__ import annotations

import json

import soundfile

from jlpt_app.bank import load_bank
from jlpt_app.bank.audio import build, script_turns, speakable
from tests.unit.test_bank import VOCAB, make_bank

LISTENING = '''
[[listening]]
id = "n5-l-01"
mondai = "task"
ja = """
女：すみません、駅[えき]はどこですか。
男：あそこです。
女：ありがとうございます。
"""
audio = "n5/listening/n5-l-01.ogg"
'''


def test_speakers_get_distinct_voices_and_furigana_is_spoken():
    turns = script_turns(
        "男：駅[えき]へ行[い]きます。\n女：はい。\n田中：どうぞ。\n山田：どうも。", {}
    )
    voices = [voice for voice, _ in turns]
    assert voices[0] != voices[1]  # man and woman
    assert len(set(voices)) == 4  # two named speakers still sound different
    assert turns[0][1] == "えきへいきます。"
    assert speakable("食[た]べる") == "たべる"
    assert speakable("ご飯[ごはん]です") == "ごはんです"  # not ごごはん: the grader's reading


def test_quick_response_options_are_spoken_after_the_script(tmp_path):
    from jlpt_app.bank.audio import clips

    text = (
        LISTENING.replace('mondai = "task"', 'mondai = "quick_response"')
        + """
[[question]]
id = "n5-l-01-q1"
section = "listening"
mondai = "quick_response"
listening = "n5-l-01"
ja = "何[なん]と答[こた]えますか。"
choices = ["はい、どうぞ。", "いいえ、けっこうです。", "どういたしまして。"]
answer = 1
explanation_id = "x"
"""
    )
    root = make_bank(tmp_path, {"n5/listening/l.toml": text})
    (clip,) = [c for c in clips(load_bank(root)) if c.path.endswith("n5-l-01.ogg")]
    assert [t for _v, t in clip.turns[-3:]] == [
        "いち。はい、どうぞ。",
        "に。いいえ、けっこうです。",
        "さん。どういたしまして。",
    ]


def test_build_writes_small_mono_opus_and_only_rebuilds_changes(tmp_path):
    root = make_bank(tmp_path, {"n5/vocab/a.toml": VOCAB, "n5/listening/l.toml": LISTENING})
    media = tmp_path / "media"
    built, unchanged = build(load_bank(root), media)
    assert (built, unchanged) == (2, 0)
    clip = media / "n5/listening/n5-l-01.ogg"
    info = soundfile.info(clip)
    assert (info.format, info.subtype, info.channels) == ("OGG", "OPUS", 1)
    assert 2.0 < info.duration < 15.0
    kbps = clip.stat().st_size * 8 / info.duration / 1000
    assert kbps <= 32, kbps
    assert (media / "vocab/n5-v-taberu.ogg").is_file()
    assert set(json.loads((media / "manifest.json").read_text())) == {
        "n5/listening/n5-l-01.ogg",
        "vocab/n5-v-taberu.ogg",
    }

    assert build(load_bank(root), media) == (0, 2)
    (root / "n5/listening/l.toml").write_text(LISTENING.replace("あそこです", "こちらです"))
    assert build(load_bank(root), media) == (1, 1)
    clip.unlink()
    assert build(load_bank(root), media) == (1, 1)  # a deleted file is made again
    (root / "n5/listening/l.toml").unlink()
    assert build(load_bank(root), media) == (0, 1)
    assert not clip.exists()  # the clip of a removed entry is removed too
    assert "n5/listening/n5-l-01.ogg" not in json.loads((media / "manifest.json").read_text())
