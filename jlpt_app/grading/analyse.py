"""Morphological analysis with fugashi + unidic-lite: one Tagger per process."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

from jlpt_app.grading.normalize import to_hiragana

_lock = threading.Lock()
_tagger = None


def tagger():
    """The process's Tagger, created on first use (loading the dictionary takes ~0.1 s)."""
    global _tagger
    if _tagger is None:
        with _lock:
            if _tagger is None:
                import fugashi

                _tagger = fugashi.Tagger()
    return _tagger


CONTENT_POS = {"名詞", "代名詞", "動詞", "形容詞", "形状詞", "副詞", "連体詞", "接続詞", "感動詞"}


@dataclass(frozen=True, slots=True)
class Morpheme:
    surface: str
    reading: str  # hiragana; the surface itself when the dictionary does not know the word
    base: str  # hiragana reading of the dictionary form (食べ -> たべる)
    lemma: str
    orth_base: str  # the dictionary form as commonly written (ご飯, not the lemma 御飯)
    pos1: str
    pos2: str
    pos3: str
    conj_type: str
    conj_form: str
    known: bool

    @property
    def is_content(self) -> bool:
        return self.pos1 in CONTENT_POS

    @property
    def is_particle(self) -> bool:
        return self.pos1 == "助詞"

    @property
    def is_auxiliary(self) -> bool:
        return self.pos1 == "助動詞"


@lru_cache(maxsize=4096)
def analyse(text: str) -> tuple[Morpheme, ...]:
    """Morphemes of `text` (cached: predicates and accepted answers repeat a lot)."""
    out = []
    for word in tagger()(text):
        f = word.feature
        kana = f.kana
        known = kana is not None and not word.is_unk
        out.append(
            Morpheme(
                surface=word.surface,
                reading=to_hiragana(kana) if known else to_hiragana(word.surface),
                base=to_hiragana(f.kanaBase or kana) if known else to_hiragana(word.surface),
                lemma=(f.lemma or word.surface).split("-")[0],
                orth_base=f.orthBase or word.surface,
                pos1=f.pos1 or "",
                pos2=f.pos2 or "",
                pos3=f.pos3 or "",
                conj_type=f.cType or "*",
                conj_form=f.cForm or "*",
                known=known,
            )
        )
    return tuple(out)
