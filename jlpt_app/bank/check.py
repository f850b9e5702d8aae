"""Run the loader and the linter: `python -m jlpt_app.bank.check [question_bank]`.

The same check as `flask --app jlpt_app bank check`, without the app (content writers
can run it anywhere)."""

from __future__ import annotations

import sys
from pathlib import Path

from jlpt_app.bank.lint import lint
from jlpt_app.bank.loader import Bank, load_bank


def check(root: Path) -> Bank:
    bank = load_bank(root)
    if not any(p.message.startswith("TOML syntax") for p in bank.problems):
        lint(bank)
    return bank


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path("question_bank")
    bank = check(root)
    for problem in bank.problems:
        print(problem)
    count = len(bank.problems)
    print(f"{len(bank.entries)} entries, {count} problem{'s' if count != 1 else ''}")
    return 1 if count else 0


if __name__ == "__main__":
    raise SystemExit(main())
