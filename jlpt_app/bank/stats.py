"""Counts of what the bank holds (for `flask bank stats --json`)."""

from __future__ import annotations

from jlpt_app.bank.loader import Bank
from jlpt_app.bank.schema import SECTORS

LEVEL_KEYS = ("vocab", "kanji", "grammar", "questions", "typed_questions", "reading", "listening")


def bank_stats(bank: Bank) -> dict:
    levels = {level: dict.fromkeys(LEVEL_KEYS, 0) for level in ("N5", "N4")}
    sectors = {sector: {"vocab": 0, "phrases": 0, "questions": 0} for sector in SECTORS}
    migration = {"lessons": 0, "questions": 0}
    for entry in bank.entries.values():
        data, kind = entry.data, entry.kind
        level = levels.get(data.get("level") or "")
        if kind == "vocab":
            for sector in data.get("sectors", []):
                sectors[sector]["vocab"] += 1
            if level is not None:
                level["vocab"] += 1
        elif kind in ("kanji", "grammar", "reading", "listening") and level is not None:
            level[kind] += 1
        elif kind == "phrase":
            sectors[data["sector"]]["phrases"] += 1
        elif kind == "lesson":
            migration["lessons"] += 1
        elif kind == "question":
            if data.get("section") == "migration":
                migration["questions"] += 1
                continue
            if data.get("sector") in sectors:
                sectors[data["sector"]]["questions"] += 1
            if level is not None:
                level["questions"] += 1
                if data.get("type") == "typed":
                    level["typed_questions"] += 1
    return {**levels, "sectors": sectors, "migration": migration}
