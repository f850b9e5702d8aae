"""The question bank: TOML files -> checked entries (pure: no Flask, no database).

    from jlpt_app.bank import load_bank
    bank = load_bank(Path("question_bank"))
    bank.problems      # every schema problem, each naming file and line
    bank.entries       # id -> Entry

See docs/question-bank.md for the format.
"""

from jlpt_app.bank.loader import Bank, Entry, Problem, load_bank

__all__ = ["Bank", "Entry", "Problem", "load_bank"]
