"""The command line: help with examples everywhere, exact one-line errors, exit code 2."""

import json

import pytest
from click.testing import CliRunner
from paths import GOLD, SEEDS, need_shared

from flows.cli import main

COMMANDS = sorted(main.commands)


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output and f"indicators {command}" in result.output


def test_run_with_a_missing_source_exits_2_with_one_line(tmp_path):
    result = invoke("run", "--source", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "w"))
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {tmp_path / 'nope'}: no such file or folder. Check the path, or pass --source "
        "with a folder of .txt/.md/.html files.\n")


def test_sql_without_a_warehouse_says_how_to_make_one(tmp_path):
    result = invoke("sql", "select 1", "--warehouse", str(tmp_path))
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {tmp_path / 'indicators.duckdb'}: no warehouse here yet. Run `indicators run "
        f"--warehouse {tmp_path}` first, or point --warehouse at an existing one.\n")


def test_sql_reports_a_bad_query_in_one_line(tmp_path):
    from warehouse.store import Warehouse

    with Warehouse(tmp_path).write():
        pass
    result = invoke("sql", "selec 1", "--warehouse", str(tmp_path))
    assert result.exit_code == 2
    assert result.output.startswith(
        "Error: query failed: Parser Error: syntax error at or near \"selec\"")
    assert result.output.count("\n") == 1


def test_sql_prints_csv_and_json(tmp_path):
    from warehouse.store import Warehouse

    with Warehouse(tmp_path).write():
        pass
    csv = invoke("sql", "select 1 as a, 'x' as b", "--warehouse", str(tmp_path), "--format", "csv")
    assert csv.output == "a,b\n1,x\n"
    out = invoke("sql", "select 1 as a", "--warehouse", str(tmp_path), "--format", "json").output
    assert json.loads(out) == [{"a": 1}]


def test_eval_with_a_missing_gold_file(tmp_path):
    result = invoke("eval", "--gold", str(tmp_path / "g.jsonl"), "--source", str(tmp_path))
    assert result.exit_code == 2
    assert result.output == (f"Error: {tmp_path / 'g.jsonl'}: no such gold file. Pass --gold with "
                             "a .jsonl of annotated mentions (GUIDE.md section 3).\n")


def test_eval_names_the_bad_line_of_a_gold_file(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"doc": "a.txt", "start": 0, "end": 3, "value": 1, "unit": "t"}\n{oops\n',
                    encoding="utf-8")
    (tmp_path / "a.txt").write_text("5 t", encoding="utf-8")
    result = invoke("eval", "--gold", str(gold), "--source", str(tmp_path))
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {gold}:2: not valid JSON")


def test_eval_prints_the_scores_on_the_seeds():
    need_shared()
    result = invoke("eval", "--gold", str(GOLD), "--source", str(SEEDS), "--errors")
    assert result.exit_code == 0
    assert result.output.startswith("overall        P 1.0000  R 1.0000  F1 1.0000")
    assert "context agreement on matched mentions:" in result.output


def test_a_usage_mistake_exits_2():
    assert invoke("sql").exit_code == 2
    assert invoke("run", "--batch-size", "0").exit_code == 2


def test_serve_refuses_a_token_too_short_to_guard_anything(tmp_path):
    (tmp_path / "parquet").mkdir()
    (tmp_path / "parquet" / "datapackage.json").write_text("{}", encoding="utf-8")
    result = invoke("serve", "--warehouse", str(tmp_path), "--token", "abc")
    assert result.exit_code == 2
    assert result.output == (
        "Error: --token: use at least 8 characters (e.g. openssl rand -hex 16).\n")
