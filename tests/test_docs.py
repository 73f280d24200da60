"""The README documents every command, and the data dictionary matches the schemas."""

import re

import pytest
from paths import ROOT, SAMPLES

from flows.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_appears_in_the_readme():
    for command in main.commands:
        shown = re.search(rf"indicators {command}\b", README)
        assert shown, f"README does not show `indicators {command}`"


def test_the_readme_gives_the_two_commands_of_the_contract():
    assert "uv run indicators run" in README
    assert "uv run pytest" in README


def test_the_data_dictionary_is_generated_from_the_schemas():
    from schemas.dictionary import render

    committed = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == render(), (
        "run: uv run python -m schemas.dictionary > docs/data-dictionary.md")


def test_the_architecture_names_files_that_exist_and_says_how_to_add_each_kind_of_thing():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    folders = "flows|transforms|schemas|warehouse|tests|benchmarks"
    named = set(re.findall(rf"`((?:{folders})/[\w/.-]*\w)`", text))
    assert len(named) > 30
    assert [path for path in sorted(named) if not (ROOT / path).exists()] == []
    for thing in ("A source type", "A unit", "An indicator code", "A published dataset"):
        assert f"**{thing}" in text, f"docs/architecture.md does not say how to add {thing.lower()}"


def readme_commands(program: str) -> list[list[str]]:
    """The README's shell examples that run `program` (e.g. `indicators sql`), as
    arguments: lines joined where a quote or a backslash continues them."""
    import shlex

    commands, pending = [], ""
    for block in re.findall(r"```bash\n(.*?)```", README, re.DOTALL):
        for line in block.splitlines():
            pending += line + "\n"
            if pending.rstrip().endswith("\\") or pending.count('"') % 2:
                continue
            args = shlex.split(pending.replace("\\\n", " "), comments=True)
            pending = ""
            if args[:2] == ["uv", "run"] and " ".join(args[2:4]) == program:
                commands.append(args[3:])
    return commands


@pytest.fixture(scope="module")
def sample_warehouse(prefect_harness, tmp_path_factory):
    from flows.options import RunOptions
    from flows.pipeline import run

    warehouse = tmp_path_factory.mktemp("readme")
    run(RunOptions((str(SAMPLES),), str(warehouse)))
    return warehouse


def test_every_sql_example_of_the_readme_runs_on_the_samples(sample_warehouse):
    from click.testing import CliRunner

    examples = readme_commands("indicators sql")
    assert len(examples) >= 8
    for args in examples:
        args = [str(sample_warehouse) if a == "/tmp/w" else a for a in args]
        result = CliRunner(env={"COLUMNS": "200"}).invoke(main, args)
        assert result.exit_code == 0, (args, result.output)
        assert result.stdout.strip(), args


def test_the_readmes_python_for_the_parquet_files_runs_in_this_project(sample_warehouse):
    import shutil
    import subprocess

    found = re.search(r"## Read the Parquet files.*?```python\n(.*?)```", README, re.DOTALL)
    block = found.group(1)
    assert block.startswith("# uv run --with pandas python")
    script = block.replace("/tmp/w", str(sample_warehouse))
    uv = shutil.which("uv")
    assert uv, "uv is needed (pip install uv)"
    out = subprocess.run([uv, "run", "--quiet", "--with", "pandas", "python", "-c", script],
                         cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
