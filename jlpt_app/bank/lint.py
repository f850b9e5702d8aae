"""Content checks of `flask bank check`, on top of the loader's schema checks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from jlpt_app.bank.loader import Bank, Entry
from jlpt_app.grading import grade
from jlpt_app.grading.analyse import analyse, tagger
from jlpt_app.grading.normalize import fold, has_kanji, numbers_to_kanji, to_hiragana
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


_O_ROW = set("おこそとのほもよろごぞどぼぽょ")
_E_ROW = set("えけせてねへめれげぜでべぺ")
_SAME_SOUND = str.maketrans("づぢ", "ずじ")


def _loose(kana: str) -> str:
    """Compare readings by sound: ー, おう/おお and えい/ええ fold together (the
    analyser gives pronunciations such as ガクセー for がくせい)."""
    out: list[str] = []
    # ず/づ and じ/ぢ sound the same; the analyser's pronunciations use ず and じ.
    for c in fold(to_hiragana(kana)).translate(_SAME_SOUND):
        if out and ((c in "うお" and out[-1] in _O_ROW) or (c in "いえ" and out[-1] in _E_ROW)):
            c = ":"
        out.append(c)
    return "".join(out)


_NUMERALS = set("一二三四五六七八九十百千万何")
_SOUND_CHANGES = str.maketrans(
    "ぱぴぷぺぽばびぶべぼがぎぐげござじずぜぞだぢづでど",
    "はひふへほはひふへほかきくけこさしすせそたちつてと",
    "っちつ",
)


def _counter_loose(kana: str) -> str:
    """Numbers and counters change sound (にじゅっぷん, さんぼん, いっかい): compare without
    っ, the ち/つ/う it replaces, and voicing, which the analyser does not apply."""
    return _loose(kana).replace("ゅう", "ゅ").replace("ゅ:", "ゅ").translate(_SOUND_CHANGES)


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


def _expected_reading(text: str, spans, start: int, end: int) -> str | None:
    """The reading of text[start:end] from its furigana and kana, or None if a kanji there
    has no furigana."""
    out, pos = [], start
    for s, e, reading in spans:
        if e <= start or s >= end:
            continue
        if s < start or e > end or has_kanji(text[pos:s]):
            return None
        out += [to_hiragana(text[pos:s]), reading]
        pos = e
    if has_kanji(text[pos:end]):
        return None
    out.append(to_hiragana(text[pos:end]))
    return "".join(out)


def _furigana_fits(text: str, spans, span: tuple[int, int, str]) -> bool:
    """Does one of the analyser's 3 best parses read this span as its furigana says?

    The span is compared on the whole tokens around it (食[た]べる is one token 食べ;
    飲[の]み物[もの] one token 飲み物), reading them from all the furigana they hold."""
    start, end, _reading = span
    loose = _counter_loose if _NUMERALS & set(text[start:end]) else _loose
    for parse in _nbest_readings(text):
        pos, first, last, pieces = 0, None, None, []
        for surface, reading in parse:
            # MeCab drops spaces and line breaks: find where the token really is.
            found = text.find(surface, pos)
            s = found if found >= 0 else pos
            e = s + len(surface)
            if s < end and e > start:
                first = s if first is None else first
                last = e
                pieces.append(reading)
            pos = e
        if first is None:
            continue
        expected = _expected_reading(text, spans, first, last)
        if expected is not None and loose(expected) == loose("".join(pieces)):
            return True
    alone = "".join(m.reading for m in analyse(text[start:end]))
    return loose(span[2]) == loose(alone)


def check_furigana(bank: Bank, entry: Entry, field: str, text: str) -> None:
    normal = numbers_to_kanji(text)
    base, spans = parse_furigana(normal)
    for start, end, reading in spans:
        word = base[start:end]
        if reading in bank.readings_ok.get(word, ()):
            continue
        if not _furigana_fits(base, spans, (start, end, reading)):
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
    return [w.strip() for w in re.split(r"[/・、,;\s]", word) if w.strip()]


_KANJI_CHARS = re.compile(r"[\u3400-\u9fff々]")


def _kanji_key(word: str) -> str:
    return "".join(_KANJI_CHARS.findall(word))


def _levelled_words(bank: Bank) -> list[tuple[str, str, str]]:
    """(level, word as written, reading) from question_bank/wordlists/ and the bank's
    own vocabulary (sector words count as N4)."""
    rows: list[tuple[str, str, str]] = []
    for level in ("N5", "N4"):
        for name in (f"{level.lower()}.tsv", f"{level.lower()}-additions.tsv"):
            listing = bank.root / "wordlists" / name
            if listing.is_file():
                for line in listing.read_text(encoding="utf-8").splitlines()[1:]:
                    word, _, reading = line.partition("\t")
                    rows += [
                        (level, w, r) for w in _spellings(word) for r in _spellings(reading) or [w]
                    ]
    for entry in bank.of_kind("vocab"):
        for w in _spellings(entry.data["word"]):
            rows.append((entry.data.get("level", "N4"), w, entry.data["reading"]))
    return rows


def _open_at(level: str) -> tuple[str, ...]:
    """The levels whose sentences may use a word of `level` (N5 words serve N4 too)."""
    return tuple(lv for lv in ("N5", "N4") if LEVEL_ORDER[lv] >= LEVEL_ORDER.get(level, 1))


def level_readings(rows: list[tuple[str, str, str]]) -> dict[str, dict[str, set[str]]]:
    """Per level: the kanji of a listed word -> its readings, so that okurigana spelling
    variants pass (the list writes 集る and 終る; sentences write 集まる and 終わる)."""
    out: dict[str, dict[str, set[str]]] = {"N5": {}, "N4": {}}
    for level, word, reading in rows:
        key = _kanji_key(word)
        if key:
            for lv in _open_at(level):
                out[lv].setdefault(key, set()).add(to_hiragana(reading).removesuffix("する"))
    return out


def level_words(rows: list[tuple[str, str, str]]) -> dict[str, set[str]]:
    """Words (as written) available at each level: N5 words, then N5 + N4 words."""
    by_level: dict[str, set[str]] = {"N5": set(), "N4": set()}
    for level, word, _reading in rows:
        for lv in _open_at(level):
            by_level[lv].add(word)
    return by_level


_AFFIXES = ("お", "ご")
_TITLES = ("さん", "さま", "ちゃん", "くん")


def _word_known(candidates: set[str], allowed: set[str]) -> bool:
    for word in candidates:
        if word in allowed or any(f"{a}{word}" in allowed for a in _AFFIXES):
            return True
        if any(word.startswith(a) and word[len(a) :] in allowed for a in _AFFIXES):
            return True
        if any(word.endswith(t) and word[: -len(t)] in allowed for t in _TITLES):
            return True
    return False


def check_level(
    bank: Bank,
    entry: Entry,
    field: str,
    text: str,
    allowed: set[str],
    readings: dict[str, set[str]] | None = None,
) -> None:
    """Kanji words must belong to the entry's level or below (kana words are always fine).

    The analyser may cut a listed word in pieces (日本語 -> 日本 + 語, お茶 -> お + 茶), so
    a piece passes when it and its neighbours spell a listed word."""
    morphemes = analyse(plain(numbers_to_kanji(text)))
    for k, m in enumerate(morphemes):
        if (
            not has_kanji(m.surface)
            or m.pos2 in ("固有名詞", "数詞")
            or m.pos3.startswith("助数詞")
        ):
            continue
        if m.pos1 in ("接尾辞", "接頭辞", "助動詞"):
            continue
        if m.surface[0] in _NUMERALS and len(m.surface) <= 3:
            continue  # 何時, 三人: a number (or 何) with its counter
        candidates = {m.orth_base, m.surface, m.lemma}
        for a in range(max(0, k - 2), k + 1):
            for b in range(k + 1, min(len(morphemes), k + 3) + 1):
                window = morphemes[a:b]
                candidates.add("".join(x.surface for x in window))
                candidates.add("".join(x.surface for x in window[:-1]) + window[-1].orth_base)
        if readings and m.base in readings.get(_kanji_key(m.orth_base), ()):
            continue  # an okurigana variant of a listed word (集まる for 集る)
        if not _word_known(candidates, allowed):
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
    rows = _levelled_words(bank)
    words = level_words(rows)
    readings = level_readings(rows)
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
                check_level(bank, entry, field, text, allowed, readings.get(entry.level or "N4"))
    bank.problems.sort(key=lambda p: (p.file, p.line, p.message))
