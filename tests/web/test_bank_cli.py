"""flask bank check / load / stats / export against a real database."""

from __future__ import annotations

import json

from sqlalchemy import select

from jlpt_app import db as dbmod
from jlpt_app.models import BankItem
from tests.unit.test_bank import GRAMMAR, TYPED, VOCAB, make_bank


def _runner(app, root):
    app.config["QUESTION_BANK"] = str(root)
    return app.test_cli_runner()


def _items(app) -> dict[str, BankItem]:
    with app.app_context():
        return {i.id: i for i in dbmod.session().scalars(select(BankItem))}


def test_load_is_idempotent_and_updates_in_place(app, tmp_path):
    root = make_bank(
        tmp_path,
        {"n5/vocab/a.toml": VOCAB, "n5/grammar/g.toml": GRAMMAR, "n5/questions/q.toml": TYPED},
    )
    runner = _runner(app, root)
    first = runner.invoke(args=["bank", "load"])
    assert first.exit_code == 0, first.output
    assert "added 3, updated 0, unchanged 0, retired 0" in first.output
    again = runner.invoke(args=["bank", "load"])
    assert "added 0, updated 0, unchanged 3, retired 0" in again.output
    created = _items(app)["n5-v-taberu"].created_at

    (root / "n5/vocab/a.toml").write_text(VOCAB.replace('"makan"', '"makan (menyantap)"'))
    edited = runner.invoke(args=["bank", "load"])
    assert "added 0, updated 1, unchanged 2, retired 0" in edited.output
    item = _items(app)["n5-v-taberu"]
    assert item.data["meaning_id"] == "makan (menyantap)"
    assert item.created_at == created  # the same row: history keyed by id survives

    (root / "n5/questions/q.toml").unlink()
    removed = runner.invoke(args=["bank", "load"])
    assert "retired 1" in removed.output
    assert _items(app)["n5-q-0001"].retired


def test_load_refuses_a_bank_with_problems_and_writes_nothing(app, tmp_path):
    root = make_bank(tmp_path, {"n5/vocab/a.toml": VOCAB.replace('pos = "verb-ichidan"', "")})
    result = _runner(app, root).invoke(args=["bank", "load"])
    assert result.exit_code != 0
    assert "missing field pos" in result.output
    assert _items(app) == {}


def test_check_exits_non_zero_and_names_problems(app, tmp_path):
    root = make_bank(
        tmp_path, {"n5/vocab/a.toml": VOCAB.replace("毎朝[まいあさ]", "毎朝[まいにち]")}
    )
    result = _runner(app, root).invoke(args=["bank", "check"])
    assert result.exit_code == 1
    assert "question_bank/n5/vocab/a.toml:" in result.output
    assert "1 entries, 1 problem" in result.output


def test_stats_json_and_export(app, tmp_path):
    root = make_bank(tmp_path, {"n5/vocab/a.toml": VOCAB, "n5/grammar/g.toml": GRAMMAR})
    runner = _runner(app, root)
    stats = json.loads(runner.invoke(args=["bank", "stats", "--json"]).output)
    assert stats["N5"]["vocab"] == 1 and stats["N5"]["grammar"] == 1
    out = tmp_path / "bank.json"
    result = runner.invoke(args=["bank", "export", "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["vocab"][0]["id"] == "n5-v-taberu"
    anki = runner.invoke(args=["bank", "export", "--format", "anki", "-o", str(tmp_path / "anki")])
    assert anki.exit_code == 0 and (tmp_path / "anki" / "nihongo-vokasi-n5.apkg").is_file()


def test_the_projects_own_bank_passes_the_linter(app):
    """Every committed batch of content must pass `bank check`."""
    from pathlib import Path

    from jlpt_app.bank.check import check

    bank = check(Path(app.config["QUESTION_BANK"]))
    assert [str(p) for p in bank.problems] == []
