"""Turn a student's answer into a comparison key of hiragana, guided by the target.

Kanji the accepted answer also uses are read the way the accepted answer reads
them (its furigana), so 私 or 日本 never fail on the analyser's choice of
reading. Only kanji the target does not know go to the analyser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jlpt_app.grading.analyse import analyse
from jlpt_app.grading.normalize import (
    fold,
    has_kanji,
    has_latin,
    numbers_to_kanji,
    romaji_to_kana,
    strip_punctuation,
    to_hiragana,
    widths,
)
from jlpt_app.grading.target import Target

_KANJI_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+")
_KATAKANA = re.compile(r"[\u30a1-\u30f6]")


@dataclass(frozen=True, slots=True)
class AnswerReading:
    text: str  # the answer after width/romaji/number normalisation, punctuation removed
    key: str  # folded hiragana, compared with the target
    origin: str  # one letter per key character: h hiragana, k katakana, r romaji, j kanji
    romaji: bool
    guessed: bool  # some kanji were read by the analyser alone
    unknown: bool  # the analyser did not know some word


def _origin_of(text: str, romaji: bool) -> str:
    if romaji:
        return "r" * len(text)
    if not _KATAKANA.search(text):
        return "h" * len(text)
    out: list[str] = []
    for c in text:
        if c == "ー":  # the long-vowel mark belongs to the script of the kana before it
            out.append(out[-1] if out else "k")
        else:
            out.append("k" if _KATAKANA.match(c) else "h")
    return "".join(out)


def _read_known_runs(text: str, target: Target) -> tuple[str, str] | None:
    """Replace every kanji run with the target's reading; None if some run is unknown."""
    out, origin, pos = [], [], 0
    for match in _KANJI_RUN.finditer(text):
        readings = target.kanji_readings.get(match.group())
        if readings is None:
            return None
        out.append(text[pos : match.start()])
        origin.append(_origin_of(text[pos : match.start()], False))
        out.append(readings[0])
        origin.append("j" * len(readings[0]))
        pos = match.end()
    out.append(text[pos:])
    origin.append(_origin_of(text[pos:], False))
    return "".join(out), "".join(origin)


def read_answer(answer: str, target: Target) -> AnswerReading:
    text = widths(answer)
    romaji = has_latin(text)
    if romaji:
        text = romaji_to_kana(text)
    text = strip_punctuation(numbers_to_kanji(text))
    guessed = unknown = False
    if not has_kanji(text):
        kana, origin = to_hiragana(text), _origin_of(text, romaji)
    else:
        known = _read_known_runs(text, target)
        if known is not None:
            kana, origin = known
        else:
            parts, origins = [], []
            for m in analyse(text):
                if has_kanji(m.surface):
                    # The target's reading of this kanji run when it has one.
                    reading = None
                    for run in _KANJI_RUN.findall(m.surface):
                        if run in target.kanji_readings:
                            reading = to_hiragana(
                                m.surface.replace(run, target.kanji_readings[run][0])
                            )
                    if reading is None or has_kanji(reading):
                        reading, guessed = m.reading, True
                    parts.append(reading)
                    origins.append("j" * len(reading))
                else:
                    parts.append(to_hiragana(m.surface))
                    origins.append(_origin_of(m.surface, romaji))
                unknown = unknown or not m.known
            kana, origin = "".join(parts), "".join(origins)
    return AnswerReading(
        text=text,
        key=fold(kana, lenient_vowels=romaji),
        origin=origin,
        romaji=romaji,
        guessed=guessed,
        unknown=unknown,
    )
