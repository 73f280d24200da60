"""What `indicators sql` prints: every column type in every format, and tables that fit the
terminal without cutting a number."""

import json

import pytest
from click.testing import CliRunner

from flows.cli import main
from warehouse.store import Warehouse


@pytest.fixture
def warehouse(tmp_path):
    with Warehouse(tmp_path).write():
        pass
    return str(tmp_path)


def sql(warehouse: str, query: str, *options: str, columns: int = 80):
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(
        main, ["sql", "--warehouse", warehouse, *options, query])


def test_csv_writes_a_list_column_as_json_text(warehouse):
    result = sql(warehouse, "select ['a.txt', 'b.txt'] as sources, {'n': 2} as s, 1 as n",
                 "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout == 'sources,s,n\n"[""a.txt"", ""b.txt""]","{""n"": 2}",1\n'


def test_json_keeps_a_list_column_a_list(warehouse):
    result = sql(warehouse, "select ['a.txt', 'b.txt'] as sources", "--format", "json")
    assert json.loads(result.stdout) == [{"sources": ["a.txt", "b.txt"]}]


def test_a_table_wraps_text_and_never_cuts_a_number(warehouse):
    result = sql(warehouse, "select 'East Kazakhstan Region' as entity, 225200.0::double as value, "
                            "repeat('plenty of words ', 6) as sentence", columns=50)
    assert result.exit_code == 0
    assert "225200.0" in result.stdout
    assert "…" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 50
    assert result.stderr == "1 row(s)\n"


def test_a_table_too_wide_for_the_terminal_prints_each_row_as_column_value_lines(warehouse):
    result = sql(warehouse, "select 'Almaty' as entity, 123456789.125::double as value, "
                            "987654321.5::double as value_high, 2024 as year, 3 as n_sources, "
                            "['a.txt'] as sources", columns=40)
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines == ["-[ row 1 ]-", "entity       Almaty", "value        123456789.125",
                     "value_high   987654321.5", "year         2024", "n_sources    3",
                     'sources      ["a.txt"]']


def test_a_table_shortens_a_long_text_value_and_says_so(warehouse):
    result = sql(warehouse, "select repeat('x', 400) as sentence, 1.5::double as value",
                 columns=400)
    assert "x" * 299 + "…" in result.stdout and "x" * 300 not in result.stdout
    assert result.stderr == ("1 row(s)\n1 text value(s) shortened to 300 characters (marked …); "
                             "--format csv or --format json prints them whole\n")


def test_the_summary_of_a_run_with_nothing_new_says_nothing_was_processed(capsys, monkeypatch):
    from flows.console import print_summary
    from flows.lineage import RunSummary

    monkeypatch.setenv("COLUMNS", "200")
    summary = RunSummary(run_id="r1", warehouse="/tmp/w", documents_seen=5, documents_unchanged=5,
                         documents_loaded=5, parquet="/tmp/w/parquet")
    print_summary(summary, 1.0)
    lines = [line.strip("│ ").split("│") for line in capsys.readouterr().out.splitlines()]
    rows = {cells[0].strip(): cells[1].strip() for cells in lines if len(cells) == 2}
    assert rows["documents"] == "5 found; 0 processed by this run: 0 new, 0 changed (5 unchanged)"
    assert rows["status"] == "of the 5: 5 loaded, 0 skipped, 0 failed"
    assert rows["claims"] == "0 loaded by this run"
