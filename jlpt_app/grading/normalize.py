"""Text normalisation: widths, romaji, numbers, kana folding. Pure functions.

Every answer and every accepted answer goes through the same steps, so two
spellings of the same reading end up as the same string of hiragana.
"""

from __future__ import annotations

import re
import unicodedata

from wanakana.utils.romaji_to_kana_map import get_romaji_to_kana_tree

MAX_ANSWER_LENGTH = 500

_KATAKANA_START, _KATAKANA_END = 0x30A1, 0x30F6
_HIRAGANA_OFFSET = 0x60

# Punctuation and symbols that carry no meaning in a short answer (after NFKC).
_PUNCTUATION = re.compile(
    r"[\s\u3000.,!?;:'\"`~()\[\]{}<>「」『』（）【】〔〕、。・！？…‥〜～\-_/\\|*#@&^%$+=]+"
)
_LATIN = re.compile(r"[a-z]")
_DIGITS = re.compile(r"\d+")
_THOUSANDS = re.compile(r"(?<=\d)[,.](?=\d{3}(?!\d))")
_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]")

_VOWEL_OF: dict[str, str] = {}
for _vowel, _row in {
    "あ": "あかさたなはまやらわがざだばぱぁゃゎ",
    "い": "いきしちにひみりぎじぢびぴぃ",
    "う": "うくすつぬふむゆるぐずづぶぷぅゅゔ",
    "え": "えけせてねへめれげぜでべぺぇ",
    "お": "おこそとのほもよろをごぞどぼぽぉょ",
}.items():
    for _kana in _row:
        _VOWEL_OF[_kana] = _vowel

_MACRONS = str.maketrans(
    {
        "ā": "aa",
        "ī": "ii",
        "ū": "uu",
        "ē": "ee",
        "ō": "ou",
        "â": "aa",
        "î": "ii",
        "û": "uu",
        "ê": "ee",
        "ô": "ou",
    }
)


_TO_HIRAGANA = {c: c - _HIRAGANA_OFFSET for c in range(_KATAKANA_START, _KATAKANA_END + 1)}


def to_hiragana(text: str) -> str:
    """Katakana to hiragana; everything else (including ー) unchanged."""
    return text.translate(_TO_HIRAGANA)


def is_katakana_word(text: str) -> bool:
    return bool(text) and all(_KATAKANA_START <= ord(c) <= _KATAKANA_END or c == "ー" for c in text)


def has_kanji(text: str) -> bool:
    return bool(_KANJI.search(text))


def has_latin(text: str) -> bool:
    return bool(_LATIN.search(text))


_DASHES = str.maketrans({"～": "ー", "〜": "ー", "−": "ー", "－": "ー"})


def widths(text: str) -> str:
    """Full-width letters and digits, half-width katakana: all to their usual form.

    NFKC also turns "ｗａｔａｓｈｉ" into "watashi" and "３" into "3"; the wave dash
    and long-vowel marks phone keyboards produce are unified to ー.
    """
    return unicodedata.normalize("NFKC", text).lower().translate(_DASHES)


def romaji_to_kana(text: str) -> str:
    """Romaji (any common variant) to hiragana, leaving kana and kanji as they are."""
    text = text.translate(_MACRONS)
    # Phone users type "nn" for ん and Hepburn writes "m" before b/m/p ("sempai").
    if "nn" in text:
        text = _NN.sub("n'", text)
    if "m" in text:
        text = _M_BEFORE_LABIAL.sub("n", text)
    # A hyphen between romaji vowels is a long-vowel mark ("ko-hi-").
    if "-" in text:
        text = _HYPHEN_AFTER_VOWEL.sub("ー", text)
    return _convert_romaji(text)


_NN = re.compile(r"nn(?=[^aiueoy]|$)")
_M_BEFORE_LABIAL = re.compile(r"m(?=[bmp])")
_HYPHEN_AFTER_VOWEL = re.compile(r"(?<=[aiueo])-")


_ROMAJI_TREE = get_romaji_to_kana_tree()


def _convert_romaji(text: str) -> str:
    """Greedy longest match over wanakana's romaji-to-kana tree.

    The mapping (Hepburn, kunrei and wāpuro variants, small っ before doubled
    consonants) is wanakana's; only the walk is written here, because
    wanakana.to_hiragana's recursive walk costs ~100 µs per sentence, five
    tokenisations, and every romaji answer goes through it.
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        node = _ROMAJI_TREE.get(text[i])
        if node is None:
            out.append(text[i])
            i += 1
            continue
        j, best, best_end = i + 1, node.get(""), i + 1
        while j < n:
            child = node.get(text[j])
            if child is None:
                break
            node, j = child, j + 1
            if "" in node:
                best, best_end = node[""], j
        if best is None:
            out.append(text[i])
            i += 1
        else:
            out.append(best)
            i = best_end
    return "".join(out)


_NUMERALS = "〇一二三四五六七八九"


def number_to_kanji(number: int) -> str:
    """12 -> 十二, 300 -> 三百, 2026 -> 二千二十六 (how the number is read)."""
    if number == 0:
        return "零"
    parts = []
    for value, name in ((10**8, "億"), (10**4, "万")):
        if number >= value:
            parts.append(number_to_kanji(number // value) + name)
            number %= value
    for value, name in ((1000, "千"), (100, "百"), (10, "十")):
        digit, number = divmod(number, value)
        if digit:
            parts.append(("" if digit == 1 else _NUMERALS[digit]) + name)
    if number:
        parts.append(_NUMERALS[number])
    return "".join(parts)


def numbers_to_kanji(text: str) -> str:
    if not _DIGITS.search(text):
        return text
    text = _THOUSANDS.sub("", text)  # 1,200 -> 1200
    return _DIGITS.sub(
        lambda m: number_to_kanji(int(m.group())) if len(m.group()) < 12 else m.group(), text
    )


def strip_punctuation(text: str) -> str:
    return _PUNCTUATION.sub("", text)


def fold(kana: str) -> str:
    """The comparison key of a hiragana string: ー becomes the vowel it lengthens
    (コーヒー and こおひい compare equal)."""
    if "ー" not in kana:
        return kana
    out: list[str] = []
    for c in kana:
        if c == "ー" and out:
            c = _VOWEL_OF.get(out[-1], "ー")
        out.append(c)
    return "".join(out)


# Spellings romaji cannot tell apart: long o as ou/oo, long e as ei/ee, zu/du, ji/di.
_ROMAJI_TWINS = {
    "う": "お",
    "お": "う",
    "い": "え",
    "え": "い",
    "ず": "づ",
    "づ": "ず",
    "じ": "ぢ",
    "ぢ": "じ",
}


def lengthens(prev: str, c: str) -> bool:
    """Is c the second half of a long vowel after prev, in one of its two spellings
    (おう/おお after an o-row kana, えい/ええ after an e-row kana)?"""
    vowel = _VOWEL_OF.get(prev)
    return (c in "うお" and vowel == "お") or (c in "いえ" and vowel == "え")


def romaji_variants(kana: str, limit: int = 8) -> list[str]:
    """Every spelling of a word that a romaji typist may have meant by the same letters.

    Applied to the accepted answer's words, never across word boundaries (the
    う of 上 after の is not a long vowel)."""
    variants = [kana]
    for i, c in enumerate(kana):
        twin = _ROMAJI_TWINS.get(c)
        if twin is None:
            continue
        if c in "うおいえ" and not (i and lengthens(kana[i - 1], c)):
            continue
        variants += [v[:i] + twin + v[i + 1 :] for v in variants]
        if len(variants) >= limit:
            break
    return list(dict.fromkeys(variants))[:limit]


def hiragana_long_vowels(kana: str) -> str:
    """How a katakana loanword looks when typed in hiragana: コーヒー -> こうひい."""
    out: list[str] = []
    for c in kana:
        if c == "ー" and out:
            vowel = _VOWEL_OF.get(out[-1], "ー")
            c = {"お": "う", "え": "い"}.get(vowel, vowel)
        out.append(c)
    return "".join(out)
