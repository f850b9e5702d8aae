"""An accepted answer, analysed once: units with their valid readings, grouped in phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jlpt_app.grading.analyse import Morpheme, analyse
from jlpt_app.grading.normalize import (
    has_kanji,
    is_katakana_word,
    numbers_to_kanji,
    strip_punctuation,
    to_hiragana,
    widths,
)

_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_KANJI_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]")

# Words whose kanji spelling has several everyday readings. Without furigana every
# one of them is right; the analyser alone would pick one (私 -> わたくし).
ALTERNATIVE_READINGS: dict[str, tuple[str, ...]] = {
    "私": ("わたし", "わたくし", "あたし"),
    "日本": ("にほん", "にっぽん"),
    "明日": ("あした", "あす"),
    "今日": ("きょう",),
    "昨日": ("きのう",),
    "今朝": ("けさ",),
    "今年": ("ことし",),
    "一人": ("ひとり",),
    "二人": ("ふたり",),
    "一日": ("いちにち", "ついたち"),
    "何": ("なに", "なん"),
    "方": ("かた", "ほう"),
    "大人": ("おとな",),
    "上手": ("じょうず",),
    "下手": ("へた",),
    "時計": ("とけい",),
    "眼鏡": ("めがね",),
    "お母さん": ("おかあさん",),
    "お父さん": ("おとうさん",),
}

# Particle spelling in romaji follows pronunciation: "wa", "o", "e".
PARTICLE_SOUNDS = {"は": "わ", "を": "お", "へ": "え"}


@dataclass(frozen=True, slots=True)
class Unit:
    surface: str  # as written in the accepted answer (kanji kept)
    readings: tuple[str, ...]  # hiragana, the intended one first
    pos1: str
    pos2: str
    lemma: str
    role: str  # "content" | "particle" | "function" (auxiliaries, suffixes, prefixes)
    katakana: bool  # a word that must be written in katakana (loanword)
    adverbial: bool = False  # a noun used as an adverb (毎朝, 今日): a phrase of its own

    @property
    def reading(self) -> str:
        return self.readings[0]


@dataclass(frozen=True, slots=True)
class Phrase:
    units: tuple[Unit, ...]

    @property
    def reading(self) -> str:
        return "".join(u.reading for u in self.units)

    @property
    def surface(self) -> str:
        return "".join(u.surface for u in self.units)

    @property
    def content(self) -> tuple[Unit, ...]:
        """The phrase without its trailing particles."""
        end = len(self.units)
        while end > 1 and self.units[end - 1].role == "particle":
            end -= 1
        return self.units[:end]

    @property
    def particles(self) -> tuple[Unit, ...]:
        return self.units[len(self.content) :]


@dataclass(frozen=True)
class Target:
    source: str  # the accepted answer as given (furigana notation)
    text: str  # without furigana
    phrases: tuple[Phrase, ...]  # the last one is the predicate
    predicate: tuple[Morpheme, ...]  # morphemes of the predicate phrase, for conjugation checks
    kanji_readings: dict[str, tuple[str, ...]]  # kanji run -> readings, to read the answer's kanji

    @property
    def reading(self) -> str:
        return "".join(p.reading for p in self.phrases)


def parse_furigana(accepted: str) -> tuple[str, list[tuple[int, int, str]]]:
    """'食[た]べます' -> ('食べます', [(0, 1, 'た')]); the bracket reads the kanji run before it."""
    plain: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for match in _BRACKET.finditer(accepted):
        plain.append(accepted[pos : match.start()])
        text = "".join(plain)
        reading = to_hiragana(strip_punctuation(match.group(1)))
        floor = spans[-1][1] if spans else 0  # a bracket never reaches into the previous word
        start = _span_start(text, reading, floor)
        if start < len(text) and reading:
            spans.append((start, len(text), reading))
        pos = match.end()
    plain.append(accepted[pos:])
    return "".join(plain), spans


def furigana_pieces(text: str) -> list[tuple[str, str | None]]:
    """The text cut into (as written, reading or None) pieces.

    The one reading of the notation that the grader, the linter, the lesson pages and
    the speech synthesiser share, so ご飯[ごはん] means the same everywhere."""
    base, spans = parse_furigana(text)
    pieces: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, reading in spans:
        if start > pos:
            pieces.append((base[pos:start], None))
        pieces.append((base[start:end], reading))
        pos = end
    if pos < len(base):
        pieces.append((base[pos:], None))
    return pieces


def _span_start(text: str, reading: str, floor: int = 0) -> int:
    """Where the word a bracket reads begins: its kanji run, plus any kana the
    writer put inside the bracket too (ご飯[ごはん], 食べ[たべ])."""
    end = len(text)
    tail = 0  # okurigana written inside the bracket
    while (
        tail < end
        and not _KANJI_CHAR.match(text[end - 1 - tail])
        and tail < len(reading)
        and to_hiragana(text[end - 1 - tail]) == reading[-1 - tail]
        and end - 1 - tail > 0
        and _KANJI_CHAR.match(text[end - 2 - tail])
    ):
        tail += 1
    start = end - tail
    while start > floor and _KANJI_CHAR.match(text[start - 1]):
        start -= 1
    if start == end - tail:
        return end  # no kanji before the bracket: nothing to read
    # The polite prefix written inside the bracket too: ご飯[ごはん], お茶[おちゃ].
    if start > floor and text[start - 1] in "おご" and reading.startswith(text[start - 1]):
        return start - 1
    return start


def _role(m: Morpheme) -> str:
    if m.pos1 == "助詞" and m.pos2 != "接続助詞":
        return "particle"
    if m.pos1 == "助動詞" and m.lemma == "だ" and m.surface == "に":
        return "particle"  # 安全に, きれいに: students learn this に as a particle
    if m.is_content:
        return "content"
    return "function"


def _okurigana_split(surface: str, reading: str) -> list[tuple[str, str]]:
    """Pair each kanji run of a word with its part of the reading ('お茶','おちゃ' -> 茶:ちゃ)."""
    kana_surface = to_hiragana(surface)
    head = 0
    while (
        head < len(surface)
        and not _KANJI_CHAR.match(surface[head])
        and (head < len(reading) and kana_surface[head] == reading[head])
    ):
        head += 1
    tail = 0
    while (
        tail < len(surface) - head
        and not _KANJI_CHAR.match(surface[-1 - tail])
        and tail < len(reading) - head
        and kana_surface[-1 - tail] == reading[-1 - tail]
    ):
        tail += 1
    core = surface[head : len(surface) - tail]
    core_reading = reading[head : len(reading) - tail]
    if core and core_reading and not any(c for c in core if not _KANJI_CHAR.match(c)):
        return [(core, core_reading)]
    return []


def _units(text: str, spans: list[tuple[int, int, str]]) -> list[Unit]:
    # A space where a furigana word starts keeps MeCab from joining it to the word
    # before (毎朝野菜 is two words when the writer gave each its reading).
    cuts = sorted({s for s, _e, _r in spans if s > 0})
    spaced = "".join((" " if i in cuts else "") + c for i, c in enumerate(text))
    morphemes = [m for m in analyse(spaced) if m.pos1 not in ("補助記号", "空白")]
    # Character offsets, to find which furigana span each morpheme falls in.
    offsets, pos = [], 0
    for m in morphemes:
        start = text.index(m.surface, pos)
        offsets.append((start, start + len(m.surface)))
        pos = start + len(m.surface)

    units: list[Unit] = []
    i = 0
    while i < len(morphemes):
        start, end = offsets[i]
        j = i + 1
        # A furigana word split by the analyser becomes one unit.
        while j < len(morphemes) and any(s < end < e for s, e, _ in spans):
            end = offsets[j][1]
            j += 1
        group = morphemes[i:j]
        surface = text[start:end]
        covering = [(s, e, r) for s, e, r in spans if start <= s and e <= end]
        if covering:
            reading, k = [], start
            for s, e, r in covering:
                reading.append(to_hiragana(text[k:s]))
                reading.append(r)
                k = e
            reading.append(to_hiragana(text[k:end]))
            readings = ("".join(reading),)
        else:
            analysed = "".join(m.reading for m in group)
            extra = ALTERNATIVE_READINGS.get(surface, ())
            readings = tuple(dict.fromkeys((*extra, analysed))) if extra else (analysed,)
        head = group[0]
        units.append(
            Unit(
                surface=surface,
                readings=readings,
                pos1=head.pos1,
                pos2=head.pos2,
                lemma=head.lemma,
                role=_role(head),
                katakana=is_katakana_word(surface),
                adverbial=head.pos3 == "副詞可能",
            )
        )
        i = j
    return units


def _starts_phrase(prev: Unit | None, unit: Unit) -> bool:
    if prev is None:
        return True
    if unit.role != "content" and unit.pos1 != "接頭辞":
        return False
    if prev.pos1 == "接頭辞":
        return False
    if unit.pos1 == "名詞" and prev.pos1 == "名詞" and not prev.adverbial:
        return False  # compound noun: 車 + いす (but 毎朝 | ご飯を)
    if unit.pos1 == "動詞" and unit.lemma in ("為る", "する") and prev.pos1 == "名詞":
        return False  # 勉強 + します
    if not (unit.pos1 in ("動詞", "形容詞") and unit.pos2 == "非自立可能"):
        return True
    if prev.surface in ("て", "で") and prev.pos2 == "接続助詞":
        return False  # 押して + ください, 食べて + いる (not 自転車で + 来ます)
    if prev.pos1 == "動詞" and unit.lemma in ("下さる", "為さる"):
        return False  # お待ち + ください
    # 高く + ない; but 小さく | 切って is two phrases
    return not (prev.pos1 in ("形容詞", "形状詞") and unit.lemma in ("無い", "ない"))


_LINKS = {"て", "で", "ば", "ても", "でも", "じゃ", "では"}
_PREDICATE_HEADS = {"動詞", "形容詞", "形状詞"}


def _links_into_predicate(group: list[Unit]) -> bool:
    """A verb or adjective phrase that only leads into the predicate:
    撮って|もいいです, 飲まなければ|なりません, きれいじゃ|ありません."""
    tail = [u.surface for u in group[-2:]]
    linked = tail[-1] in _LINKS or (len(tail) == 2 and tail[0] in _LINKS and tail[1] in "もは")
    return linked and any(u.pos1 in _PREDICATE_HEADS for u in group if u.role == "content")


def _phrases(units: list[Unit]) -> tuple[Phrase, ...]:
    groups: list[list[Unit]] = []
    prev = None
    for unit in units:
        if _starts_phrase(prev, unit) or not groups:
            groups.append([])
        groups[-1].append(unit)
        prev = unit
    while len(groups) > 1 and _links_into_predicate(groups[-2]):
        groups[-2:] = [groups[-2] + groups[-1]]
    return tuple(Phrase(tuple(g)) for g in groups)


@lru_cache(maxsize=2048)
def build_target(accepted: str) -> Target:
    normal = numbers_to_kanji(widths(accepted))
    normal = re.sub(r"\s+", "", normal)
    text, spans = parse_furigana(normal)
    units = _units(text, spans)
    if not units:
        raise ValueError(f"accepted answer has no words: {accepted!r}")
    phrases = _phrases(units)
    kanji_readings: dict[str, list[str]] = {}
    for start, end, reading in spans:
        for core, core_reading in _okurigana_split(text[start:end], reading):
            kanji_readings.setdefault(core, [core_reading])
    for unit in units:
        if not has_kanji(unit.surface):
            continue
        for reading in unit.readings:
            for core, core_reading in _okurigana_split(unit.surface, reading):
                kanji_readings.setdefault(core, [])
                if core_reading not in kanji_readings[core]:
                    kanji_readings[core].append(core_reading)
    predicate_text = phrases[-1].surface
    return Target(
        source=accepted,
        text=text,
        phrases=phrases,
        predicate=tuple(m for m in analyse(predicate_text) if m.pos1 != "補助記号"),
        kanji_readings={k: tuple(v) for k, v in kanji_readings.items()},
    )
