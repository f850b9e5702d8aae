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


def _kana_piece(text: str, romaji: bool) -> tuple[str, str]:
    return to_hiragana(text), _origin_of(text, romaji)


def _split_known(run: str, known: dict[str, tuple[str, ...]]) -> list[tuple[str, bool]]:
    """A kanji run cut into the runs the target knows (longest first) and the rest:
    日本語学校 -> 日本語|学校, 時本 -> 時 (unknown) | 本."""
    pieces: list[tuple[str, bool]] = []
    pos = 0
    while pos < len(run):
        for end in range(len(run), pos, -1):
            if run[pos:end] in known:
                pieces.append((run[pos:end], True))
                pos = end
                break
        else:
            if pieces and not pieces[-1][1]:
                pieces[-1] = (pieces[-1][0] + run[pos], False)
            else:
                pieces.append((run[pos], False))
            pos += 1
    return pieces


def _covering(morphemes, start: int, end: int):
    """The morphemes exactly covering characters start..end, or () if a boundary differs."""
    out, pos = [], 0
    for m in morphemes:
        if pos >= end:
            break
        if pos >= start:
            out.append(m)
        pos += len(m.surface)
        if start < pos < end and not out:
            return ()
    return tuple(out) if pos == end or (out and pos >= end and pos == end) else ()


def _pick(readings: tuple[str, ...], after: str, target_reading: str) -> str:
    """Of a kanji's readings in the target, the one its okurigana fits (数[かず] vs 数[かぞ]える)."""
    if len(readings) > 1 and after:
        for reading in readings:
            if reading + after[0] in target_reading:
                return reading
    return readings[0]


def _read_with_kanji(text: str, target: Target, romaji: bool):
    """Readings for text with kanji: the target's readings for the kanji it knows,
    the analyser's (on the kanji and its okurigana only) for the others."""
    parts: list[str] = []
    origins: list[str] = []
    guessed = unknown = False
    target_reading = target.reading
    runs = list(_KANJI_RUN.finditer(text))
    pos = 0
    for index, match in enumerate(runs):
        if match.start() < pos:
            continue
        kana, origin = _kana_piece(text[pos : match.start()], romaji)
        parts.append(kana)
        origins.append(origin)
        run = match.group()
        pieces = _split_known(run, target.kanji_readings)
        next_run = runs[index + 1].start() if index + 1 < len(runs) else len(text)
        after = text[match.end() : next_run]
        pos = match.end()
        for k, (piece, known) in enumerate(pieces):
            last = k + 1 == len(pieces)
            if known:
                follow = after[:1] if last else pieces[k + 1][0][:1]
                reading = _pick(target.kanji_readings[piece], follow, target_reading)
            else:
                # Unknown to the target: the analyser reads it, with its okurigana,
                # in the context of its run (時本を: 時 is とき there).
                morphemes = analyse(piece + after if last else piece)
                if not last:
                    start = sum(len(p) for p, _ in pieces[:k])
                    morphemes = _covering(analyse(run + after), start, start + len(piece)) or (
                        morphemes
                    )
                reading = "".join(m.reading for m in morphemes)
                guessed = True
                unknown = unknown or any(not m.known for m in morphemes)
                if last:
                    pos = next_run
            parts.append(reading)
            origins.append("j" * len(reading))
    kana, origin = _kana_piece(text[pos:], romaji)
    parts.append(kana)
    origins.append(origin)
    return "".join(parts), "".join(origins), guessed, unknown


def read_answer(answer: str, target: Target) -> AnswerReading:
    text = widths(answer)
    romaji = has_latin(text)
    if romaji:
        text = romaji_to_kana(text)
    text = strip_punctuation(numbers_to_kanji(text))
    guessed = unknown = False
    if has_kanji(text):
        kana, origin, guessed, unknown = _read_with_kanji(text, target, romaji)
    else:
        kana, origin = _kana_piece(text, romaji)
    return AnswerReading(
        text=text,
        key=fold(kana),
        origin=origin,
        romaji=romaji,
        guessed=guessed,
        unknown=unknown,
    )


def read_answers(answer: str, target: Target) -> list[AnswerReading]:
    """The answer's readings: usually one; two when romaji "nny" is ambiguous
    (Hepburn konnyaku = こんにゃく, but a phone IME types konnya as こんや)."""
    first = read_answer(answer, target)
    if not first.romaji or "nny" not in answer.lower():
        return [first]
    ime = read_answer(re.sub(r"nn(?=y)", "n'", answer, flags=re.IGNORECASE), target)
    return [first, ime] if ime.key != first.key else [first]
