"""Path mistakes end in one line and exit code 2 before Prefect starts, with advice that works."""

import pytest
from click.testing import CliRunner

from flows.cli import main

ADVICE = ("Point --warehouse at a folder: one `indicators run` wrote, or a new one it creates "
          "(e.g. --warehouse warehouse-data).")


@pytest.fixture
def a_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a warehouse", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [
    ["run"], ["deploy", "--cron", "0 6 * * *"], ["sql", "select 1"], ["serve"]])
def test_a_warehouse_that_is_a_file_stops_in_one_line_before_prefect_starts(a_file, command):
    result = CliRunner().invoke(main, [*command, "--warehouse", str(a_file)])
    assert result.exit_code == 2
    assert result.output == f"Error: {a_file}: is a file, not a folder. {ADVICE}\n"


def test_a_warehouse_under_a_file_stops_in_one_line(a_file):
    result = CliRunner().invoke(main, ["run", "--warehouse", str(a_file / "w")])
    assert result.exit_code == 2
    assert result.output == (f"Error: {a_file / 'w'}: {a_file} is a file, so no folder can be "
                             f"made here. {ADVICE}\n")


def test_the_advice_for_a_missing_warehouse_names_a_folder_run_can_create(tmp_path):
    result = CliRunner().invoke(main, ["sql", "select 1", "--warehouse", str(tmp_path / "w")])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {tmp_path / 'w' / 'indicators.duckdb'}: no warehouse here yet. Run `indicators "
        f"run --warehouse {tmp_path / 'w'}` first, or point --warehouse at an existing one.\n")


def test_serve_on_a_port_in_use_says_which_and_what_to_do_without_serving(tmp_path):
    import socket

    (tmp_path / "parquet").mkdir()
    (tmp_path / "parquet" / "datapackage.json").write_text("{}", encoding="utf-8")
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--warehouse", str(tmp_path),
                                           "--port", str(port)])
    assert result.exit_code == 2
    assert result.output == (f"Error: 127.0.0.1:{port}: that port is in use (Address already in "
                             f"use). Stop what is serving there, or choose another port: "
                             f"--port {port + 1}\n")
