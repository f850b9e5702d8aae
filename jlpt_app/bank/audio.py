"""Offline speech for listening scripts and words: pyopenjtalk-plus -> Ogg/Opus, small.

Optional: needs the `audio` extra (pip install .[audio]); the app and the tests of
everything else run without it. Only files whose text or voice changed are rebuilt
(media/manifest.json records what each file was made from).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from jlpt_app.bank.loader import Bank
from jlpt_app.grading.target import furigana_pieces

ENGINE = "pyopenjtalk-plus/opus-0.9/v1"  # change to force a rebuild of every file
SAMPLE_RATE = 48000
COMPRESSION = 0.9  # libsndfile's Opus level: ~28 kbps mono for speech
PAUSE_SECONDS = 0.45

# pyopenjtalk voice shaping: pitch shift (half tones) and speed.
VOICES = {
    "male": {"half_tone": -3.5, "speed": 0.95},
    "female": {"half_tone": 2.5, "speed": 1.0},
    "narrator": {"half_tone": 0.0, "speed": 0.9},
}
DEFAULT_SPEAKERS = {"男": "male", "女": "female", "先生": "narrator", "店員": "female"}
_TURN = re.compile(r"^\s*([^：:\n]{1,12})[：:]\s*(.+)$")


@dataclass(frozen=True)
class Clip:
    path: str  # relative to media/
    turns: tuple[tuple[str, str], ...]  # (voice, text to say)

    @property
    def fingerprint(self) -> str:
        raw = json.dumps([ENGINE, VOICES, self.turns], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(raw.encode()).hexdigest()


def speakable(text: str) -> str:
    """Say the furigana reading where one is given: the synthesiser then cannot misread."""
    return "".join(reading or written for written, reading in furigana_pieces(text))


def script_turns(script: str, voices: dict[str, str]) -> list[tuple[str, str]]:
    """Lines 'speaker：text' -> (voice, text); unlabelled lines are the narrator.

    Different speakers mapped to the same voice are told apart by a small pitch step."""
    turns, seen = [], {}
    for line in script.splitlines():
        if not line.strip():
            continue
        match = _TURN.match(line)
        speaker, text = (match.group(1).strip(), match.group(2)) if match else ("", line)
        voice = (
            voices.get(speaker)
            or DEFAULT_SPEAKERS.get(speaker)
            or ("narrator" if not speaker else "female" if len(seen) % 2 else "male")
        )
        seen.setdefault(speaker, (voice, sum(1 for v, _ in seen.values() if v == voice)))
        variant = seen[speaker][1]
        turns.append((f"{voice}:{variant}", speakable(text)))
    return turns


SPOKEN_OPTIONS = ("expression", "quick_response")  # in the JLPT these options are heard
_NUMBERS = ("いち", "に", "さん", "よん")


def clips(bank: Bank) -> Iterator[Clip]:
    questions = {e.data.get("listening"): e.data for e in bank.of_kind("question")}
    for entry in sorted(bank.entries.values(), key=lambda e: e.id):
        if entry.kind == "listening":
            turns = script_turns(entry.data["ja"], entry.data.get("voices", {}))
            question = questions.get(entry.id)
            if entry.data["mondai"] in SPOKEN_OPTIONS and question and question.get("choices"):
                turns += [
                    ("narrator:0", f"{_NUMBERS[n]}。{speakable(choice)}")
                    for n, choice in enumerate(question["choices"][:4])
                ]
            yield Clip(entry.data["audio"], tuple(turns))
        elif entry.kind == "vocab":
            path = entry.data.get("audio") or f"vocab/{entry.id}.ogg"
            yield Clip(path, (("narrator:0", entry.data["reading"]),))


def _synthesise(turns: tuple[tuple[str, str], ...]):
    import numpy as np
    import pyopenjtalk

    pieces = []
    pause = np.zeros(int(SAMPLE_RATE * PAUSE_SECONDS), dtype=np.float32)
    for voice, text in turns:
        name, _, variant = voice.partition(":")
        params = dict(VOICES[name])
        params["half_tone"] += 1.5 * int(variant or 0)
        samples, rate = pyopenjtalk.tts(text, **params)
        assert rate == SAMPLE_RATE
        pieces += [np.asarray(samples, dtype=np.float32) / 32768.0, pause]
    return np.concatenate(pieces[:-1]) if pieces else np.zeros(1, dtype=np.float32)


def write_ogg(samples, path: Path) -> None:
    import soundfile

    path.parent.mkdir(parents=True, exist_ok=True)
    soundfile.write(
        path, samples, SAMPLE_RATE, format="OGG", subtype="OPUS", compression_level=COMPRESSION
    )


def build(
    bank: Bank, media: Path, progress: Callable[[Iterator[Clip]], Iterator[Clip]] | None = None
) -> tuple[int, int]:
    """Build the missing or changed audio files; returns (built, unchanged)."""
    manifest_path = media / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    wanted = list(clips(bank))
    # Clips of entries that no longer exist go, so media/ holds only what is used.
    current = {c.path for c in wanted}
    for path in [p for p in manifest if p not in current]:
        (media / path).unlink(missing_ok=True)
        del manifest[path]
    todo = [
        c for c in wanted if manifest.get(c.path) != c.fingerprint or not (media / c.path).is_file()
    ]
    unchanged = len(wanted) - len(todo)
    built = 0
    for clip in progress(iter(todo)) if progress else todo:
        write_ogg(_synthesise(clip.turns), media / clip.path)
        manifest[clip.path] = clip.fingerprint
        built += 1
        if built % 50 == 0:  # an interrupted build keeps what it made
            manifest_path.write_text(json.dumps(manifest, indent=0, sort_keys=True))
    media.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(manifest, indent=0, sort_keys=True))
    return built, unchanged
