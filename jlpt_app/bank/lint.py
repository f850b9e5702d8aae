"""Content checks of `flask bank check`, on top of the loader's schema checks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from jlpt_app.bank.loader import Bank, Entry
from jlpt_app.grading import grade
from jlpt_app.grading.analyse import analyse, tagger
from jlpt_app.grading.normalize import has_kanji, numbers_to_kanji, to_hiragana
from jlpt_app.grading.target import parse_furigana

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_SPEAKER = re.compile(r"^\s*[^：:\n]{1,12}[：:]", re.M)
LEVEL_ORDER = {"N5": 0, "N4": 1}


def plain(text: str) -> str:
    """The text a reader sees: furigana brackets removed."""
    return parse_furigana(text)[0]


def japanese_texts(entry: Entry) -> Iterator[tuple[str, str]]:
    """(field, text) for every Japanese sentence or word of an entry."""
    data = entry.data
    if entry.kind in ("vocab", "grammar"):
        for n, example in enumerate(data.get("examples", []), start=1):
            if isinstance(example, dict) and example.get("ja"):
                yield f"examples[{n}].ja", example["ja"]
    elif entry.kind == "kanji":
        for n, example in enumerate(data.get("examples", []), start=1):
            if isinstance(example, dict) and example.get("word"):
                yield f"examples[{n}].word", f"{example['word']}"
    elif entry.kind == "question":
        if data.get("ja"):
            yield "ja", data["ja"]
        for n, choice in enumerate(data.get("choices", []) or [], start=1):
            if _JAPANESE.search(choice):
                yield f"choices[{n}]", choice
        for n, accepted in enumerate(data.get("accepted", []) or [], start=1):
            yield f"accepted[{n}]", accepted
    elif entry.kind in ("reading", "phrase"):
        yield "ja", data["ja"]
    elif entry.kind == "listening":
        yield "ja", _SPEAKER.sub("", data["ja"])


def _loose(kana: str) -> str:
    """Compare readings by sound: long vowels and their spellings fold together."""
    out: list[str] = []
    vowels = {"お": "おこそとのほもよろごぞどぼぽょ", "え": "えけせてねへめれげぜでべぺ"}
    for c in to_hiragana(kana):
        if out and c in "ーうおいえ":
            prev = out[-1]
            if (
                c == "ー"
                or (c in "うお" and prev in vowels["お"])
                or (c in "いえ" and prev in vowels["え"])
            ):
                out.append(":")
                continue
        out.append(c)
    return "".join(out)


@lru_cache(maxsize=8192)
def _nbest_readings(text: str) -> list[list[tuple[str, str]]]:
    """The analyser's 3 best parses: lists of (surface, reading)."""
    parses: list[list[tuple[str, str]]] = [[]]
    for line in tagger().nbest(text, 3).splitlines():
        if line == "EOS":
            parses.append([])
            continue
        columns = line.split("\t")
        if len(columns) > 1:
            parses[-1].append((columns[0], columns[1]))
    return [p for p in parses if p]


def _span_readings(text: str, start: int, end: int) -> set[str]:
    """What the analyser reads characters start..end as (in its 3 best parses, and alone).

    A word's tokens may reach past the bracket into okurigana or a prefix (食[た]べる is
    one token 食べ); those kana are added to the furigana side before comparing, so the
    result holds pairs (kana before, reading of the tokens, kana after)."""
    found: set[str] = set()
    for parse in _nbest_readings(text):
        pos, first, last, pieces = 0, None, None, []
        for surface, reading in parse:
            s, e = pos, pos + len(surface)
            if s < end and e > start:
                first = s if first is None else first
                last = e
                pieces.append(reading)
            pos = e
        if first is None:
            continue
        before, after = text[first:start], text[end:last]
        if has_kanji(before) or has_kanji(after):
            continue
        found.add(f"{to_hiragana(before)}|{_loose(''.join(pieces))}|{to_hiragana(after)}")
    alone = "".join(m.reading for m in analyse(text[start:end]))
    found.add(f"|{_loose(alone)}|")
    return found


def _reading_fits(reading: str, found: set[str]) -> bool:
    for item in found:
        before, analysed, after = item.split("|")
        if _loose(before + reading + after) == analysed:
            return True
    return False


def check_furigana(bank: Bank, entry: Entry, field: str, text: str) -> None:
    normal = numbers_to_kanji(text)
    base, spans = parse_furigana(normal)
    for start, end, reading in spans:
        word = base[start:end]
        if bank.readings_ok.get(word) == reading:
            continue
        if not _reading_fits(reading, _span_readings(base, start, end)):
            analysed = "".join(m.reading for m in analyse(word))
            bank.problem(
                entry,
                f"{field}: furigana {word}[{reading}] disagrees with the analyser ({analysed}); "
                f'fix it or add {word} = "{reading}" to readings.toml',
                "examples" if field.startswith("examples") else field.split("[")[0],
            )


def check_unknown_words(bank: Bank, entry: Entry, field: str, text: str) -> None:
    for m in analyse(plain(numbers_to_kanji(text))):
        if not m.known and _JAPANESE.search(m.surface) and m.surface not in bank.readings_ok:
            bank.problem(
                entry,
                f"{field}: the analyser does not know {m.surface!r} (typo? or add it to "
                f"readings.toml)",
                field.split("[")[0],
            )


def _spellings(word: str) -> list[str]:
    return [w.strip() for w in re.split(r"[/・、,;]", word) if w.strip()]


def level_words(bank: Bank) -> dict[str, set[str]]:
    """Words (as written) available at each level: N5 words, then N5 + N4 words.

    From the level lists in question_bank/wordlists/ and the bank's own vocabulary."""
    levelled: list[tuple[str, str]] = []
    for level in ("N5", "N4"):
        listing = bank.root / "wordlists" / f"{level.lower()}.tsv"
        if listing.is_file():
            for line in listing.read_text(encoding="utf-8").splitlines()[1:]:
                word = line.split("\t")[0]
                levelled += [(level, w) for w in _spellings(word)]
    for entry in bank.of_kind("vocab"):
        levelled += [(entry.data.get("level", "N4"), w) for w in _spellings(entry.data["word"])]
    by_level: dict[str, set[str]] = {"N5": set(), "N4": set()}
    for level, word in levelled:
        for lv in ("N5", "N4"):
            if LEVEL_ORDER[lv] >= LEVEL_ORDER.get(level, 1):
                by_level[lv].add(word)
    return by_level


def check_level(bank: Bank, entry: Entry, field: str, text: str, allowed: set[str]) -> None:
    for m in analyse(plain(numbers_to_kanji(text))):
        if (
            not has_kanji(m.surface)
            or m.pos2 in ("固有名詞", "数詞")
            or m.pos3.startswith("助数詞")
        ):
            continue
        if m.pos1 in ("接尾辞", "接頭辞", "助動詞"):
            continue
        if not ({m.orth_base, m.surface, m.lemma} & allowed):
            bank.problem(
                entry,
                f"{field}: {m.surface} ({m.orth_base}) is not a word of level {entry.level} or "
                f"below; write it in kana or use an easier word",
                field.split("[")[0],
            )


def check_typed(bank: Bank, entry: Entry) -> None:
    """Each accepted answer, as written and as its kana reading, must grade correct."""
    from jlpt_app.grading.target import build_target

    accepted = entry.data.get("accepted") or []
    for n, answer in enumerate(accepted, start=1):
        try:
            target = build_target(answer)
            kana = "".join(
                u.surface if u.katakana else u.reading for p in target.phrases for u in p.units
            )
            spellings = [plain(answer), kana]
            verdicts = [grade(spelling, accepted) for spelling in spellings]
        except ValueError as exc:
            bank.problem(entry, f"accepted[{n}] {answer!r} cannot be graded: {exc}", "accepted")
            continue
        for spelling, verdict in zip(spellings, verdicts, strict=True):
            if not verdict.correct:
                kinds = ", ".join(i.kind for i in verdict.issues)
                bank.problem(
                    entry,
                    f"accepted[{n}] {answer!r} typed as {spelling!r} is not graded correct "
                    f"by the grader ({kinds})",
                    "accepted",
                )


def lint(bank: Bank) -> None:
    """Add every content problem to bank.problems."""
    words = level_words(bank)
    sector_words: dict[str, set[str]] = {}
    for entry in bank.of_kind("vocab"):
        for sector in entry.data.get("sectors", []):
            sector_words.setdefault(sector, set()).add(entry.data["word"])
    media = bank.root.parent / "media"
    for entry in list(bank.entries.values()):
        if entry.kind == "lesson":
            continue
        if entry.kind == "question" and not str(entry.data.get("explanation_id", "")).strip():
            bank.problem(entry, "no Indonesian explanation (explanation_id)", "explanation_id")
        if entry.kind == "listening" and not (media / entry.data["audio"]).is_file():
            bank.problem(entry, f"audio file media/{entry.data['audio']} is missing", "audio")
        if entry.kind == "question" and entry.data.get("type") == "typed":
            check_typed(bank, entry)
        allowed = words.get(entry.level or "N4", words["N4"])
        for sector in [entry.data.get("sector")] + list(entry.data.get("sectors", [])):
            if sector:
                allowed = allowed | sector_words.get(sector, set())
        for field, text in japanese_texts(entry):
            check_unknown_words(bank, entry, field, text)
            check_furigana(bank, entry, field, text)
            if entry.kind != "kanji":
                check_level(bank, entry, field, text, allowed)
    bank.problems.sort(key=lambda p: (p.file, p.line, p.message))
